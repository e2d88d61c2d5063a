"""`geopol compare A B [C…]`: countries side by side."""

from __future__ import annotations

from typing import Annotated

import typer

from geopol_cli.cli.complete import complete_actor
from geopol_cli.cli.options import (
    DirectionFilter,
    KindFilter,
    SinceOption,
    UntilOption,
    WithinOption,
    at_least,
    date_range,
    event_filter,
)
from geopol_cli.cli.output import Output, ViewRequest, view_options


@view_options("Comparison")
def compare(
    ctx: typer.Context,
    request: ViewRequest,
    names: Annotated[
        list[str],
        typer.Argument(metavar="NAME", autocompletion=complete_actor, help="Two or more countries (or other actors)."),
    ],
    since: SinceOption = None,
    until: UntilOption = None,
    kind: KindFilter = None,
    direction: DirectionFilter = None,
    within: WithinOption = False,
) -> Output:
    """Countries side by side: direction, events by kind, partners, counter-moves, claims.

    Names match as in `geopol country`. An unknown name exits 1.

    \b
    Examples:
      geopol compare kazakhstan uzbekistan armenia
      geopol compare kz uz --since 2022-06 --kind diplomatic
      geopol compare KZ UZ --json | jq '.countries[] | {id, away: .verdict.moves_away}'
    """
    from geopol_cli.query.compare import compare as compare_actors
    from geopol_cli.query.resolve import resolve_actor

    out = request.choose()
    at_least(2, names, "names to compare")
    since, until = date_range(since, until)
    facts = request.load()
    wanted = event_filter(facts, None, since, until, kind, direction, within)
    return out.of(compare_actors(facts, [resolve_actor(facts, name) for name in names], wanted))
