"""`geopol graph`: who acted towards whom, and who gained from whose move."""

from __future__ import annotations

import typer

from geopol_cli.cli.options import (
    CountryFilter,
    DirectionFilter,
    KindFilter,
    SinceOption,
    UntilOption,
    WithinOption,
    actors_named,
    date_range,
    event_filter,
)
from geopol_cli.cli.output import Output, ViewRequest, view_options


@view_options("Graph")
def graph(
    ctx: typer.Context,
    request: ViewRequest,
    country: CountryFilter = None,
    since: SinceOption = None,
    until: UntilOption = None,
    kind: KindFilter = None,
    direction: DirectionFilter = None,
    within: WithinOption = False,
) -> Output:
    """The relations graph: who acted towards whom, who gained from whose move.

    Edges come only from the facts' own fields: an event's actors towards its
    targets (labelled by kind and direction), and an event's actors towards
    those who gained from it (labelled by basis). --format dot is Graphviz,
    --format mermaid a flowchart that renders on GitHub; the table is a tree
    (--format tree is the same).

    \b
    Examples:
      geopol graph
      geopol graph --country armenia
      geopol graph --since 2022-09 --direction away
      geopol graph --format dot | dot -Tsvg > relations.svg
      geopol graph --format mermaid > relations.mmd
    """
    from geopol_cli.query.graph import relations_graph

    out = request.choose()
    since, until = date_range(since, until)
    facts = request.load()
    wanted = event_filter(facts, None, since, until, kind, direction, within)
    return out.of(relations_graph(facts, actors_named(facts, country, "--country"), wanted))
