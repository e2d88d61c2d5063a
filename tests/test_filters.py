"""Filters that agree across commands: --country, --since, --until, --kind, --direction, --within, --type."""

from __future__ import annotations

import json
from typing import Any

import pytest

from geopol_cli.core.vocabulary import DIRECTIONS
from geopol_cli.query.filters import EventFilter, inside, overlaps

from .conftest import event, geopol, small_facts


def facts_file(write_facts: Any) -> str:
    data = small_facts(
        events=[
            event("jun", "2022-06", direction="away", kind="diplomatic", targets=["borduria"]),
            event("sum", "2022-06", "2022-08", direction="towards", kind="trade", actors=["syldavia"]),
            event(
                "jul",
                "2022-07-04",
                actors=["russia"],
                targets=["aland"],
                direction="counter",
                kind="energy",
                beneficiaries=[{"actor": "russia", "what": "leverage", "basis": "stated"}],
            ),
            event("old", "1990", direction="other", kind="political"),
        ]
    )
    return str(write_facts(data))


def ids(*args: str) -> list[str]:
    ran = geopol(*args, "--json")
    assert ran.exit_code == 0, ran.stderr
    return [e["id"] for e in json.loads(ran.stdout)]


def test_direction_filters_the_timeline_and_combines(write_facts: Any) -> None:
    path = facts_file(write_facts)
    assert ids("timeline", "--facts", path, "--direction", "counter") == ["jul"]
    assert set(ids("timeline", "--facts", path, "-d", "away", "-d", "towards")) == {"jun", "sum"}
    assert geopol("timeline", "--direction", "sideways").exit_code == 2


def test_within_keeps_only_spans_inside_the_range(write_facts: Any) -> None:
    path = facts_file(write_facts)
    assert set(ids("timeline", "--facts", path, "--since", "2022-07", "--until", "2022-07")) == {"sum", "jul"}
    assert ids("timeline", "--facts", path, "--since", "2022-07", "--until", "2022-07", "--within") == ["jul"]
    assert geopol("timeline", "--within").exit_code == 2  # without a range it means nothing


def test_overlap_and_inside_agree_on_points_and_differ_on_spans() -> None:
    point = event("p", "2022-07-04")
    span = event("s", "2022-06", "2022-08")
    from geopol_cli.facts.models import Event

    p, s = Event(**_as_record(point)), Event(**_as_record(span))
    assert overlaps(p, "2022-07", "2022-07") and inside(p, "2022-07", "2022-07")
    assert overlaps(s, "2022-07", "2022-07") and not inside(s, "2022-07", "2022-07")
    assert not inside(Event(**_as_record(event("o", None, "2022-01"))), "2021", None)  # an open start


def _as_record(raw: dict[str, Any]) -> dict[str, Any]:
    from geopol_cli.facts.models import When

    return {**raw, "date": When(**raw["date"])}


def test_benefits_graph_and_compare_take_the_same_filters(write_facts: Any) -> None:
    path = facts_file(write_facts)
    everything = json.loads(geopol("benefits", "--facts", path, "--json").stdout)
    assert {b["actor"] for b in everything["beneficiaries"]} >= {"russia", "union"}  # an event and a claim
    energy = json.loads(geopol("benefits", "--facts", path, "--kind", "energy", "--json").stdout)
    assert [b["actor"] for b in energy["beneficiaries"]] == ["russia"]  # the claim (no kind) drops out
    graph = json.loads(geopol("graph", "--facts", path, "--direction", "counter", "--json").stdout)
    assert {(e["source"], e["target"]) for e in graph["edges"]} == {("russia", "aland")}
    columns = json.loads(geopol("compare", "aland", "syldavia", "--facts", path, "--since", "2022", "--json").stdout)
    counts = {c["id"]: sum(c["events_by_kind"].values()) for c in columns["countries"]}
    assert counts == {"aland": 2, "syldavia": 1}  # 'old' (1990) left out


def test_search_type_and_event_filters(write_facts: Any) -> None:
    path = facts_file(write_facts)
    hits = json.loads(geopol("search", "summary", "--facts", path, "--json").stdout)["hits"]
    assert {h["type"] for h in hits} == {"event"}
    actors = json.loads(geopol("search", "aland", "--facts", path, "-t", "actor", "--json").stdout)["hits"]
    assert [h["id"] for h in actors] == ["aland"]
    dated = json.loads(geopol("search", "summary", "--facts", path, "--since", "2022", "--json").stdout)["hits"]
    assert {h["id"] for h in dated} == {"jun", "sum", "jul"}


def test_claims_country_is_about() -> None:
    assert (
        geopol("claims", "-c", "kazakhstan", "--json").stdout
        == geopol("claims", "--about", "kazakhstan", "--json").stdout
    )


def test_the_filter_type_is_one_definition() -> None:
    assert not EventFilter() and EventFilter(directions=("away",))
    assert set(DIRECTIONS) == {"away", "towards", "counter", "other"}


@pytest.mark.parametrize("command", [["timeline"], ["benefits"], ["graph"], ["compare", "kz", "uz"], ["search", "oil"]])
def test_every_event_view_takes_the_date_kind_and_direction_filters(command: list[str]) -> None:
    ran = geopol(*command, "--since", "2022", "--until", "2023", "--kind", "energy", "--direction", "counter")
    assert ran.exit_code == 0, ran.stderr
