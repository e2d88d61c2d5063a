"""`geopol benefits`: who benefits, and who loses, ranked by evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from geopol_cli.cli.complete import complete_actor

if TYPE_CHECKING:
    from rich.console import Console

from geopol_cli.cli.common import FactsOption, FormatOption, JsonOption, find_actor, open_facts, output_format, show
from geopol_cli.errors import ExitCode


def benefits(
    ctx: typer.Context,
    country: Annotated[
        str | None,
        typer.Option(
            "--country",
            "-c",
            autocompletion=complete_actor,
            metavar="NAME",
            help="Only gains from this country's moves, and claims about it.",
            show_default=False,
        ),
    ] = None,
    facts_path: FactsOption = None,
    as_json: JsonOption = False,
    fmt: FormatOption = None,
) -> None:
    """Who benefits and who loses, ranked by evidence.

    Evidence is the number of distinct events and claims that name an actor as
    gaining (or losing), split by basis: 'stated' by the source itself, or
    'counterpart' (the partner a state moved towards, or the party it moved
    away from). Ranking: more stated evidence first, then more counterpart
    evidence, then by name. The bar draws it: █ stated, ▒ counterpart. A ★
    marks an actor the source itself names the biggest winner.

    \b
    Examples:
      geopol benefits
      geopol benefits --country kazakhstan
      geopol benefits --format csv  # one row per beneficiary or loser, with a role column
      geopol benefits --json | jq -r '.beneficiaries[] | "\\(.rank) \\(.name) \\(.evidence)"'
    """
    from geopol_cli.query.benefits import rank_benefits

    output = output_format(as_json, fmt)
    facts = open_facts(ctx, facts_path)
    actor = find_actor(facts, country, ExitCode.USAGE) if country is not None else None
    ranking = rank_benefits(facts, actor)

    def table(console: Console) -> None:
        from geopol_cli.render.table import render_benefits

        render_benefits(console, ranking)

    def rows() -> list[dict[str, object]]:
        from geopol_cli.render.flat import benefits_rows

        return benefits_rows(ranking)

    show(ranking, output, table, rows)
