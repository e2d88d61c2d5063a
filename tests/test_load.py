"""The loader: reading, precise problems, cross-checks, and the choice of file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from geopol_cli.core.paths import choose_facts
from geopol_cli.facts.load import FactsError, Problem, bundled_facts_path, load_facts

from .conftest import BUNDLED, event, geopol, small_facts


def _problems(path: Path) -> list[Problem]:
    with pytest.raises(FactsError) as caught:
        load_facts(path)
    return caught.value.problems


def test_bundled_facts_load_and_pass_cross_checks() -> None:
    facts = load_facts(BUNDLED)
    assert set(facts.events) == {e.id for e in facts.base.events}


def test_missing_file(tmp_path: Path) -> None:
    [problem] = _problems(tmp_path / "nope.json")
    assert "no such file" in problem.message
    assert problem.file.endswith("nope.json")


def test_directory(tmp_path: Path) -> None:
    [problem] = _problems(tmp_path)
    assert "a folder with no facts files" in problem.message  # an empty folder: a folder of files is a fact base


@pytest.mark.parametrize("content", [b"", b"  \n\t "])
def test_empty_file_is_an_error_not_an_empty_fact_base(write_facts: Callable[..., Path], content: bytes) -> None:
    [problem] = _problems(write_facts(content))
    assert "empty" in problem.message


def test_json_syntax_error_has_line_and_character_column(write_facts: Callable[..., Path]) -> None:
    # "éé" is 4 bytes but 2 characters: the column must count characters.
    text = '{\n  "x": "éé", "y" 1}'
    [problem] = _problems(write_facts(text))
    assert (problem.line, problem.column) == (2, 18)
    assert text.splitlines()[1][problem.column - 1] == "1"  # where the ':' is missing
    assert problem.message.startswith("invalid JSON")


def test_utf8_bom_is_accepted(write_facts: Callable[..., Path]) -> None:
    load_facts(write_facts(b"\xef\xbb\xbf" + BUNDLED.read_bytes()))


def test_invalid_utf8_is_a_problem(write_facts: Callable[..., Path]) -> None:
    [problem] = _problems(write_facts(b'{"schema_version": 1, "x": "\xff"}'))
    assert "invalid" in problem.message.lower()


def test_schema_problems_name_path_line_and_column(write_facts: Callable[..., Path]) -> None:
    data = small_facts()
    data["events"][1]["kind"] = "espionage"
    data["events"][0]["colour"] = "red"
    path = write_facts(data)
    problems = {p.path: p for p in _problems(path)}
    assert set(problems) == {"events[1].kind", "events[0].colour"}
    assert "unknown key 'colour'" in problems["events[0].colour"].message
    lines = path.read_text(encoding="utf-8").splitlines()
    for problem in problems.values():
        assert problem.line is not None and problem.column is not None
        line = lines[problem.line - 1]
        key = problem.path.rsplit(".", 1)[-1]
        assert line[problem.column - 1 :].startswith(f'"{key}"')


def test_duplicate_ids_across_sections(write_facts: Callable[..., Path]) -> None:
    data = small_facts()
    data["events"][1]["id"] = "borduria"  # an actor's id
    problems = _problems(write_facts(data))
    assert any(p.path == "events[1].id" and "duplicate id 'borduria'" in p.message for p in problems)


def test_dangling_and_wrong_kind_references(write_facts: Callable[..., Path]) -> None:
    data = small_facts()
    data["events"][0]["actors"] = ["atlantis"]
    data["events"][0]["targets"] = ["ruler"]
    data["events"][1]["answers"] = ["e-missing"]
    data["claims"][0]["by"] = "aland"
    problems = {p.path: p.message for p in _problems(write_facts(data))}
    assert "not the id of any actor" in problems["events[0].actors[0]"]
    assert "is a person, not a actor" in problems["events[0].targets[0]"]
    assert "not the id of any event" in problems["events[1].answers[0]"]
    assert "is a actor, not a person or source" in problems["claims[0].by"]


def test_cycle_in_answers_and_follows(write_facts: Callable[..., Path]) -> None:
    data = small_facts()
    data["events"].append(event("e-3", "2022", follows=["e-counter"]))
    data["events"][0]["follows"] = ["e-3"]
    problems = _problems(write_facts(data))
    assert any("cycle" in p.message for p in problems)


def test_context_date_sources_must_be_sources(write_facts: Callable[..., Path]) -> None:
    data = small_facts()
    data["events"][0]["date"]["sources"] = ["aland"]
    problems = _problems(write_facts(data))
    assert [p.path for p in problems] == ["events[0].date.sources[0]"]
    assert problems[0].line is not None


def test_retelling_must_name_another_source(write_facts: Callable[..., Path]) -> None:
    data = small_facts()
    data["sources"][0]["retells"] = "src"
    assert any("retell itself" in p.message for p in _problems(write_facts(data)))


def test_every_problem_is_reported_in_one_run(write_facts: Callable[..., Path]) -> None:
    data = small_facts()
    for e in data["events"]:
        e["kind"] = "bogus"
    assert len(_problems(write_facts(data))) == 2


def test_choice_of_facts_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GEOPOL_FACTS", raising=False)
    assert choose_facts(None).path == bundled_facts_path()
    monkeypatch.setenv("GEOPOL_FACTS", str(tmp_path / "env.json"))
    assert choose_facts(None).path == tmp_path / "env.json"
    assert choose_facts(str(tmp_path / "opt.json")).path == tmp_path / "opt.json"


def test_bundled_path_points_at_the_shipped_file() -> None:
    assert bundled_facts_path().read_bytes() == BUNDLED.read_bytes()


def test_a_date_written_as_a_string_says_what_a_date_is(write_facts: Any) -> None:
    data = small_facts()
    data["events"][0]["date"] = "2022-06"
    ran = geopol("validate", str(write_facts(data)))
    assert (
        ran.exit_code == 3
        and 'events[0].date: a date is an object, not a string: {"start": "2022-10-06"}' in ran.stdout
    )
