"""`geopol fmt`: one canonical form, stable, atomic, and never written over a bad fact base."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .conftest import BUNDLED, geopol, small_facts


def test_the_bundled_facts_are_in_canonical_form() -> None:
    ran = geopol("fmt", str(BUNDLED), "--check")
    assert (ran.exit_code, ran.stdout) == (0, f"{BUNDLED}: already in canonical form\n")


def test_fmt_rewrites_once_and_then_changes_nothing(write_facts: Any) -> None:
    data = small_facts()
    data["actors"][0]["aliases"] = []  # a default: dropped
    path = write_facts(json.dumps(data))  # one line, keys as given
    ran = geopol("fmt", str(path), "--check")
    assert ran.exit_code == 1 and "would be reformatted" in ran.stdout
    assert path.read_text() == json.dumps(data)  # --check writes nothing
    assert geopol("fmt", str(path)).stdout.endswith("reformatted\n")
    text = path.read_text(encoding="utf-8")
    assert text.startswith('{\n  "schema_version": 2,\n  "sources": [') and text.endswith("}\n")
    assert "Åland" in text and '"aliases": []' not in text
    assert json.loads(text)["people"] == data["people"]
    assert geopol("fmt", str(path), "--check").exit_code == 0
    assert geopol("fmt", str(path)).stdout.endswith("already in canonical form\n")


def test_fmt_writes_a_version_1_file_as_version_2(write_facts: Any) -> None:
    data = small_facts()
    data["schema_version"] = 1
    for record in data["events"] + data["claims"]:
        record.update(record.pop("citations")[0])
    path = write_facts(data)
    assert geopol("fmt", str(path)).exit_code == 0
    written = json.loads(path.read_text())
    assert written["schema_version"] == 2 and written["events"][0]["citations"] == [
        {"source": "src", "excerpt": "Excerpt of e-away."}
    ]
    assert geopol("validate", str(path), "--json").exit_code == 0


def test_fmt_refuses_a_bad_fact_base_and_writes_nothing(write_facts: Any) -> None:
    data = small_facts()
    data["events"][0]["actors"] = ["ghost"]
    path = write_facts(json.dumps(data))
    before = path.read_bytes()
    ran = geopol("fmt", str(path))
    assert ran.exit_code == 3 and "'ghost' is not the id of any actor" in ran.stderr
    assert path.read_bytes() == before
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_fmt_formats_each_file_of_a_folder_and_reads_standard_input(tmp_path: Path) -> None:
    data = small_facts()
    (tmp_path / "a.json").write_text(
        json.dumps({"schema_version": 2, "sources": data["sources"], "actors": data["actors"]})
    )
    (tmp_path / "b.json").write_text(json.dumps({"schema_version": 2, "events": data["events"]}))
    ran = geopol("fmt", str(tmp_path), "--json")
    assert [(f["file"], f["written"]) for f in json.loads(ran.stdout)["files"]] == [
        (str(tmp_path / "a.json"), True),
        (str(tmp_path / "b.json"), True),
    ]
    assert json.loads((tmp_path / "b.json").read_text())["sources"] == []  # every list is written
    piped = geopol("fmt", "-", input=json.dumps(data))
    assert piped.exit_code == 0 and json.loads(piped.stdout) == json.loads(
        geopol("fmt", "-", input=piped.stdout).stdout
    )


def test_the_canonical_text_is_what_json_dumps_writes_with_an_indent() -> None:
    # document_text writes with pydantic-core for speed; the text must stay Python's own, byte for byte.
    import json

    from geopol_cli.facts.write import document_text

    from .conftest import BUNDLED, synthetic_facts

    hostile = {"schema_version": 2, "sources": [{"id": "s", "title": '\x00\x1f\x7f\u2028\u202e/\\"é😀 \t\n'}]}
    for document in (json.loads(BUNDLED.read_text(encoding="utf-8")), synthetic_facts(300), hostile):
        ordered = {k: document[k] for k in ("$schema", "schema_version", "focus") if k in document}
        ordered.update({s: document.get(s, []) for s in ("sources", "actors", "people", "events", "claims")})
        assert document_text(document) == json.dumps(ordered, indent=2, ensure_ascii=False) + "\n"
