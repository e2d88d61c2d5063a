"""`geopol compare A B [C…]`: countries side by side."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from geopol_cli.cli.common import FactsOption, JsonOption, find_actor, open_facts, show
from geopol_cli.cli.complete import complete_actor

if TYPE_CHECKING:
    from rich.console import Console


def compare(
    ctx: typer.Context,
    names: Annotated[
        list[str],
        typer.Argument(
            metavar="NAME...", autocompletion=complete_actor, help="Two or more countries (or other actors)."
        ),
    ],
    facts_path: FactsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Countries side by side: direction, events by kind, partners, counter-moves, claims.

    Names match as in `geopol country`. An unknown name exits 1.

    \b
    Examples:
      geopol compare kazakhstan uzbekistan armenia
      geopol compare KZ UZ --json | jq '.countries[] | {id, away: .verdict.moves_away}'
    """
    from geopol_cli.query.compare import compare as run_compare

    if len(names) < 2:
        raise typer.BadParameter("give at least two names to compare", param_hint="NAME...")
    facts = open_facts(ctx, facts_path)
    comparison = run_compare(facts, [find_actor(facts, name) for name in names])

    def table(console: Console) -> None:
        from geopol_cli.render.table import render_comparison

        render_comparison(console, comparison)

    show(comparison, as_json, table)
