"""`geopol compare A B [C…]`: countries side by side."""

from __future__ import annotations

from typing import Annotated

import typer

from geopol_cli.cli.complete import complete_actor
from geopol_cli.cli.options import (
    DirectionFilter,
    FactsOption,
    JqOption,
    JsonOption,
    KindFilter,
    SinceOption,
    UntilOption,
    WithinOption,
    at_least,
    date_range,
    event_filter,
    fields_option,
    format_option,
    load,
)
from geopol_cli.cli.output import Output, choose


def compare(
    ctx: typer.Context,
    names: Annotated[
        list[str],
        typer.Argument(metavar="NAME", autocompletion=complete_actor, help="Two or more countries (or other actors)."),
    ],
    since: SinceOption = None,
    until: UntilOption = None,
    kind: KindFilter = None,
    direction: DirectionFilter = None,
    within: WithinOption = False,
    facts_path: FactsOption = None,
    as_json: JsonOption = False,
    fmt: Annotated[str | None, format_option("Comparison")] = None,
    fields: Annotated[str | None, fields_option("Comparison")] = None,
    jq: JqOption = None,
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

    out = choose("Comparison", as_json, fmt, fields=fields, jq=jq)
    at_least(2, names, "names to compare")
    since, until = date_range(since, until)
    facts = load(ctx, facts_path)
    wanted = event_filter(facts, None, since, until, kind, direction, within)
    return out.of(compare_actors(facts, [resolve_actor(facts, name) for name in names], wanted))
