"""The pydantic types accept good records and reject each kind of bad one."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from geopol_cli.facts.models import Event, FactBase, When

from .conftest import BUNDLED, event, small_facts


def test_bundled_facts_validate() -> None:
    base = FactBase.model_validate_json(BUNDLED.read_bytes())
    assert base.schema_version == 2
    assert base.events and base.claims


def test_small_facts_validate() -> None:
    FactBase.model_validate(small_facts())


def _errors(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    with pytest.raises(ValidationError) as caught:
        FactBase.model_validate_json(json.dumps(data))
    return [(tuple(e["loc"]), e["type"]) for e in caught.value.errors()]


def test_unknown_key_is_an_error_naming_it() -> None:
    data = small_facts()
    data["events"][0]["benficiaries"] = []
    assert (("events", 0, "benficiaries"), "unexpected_keyword_argument") in _errors(data)


def test_unknown_top_level_key_is_an_error() -> None:
    assert (("colour",), "extra_forbidden") in _errors(small_facts(colour="red"))


def test_schema_ref_is_allowed_for_editors() -> None:
    FactBase.model_validate(small_facts(**{"$schema": "./geopol.schema.json"}))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("kind", "espionage"),
        ("direction", "sideways"),
        ("actors", []),
        ("summary", "   "),
        ("id", "has space"),
        ("excerpt", ""),
    ],
)
def test_event_field_rules(field: str, value: Any) -> None:
    bad = {**event("e1", "2022"), field: value}
    with pytest.raises(ValidationError):
        TypeAdapter(Event).validate_python(bad)


@pytest.mark.parametrize("basis", ["guessed", "inferred", ""])
def test_only_stated_or_counterpart_basis(basis: str) -> None:
    bad = event("e1", "2022", beneficiaries=[{"actor": "x", "what": "y", "basis": basis}])
    with pytest.raises(ValidationError):
        TypeAdapter(Event).validate_python(bad)


def test_unknown_stance_is_rejected() -> None:
    data = small_facts()
    data["claims"][0]["stance"] = "vibes"
    assert (("claims", 0, "stance"), "literal_error") in _errors(data)


def test_wrong_schema_version_is_rejected() -> None:
    assert (("schema_version",), "literal_error") in _errors(small_facts(schema_version=3))


@pytest.mark.parametrize("start", ["2022-13-45", "2022-02-30", "2022-13", "October 2022"])
def test_impossible_dates_are_rejected(start: str) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(When).validate_python({"start": start})


def test_span_that_ends_before_it_starts_is_rejected() -> None:
    with pytest.raises(ValidationError, match="ends"):
        TypeAdapter(When).validate_python({"start": "2022-10", "end": "2022-09"})


def test_span_may_end_within_the_month_it_starts() -> None:
    TypeAdapter(When).validate_python({"start": "2022-09-13", "end": "2022-09"})


def test_open_start_needs_an_end() -> None:
    with pytest.raises(ValidationError, match="open start"):
        TypeAdapter(When).validate_python({"start": None})
    TypeAdapter(When).validate_python({"start": None, "end": "2022-02-23"})


def test_top_level_array_is_rejected() -> None:
    with pytest.raises(ValidationError):
        FactBase.model_validate_json(b"[]")
