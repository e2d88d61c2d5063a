"""`geopol benefits`: who benefits, and who loses, ranked by evidence."""

from __future__ import annotations

from typing import Annotated

import typer

from geopol_cli.cli.common import FactsOption, JsonOption, find_actor, open_facts, show
from geopol_cli.errors import ExitCode


def benefits(
    ctx: typer.Context,
    country: Annotated[
        str | None,
        typer.Option(
            "--country",
            "-c",
            metavar="NAME",
            help="Only gains from this country's moves, and claims about it.",
            show_default=False,
        ),
    ] = None,
    facts_path: FactsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Who benefits: every beneficiary ranked by the evidence for it, and the losers.

    Evidence is the number of distinct events and claims that name an actor as
    gaining (or losing), split by basis: 'stated' by the source itself, or
    'counterpart' (the partner a state moved towards, or the party it moved
    away from). Ranking: more stated evidence first, then more counterpart
    evidence, then by name. The bar draws it: █ stated, ▒ counterpart. A ★
    marks an actor the source itself names the biggest winner.

    Examples:

      geopol benefits
      geopol benefits --country kazakhstan
      geopol benefits --json | jq -r '.beneficiaries[] | "\\(.rank) \\(.name) \\(.evidence)"'
    """
    from geopol_cli.query.benefits import rank_benefits
    from geopol_cli.render.table import render_benefits

    facts = open_facts(ctx, facts_path)
    actor = find_actor(facts, country, ExitCode.USAGE) if country is not None else None
    show(rank_benefits(facts, actor), as_json, render_benefits)
