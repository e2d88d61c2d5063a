"""Countries side by side: the same profile facts, one column each."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from geopol_cli.facts.index import Facts
from geopol_cli.facts.models import Actor
from geopol_cli.query.filters import EventFilter
from geopol_cli.query.profile import compute_verdict, concerning, focus_name
from geopol_cli.query.results import CompareColumn, Comparison
from geopol_cli.query.views import actor_ref

EVERY_EVENT = EventFilter()


def compare(facts: Facts, actors: Sequence[Actor], wanted: EventFilter = EVERY_EVENT) -> Comparison:
    """Each actor's verdict, events by kind, partners, Russia's counter-moves and claims, in the order given.

    Counted from the records themselves: a column needs no timeline entries,
    so none are built (a profile builds one per event).
    """
    columns = []
    for actor in actors:
        events, claims = concerning(facts, actor)
        if wanted:  # by date, kind or direction; claims have none of these, so they then drop out
            events = wanted.events(events)
            claims = [] if wanted.dated() else claims
        partners: dict[str, None] = {}
        for event in events:
            if actor.id in event.actors and event.direction in ("away", "towards"):
                for stake in event.beneficiaries:
                    if stake.actor != actor.id:
                        partners.setdefault(stake.actor, None)
        counters = [e for e in events if e.direction == "counter"]
        columns.append(
            CompareColumn(
                id=actor.id,
                name=actor.name,
                kind=actor.kind,
                verdict=compute_verdict(actor, events, claims, focus_name(facts)),
                events_by_kind=dict(sorted(Counter(e.kind for e in events).items())),
                partners=[actor_ref(facts, p).name for p in partners],
                counter_moves_against=[e.id for e in counters if actor.id in e.targets],
                counter_moves_made=[e.id for e in counters if actor.id in e.actors],
                claims=[c.id for c in claims],
            )
        )
    return Comparison(countries=columns)
