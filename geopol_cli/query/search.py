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

from collections.abc import Iterator, Sequence

from geopol_cli.core.dates import date_label
from geopol_cli.core.folding import normalize
from geopol_cli.facts.derive import event_key
from geopol_cli.facts.fields import searched_fields
from geopol_cli.facts.index import Facts
from geopol_cli.facts.models import Event
from geopol_cli.query.filters import EventFilter
from geopol_cli.query.results import SearchHit, SearchResult
from geopol_cli.query.views import dated_by_a_source

TIERS = ("name", "summary", "excerpt")
_TYPE_ORDER = {"actor": 0, "person": 1, "event": 2, "claim": 3}

# (field name, tier, text) for one record
Fields = list[tuple[str, int, str]]


def _records(facts: Facts) -> Iterator[tuple[str, str, str, Fields, Event | None]]:
    """(type, id, title, fields, the event) for every searchable record (its fields: facts/fields.py).
    Events come from the facts' stream where they have one (read from the index as they are searched,
    never all held), else from the base."""
    names = {a.id: a.name for a in facts.actors.values()}
    people = {p.id: p.name for p in facts.people.values()}
    for actor in facts.base.actors:
        yield "actor", actor.id, actor.name, searched_fields("actors", actor, names, people), None
    for person in facts.base.people:
        yield "person", person.id, person.name, searched_fields("people", person, names, people), None
    events = (placed.event for placed in facts.event_stream()) if facts.event_stream is not None else facts.base.events
    for event in events:
        yield "event", event.id, event.summary, searched_fields("events", event, names, people), event
    for claim in facts.base.claims:
        yield "claim", claim.id, claim.summary, searched_fields("claims", claim, names, people), None


def _label(event: Event) -> str:
    return date_label(event.date.start, event.date.end, dated_by_a_source(event))


def _starts_a_word(word: str, text: str) -> bool:
    return any(token.startswith(word) for token in text.split())


EVERY_EVENT = EventFilter()


def search(
    facts: Facts, query: Sequence[str], types: Sequence[str] = (), wanted: EventFilter = EVERY_EVENT
) -> SearchResult:
    """Every record in which all the query's words are found, best first.

    ``types`` keeps only records of those types; an event filter (``wanted``)
    keeps only the events that pass it, and so only events.
    """
    words = [w for q in query for w in normalize(q).split()]
    scored: list[tuple[tuple[int, bool, int, int, int, str], SearchHit]] = []
    if wanted:
        types = ("event",)
    if words:
        for kind, record_id, title, fields, event in _records(facts):
            if (types and kind not in types) or (wanted and (event is None or not wanted.keeps(event))):
                continue
            folded = [(name, tier, text, normalize(text)) for name, tier, text in fields]
            best_tiers = []
            for word in words:
                tiers = [tier for _, tier, _, norm in folded if _starts_a_word(word, norm)]
                if not tiers:
                    break
                best_tiers.append(min(tiers))
            else:
                tier = max(best_tiers)  # the tier every word can be found within
                hits = [
                    (name, t, text) for name, t, text, norm in folded if any(_starts_a_word(w, norm) for w in words)
                ]
                matched = list(dict.fromkeys(name for name, _, _ in hits))
                # The text to show: the best-tier field that matched, unless that is only the id.
                best_text = next((text for name, t, text in hits if t == tier and name != "id"), title)
                date_rank = event_key(event) if event is not None else (1 << 30, 0)
                key = (tier, kind not in ("actor", "person"), date_rank[0], date_rank[1], _TYPE_ORDER[kind], record_id)
                hit = SearchHit(
                    type=kind,
                    id=record_id,
                    title=title,
                    matched_in=matched,
                    best=TIERS[tier],
                    text=best_text,
                    date=event.date.start if event is not None else None,
                    date_label=_label(event) if event is not None else None,
                )
                scored.append((key, hit))
    scored.sort(key=lambda pair: pair[0])
    return SearchResult(query=list(query), hits=[hit for _, hit in scored], words=words)
