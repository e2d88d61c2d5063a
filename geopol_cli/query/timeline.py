"""Events in time order, and the filters of `geopol timeline`.

The ordering rule (also in the README):

1. earliest possible moment first; an open start ("even before the war")
   comes before every dated event. The earliest moment is the one derived
   along ``answers`` and ``follows`` where that is later than the event's
   own start (an event cannot start before an event it answers or follows:
   facts/derive.py), so a cause is never listed after its effect;
2. for the same earliest moment, the narrower span first (the earlier end);
3. among events with the very same span, an event comes after the events it
   ``answers`` or ``follows`` (the source's own "responded", "later");
4. anything still tied, by id.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from geopol_cli.core import dates
from geopol_cli.facts.derive import Bound
from geopol_cli.facts.index import Facts
from geopol_cli.facts.models import Event
from geopol_cli.query.filters import EventFilter
from geopol_cli.query.results import ActorRef, Timeline, TimelineQuery
from geopol_cli.query.views import timeline_entry

_cached_sort_key = lru_cache(maxsize=65536)(dates.sort_key)


_NO_BOUNDS: Mapping[str, Bound] = {}


def event_key(event: Event, bounds: Mapping[str, Bound] = _NO_BOUNDS) -> tuple[int, int]:
    key = _cached_sort_key(event.date.start, event.date.end)
    bound = bounds.get(event.id) if bounds else None
    return key if bound is None else (bound.earliest.toordinal(), key[1])


def order_events(events: Iterable[Event], bounds: Mapping[str, Bound] = _NO_BOUNDS) -> list[Event]:
    """Events sorted by the ordering rule above (``bounds``: the loaded facts' derived starts)."""

    def key(event: Event) -> tuple[int, int]:
        return event_key(event, bounds)

    ordered = sorted(events, key=lambda e: (key(e), e.id))
    out: list[Event] = []
    run_start = 0
    for i in range(1, len(ordered) + 1):
        if i == len(ordered) or key(ordered[i]) != key(ordered[run_start]):
            run = ordered[run_start:i]
            out.extend(_respect_references(run) if len(run) > 1 else run)
            run_start = i
    return out


def _respect_references(run: Sequence[Event]) -> list[Event]:
    """Topological order of one same-span run, ties by id (Kahn's algorithm)."""
    index = {e.id: i for i, e in enumerate(run)}
    later: list[list[int]] = [[] for _ in run]
    waiting = [0] * len(run)
    for i, event in enumerate(run):
        for earlier in (*event.answers, *event.follows):
            j = index.get(earlier)
            if j is not None and j != i:
                later[j].append(i)
                waiting[i] += 1
    ready = [i for i in range(len(run)) if waiting[i] == 0]
    heapq.heapify(ready)  # run is sorted by id, so the smallest index is the smallest id
    out: list[Event] = []
    while ready:
        i = heapq.heappop(ready)
        out.append(run[i])
        for k in later[i]:
            waiting[k] -= 1
            if waiting[k] == 0:
                heapq.heappush(ready, k)
    if len(out) < len(run):  # a cycle: the loader rejects these, but never lose an event
        seen = {e.id for e in out}
        out.extend(e for e in run if e.id not in seen)
    return out


EVERY_EVENT = EventFilter()


def build_timeline(
    facts: Facts,
    wanted: EventFilter = EVERY_EVENT,
    countries: Sequence[ActorRef] = (),
    first: int | None = None,
    newest_first: bool = False,
) -> Timeline:
    """The events that pass the filter, in time order (``countries``: the actors the filter names, for the echo).

    ``first``: only that many (the newest, with ``newest_first``, still in time order): the others'
    entries are never built, so --limit costs what it shows.
    """
    ordered = order_events(wanted.events(facts.base.events), facts.derived.bounds)
    if first is not None:
        ordered = ordered[-first:] if newest_first and first else ordered[:first]
    return Timeline(
        query=TimelineQuery(
            countries=list(countries),
            since=wanted.since,
            until=wanted.until,
            kinds=list(wanted.kinds),
            directions=list(wanted.directions),
            within=wanted.within,
        ),
        events=[timeline_entry(facts, e) for e in ordered],
    )
