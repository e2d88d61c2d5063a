"""Full-text search over actors, people, events and claims.

Matching folds case, accents and punctuation (see resolve.normalize), and
every word of the query must be found in the record, in any of its fields, as
the start of a word ('kaz' finds Kazakhstan; 'oil' does not find 'turmoil').

Ranking (also in `geopol search --help` and the README): records whose words
are all found in a name (an actor's or person's names and codes, a record's
id) first, then those that need a summary (or role, quote, region), then those
that need an excerpt; within a tier, actors and people first, then events by
the timeline order of their dates, then claims; ties by type and id.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from functools import partial

from geopol_cli.core.dates import date_label
from geopol_cli.core.folding import normalize
from geopol_cli.facts.derive import event_key
from geopol_cli.facts.fields import searched_fields
from geopol_cli.facts.index import Facts
from geopol_cli.facts.models import Actor, Claim, Event, Person
from geopol_cli.query.filters import EventFilter
from geopol_cli.query.results import SearchHit, SearchResult
from geopol_cli.query.stream import Stream
from geopol_cli.query.views import dated_by_a_source

TIERS = ("name", "summary", "excerpt")
_TYPE_ORDER = {"actor": 0, "person": 1, "event": 2, "claim": 3}

# A record to search: (type, where it is: its position among the base's records of that type, the record).
Located = tuple[str, int, Actor | Person | Event | Claim]


def _located(facts: Facts) -> Iterator[Located]:
    """Every searchable record with its type and position. Events and claims come from the facts' streams
    where they have them (read from the index as they are searched, never all held), else from the base."""
    yield from (("actor", i, a) for i, a in enumerate(facts.base.actors))
    yield from (("person", i, p) for i, p in enumerate(facts.base.people))
    if facts.event_stream is not None:
        yield from (("event", p.position, p.event) for p in facts.event_stream())
    else:
        yield from (("event", i, e) for i, e in enumerate(facts.base.events))
    if facts.claim_stream is not None:
        yield from (("claim", p.position, p.claim) for p in facts.claim_stream())
    else:
        yield from (("claim", i, c) for i, c in enumerate(facts.base.claims))


_SECTION = {"actor": "actors", "person": "people", "event": "events", "claim": "claims"}


def _label(event: Event) -> str:
    return date_label(event.date.start, event.date.end, dated_by_a_source(event))


# A hit's place in the ranking (the rule above): tier, records before actors and people, date, type, id.
Rank = tuple[int, bool, int, int, int, str]


class _Searcher:
    """What one search looks for, and the hit (with its rank) that a record makes, if it matches."""

    def __init__(self, facts: Facts, words: list[str], types: Sequence[str], wanted: EventFilter) -> None:
        self.names = {a.id: a.name for a in facts.actors.values()}
        self.people = {p.id: p.name for p in facts.people.values()}
        self.words = words
        self.types = ("event",) if wanted else types
        self.wanted = wanted

    def hit(self, kind: str, record: Actor | Person | Event | Claim) -> tuple[Rank, SearchHit] | None:
        event = record if isinstance(record, Event) else None
        if (self.types and kind not in self.types) or (self.wanted and (event is None or not self.wanted.keeps(event))):
            return None
        words = self.words
        fields = searched_fields(_SECTION[kind], record, self.names, self.people)
        # A word starts a word of a folded text (core/folding.py normalize: its words one space apart, none at
        # either end) when " word" is in " text". Splitting each text into words and testing each one took a
        # third of a broad search's time.
        folded = [(name, tier, text, f" {normalize(text)}") for name, tier, text in fields]
        best_tiers = []
        for word in words:
            starts = f" {word}"
            tiers = [tier for _, tier, _, padded in folded if starts in padded]
            if not tiers:
                return None
            best_tiers.append(min(tiers))
        tier = max(best_tiers)  # the tier every word can be found within
        hits = [(name, t, text) for name, t, text, padded in folded if any(f" {w}" in padded for w in words)]
        matched = list(dict.fromkeys(name for name, _, _ in hits))
        title = record.name if isinstance(record, (Actor, Person)) else record.summary
        # The text to show: the best-tier field that matched, unless that is only the id.
        best_text = next((text for name, t, text in hits if t == tier and name != "id"), title)
        date_rank = event_key(event) if event is not None else (_UNDATED, 0)
        rank = (tier, kind not in ("actor", "person"), date_rank[0], date_rank[1], _TYPE_ORDER[kind], record.id)
        return rank, SearchHit(
            type=kind,
            id=record.id,
            title=title,
            matched_in=matched,
            best=TIERS[tier],
            text=best_text,
            date=event.date.start if event is not None else None,
            date_label=_label(event) if event is not None else None,
        )


_UNDATED = (1 << 22) - 1  # after every date (days since year 1: under 2**22 until the year 11 000)


def _packed(rank: Rank) -> int:
    """A rank but its id as one integer, in the same order (kept in an array: 8 bytes a hit)."""
    tier, record, day, last, kind, _ = rank
    return ((((tier << 1 | record) << 22 | day) << 22 | last) << 2) | kind


EVERY_EVENT = EventFilter()


def search(
    facts: Facts, query: Sequence[str], types: Sequence[str] = (), wanted: EventFilter = EVERY_EVENT
) -> SearchResult:
    """Every record in which all the query's words are found, best first.

    ``types`` keeps only records of those types; an event filter (``wanted``)
    keeps only the events that pass it, and so only events.

    Where the facts give their events and claims as streams (from the index), the hits are too: a first
    pass keeps only each hit's rank (without its id: one integer), its id and where it is; the hits are
    then made again, in rank order, as they are written, so a search that half a million records match
    never holds half a million hits.
    """
    words = [w for q in query for w in normalize(q).split()]
    searcher = _Searcher(facts, words, types, wanted)
    if not words:
        return SearchResult(query=list(query), hits=[], words=words)
    if facts.event_stream is None and facts.claim_stream is None:
        scored = [found for kind, _, record in _located(facts) if (found := searcher.hit(kind, record)) is not None]
        scored.sort(key=lambda pair: pair[0])
        return SearchResult(query=list(query), hits=[hit for _, hit in scored], words=words)
    ranks = array("q")
    places = array("q")  # type (its order) and position, as position * 4 + type
    ids: list[str] = []
    for kind, position, record in _located(facts):
        found = searcher.hit(kind, record)
        if found is not None:
            ranks.append(_packed(found[0]))
            places.append(position * 4 + _TYPE_ORDER[kind])
            ids.append(record.id)
    order = list(range(len(ranks)))
    order.sort(key=ids.__getitem__)  # stable: by id within each rank
    order.sort(key=ranks.__getitem__)
    del ids
    ranked = array("q", (places[i] for i in order))
    return SearchResult(query=list(query), hits=Stream(partial(_hits_in_order, facts, searcher, ranked)), words=words)


_KINDS = {order: kind for kind, order in _TYPE_ORDER.items()}


def _hits_in_order(facts: Facts, searcher: _Searcher, ranked: Sequence[int]) -> Iterator[SearchHit]:
    """The hits at these places (position * 4 + type order), made again from their records, in this order."""
    for start in range(0, len(ranked), 500):
        batch = ranked[start : start + 500]
        wanted: dict[str, list[int]] = {}
        for place in batch:
            wanted.setdefault(_KINDS[place & 3], []).append(place >> 2)
        records: dict[tuple[str, int], Actor | Person | Event | Claim] = {}
        for kind, positions in wanted.items():
            records.update(((kind, p), r) for p, r in zip(positions, _at(facts, kind, positions), strict=True))
        for place in batch:
            kind = _KINDS[place & 3]
            found = searcher.hit(kind, records[kind, place >> 2])
            assert found is not None  # it matched in the first pass, and the index answers for the same files
            yield found[1]


def _at(facts: Facts, kind: str, positions: Sequence[int]) -> Iterator[Actor | Person | Event | Claim]:
    if kind == "event" and facts.event_stream is not None:
        return (p.event for p in facts.event_stream.at(positions))
    if kind == "claim" and facts.claim_stream is not None:
        return (p.claim for p in facts.claim_stream.at(positions))
    held: Sequence[Actor | Person | Event | Claim] = getattr(facts.base, _SECTION[kind])
    return (held[p] for p in positions)
