"""Fact bases in folders and on standard input, a focus, and source texts that geopol checks itself."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from geopol_cli.facts.texts import HeldText, normalise

from .conftest import BUNDLED, REPO, event, geopol, small_facts

ARTICLE = REPO.parent / "shared" / "source" / "article.txt"
needs_article = pytest.mark.skipif(not ARTICLE.is_file(), reason="../shared (the source article) is not here")

TEXT = """Headline of the day

The Union signed a pact with Åland on 6 July. Ministers called it “historic” — a word they use often.
Borduria said nothing.
"""


def with_text(tmp_path: Path, text: str = TEXT, **source: Any) -> dict[str, Any]:
    (tmp_path / "texts").mkdir(exist_ok=True)
    (tmp_path / "texts" / "report.txt").write_text(text, encoding="utf-8")
    data = small_facts()
    data["sources"][0].update(text="texts/report.txt", sha256=hashlib.sha256(text.encode()).hexdigest(), **source)
    return data


def write(tmp_path: Path, data: dict[str, Any], name: str = "facts.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


# --- normalisation -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("excerpt", "found"),
    [
        ("The Union signed a pact", True),
        ('Ministers called it "historic" - a word', True),  # straight quotes and a hyphen for “ ” and —
        ("with Åland on 6 July.   Ministers", True),  # whitespace runs
        ("with A\u030aland", True),  # decomposed Å: Unicode NFC
        ("day The Union", True),  # a paragraph break is whitespace
        ("the union signed", False),  # case is not normalised
        ("The Union signed the pact", False),
    ],
)
def test_the_documented_normalisations_and_no_others(excerpt: str, found: bool) -> None:
    assert (HeldText.of(TEXT).find(excerpt) is not None) is found
    assert normalise("a\u2019b\u201cc\u201d \u2013 d\n\ne") == 'a\'b"c" - d e'


def test_the_closest_passage_and_what_differs() -> None:
    passage, differs = HeldText.of(TEXT).closest("The Union initialled a pact with Åland")
    assert passage == "The Union signed a pact with Åland"
    assert differs == 'the text has "signed" where the excerpt has "initialled"'


def test_context_is_the_sentence_before_and_after() -> None:
    text = HeldText.of(TEXT)
    span = text.find("Ministers called it")
    assert span is not None
    before, after = text.context(span)
    assert before == "The Union signed a pact with Åland on 6 July."
    assert after.startswith("“historic” — a word they use often.") and after.endswith("Borduria said nothing.")


# --- validate against the held text ----------------------------------------------------------------------


def test_excerpts_found_in_the_held_text_make_a_record_verified(tmp_path: Path) -> None:
    data = with_text(tmp_path)
    data["events"][0]["citations"][0]["excerpt"] = "The Union signed a pact with Åland on 6 July."
    path = write(tmp_path, data)
    ran = geopol("validate", str(path), "--json")
    assert ran.exit_code == 3  # the other records' excerpts are not in the text
    paths = [p["path"] for p in json.loads(ran.stdout)["problems"]]
    assert paths == ["events[1].citations[0].excerpt", "claims[0].citations[0].excerpt"]
    # Views still work, and say which records are verified.
    entries = {e["id"]: e for e in json.loads(geopol("--facts", str(path), "timeline", "--json").stdout)}
    assert (entries["e-away"]["verified"], entries["e-counter"]["verified"]) == (True, False)
    assert "✓ verified" in geopol("--facts", str(path), "timeline", width=160).stdout
    cited = json.loads(geopol("--facts", str(path), "cite", "e-away", "--json").stdout)
    assert cited["verified"] and cited["citations"][0]["found"] is True
    assert cited["citations"][0]["before"] == "Headline of the day"
    assert cited["citations"][0]["after"].startswith("Ministers called it")


def test_a_doctored_excerpt_is_reported_at_its_place_with_the_closest_passage(tmp_path: Path) -> None:
    data = with_text(tmp_path)
    data["events"] = [event("e", "2022-07-06", excerpt="The Union initialled a pact with Åland on 6 July.")]
    data["claims"] = []
    path = write(tmp_path, data)
    ran = geopol("validate", str(path))
    line = next(line for line in (path.read_text().splitlines()) if "initialled" in line)
    lineno = path.read_text().splitlines().index(line) + 1
    column = line.index('"excerpt"') + 1
    assert ran.exit_code == 3
    assert ran.stdout.startswith(f"{path}:{lineno}:{column}: events[0].citations[0].excerpt: not found word for word")
    assert '"The Union signed a pact with Åland on 6 July."' in ran.stdout
    assert 'the text has "signed" where the excerpt has "initialled"' in ran.stdout


def test_a_changed_or_missing_text_is_a_problem_naming_the_source(tmp_path: Path) -> None:
    data = with_text(tmp_path)
    path = write(tmp_path, data)
    (tmp_path / "texts" / "report.txt").write_text(TEXT + "A line added later.\n", encoding="utf-8")
    ran = geopol("validate", str(path))
    assert ran.exit_code == 3 and "sources[0].text: its text file 'texts/report.txt' has changed" in ran.stdout
    (tmp_path / "texts" / "report.txt").unlink()
    assert "is not there" in geopol("validate", str(path)).stdout


@needs_article
def test_the_bundled_base_checked_by_geopol_against_the_article(tmp_path: Path) -> None:
    """The same check as shared/tools/check_excerpts.py, done by geopol itself."""
    shutil.copy(ARTICLE, tmp_path / "article.txt")
    data = json.loads(BUNDLED.read_text(encoding="utf-8"))
    article = next(s for s in data["sources"] if s["id"] == "russiavsworld-2023")
    article.update(text="article.txt", sha256=hashlib.sha256(ARTICLE.read_bytes()).hexdigest())
    path = write(tmp_path, data)
    ran = geopol("validate", str(path), "--strict")
    assert ran.exit_code == 0, ran.stdout
    claims = json.loads(geopol("--facts", str(path), "claims", "--json").stdout)["claims"]
    # A claim that rests on the article alone is verified; one that also cites an outside account is not.
    alone = {c["id"] for c in data["claims"] if all(x["source"] == "russiavsworld-2023" for x in c["citations"])}
    assert alone and {c["id"] for c in claims if c["verified"]} == alone
    quote = next(c for c in data["claims"] if c["id"] == "shulman-hard-to-dictate")["citations"][0]
    quote["excerpt"] = quote["excerpt"].replace("difficult", "easy")
    ran = geopol("validate", str(write(tmp_path, data, "doctored.json")))
    assert ran.exit_code == 3 and 'the text has "difficult" where the excerpt has "easy"' in ran.stdout


# --- folders, standard input, focus --------------------------------------------------------------------------


def split(data: dict[str, Any], folder: Path) -> None:
    folder.mkdir()
    first = {"schema_version": 2, "sources": data["sources"], "actors": data["actors"]}
    second = {"schema_version": 2, "people": data["people"], "events": data["events"], "claims": data["claims"]}
    write(folder, first, "01-sources-and-actors.json")
    write(folder, second, "02-events.json")
    (folder / "geopol.schema.json").write_text("{}", encoding="utf-8")  # a schema beside them is not a facts file


def test_a_folder_is_one_fact_base_with_references_across_files(tmp_path: Path) -> None:
    split(small_facts(), tmp_path / "base")
    ran = geopol("--facts", str(tmp_path / "base"), "timeline", "--json")
    assert ran.exit_code == 0, ran.stderr
    assert [e["id"] for e in json.loads(ran.stdout)] == ["e-away", "e-counter"]
    assert "OK — 1 source, 5 actors" in geopol("validate", str(tmp_path / "base")).stdout


def test_a_problem_in_a_folder_names_its_own_file_line_and_column(tmp_path: Path) -> None:
    data = small_facts()
    data["events"][1]["actors"] = ["ghost"]
    data["actors"].append(dict(data["actors"][0]))  # a duplicate id, in the first file
    split(data, tmp_path / "base")
    ran = geopol("validate", str(tmp_path / "base"))
    lines = ran.stdout.splitlines()
    assert ran.exit_code == 3
    assert any(
        line.startswith(f"{tmp_path / 'base' / '01-sources-and-actors.json'}:") and "actors[5].id" in line
        for line in lines
    )
    assert any(
        line.startswith(f"{tmp_path / 'base' / '02-events.json'}:") and "events[1].actors[0]: 'ghost'" in line
        for line in lines
    )


def test_standard_input_is_a_facts_file(tmp_path: Path) -> None:
    text = json.dumps(small_facts())
    ran = geopol("--facts", "-", "timeline", "--json", input=text)
    assert ran.exit_code == 0 and len(json.loads(ran.stdout)) == 2
    assert geopol("validate", "-", input="{").exit_code == 3


def test_with_a_focus_every_event_has_a_direction_and_without_one_none_is_needed(tmp_path: Path) -> None:
    undirected = event("e", "2022")
    del undirected["direction"]
    ran = geopol("validate", str(write(tmp_path, small_facts(events=[undirected], claims=[]))))
    assert ran.exit_code == 0, ran.stdout
    assert "diplomatic" in geopol("--facts", str(tmp_path / "facts.json"), "timeline", width=120).stdout
    focused = small_facts(events=[undirected], claims=[], focus="russia")
    ran = geopol("validate", str(write(tmp_path, focused, "focused.json")))
    assert (
        ran.exit_code == 3
        and "events[0]: required key 'direction' is missing: the fact base's focus is 'russia'" in ran.stdout
    )
    ran = geopol("validate", str(write(tmp_path, small_facts(focus="nobody"), "nobody.json")))
    assert "focus: 'nobody' is not the id of any actor" in ran.stdout


def test_a_folder_places_citation_problems_at_the_keys_each_file_has(tmp_path: Path) -> None:
    data = small_facts()
    data["events"][0]["citations"][0]["source"] = "nowhere"  # version 2: inside the citation
    split(data, tmp_path / "v2")
    ran = geopol("validate", str(tmp_path / "v2"), "--json")
    [problem] = json.loads(ran.stdout)["problems"]
    assert problem["path"] == "events[0].citations[0].source" and problem["line"] is not None
    assert problem["file"].endswith("02-events.json")
    old = small_facts()
    old["schema_version"] = 1
    for record in old["events"] + old["claims"]:
        record.update(record.pop("citations")[0])
    old["events"][0]["source"] = "nowhere"  # version 1: on the record itself
    folder = tmp_path / "v1"
    folder.mkdir()
    write(folder, {"schema_version": 2, "sources": old["sources"], "actors": old["actors"]}, "01.json")
    write(folder, {"schema_version": 1, "people": old["people"], "events": old["events"]}, "02.json")
    [problem] = json.loads(geopol("validate", str(folder), "--json").stdout)["problems"]
    assert problem["path"] == "events[0].source" and problem["line"] is not None
