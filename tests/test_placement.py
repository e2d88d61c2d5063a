"""Problem placement: every problem's line and column, found in one pass over the text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from geopol_cli.core.errors import PROBLEMS_SHOWN, FactsError
from geopol_cli.facts import placement
from geopol_cli.facts.load import load_facts
from geopol_cli.facts.placement import line_column, line_columns, locate, locate_all

from .conftest import BUNDLED, event, geopol, small_facts, synthetic_facts


def all_paths(value: Any, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            out += all_paths(child, (*prefix, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            out += all_paths(child, (*prefix, i))
    return out


def test_one_pass_agrees_with_the_path_by_path_scanner_everywhere() -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    paths = all_paths(json.loads(text))
    found = locate_all(text, paths)
    assert found == {p: locate(text, p) for p in paths}
    places = line_columns(text, found.values())
    assert all(places[offset] == line_column(text, offset) for offset in found.values())


def test_missing_paths_are_left_out_and_escaped_keys_are_found() -> None:
    text = '{"a\\"b": [1, {"c": 2}], "d": 3}'
    found = locate_all(text, [('a"b', 1, "c"), ("zz",), ('a"b', 9)])
    assert found == {('a"b', 1, "c"): text.index('"c"')}


def skipped_for(text: str, paths: list[tuple[str | int, ...]], monkeypatch: pytest.MonkeyPatch) -> int:
    """The characters the walk skips with the json scanner: what it reads of the text."""
    skipped = 0
    real = placement._scan

    def counting(string: str, index: int) -> tuple[Any, int]:
        nonlocal skipped
        value, end = real(string, index)
        skipped += end - index
        return value, end

    monkeypatch.setattr(placement, "_scan", counting)
    locate_all(text, paths)
    return skipped


def test_the_text_is_read_once_however_many_problems(monkeypatch: pytest.MonkeyPatch) -> None:
    # Without timing: the characters the walk skips never exceed the text,
    # whether 1 or every one of 4 000 events has a problem (the old scanner
    # read the text from the start again for each problem).
    text = json.dumps(synthetic_facts(4000), indent=2)
    every = [("events", i, "summary") for i in range(4000)]

    def per_path(*_: Any) -> None:
        raise AssertionError("the one-pass walk must not fall back to scanning per path")

    monkeypatch.setattr(placement, "locate", per_path)
    one, all_ = skipped_for(text, every[:1], monkeypatch), skipped_for(text, every, monkeypatch)
    # Never more than the text itself; for every record's problem, most of it is skipped in C; for
    # the first record's only, the walk stops once that record is read.
    assert 0 < one < len(text) // 100
    assert len(text) // 2 < all_ <= len(text)


def test_thousands_of_problems_are_all_placed(write_facts: Any) -> None:
    data = synthetic_facts(3000)
    for record in data["events"]:
        record["source"] = "nowhere"
    path = write_facts(data)
    report = json.loads(geopol("validate", str(path), "--json").stdout)
    problems = report["problems"]
    assert len(problems) == 3000
    text = path.read_text(encoding="utf-8")
    for problem in problems[::997]:
        line, column = problem["line"], problem["column"]
        assert text.splitlines()[line - 1][column - 1 :].startswith('"source"'), problem


def test_a_view_places_only_the_problems_it_shows(write_facts: Any) -> None:
    data = synthetic_facts(100)
    for record in data["events"]:
        record["source"] = "nowhere"
    with pytest.raises(FactsError) as raised:
        load_facts(write_facts(data))
    placed = [p for p in raised.value.problems if p.line is not None]
    assert len(raised.value.problems) == 100 and len(placed) == PROBLEMS_SHOWN
    ran = geopol("timeline", "--facts", str(write_facts(data)))
    assert ran.exit_code == 3 and "... and 80 more problems" in ran.stderr


def test_schema_references_and_cycles_are_all_reported_in_one_run(write_facts: Any) -> None:
    data = small_facts(
        events=[
            event("e1", "2022", follows=["e2"]),
            event("e2", "2022", follows=["e1"]),
            event("e3", "2022", source="nowhere"),
            event("e4", "2022-13"),
        ]
    )
    report = json.loads(geopol("validate", str(write_facts(data)), "--json").stdout)
    messages = " | ".join(p["message"] for p in report["problems"])
    assert "cycle" in messages and "'nowhere' is not the id" in messages and "no month 13" in messages


def test_a_key_given_twice_is_reported_by_validate_at_its_second_occurrence(write_facts: Any) -> None:
    text = json.dumps(small_facts(), indent=2)
    doubled = text.replace(
        '"summary": "Summary of e-away."', '"summary": "A",\n      "summary": "Summary of e-away."', 1
    )
    path = write_facts(doubled)
    ran = geopol("validate", str(path))
    assert ran.exit_code == 3
    line = next(i for i, t in enumerate(doubled.splitlines(), 1) if '"summary": "Summary of e-away."' in t)
    assert f"{path}:{line}:7: events[0].summary: key 'summary' is given more than once" in ran.stdout
    # The views do not parse twice to look for these (README: it would cost a second parse on every run).
    assert geopol("timeline", "--facts", str(path)).exit_code == 0


def test_a_long_name_is_cut_in_the_error(tmp_path: Path) -> None:
    ran = geopol("country", "x" * 100_000)
    assert ran.exit_code == 1
    assert len(ran.stderr) < 400 and "(100000 characters)" in ran.stderr


@pytest.mark.parametrize(
    "text",
    [
        '{"events": [{"actors": ["source"], "source": "x"}]}',  # the key's text as a value too
        '{"events": [{"date": {"source": 1}, "source": "x"}]}',  # the same key one level down
        '{"events": [{"\\u0073ource": "x"}]}',  # the key spelt with an escape
        '{"events": [{"source": "a", "source": "x"}]}',  # the key given twice: the last one
        '{"events": [{"id": "e", "source": "x"}, {"source": "y", "id": "f"}]}',
    ],
)
def test_keys_found_without_walking_agree_with_the_scanner(text: str) -> None:
    paths: list[tuple[str | int, ...]] = [("events", 0, "source"), ("events", 0, "id"), ("events", 1, "source")]
    assert locate_all(text, paths) == {p: locate(text, p) for p in paths if locate(text, p) is not None}
