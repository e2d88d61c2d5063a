"""What queries return: pydantic models that every renderer reads.

The rich tables and the JSON output are both drawn from these objects, so
they cannot disagree. Field names here are the JSON keys scripts rely on:
add fields freely, but never rename or remove one.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from geopol_cli.errors import Problem


class _Result(BaseModel):
    # defer_build: each command pays only for the result types it returns.
    model_config = ConfigDict(frozen=True, defer_build=True)


class ActorRef(_Result):
    id: str
    name: str


class PersonRef(_Result):
    id: str
    name: str
    role: str | None = None


class StakeView(_Result):
    """One actor's gain or loss in one event or claim."""

    actor: str
    name: str
    what: str
    basis: str
    biggest: bool = False


class SourceView(_Result):
    id: str
    title: str
    publisher: str
    url: str | None
    date: str | None
    retells: str | None


class TimelineEntry(_Result):
    """One event, with its date spelled out as precisely as it is known."""

    id: str
    date: str | None  # the earliest moment as a partial ISO date ("2022-10"); null for an open start
    date_end: str  # the latest moment, as a partial ISO date
    date_label: str  # "2022-10", "2022-06 – 2022-08", "before 2022-02-24"
    date_text: str | None  # the source's own wording
    date_inferred: str | None
    date_sources: list[str]
    group: str  # the timeline heading this event falls under
    actors: list[ActorRef]
    targets: list[ActorRef]
    people: list[PersonRef]
    kind: str
    direction: str
    summary: str
    answers: list[str]
    follows: list[str]
    beneficiaries: list[StakeView]
    losers: list[StakeView]
    source: str
    excerpt: str


class TimelineQuery(_Result):
    countries: list[ActorRef] = []
    since: str | None = None
    until: str | None = None
    kinds: list[str] = []


class Timeline(_Result):
    query: TimelineQuery
    events: list[TimelineEntry]


class ClaimView(_Result):
    id: str
    by: str
    by_name: str
    by_role: str | None
    attributed_to: str | None
    about: list[ActorRef]
    stance: str
    summary: str
    quote: str | None
    events: list[str]
    context: str | None
    beneficiaries: list[StakeView]
    losers: list[StakeView]
    source: str
    excerpt: str


class Verdict(_Result):
    """Counts behind a profile's one-line verdict."""

    text: str
    moves_away: int
    moves_towards: int
    other_moves: int
    counter_moves_made: int
    counter_moves_suffered: int
    gains: int
    setbacks: int


class Partner(_Result):
    """An actor that a country moved towards, and what it gained."""

    actor: str
    name: str
    gains: list[str]
    events: list[str]


class Setback(_Result):
    event: str
    what: str
    basis: str


class CountryProfile(_Result):
    id: str
    name: str
    kind: str
    region: str | None
    iso2: str | None
    iso3: str | None
    aliases: list[str]
    leaders: list[PersonRef]
    people: list[PersonRef]
    verdict: Verdict
    events: list[TimelineEntry]
    partners: list[Partner]
    counter_moves_against: list[TimelineEntry]
    counter_moves_made: list[TimelineEntry]
    setbacks: list[Setback]
    claims: list[ClaimView]
    sources: list[SourceView]


class CountryRow(_Result):
    id: str
    name: str
    kind: str
    region: str | None
    iso2: str | None
    iso3: str | None
    events: int
    acts_in: int
    away: int
    towards: int
    counter: int
    other: int


class BenefitEntry(_Result):
    """One beneficiary (or loser) and the evidence for it."""

    rank: int
    actor: str
    name: str
    evidence: int
    stated: int
    counterpart: int
    biggest: bool
    from_countries: list[ActorRef]
    domains: list[str]
    gains: list[str]
    events: list[str]
    claims: list[str]


class BenefitRanking(_Result):
    country: ActorRef | None
    beneficiaries: list[BenefitEntry]
    losers: list[BenefitEntry]


class Counts(_Result):
    sources: int
    actors: int
    people: int
    events: int
    claims: int


class ValidationReport(_Result):
    """What `validate` reports: every problem, or for a clean file its counts."""

    file: str
    valid: bool
    problems: list[Problem]
    counts: Counts | None


class PersonProfile(_Result):
    id: str
    name: str
    aliases: list[str]
    role: str | None
    leader: bool
    actor: ActorRef | None
    claims: list[ClaimView]
    events: list[TimelineEntry]


class ClaimQuery(_Result):
    about: ActorRef | None = None
    speaker: str | None = None
    stances: list[str] = []


class ClaimList(_Result):
    query: ClaimQuery
    claims: list[ClaimView]


class SourceRow(SourceView):
    """A source and how many facts rest on it."""

    events: int  # events whose excerpt comes from it
    claims: int  # claims whose excerpt comes from it
    dates: int  # events whose date it narrows
    retold_by: list[str]


class Citation(_Result):
    """One event or claim with everything needed to check it."""

    type: str  # "event" or "claim"
    id: str
    summary: str
    excerpt: str
    quote: str | None
    date_label: str | None
    date_inferred: str | None
    source: SourceView
    retells: SourceView | None
    date_sources: list[SourceView]


class SearchHit(_Result):
    type: str  # "actor", "person", "event" or "claim"
    id: str
    title: str  # the record's name, or its summary
    matched_in: list[str]  # the fields the words were found in, best first
    best: str  # "name", "summary" or "excerpt": the tier that decided the rank
    text: str  # the text of the best field, for showing the match
    date: str | None


class SearchResult(_Result):
    query: list[str]
    hits: list[SearchHit]


class CompareColumn(_Result):
    id: str
    name: str
    kind: str
    verdict: Verdict
    events_by_kind: dict[str, int]
    partners: list[str]
    counter_moves_against: list[str]
    counter_moves_made: list[str]
    claims: list[str]


class Comparison(_Result):
    countries: list[CompareColumn]


class GraphEdge(_Result):
    source: str
    target: str
    relation: str  # "acts" (source acted towards target) or "gains" (target gained from source's move)
    label: str  # "diplomatic, away" or "gained (counterpart)"
    events: list[str]


class Graph(_Result):
    country: ActorRef | None
    nodes: list[ActorRef]
    edges: list[GraphEdge]
