"""The relations graph, with edges drawn only from the facts' own fields.

Two kinds of edge, each labelled from the event itself and merged across
events with the same ends and label (their ids are kept):

* ``acts``: an actor of an event towards each of its targets, labelled by the
  event's kind and direction;
* ``gains``: each acting actor towards each beneficiary of its move (other
  than itself), labelled by the beneficiary's basis.
"""

from __future__ import annotations

from collections.abc import Sequence

from geopol_cli.facts.index import Facts
from geopol_cli.facts.models import Actor
from geopol_cli.query.filters import EventFilter
from geopol_cli.query.results import ActorRef, Graph, GraphEdge
from geopol_cli.query.views import actor_ref

EVERY_EVENT = EventFilter()


def relations_graph(facts: Facts, countries: Sequence[Actor] = (), wanted: EventFilter = EVERY_EVENT) -> Graph:
    """Every edge in file order of first appearance; with ``countries``, only the edges that touch one of them.

    ``wanted`` narrows the events the edges are drawn from (by date, kind or direction).
    """
    edges: dict[tuple[str, str, str, str], list[str]] = {}
    for event in wanted.events(facts.base.events):
        for source in event.actors:
            for target in event.targets:
                if target != source:
                    edges.setdefault(
                        (source, target, "acts", f"{event.kind}, {event.direction}" if event.direction else event.kind),
                        [],
                    ).append(event.id)
            for stake in event.beneficiaries:
                if stake.actor != source:
                    key = (source, stake.actor, "gains", f"gained ({stake.basis})")
                    edges.setdefault(key, []).append(event.id)
    if countries:
        ids = {c.id for c in countries}
        edges = {key: events for key, events in edges.items() if not ids.isdisjoint(key[:2])}
    node_ids = list(dict.fromkeys(end for key in edges for end in key[:2]))
    return Graph(
        country=ActorRef(id=countries[0].id, name=countries[0].name) if len(countries) == 1 else None,
        countries=[ActorRef(id=c.id, name=c.name) for c in countries],
        nodes=[actor_ref(facts, n) for n in node_ids],
        edges=[
            GraphEdge(source=s, target=t, relation=relation, label=label, events=ids)
            for (s, t, relation, label), ids in edges.items()
        ],
    )
