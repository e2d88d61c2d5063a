"""Dates derived along ``answers`` and ``follows``.

An event cannot start before an event it answers or follows starts. So each
event's earliest moment is at least the earliest moment of every event it
answers or follows, and so on back along the chain. Worked out once per
load, in one pass in topological order (linear in events plus links; the
loader has already rejected cycles).

Where that bound falls inside the event's own span, it tightens the span's
start, and says why ("not before 2022-09-21: answers kz-welcomes-fleeing-
russians"). Where it falls after the span's end, the link and the dates
contradict each other: that is a :class:`Contradiction`, never resolved
either way here; the record's ``disputes`` must say which reading it follows
(a warning of `geopol validate` until one does).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from geopol_cli.core.dates import sort_key, span_bounds
from geopol_cli.facts.models import Event

_span = lru_cache(maxsize=65536)(span_bounds)
_sort_key = lru_cache(maxsize=65536)(sort_key)


@dataclass(frozen=True, slots=True)
class Bound:
    """An event's start, tightened by an event it answers or follows."""

    earliest: dt.date
    because: str  # the event whose start sets the bound (the first link of the chain)
    link: str  # "answers" or "follows"
    origin: str  # the event at the start of the chain, whose own date sets it


@dataclass(frozen=True, slots=True)
class Contradiction:
    """An event that answers or follows one that starts after the event's own latest moment."""

    event: str
    index: int  # the event's position in the file, for placing the warning
    because: str
    link: str
    earliest: dt.date  # the bound the link implies
    latest: dt.date  # the event's own latest moment


@dataclass(frozen=True, slots=True)
class Derived:
    bounds: dict[str, Bound]
    contradictions: list[Contradiction]


_NO_BOUNDS: Mapping[str, Bound] = {}


def event_key(event: Event, bounds: Mapping[str, Bound] = _NO_BOUNDS) -> tuple[int, int]:
    """Where an event falls in time order (query/timeline.py's rule; ties then by id, then references): its
    earliest possible moment (``bounds``: the derived starts, where later than its own) and its latest.
    Here, beside the bounds, because the index keeps each event's key to read a timeline in order."""
    key = _sort_key(event.date.start, event.date.end)
    bound = bounds.get(event.id) if bounds else None
    return key if bound is None else (bound.earliest.toordinal(), key[1])


def derive_bounds(events: Sequence[Event]) -> Derived:
    """Every event's bound and every contradiction, in one topological pass (Kahn's algorithm).

    Only events on some link (those that answer or follow, and those they
    name) take part: in a large fact base most events are on none, and they
    neither get nor give a bound.
    """
    index: dict[str, int] = {}
    linking: list[int] = []
    for i, event in enumerate(events):
        index.setdefault(event.id, i)
        if event.answers or event.follows:
            linking.append(i)
    if not linking:
        return Derived({}, [])
    later: dict[int, list[int]] = {}
    waiting: dict[int, int] = {}
    for i in linking:
        event = events[i]
        waiting.setdefault(i, 0)
        for earlier in {*event.answers, *event.follows}:
            j = index.get(earlier)
            if j is not None and j != i:
                later.setdefault(j, []).append(i)
                waiting.setdefault(j, 0)
                waiting[i] += 1
    # earliest[i]: (day, origin id) the event i cannot start before, along its links and its own date.
    earliest: dict[int, tuple[dt.date, str] | None] = {}
    bounds: dict[str, Bound] = {}
    contradictions: list[Contradiction] = []
    ready = [i for i, count in waiting.items() if count == 0]
    while ready:
        i = ready.pop()
        event = events[i]
        first, last = _span(event.date.start, event.date.end)
        own = (first, event.id) if first is not None else None
        best: tuple[dt.date, str, str, str] | None = None  # day, because, link, origin
        for link, ids in (("answers", event.answers), ("follows", event.follows)):
            for earlier in ids:
                j = index.get(earlier)
                found = earliest.get(j) if j is not None else None
                if found is not None and (best is None or found[0] > best[0]):
                    best = (found[0], earlier, link, found[1])
        mine = own
        if best is not None and (own is None or best[0] > own[0]):
            day, because, link, origin = best
            if day > last:
                contradictions.append(Contradiction(event.id, i, because, link, day, last))
            else:
                bounds[event.id] = Bound(day, because, link, origin)
                mine = (day, origin)
        earliest[i] = mine
        for k in later.get(i, ()):
            waiting[k] -= 1
            if waiting[k] == 0:
                ready.append(k)
    contradictions.sort(key=lambda c: c.index)
    return Derived(bounds, contradictions)
