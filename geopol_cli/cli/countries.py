"""`geopol countries`: every actor in the facts."""

from __future__ import annotations

from typing import Annotated

import typer

from geopol_cli.cli.options import (
    FactsOption,
    JqOption,
    JsonOption,
    LimitOption,
    ReverseOption,
    fields_option,
    format_option,
    listing,
    load,
    sort_option,
)
from geopol_cli.cli.output import Output, choose


def countries(
    ctx: typer.Context,
    facts_path: FactsOption = None,
    as_json: JsonOption = False,
    fmt: Annotated[str | None, format_option("CountryList")] = None,
    fields: Annotated[str | None, fields_option("CountryList")] = None,
    jq: JqOption = None,
    limit: LimitOption = None,
    sort: Annotated[str | None, sort_option("CountryList")] = None,
    reverse: ReverseOption = False,
) -> Output:
    """Every actor with its kind, region and moves.

    For each actor: its kind, region, codes, the number of events it is
    involved in and, for those that act, how many of their moves go away
    from the fact base's focus (Russia, in the bundled facts), towards it,
    are counter-moves or other.

    \b
    Examples:
      geopol countries
      geopol countries --format markdown
      geopol countries --json | jq -r '.[] | select(.kind == "country") | .id'
    """
    from geopol_cli.query.countries import list_countries

    out = choose("CountryList", as_json, fmt, listing=listing(limit, sort, reverse), fields=fields, jq=jq)
    return out.of(list_countries(load(ctx, facts_path)))
