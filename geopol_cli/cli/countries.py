"""`geopol countries`: every actor in the facts."""

from __future__ import annotations

import typer

from geopol_cli.cli.common import FactsOption, JsonOption, open_facts, show


def countries(ctx: typer.Context, facts_path: FactsOption = None, as_json: JsonOption = False) -> None:
    """List every actor: kind, region, number of events and the direction of its moves.

    Examples:

      geopol countries
      geopol countries --json | jq -r '.[] | select(.kind == "country") | .id'
    """
    from geopol_cli.query.countries import list_countries
    from geopol_cli.render.table import render_countries

    rows = list_countries(open_facts(ctx, facts_path))
    show(rows, as_json, render_countries)
