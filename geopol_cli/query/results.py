"""What queries return: plain typed records that every renderer reads.

The rich tables and the JSON output are both drawn from these objects, so
they cannot disagree. Field names here are the JSON keys scripts rely on, in
this order: add fields freely, but never rename or remove one
(tests/test_json_keys.py holds the snapshot).

They are slotted dataclasses, not pydantic models: a query builds them from
records that were validated once, on loading, and validating them again cost
more than the load itself (100 000 timeline entries: 6.5 s against 2.4 s).
Standard library only, so the registry and the CLI can name these types
without importing pydantic or rich. No generated ``__repr__`` or ``__eq__``:
nothing compares results, their JSON is their readable form, and generating
the two halved the time to define these classes on every run (19 ms to 8 ms).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from geopol_cli.core.errors import Problem


@dataclass(frozen=True)
class ListShape:
    """What makes a result a list view, said once on its class (``shape``).

    ``lists``: the lists of records it holds, which --limit, --sort and --reverse
    cut and order, CSV and Markdown write as rows and JSON Lines writes one a
    line; ``bare``: its JSON document is its one list alone (an array), not an
    object. The records' type is read from the lists' annotations.
    """

    lists: tuple[str, ...]
    bare: bool = False

    def record_type(self, result_type: type) -> type:
        import typing

        hint = typing.get_type_hints(result_type)[self.lists[0]]
        record: type = typing.get_args(hint)[0]
        return record


@dataclass(slots=True, repr=False, eq=False)
class ActorRef:
    id: str
    name: str


@dataclass(slots=True, repr=False, eq=False)
class PersonRef:
    id: str
    name: str
    role: str | None = None


# How every view labels a counterpart stake: inferred from the move, stated by no source.
INFERRED = "counterpart, inferred"


@dataclass(slots=True, repr=False, eq=False)
class StakeView:
    """One actor's gain or loss in one event or claim."""

    actor: str
    name: str
    what: str
    basis: str
    biggest: bool = False
    inferred: bool = False  # a counterpart stake: inferred from the move, stated by no source
    source: str | None = None  # for a stated stake, the source that states it
    excerpt: str | None = None  # for a stated stake, the source's own words that state it
    account: str | None = None  # or what the source says of it, in the fact base's words

    @property
    def label(self) -> str:
        """Its basis as every view shows it: "stated", or "counterpart, inferred"."""
        return INFERRED if self.inferred else self.basis


@dataclass(slots=True, repr=False, eq=False)
class CitedDate:
    """A date as one source gives it."""

    start: str | None
    end: str | None
    label: str
    text: str | None  # the source's own wording
    inferred: str | None


@dataclass(slots=True, repr=False, eq=False)
class CitationView:
    """What one source says of an event or claim."""

    source: str
    publisher: str  # the source's publisher, for reading without a lookup
    excerpt: str | None  # its own words, where its text is held
    quote: str | None
    account: str | None  # what it says, in the fact base's words
    date: CitedDate | None
    act: str | None
    note: str | None


@dataclass(slots=True, repr=False, eq=False)
class DisputeView:
    """A disagreement among a record's sources, and the reading the record follows."""

    point: str  # date, act, order or account
    sources: list[str]
    follows: str | None
    why: str


@dataclass(slots=True, repr=False, eq=False)
class DateBound:
    """An event's start, tightened because it answers or follows an event that starts later."""

    earliest: str  # ISO day
    because: str  # the event it answers or follows
    link: str  # "answers" or "follows"
    label: str  # "not before 2022-09-21: answers kz-welcomes-fleeing-russians"


@dataclass(slots=True, repr=False, eq=False)
class SourceView:
    id: str
    title: str
    publisher: str
    url: str | None
    date: str | None
    retells: str | None


@dataclass(slots=True, repr=False, eq=False)
class TimelineEntry:
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
    direction: str | None  # null in a fact base with no focus, where directions are optional
    summary: str
    answers: list[str]
    follows: list[str]
    beneficiaries: list[StakeView]
    losers: list[StakeView]
    source: str  # the primary citation's source
    excerpt: str | None  # the primary citation's excerpt (null where that source is paraphrased)
    sources_count: int = 1  # how many distinct sources the event rests on
    citations: list[CitationView] = field(default_factory=list)
    disputes: list[DisputeView] = field(default_factory=list)
    date_bound: DateBound | None = None  # the start derived along answers/follows, where it is later
    verified: bool = False  # every citation is an excerpt found word for word in its source's held text
    disputed: list[str] = field(default_factory=list)  # the points its disputes are about (the CSV column's twin)


@dataclass(slots=True, repr=False, eq=False)
class TimelineQuery:
    countries: list[ActorRef] = field(default_factory=list)
    since: str | None = None
    until: str | None = None
    kinds: list[str] = field(default_factory=list)
    directions: list[str] = field(default_factory=list)
    within: bool = False


@dataclass(slots=True, repr=False, eq=False)
class Timeline:
    # Its JSON document is the list of events alone (an array since the first
    # release; the query is what the user typed, already known to a script).
    shape: ClassVar[ListShape] = ListShape(("events",), bare=True)

    query: TimelineQuery
    events: Sequence[TimelineEntry]  # a Stream, where the events were read in time order from the index

    def empty_note(self) -> str | None:
        if self.events:
            return None
        q = self.query
        filtered = q.countries or q.since or q.until or q.kinds or q.directions
        return "no events match these filters" if filtered else "the fact base has no events"


@dataclass(slots=True, repr=False, eq=False)
class ClaimView:
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
    source: str  # the primary citation's source
    excerpt: str | None
    sources_count: int = 1
    citations: list[CitationView] = field(default_factory=list)
    disputes: list[DisputeView] = field(default_factory=list)
    verified: bool = False


@dataclass(slots=True, repr=False, eq=False)
class Verdict:
    """Counts behind a profile's one-line verdict."""

    text: str
    moves_away: int
    moves_towards: int
    other_moves: int
    counter_moves_made: int
    counter_moves_suffered: int
    gains: int
    setbacks: int


@dataclass(slots=True, repr=False, eq=False)
class Partner:
    """An actor that a country moved towards, and what it gained."""

    actor: str
    name: str
    gains: list[str]
    events: list[str]


@dataclass(slots=True, repr=False, eq=False)
class Setback:
    event: str
    what: str
    basis: str


@dataclass(slots=True, repr=False, eq=False)
class CountryProfile:
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
    focus: ActorRef | None = None  # the actor directions are relative to (null: the fact base names none)


@dataclass(slots=True, repr=False, eq=False)
class CountryRow:
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


@dataclass(slots=True, repr=False, eq=False)
class CountryList:
    shape: ClassVar[ListShape] = ListShape(("countries",), bare=True)

    countries: list[CountryRow]

    def empty_note(self) -> str | None:
        return None if self.countries else "the fact base has no actors"


@dataclass(slots=True, repr=False, eq=False)
class BenefitEntry:
    """One beneficiary (or loser) and the evidence for it."""

    # The lists that may be streams (query/spill.py: one actor can be named in a million events); the JSON
    # writers write them as they are read, and query/stream.py held() makes them lists for the other formats.
    streamed: ClassVar[tuple[str, ...]] = (
        "gains",
        "events",
        "claims",
        "gains_inferred",
        "stated_words",
        "evidence_ids",
    )

    rank: int
    actor: str
    name: str
    evidence: int
    stated: int
    counterpart: int
    biggest: bool
    from_countries: list[ActorRef]
    domains: list[str]
    gains: Sequence[str]
    events: Sequence[str]
    claims: Sequence[str]
    role: str = "beneficiary"  # or "loser": which list it stands in (a JSON Lines line says it too)
    gains_inferred: Sequence[str] = field(default_factory=list)  # the gains no source states: counterpart only
    # Each stated gain (or loss) with the source and words that state it, as the fact base records them.
    stated_words: Sequence[StatedWords] = field(default_factory=list)
    evidence_ids: Sequence[str] = field(default_factory=list)  # events then claims (the CSV column's twin)


@dataclass(slots=True, repr=False, eq=False)
class StatedWords:
    """A stated gain or loss, and the words of its source that state it (an excerpt, or an account)."""

    what: str
    source: str | None
    words: str | None
    quoted: bool  # the words are the source's own (an excerpt), not an account
    biggest: bool
    record: str


@dataclass(slots=True, repr=False, eq=False)
class BenefitRanking:
    # --format jsonl writes one line per element of these lists, as in the JSON.
    shape: ClassVar[ListShape] = ListShape(("beneficiaries", "losers"))

    country: ActorRef | None  # the one country asked about (null for none, or for several: see countries)
    beneficiaries: list[BenefitEntry]
    losers: list[BenefitEntry]
    countries: list[ActorRef] = field(default_factory=list)  # every country asked about


@dataclass(slots=True, repr=False, eq=False)
class Counts:
    sources: int
    actors: int
    people: int
    events: int
    claims: int


@dataclass(slots=True, repr=False, eq=False)
class ValidationReport:
    """What `validate` reports: every problem, or for a clean file its counts."""

    file: str
    valid: bool  # no problems (and, with --strict, no warnings either)
    problems: list[Problem]
    counts: Counts | None
    warnings: list[Problem] = field(default_factory=list)  # disagreements not recorded, counterparts that say too much
    version: int | None = None  # the format version the file is written in (1 is converted on reading)
    strict: bool = False  # warnings count as problems


@dataclass(slots=True, repr=False, eq=False)
class PersonProfile:
    id: str
    name: str
    aliases: list[str]
    role: str | None
    leader: bool
    actor: ActorRef | None
    claims: list[ClaimView]
    events: list[TimelineEntry]
    sources: list[SourceView] = field(default_factory=list)  # what its claims and events rest on


@dataclass(slots=True, repr=False, eq=False)
class ClaimQuery:
    about: ActorRef | None = None  # the one actor asked about (null for none, or for several: see about_any)
    speaker: str | None = None  # the speakers' ids, comma-separated
    stances: list[str] = field(default_factory=list)
    about_any: list[ActorRef] = field(default_factory=list)  # every actor asked about


@dataclass(slots=True, repr=False, eq=False)
class ClaimList:
    shape: ClassVar[ListShape] = ListShape(("claims",))

    query: ClaimQuery
    claims: list[ClaimView]

    def empty_note(self) -> str | None:
        if self.claims:
            return None
        q = self.query
        filtered = q.about_any or q.speaker or q.stances
        return "no claims match these filters" if filtered else "the fact base has no claims"


@dataclass(slots=True, repr=False, eq=False)
class SourceRow(SourceView):
    """A source and how many facts rest on it."""

    events: int  # events that cite it
    claims: int  # claims that cite it
    dates: int  # events whose date it narrows
    retold_by: list[str]
    language: str | None = None
    note: str | None = None
    text: str | None = None  # its held text, a path relative to the fact base


@dataclass(slots=True, repr=False, eq=False)
class SourceList:
    shape: ClassVar[ListShape] = ListShape(("sources",), bare=True)

    sources: list[SourceRow]

    def empty_note(self) -> str | None:
        return None if self.sources else "the fact base has no sources"


@dataclass(slots=True, repr=False, eq=False)
class Citation:
    """One event or claim with everything needed to check it."""

    type: str  # "event" or "claim"
    id: str
    summary: str
    excerpt: str | None  # the primary citation's
    quote: str | None
    date_label: str | None
    date_inferred: str | None
    source: SourceView  # the primary citation's source
    retells: SourceView | None
    date_sources: list[SourceView]
    citations: list[CitedSource] = field(default_factory=list)  # every citation, the primary first
    disputes: list[DisputeView] = field(default_factory=list)
    date_bound: DateBound | None = None
    verified: bool = False


@dataclass(slots=True, repr=False, eq=False)
class CitedSource:
    """One citation of a record, with its whole source: what `geopol cite` lists."""

    source: SourceView
    retells: SourceView | None
    excerpt: str | None
    quote: str | None
    account: str | None
    date: CitedDate | None
    act: str | None
    note: str | None
    # Where the source's text is held: whether the excerpt stands in it word for word, and what
    # stands around it (the sentence before and after); null where no text is held.
    found: bool | None = None
    before: str | None = None
    after: str | None = None


@dataclass(slots=True, repr=False, eq=False)
class DisputeRow:
    """One disagreement, with the record it is on and what each of its sources says."""

    type: str  # "event" or "claim"
    id: str
    summary: str
    date_label: str | None  # an event's date as the fact base has it
    point: str
    sources: list[str]
    follows: str | None
    why: str
    citations: list[CitationView]  # the citations of the disputing sources


@dataclass(slots=True, repr=False, eq=False)
class DisputeList:
    shape: ClassVar[ListShape] = ListShape(("disputes",))

    disputes: list[DisputeRow]

    def empty_note(self) -> str | None:
        return None if self.disputes else "no disagreements are recorded in this fact base"


@dataclass(slots=True, repr=False, eq=False)
class SearchHit:
    type: str  # "actor", "person", "event" or "claim"
    id: str
    title: str  # the record's name, or its summary
    matched_in: list[str]  # the fields the words were found in, best first
    best: str  # "name", "summary" or "excerpt": the tier that decided the rank
    text: str  # the text of the best field, for showing the match
    date: str | None  # an event's earliest moment (null for others and for an open start)
    date_label: str | None = None  # an event's date as every view shows it ("undated, between …" included)


@dataclass(slots=True, repr=False, eq=False)
class SearchResult:
    shape: ClassVar[ListShape] = ListShape(("hits",))

    query: list[str]  # the words as typed
    hits: Sequence[SearchHit]  # a Stream, where the records were read from the index as a stream
    words: list[str] = field(default_factory=list)  # the words as matched (folded): what the table highlights

    def empty_note(self) -> str | None:
        return None if self.hits else "nothing matches " + " ".join(repr(w) for w in self.query)


@dataclass(slots=True, repr=False, eq=False)
class CompareColumn:
    id: str
    name: str
    kind: str
    verdict: Verdict
    events_by_kind: dict[str, int]
    partners: list[str]
    counter_moves_against: list[str]
    counter_moves_made: list[str]
    claims: list[str]


@dataclass(slots=True, repr=False, eq=False)
class Comparison:
    countries: list[CompareColumn]


@dataclass(slots=True, repr=False, eq=False)
class GraphEdge:
    source: str
    target: str
    relation: str  # "acts" (source acted towards target) or "gains" (target gained from source's move)
    label: str  # "diplomatic, away" or "gained (counterpart)"
    events: list[str]


@dataclass(slots=True, repr=False, eq=False)
class Graph:
    country: ActorRef | None  # the one country asked about (null for none, or for several: see countries)
    nodes: list[ActorRef]
    edges: list[GraphEdge]
    countries: list[ActorRef] = field(default_factory=list)  # every country asked about


@dataclass(slots=True, repr=False, eq=False)
class FormattedFile:
    file: str
    changed: bool  # its text was not the canonical form
    written: bool  # and it was rewritten (not with --check)


@dataclass(slots=True, repr=False, eq=False)
class FormatReport:
    """What `geopol fmt` did, or (with --check) would do, to each file of a fact base."""

    check: bool
    files: list[FormattedFile]
    text: str | None = None  # for a fact base read from standard input: its canonical form, written to stdout


@dataclass(slots=True, repr=False, eq=False)
class InitReport:
    """What `geopol init` made, and what to run next."""

    folder: str
    created: list[str]
    next: list[str]  # the next commands to run, in order


@dataclass(slots=True, repr=False, eq=False)
class AddReport:
    """What `geopol add` added (or, with --dry-run, would add), and where."""

    type: str  # "source", "actor", "person", "event" or "claim"
    id: str
    file: str
    written: bool
    record: dict[str, Any]  # the record as written, in canonical form
    copied: str | None = None  # a source's text, copied into the fact base's texts/ folder
    warnings: list[Problem] = field(default_factory=list)


@dataclass(slots=True, repr=False, eq=False)
class AddedReports:
    """Several records added in one write (`geopol add source --from-csl`)."""

    added: list[AddReport]


@dataclass(slots=True, repr=False, eq=False)
class ChangeView:
    """One record a change touched: as it was (null: added) and as it is (null: removed)."""

    type: str  # source, actor, person, event, claim, or focus
    id: str
    file: str
    index: int
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(slots=True, repr=False, eq=False)
class ChangeReport:
    """What `geopol edit`, `rename`, `remove` or `undo` changed (or, with --dry-run, would change)."""

    action: str
    summary: str
    written: bool
    changes: list[ChangeView]
    files: list[str]
    warnings: list[Problem] = field(default_factory=list)


@dataclass(slots=True, repr=False, eq=False)
class LogEntry:
    """One change in a fact base's journal."""

    number: int  # 1 is the most recent; `geopol undo N` takes back 1 to N
    time: str
    action: str
    summary: str
    command: str
    records: list[str]  # "event kz-x" for each record it changed
    files: list[str]


@dataclass(slots=True, repr=False, eq=False)
class ChangeLog:
    """The journal of a fact base, most recent change first (`geopol log`)."""

    shape: ClassVar[ListShape] = ListShape(("entries",), bare=True)

    entries: list[LogEntry]

    def empty_note(self) -> str | None:
        return None if self.entries else "no changes recorded yet: geopol records every add, edit, rename and remove"


@dataclass(slots=True, repr=False, eq=False)
class ImportReport:
    """What `geopol import` added (or, with --dry-run, would add), and what it skipped as already there."""

    file: str
    added: list[str]  # the new events' ids, in the table's order
    skipped: int  # rows whose event is already in the fact base (same id, or same start, actors and summary)
    written: bool


@dataclass(slots=True, repr=False, eq=False)
class ProposedDate:
    """A proposed event's date: the span, the text's own wording, and how it was resolved."""

    start: str | None
    end: str | None
    text: str | None
    inferred: str | None


@dataclass(slots=True, repr=False, eq=False)
class Candidate:
    """One record `geopol extract` proposes from a held text, with the words it rests on and why."""

    type: str  # "actor", "person", "event" or "claim"
    id: str
    excerpt: str | None  # the text's own words it rests on (for an actor or person: the name as written)
    quote: str | None  # a claim's quotation, inside its excerpt
    actors: list[str]
    targets: list[str]
    people: list[str]
    date: ProposedDate | None
    kind: str | None  # an event's kind, or an actor's
    direction: str | None  # a guess, relative to the fact base's focus (see reasons)
    by: str | None  # a claim's speaker: a person, or a source
    attributed_to: str | None
    about: list[str]
    stance: str | None
    name: str | None  # an actor's or a person's
    needs: list[str]  # the new actors and people (other candidates) the record names
    reasons: list[str]  # why each part was read as it was; the guesses say so
    record: dict[str, Any]  # the record as it would be written


@dataclass(slots=True, repr=False, eq=False)
class Proposals:
    """The records `geopol extract` proposes from one source's text, in the order the review takes them."""

    shape: ClassVar[ListShape] = ListShape(("candidates",), bare=True)

    source: str
    candidates: list[Candidate]
    already: int = 0  # records the text supports that the fact base already holds (not proposed again)

    def empty_note(self) -> str | None:
        if self.candidates:
            return None
        if self.already:
            return f"nothing new: the fact base already holds the {self.already} record(s) this text supports"
        return "no events, claims or actors found in the text"
