"""Query functions on hand-built fact bases: resolution, ordering, filters, profiles, rankings."""

from __future__ import annotations

from typing import Any

import pytest

from geopol_cli.facts.load import Facts, index_facts
from geopol_cli.facts.models import FactBase
from geopol_cli.query.benefits import rank_benefits
from geopol_cli.query.countries import list_countries
from geopol_cli.query.filters import EventFilter
from geopol_cli.query.profile import country_profile
from geopol_cli.query.resolve import Ambiguous, NotFound, resolve_actor
from geopol_cli.query.timeline import build_timeline, order_events
from geopol_cli.query.views import actor_ref

from .conftest import event, small_facts


def facts_of(data: dict[str, Any]) -> Facts:
    return index_facts(FactBase.model_validate(data))


@pytest.fixture
def facts() -> Facts:
    return facts_of(small_facts())


# --- resolve_actor -----------------------------------------------------------


@pytest.mark.parametrize("query", ["aland", "Åland", "ALAND", "åland", "AX", "ax", "ALA", "Ahvenanmaa", "  aland  "])
def test_resolve_by_id_name_code_alias_ignoring_case_and_accents(facts: Facts, query: str) -> None:
    assert resolve_actor(facts, query).id == "aland"


def test_resolve_unique_prefix(facts: Facts) -> None:
    assert resolve_actor(facts, "bordu").id == "borduria"


def test_unknown_name_suggests_closest(facts: Facts) -> None:
    with pytest.raises(NotFound) as caught:
        resolve_actor(facts, "bordurai")
    assert caught.value.suggestions[0] == "borduria"


def test_empty_name_is_not_found(facts: Facts) -> None:
    with pytest.raises(NotFound):
        resolve_actor(facts, " ")


def test_ambiguous_name(facts: Facts) -> None:
    data = small_facts()
    data["actors"][1]["aliases"] = ["Ahvenanmaa"]
    with pytest.raises(Ambiguous) as caught:
        resolve_actor(facts_of(data), "ahvenanmaa")
    assert set(caught.value.matches) == {"aland", "borduria"}


# --- ordering ------------------------------------------------------------------


def _ids(data: dict[str, Any]) -> list[str]:
    return [e.id for e in order_events(FactBase.model_validate(data).events)]


def test_order_open_start_first_then_earliest_then_narrower() -> None:
    data = small_facts(
        events=[
            event("summer", "2022-06", "2022-08"),
            event("june", "2022-06"),
            event("june-1", "2022-06-01"),
            event("before-war", None, "2022-02-23"),
            event("year", "2021"),
        ]
    )
    assert _ids(data) == ["before-war", "year", "june-1", "june", "summer"]


def test_order_respects_answers_and_follows_within_the_same_span() -> None:
    # Alphabetical order would be a, b, c; the references say c, then b, then a.
    data = small_facts(
        events=[
            event("a", "2022", "2023", follows=["b"]),
            event("b", "2022", "2023", answers=["c"]),
            event("c", "2022", "2023"),
            event("d", "2021"),
        ]
    )
    assert _ids(data) == ["d", "c", "b", "a"]


def test_order_ties_broken_by_id() -> None:
    data = small_facts(events=[event("b", "2022"), event("a", "2022")])
    assert _ids(data) == ["a", "b"]


# --- timeline filters ------------------------------------------------------------


def test_country_filter_counts_actors_targets_beneficiaries_and_losers(facts: Facts) -> None:
    def ids(name: str) -> list[str]:
        return [e.id for e in build_timeline(facts, EventFilter(countries=(name,))).events]

    assert ids("borduria") == ["e-away"]  # target and beneficiary
    assert ids("russia") == ["e-away", "e-counter"]  # loser, then actor
    assert ids("syldavia") == []


def test_several_countries_are_alternatives(facts: Facts) -> None:
    refs = [actor_ref(facts, "borduria"), actor_ref(facts, "russia")]
    assert [e.id for e in build_timeline(facts, EventFilter(countries=tuple(r.id for r in refs))).events] == [
        "e-away",
        "e-counter",
    ]


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        ("2022-07", None, ["e-counter"]),
        (None, "2022-06", ["e-away"]),
        ("2022-06-30", "2022-07-04", ["e-away", "e-counter"]),  # overlap at either end counts
        ("2022", "2022", ["e-away", "e-counter"]),
        ("2023", None, []),
    ],
)
def test_date_range_keeps_overlapping_spans(
    facts: Facts, since: str | None, until: str | None, expected: list[str]
) -> None:
    assert [e.id for e in build_timeline(facts, EventFilter(since=since, until=until)).events] == expected


def test_open_start_overlaps_any_earlier_range() -> None:
    facts = facts_of(small_facts(events=[event("old", None, "2022-02-23")]))
    assert [e.id for e in build_timeline(facts, EventFilter(until="1990")).events] == ["old"]
    assert [e.id for e in build_timeline(facts, EventFilter(since="2022-03")).events] == []


def test_kind_filter(facts: Facts) -> None:
    assert [e.id for e in build_timeline(facts, EventFilter(kinds=("energy",))).events] == ["e-counter"]
    assert [e.id for e in build_timeline(facts, EventFilter(kinds=("energy", "diplomatic"))).events] == [
        "e-away",
        "e-counter",
    ]


def test_timeline_entry_dates() -> None:
    facts = facts_of(small_facts(events=[event("s", "2022-06", "2022-08"), event("o", None, "2022-02-23")]))
    by_id = {e.id: e for e in build_timeline(facts).events}
    assert (by_id["s"].date, by_id["s"].date_end, by_id["s"].group) == ("2022-06", "2022-08", "2022-06 – 2022-08")
    assert (by_id["o"].date, by_id["o"].date_label) == (None, "before 2022-02-24")


# --- profiles --------------------------------------------------------------------------


def test_profile_verdict_partners_counter_moves_and_claims(facts: Facts) -> None:
    profile = country_profile(facts, facts.actors["aland"])
    assert [e.id for e in profile.events] == ["e-away", "e-counter"]
    assert profile.verdict.moves_away == 1
    assert profile.verdict.counter_moves_suffered == 1
    assert profile.verdict.setbacks == 1
    # No focus named: directions are relative to nothing in particular.
    assert profile.verdict.text == "1 move away, 1 counter-move against it, 1 setback"
    focused = facts_of(small_facts(focus="russia"))
    assert country_profile(focused, focused.actors["aland"]).verdict.text == (
        "1 move away from Russia, 1 counter-move by Russia against it, 1 setback"
    )
    assert [(p.actor, p.gains) for p in profile.partners] == [("borduria", ["a pact"])]
    assert [e.id for e in profile.counter_moves_against] == ["e-counter"]
    assert [c.id for c in profile.claims] == ["c-union-gains"]
    assert [p.name for p in profile.leaders] == ["Ruler Person"]
    assert [s.id for s in profile.sources] == ["src"]


def test_russia_profile_shows_setbacks_and_counter_moves(facts: Facts) -> None:
    profile = country_profile(facts, facts.actors["russia"])
    assert [e.id for e in profile.counter_moves_made] == ["e-counter"]
    assert [(s.event, s.what) for s in profile.setbacks] == [("e-away", "a client")]
    assert profile.verdict.text == "1 counter-move, 1 setback"


def test_profile_of_an_actor_with_nothing(facts: Facts) -> None:
    profile = country_profile(facts, facts.actors["syldavia"])
    assert profile.events == [] and profile.claims == []
    assert profile.verdict.text == "no moves recorded"


# --- countries and benefits ----------------------------------------------------------------


def test_list_countries_counts_events_and_directions(facts: Facts) -> None:
    rows = {r.id: r for r in list_countries(facts).countries}
    assert [r.id for r in list_countries(facts).countries] == ["aland", "borduria", "syldavia", "russia", "union"]
    assert (rows["aland"].events, rows["aland"].away, rows["aland"].acts_in) == (2, 1, 1)
    assert (rows["russia"].events, rows["russia"].counter) == (2, 1)
    assert rows["syldavia"].events == 0


def _stake(actor: str, basis: str, what: str = "something") -> dict[str, str]:
    return {"actor": actor, "what": what, "basis": basis}


def test_ranking_puts_stated_evidence_before_counterpart_then_name() -> None:
    data = small_facts(
        claims=[],
        events=[
            event("e1", "2022", beneficiaries=[_stake("borduria", "counterpart"), _stake("syldavia", "stated")]),
            event("e2", "2022", beneficiaries=[_stake("borduria", "counterpart"), _stake("union", "stated")]),
            event("e3", "2022", beneficiaries=[_stake("borduria", "counterpart")]),
        ],
    )
    ranking = rank_benefits(facts_of(data))
    # Borduria has the most evidence, but only counterpart; Syldavia and the Union
    # tie on one stated item each and are ordered by name.
    assert [(b.actor, b.rank, b.stated, b.counterpart) for b in ranking.beneficiaries] == [
        ("syldavia", 1, 1, 0),
        ("union", 2, 1, 0),
        ("borduria", 3, 0, 3),
    ]


def test_evidence_counts_distinct_records_best_basis_wins() -> None:
    data = small_facts(
        claims=[],
        events=[event("e1", "2022", beneficiaries=[_stake("borduria", "counterpart"), _stake("borduria", "stated")])],
    )
    [entry] = rank_benefits(facts_of(data)).beneficiaries
    assert (entry.evidence, entry.stated, entry.counterpart) == (1, 1, 0)


def test_benefits_detail_and_biggest_mark(facts: Facts) -> None:
    ranking = rank_benefits(facts)
    by_actor = {b.actor: b for b in ranking.beneficiaries}
    assert by_actor["union"].biggest and by_actor["union"].claims == ["c-union-gains"]
    assert by_actor["borduria"].from_countries[0].id == "aland"
    assert by_actor["borduria"].domains == ["diplomatic"]
    assert {loser.actor for loser in ranking.losers} == {"russia", "aland"}


def test_benefits_for_one_country(facts: Facts) -> None:
    ranking = rank_benefits(facts, [facts.actors["russia"]])
    # Only Russia's own moves (e-counter) and claims about Russia (none) count.
    assert ranking.beneficiaries == []
    assert [loser.actor for loser in ranking.losers] == ["aland"]
    assert ranking.country is not None and ranking.country.id == "russia"


def _facts_with_moves_towards_one_partner(n: int) -> Facts:
    data = small_facts(
        sources=[{"id": f"s{i}", "title": "T", "publisher": "P"} for i in range(n)],
        events=[
            event(
                f"m{i}",
                "2022-06",
                targets=["borduria"],
                source=f"s{i}",
                beneficiaries=[{"actor": "borduria", "what": f"gain {i}", "basis": "counterpart"}],
            )
            for i in range(n)
        ],
        claims=[],
    )
    return index_facts(FactBase.model_validate(data))


def _work_of_profile(n: int, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """(Python calls made, Partner records built) while profiling an actor with n moves towards one partner."""
    import sys

    from geopol_cli.query import profile as profile_module

    facts = _facts_with_moves_towards_one_partner(n)
    built = 0
    real = profile_module.Partner

    def counting_partner(**fields: Any) -> Any:
        nonlocal built
        built += 1
        return real(**fields)

    monkeypatch.setattr(profile_module, "Partner", counting_partner)
    calls = 0

    def count(frame: Any, event_name: str, arg: Any) -> None:
        nonlocal calls
        if event_name in ("call", "c_call"):
            calls += 1

    sys.setprofile(count)
    try:
        country_profile(facts, facts.actors["aland"])
    finally:
        sys.setprofile(None)
    return calls, built


def test_profile_building_is_linear_in_the_moves(monkeypatch: pytest.MonkeyPatch) -> None:
    # Counted, not timed: four times the moves make about four times the calls
    # (a quadratic step would make sixteen), and one partner is one Partner
    # record however many moves it came from (it used to be rebuilt, its lists
    # copied, for every move: 5 000 moves 0.7 s, 20 000 moves 13.2 s).
    small_calls, small_built = _work_of_profile(250, monkeypatch)
    large_calls, large_built = _work_of_profile(1000, monkeypatch)
    assert small_built == large_built == 1
    assert large_calls / small_calls < 4.5
