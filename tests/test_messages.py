"""Problems in geopol's words, at their place, naming their record (facts/messages.py, facts/load.py place).

No pydantic wording reaches a user: every validation error type the format
can raise has a sentence that says what the field must be.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from geopol_cli.core.errors import ExitCode

from .conftest import geopol, small_facts

PYDANTIC_WORDING = ("Input should", "should have at least", "String should", "after validation", "Value error")


def problems(tmp_path: Path, data: dict[str, Any]) -> list[dict[str, Any]]:
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    ran = geopol("validate", str(path), "--json")
    assert ran.exit_code == ExitCode.BAD_FACTS
    text = geopol("validate", str(path)).stdout
    assert not any(words in text for words in PYDANTIC_WORDING), text
    found: list[dict[str, Any]] = json.loads(ran.stdout)["problems"]
    return found


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (lambda d: d["actors"][0].update(iso2="a1"), "actors[0].iso2", "must be two capital letters"),
        (lambda d: d["actors"][0].update(iso3="KZ"), "actors[0].iso3", "must be three capital letters"),
        (lambda d: d["events"][0].update(actors=[]), "events[0].actors", "needs at least 1 item; it has 0"),
        (lambda d: d["events"][0].update(kind="militray"), "events[0].kind", "did you mean 'military'?"),
        (lambda d: d["people"][0].update(name="   "), "people[0].name", "must not be blank"),
        (lambda d: d["actors"][1].update(id="bad id"), "actors[1].id", "is not an id"),
        (lambda d: d["events"][0].update(summary=3), "events[0].summary", "must be text"),
        (lambda d: d["events"][0].update(targets="borduria"), "events[0].targets", "must be a list"),
        (lambda d: d["people"][0].update(leader=[1]), "people[0].leader", "must be true or false"),
        (lambda d: d["sources"][0].update(sha256="ABC"), "sources[0].sha256", "is not a SHA-256"),
    ],
)
def test_each_kind_of_schema_problem_in_plain_words(tmp_path: Path, change: Any, path: str, message: str) -> None:
    data = small_facts()
    change(data)
    [problem] = [p for p in problems(tmp_path, data) if p["path"] == path]
    assert message in problem["message"]


def test_a_missing_key_has_the_line_and_column_of_its_object(tmp_path: Path) -> None:
    data = small_facts()
    del data["events"][1]["summary"]
    [problem] = problems(tmp_path, data)
    assert problem["path"] == "events[1].summary" and problem["line"] is not None
    text = (tmp_path / "facts.json").read_text(encoding="utf-8").splitlines()
    assert text[problem["line"] - 1][problem["column"] - 1] == "{"  # the event the key is missing from


def test_a_problem_names_its_record_beside_the_json_path(tmp_path: Path) -> None:
    data = small_facts()
    data["events"][1]["citations"].append({"source": "nowhere", "excerpt": "x"})
    [problem] = problems(tmp_path, data)
    assert problem["path"] == "events[1].citations[1].source"
    assert problem["record"] == "e-counter.citations[1].source"
    line = geopol("validate", str(tmp_path / "facts.json")).stdout.splitlines()[0]
    assert line.endswith("[e-counter.citations[1].source]") and ": events[1].citations[1].source: " in line


def test_add_speaks_the_same_words(tmp_path: Path) -> None:
    assert geopol("init", str(tmp_path / "base")).exit_code == 0
    facts = str(tmp_path / "base" / "facts.json")
    ran = geopol("--facts", facts, "add", "actor", "--name", "X", "--kind", "country", "--iso2", "x1", "--no-input")
    assert ran.exit_code == ExitCode.USAGE
    assert "capital letters" in ran.stderr and not any(w in ran.stderr for w in PYDANTIC_WORDING)


def test_a_folder_with_a_schema_problem_still_reports_every_other_problem_in_one_run(tmp_path: Path) -> None:
    data = small_facts()
    events = data["events"]
    events[0]["kind"] = "militray"  # a schema problem: b.json fails validation on its own
    events[1]["targets"] = ["ghost"]  # a dangling reference in a record that is valid on its own
    files = {
        "a.json": {"schema_version": 2, "sources": data["sources"], "actors": data["actors"], "people": data["people"]},
        "b.json": {"schema_version": 2, "events": events},
        "c.json": {
            "schema_version": 2,
            "claims": data["claims"],
            "actors": [{"id": "aland", "name": "D", "kind": "bloc"}],
        },
    }
    for name, document in files.items():
        (tmp_path / name).write_text(json.dumps(document, indent=1), encoding="utf-8")
    ran = geopol("validate", str(tmp_path), "--json")
    found = {(Path(p["file"]).name, p["path"]) for p in json.loads(ran.stdout)["problems"]}
    assert found == {("b.json", "events[0].kind"), ("b.json", "events[1].targets[0]"), ("c.json", "actors[0].id")}
