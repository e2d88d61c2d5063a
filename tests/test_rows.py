"""query/rows.py: result rows copy the fields they share with a model record by name."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from pydantic.dataclasses import dataclass as model

from geopol_cli.query.rows import builder


@model(frozen=True)
class Record:
    id: str
    tags: tuple[str, ...] = ()
    note: str | None = None


@dataclass
class Row:
    id: str
    tags: list[str]
    label: str
    note: str | None = None
    seen: list[str] = field(default_factory=list)


def test_shared_fields_are_copied_and_only_the_rest_is_passed() -> None:
    build = builder(Row, Record)
    row = build(Record(id="a", tags=("x", "y"), note="n"), label="A")
    assert (row.id, row.tags, row.label, row.note) == ("a", ["x", "y"], "A", "n")
    assert isinstance(row.tags, list)


def test_a_field_added_to_model_and_row_reaches_the_row_with_no_other_change() -> None:
    @model(frozen=True)
    class Wider(Record):  # type: ignore[misc]
        region: str | None = None

    @dataclass
    class WiderRow(Row):
        region: str | None = None

    row = builder(WiderRow, Wider)(Wider(id="a", region="Central Asia"), label="A")
    assert row.region == "Central Asia"


def test_an_override_is_computed_and_a_default_factory_is_fresh_per_row() -> None:
    build = builder(Row, Record, "note")
    first = build(Record(id="a", note="from the record"), label="A", note="worked out")
    second = build(Record(id="b"), label="B")
    assert first.note == "worked out" and second.note is None
    first.seen.append("x")
    assert second.seen == []


def test_a_missing_computed_field_and_an_unknown_override_are_errors() -> None:
    with pytest.raises(TypeError):
        builder(Row, Record)(Record(id="a"))  # no label
    with pytest.raises(TypeError, match="no field"):
        builder(Row, Record, "nonsense")
