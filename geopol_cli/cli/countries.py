"""`geopol countries`: every actor in the facts."""

from __future__ import annotations

import typer

from geopol_cli.cli.output import Output, ViewRequest, view_options


@view_options("CountryList", lists=True)
def countries(
    ctx: typer.Context,
    request: ViewRequest,
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

    out = request.choose()
    return out.of(list_countries(request.load()))
