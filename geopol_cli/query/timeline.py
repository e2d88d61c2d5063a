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
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import TypeVar

from geopol_cli.facts.derive import Bound, event_key
from geopol_cli.facts.index import Facts
from geopol_cli.facts.models import Event
from geopol_cli.query.filters import EventFilter
from geopol_cli.query.results import ActorRef, Timeline, TimelineEntry, TimelineQuery
from geopol_cli.query.stream import Stream
from geopol_cli.query.views import timeline_entry

_NO_BOUNDS: Mapping[str, Bound] = {}


def order_events(events: Iterable[Event], bounds: Mapping[str, Bound] = _NO_BOUNDS) -> list[Event]:
    """Events sorted by the ordering rule above (``bounds``: the loaded facts' derived starts)."""
    keyed = sorted(((e, event_key(e, bounds), None) for e in events), key=lambda k: (k[1], k[0].id))
    return [e for e, _, _ in _in_runs(keyed)]


_P = TypeVar("_P")
# An event, its key (derive.event_key), and what goes along with it.
_Keyed = tuple[Event, tuple[int, int], _P]


def _in_runs(keyed: Iterable[_Keyed[_P]]) -> Iterator[_Keyed[_P]]:
    """Events already ordered by (key, id), in the rule's order: within each run of one key, after the
    events they answer or follow. Lazily, a run at a time, so that a timeline read in time order is never
    held whole."""
    run: list[_Keyed[_P]] = []
    for item in keyed:
        if run and item[1] != run[0][1]:
            yield from _respect_references(run) if len(run) > 1 else run
            run = []
        run.append(item)
    yield from _respect_references(run) if len(run) > 1 else run


def _respect_references(run: Sequence[_Keyed[_P]]) -> list[_Keyed[_P]]:
    """Topological order of one same-span run, ties by id (Kahn's algorithm)."""
    index = {e.id: i for i, (e, _, _) in enumerate(run)}
    later: list[list[int]] = [[] for _ in run]
    waiting = [0] * len(run)
    for i, (event, _, _) in enumerate(run):
        for earlier in (*event.answers, *event.follows):
            j = index.get(earlier)
            if j is not None and j != i:
                later[j].append(i)
                waiting[i] += 1
    ready = [i for i in range(len(run)) if waiting[i] == 0]
    heapq.heapify(ready)  # run is sorted by id, so the smallest index is the smallest id
    out: list[_Keyed[_P]] = []
    while ready:
        i = heapq.heappop(ready)
        out.append(run[i])
        for k in later[i]:
            waiting[k] -= 1
            if waiting[k] == 0:
                heapq.heappush(ready, k)
    if len(out) < len(run):  # a cycle: the loader rejects these, but never lose an event
        seen = {e.id for e, _, _ in out}
        out.extend(item for item in run if item[0].id not in seen)
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

    Where the facts give their events in time order (read from the index), the entries are a
    :class:`Stream`: made as they are written, from events read as they are needed.
    """
    query = TimelineQuery(
        countries=list(countries),
        since=wanted.since,
        until=wanted.until,
        kinds=list(wanted.kinds),
        directions=list(wanted.directions),
        within=wanted.within,
    )
    stream = facts.event_stream  # in time order: the timeline asks for it so (cli/timeline.py)
    if stream is None:
        ordered = order_events(wanted.events(facts.base.events), facts.derived.bounds)
        if first is not None:
            ordered = ordered[-first:] if newest_first and first else ordered[:first]
        return Timeline(query=query, events=[timeline_entry(facts, e) for e in ordered])

    def entries() -> Iterator[TimelineEntry]:
        # The index gives them ordered by (key, id): the runs of one key are those of the plain path.
        placed = (
            (event, event_key(event, {event.id: bound} if bound else {}), (bound, verified))
            for event, bound, verified, _ in stream()
            if wanted.keeps(event)
        )
        shown: Iterable[_Keyed[tuple[Bound | None, bool]]] = _in_runs(placed)
        if first is not None:
            shown = deque(shown, maxlen=first) if newest_first else islice(shown, first)
        for event, _, known in shown:
            yield timeline_entry(facts, event, known)

    return Timeline(query=query, events=Stream(entries))
