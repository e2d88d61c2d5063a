"""`geopol countries`: every actor in the facts."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from rich.console import Console

from geopol_cli.cli.common import FactsOption, FormatOption, JsonOption, open_facts, output_format, show


def countries(
    ctx: typer.Context, facts_path: FactsOption = None, as_json: JsonOption = False, fmt: FormatOption = None
) -> None:
    """Every actor with its kind, region and moves.

    For each actor: its kind, region, codes, the number of events it is
    involved in and, for those that act, how many of their moves go away
    from Russia, towards it, are counter-moves or other.

    \b
    Examples:
      geopol countries
      geopol countries --format markdown
      geopol countries --json | jq -r '.[] | select(.kind == "country") | .id'
    """
    from geopol_cli.query.countries import list_countries

    output = output_format(as_json, fmt)
    rows = list_countries(open_facts(ctx, facts_path))

    def table(console: Console) -> None:
        from geopol_cli.render.table import render_countries

        render_countries(console, rows)

    def flat() -> list[dict[str, object]]:
        from geopol_cli.render.flat import countries_rows

        return countries_rows(rows)

    show(rows, output, table, flat)
