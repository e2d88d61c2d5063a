"""`geopol validate`: check a facts file and summarise it."""

from __future__ import annotations

from typing import Annotated

import typer

from geopol_cli.cli.common import FactsOption, JsonOption, open_facts, show


def validate(
    ctx: typer.Context,
    file: Annotated[
        str | None,
        typer.Argument(
            help="The facts file to check (default: --facts, $GEOPOL_FACTS, else the bundled facts).",
            show_default=False,
        ),
    ] = None,
    facts_path: FactsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Check a facts file: its schema, its references, its dates.

    A clean file prints a one-line summary and exits 0. A bad one prints one
    line per problem (FILE:LINE:COL: path: message) and exits 3.

    Examples:

      geopol validate
      geopol validate my-facts.json
      geopol validate my-facts.json --json | jq .events
    """
    from geopol_cli.query.results import Summary
    from geopol_cli.render.table import render_summary

    facts = open_facts(ctx, file or facts_path)
    base = facts.base
    summary = Summary(
        file=facts.path,
        sources=len(base.sources),
        actors=len(base.actors),
        people=len(base.people),
        events=len(base.events),
        claims=len(base.claims),
    )
    show(summary, as_json, render_summary)
