"""`geopol benefits`: who benefits, and who loses, ranked by evidence."""

from __future__ import annotations

from typing import Annotated

import typer

from geopol_cli.cli.options import (
    CountryFilter,
    FactsOption,
    JsonOption,
    LimitOption,
    ReverseOption,
    actors_named,
    fields_option,
    format_option,
    listing,
    load,
    sort_option,
)
from geopol_cli.cli.output import Output, choose


def benefits(
    ctx: typer.Context,
    country: CountryFilter = None,
    facts_path: FactsOption = None,
    as_json: JsonOption = False,
    fmt: Annotated[str | None, format_option("BenefitRanking")] = None,
    fields: Annotated[str | None, fields_option("BenefitRanking")] = None,
    limit: LimitOption = None,
    sort: Annotated[str | None, sort_option("BenefitRanking")] = None,
    reverse: ReverseOption = False,
) -> Output:
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
      geopol benefits -c kazakhstan -c uzbekistan
      geopol benefits --format csv  # one row per beneficiary or loser, with a role column
      geopol benefits --json | jq -r '.beneficiaries[] | "\\(.rank) \\(.name) \\(.evidence)"'
    """
    from geopol_cli.query.benefits import rank_benefits

    out = choose("BenefitRanking", as_json, fmt, listing=listing(limit, sort, reverse), fields=fields)
    facts = load(ctx, facts_path)
    return out.of(rank_benefits(facts, actors_named(facts, country, "--country")))
