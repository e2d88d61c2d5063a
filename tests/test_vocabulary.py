"""One vocabulary: help, completion, schema and validation all read core/vocabulary.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer

from geopol_cli.cli.app import app
from geopol_cli.core.vocabulary import ACTOR_KINDS, BASES, DIRECTIONS, EVENT_KINDS, STANCES

from .conftest import event, geopol, small_facts


def option(command: str, name: str) -> Any:
    group = typer.main.get_command(app)
    ctx = group.make_context("geopol", [command], resilient_parsing=True)
    sub = group.get_command(ctx, command)  # type: ignore[attr-defined]
    return sub, next(p for p in sub.params if name in p.opts or p.name == name)


@pytest.mark.parametrize(
    ("command", "name", "vocabulary"),
    [("timeline", "--kind", EVENT_KINDS), ("claims", "--stance", STANCES)],
)
def test_help_and_completion_offer_exactly_the_vocabulary(command: str, name: str, vocabulary: tuple[str, ...]) -> None:
    sub, param = option(command, name)
    ctx = sub.make_context(command, [], resilient_parsing=True)
    offered = [item.value for item in param.shell_complete(ctx, "")]
    assert offered == list(vocabulary)
    shown = geopol(command, "--help", width=400).stdout
    assert all(value in shown for value in vocabulary)


def enums(schema: Any) -> list[list[str]]:
    found = []
    if isinstance(schema, dict):
        if isinstance(schema.get("enum"), list):
            found.append(schema["enum"])
        for value in schema.values():
            found += enums(value)
    elif isinstance(schema, list):
        for value in schema:
            found += enums(value)
    return found


@pytest.mark.parametrize("vocabulary", [ACTOR_KINDS, EVENT_KINDS, DIRECTIONS, BASES, STANCES])
def test_schema_enums_are_the_vocabulary(vocabulary: tuple[str, ...]) -> None:
    assert list(vocabulary) in enums(json.loads(geopol("schema").stdout))


def test_validation_takes_every_value_and_refuses_others(write_facts: Any) -> None:
    for kind in EVENT_KINDS:
        data = small_facts(events=[event("e", "2022", kind=kind)], claims=[])
        assert geopol("validate", str(write_facts(data))).exit_code == 0, kind
    bad = small_facts(events=[event("e", "2022", kind="sports")], claims=[])
    ran = geopol("validate", str(write_facts(bad)))
    assert ran.exit_code == 3 and "sports" not in EVENT_KINDS


def test_a_value_outside_the_vocabulary_is_a_usage_error() -> None:
    ran = geopol("timeline", "--kind", "sports")
    assert ran.exit_code == 2
    assert "sports" in ran.stderr


def test_no_module_spells_a_vocabulary_out_again() -> None:
    # The tuples are written once, in core/vocabulary.py; a second copy would drift.
    package = Path(__file__).resolve().parent.parent / "geopol_cli"
    spelled = '"diplomatic", "economic", "energy"'
    copies = [p.name for p in package.rglob("*.py") if spelled in p.read_text(encoding="utf-8")]
    assert copies == ["vocabulary.py"]


@pytest.mark.parametrize(
    ("command", "name", "typed", "resolves_to"),
    [
        ("person", "name", "shu", "Kateryna Shulman"),  # any word of a name, not only its start
        ("person", "name", "Schul", "Kateryna Shulman"),  # an alias, in the case typed
        ("country", "name", "KZ", "Kazakhstan"),  # ISO codes
        ("country", "name", "turk", "Turkey"),
    ],
)
def test_a_completion_resolves_to_the_record_it_names(command: str, name: str, typed: str, resolves_to: str) -> None:
    sub, param = option(command, name)
    ctx = sub.make_context(command, [], resilient_parsing=True)
    offered = param.shell_complete(ctx, typed)
    assert offered, typed
    assert all(item.value.startswith(typed) for item in offered)  # what Typer keeps
    named = [item for item in offered if item.help == resolves_to]
    assert named, [(i.value, i.help) for i in offered]
    for item in named:
        assert json.loads(geopol(command, item.value, "--json").stdout)["name"] == resolves_to


def test_speaker_completes_sources_too() -> None:
    sub, param = option("claims", "--speaker")
    ctx = sub.make_context("claims", [], resilient_parsing=True)
    values = [item.value for item in param.shell_complete(ctx, "blo")]
    assert values and all(geopol("claims", "--speaker", v, "--json").exit_code == 0 for v in values)


def test_schema_descriptions_read_as_plain_text() -> None:
    # Editors show these as you type: no reStructuredText (``code``, :role:) from docstrings.
    import re

    text = geopol("schema").stdout
    assert "``" not in text and not re.search(r":[a-z]+:`", text)
    descriptions = re.findall(r'"description": "([^"]*)"', text)
    assert len(descriptions) > 30 and all(d.strip() == d and d for d in descriptions)
