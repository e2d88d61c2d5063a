"""`geopol benefits`: who benefits, and who loses, ranked by evidence."""

from __future__ import annotations

from typing import Annotated

import typer

from geopol_cli.cli.options import (
    CountryFilter,
    DirectionFilter,
    FactsOption,
    JqOption,
    JsonOption,
    KindFilter,
    LimitOption,
    ReverseOption,
    SinceOption,
    UntilOption,
    WithinOption,
    actors_named,
    date_range,
    event_filter,
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
    since: SinceOption = None,
    until: UntilOption = None,
    kind: KindFilter = None,
    direction: DirectionFilter = None,
    within: WithinOption = False,
    facts_path: FactsOption = None,
    as_json: JsonOption = False,
    fmt: Annotated[str | None, format_option("BenefitRanking")] = None,
    fields: Annotated[str | None, fields_option("BenefitRanking")] = None,
    jq: JqOption = None,
    limit: LimitOption = None,
    sort: Annotated[str | None, sort_option("BenefitRanking")] = None,
    reverse: ReverseOption = False,
) -> Output:
    """Who benefits and who loses, ranked by evidence.

    Evidence is the number of distinct events and claims that name an actor as
    gaining (or losing), split by basis: 'stated' (a source says so) or
    'counterpart' (inferred, not stated: a target of the move that a state
    turned towards, or away from). Ranking: stated evidence counts first,
    above any amount of counterpart evidence; then more counterpart evidence;
    then by name. The bar draws it: █ stated, ▒ counterpart (inferred). A ★
    marks an actor a source names the biggest winner.

    --since, --until, --kind and --direction narrow the events counted, as
    in the timeline; claims have no date, kind or direction, so with any of
    them only events count.

    \b
    Examples:
      geopol benefits
      geopol benefits --country kazakhstan
      geopol benefits -c kazakhstan -c uzbekistan
      geopol benefits --since 2022-09 --kind security
      geopol benefits --format csv  # one row per beneficiary or loser, with a role column
      geopol benefits --json | jq -r '.beneficiaries[] | "\\(.rank) \\(.name) \\(.evidence)"'
    """
    from geopol_cli.query.benefits import rank_benefits

    out = choose("BenefitRanking", as_json, fmt, listing=listing(limit, sort, reverse), fields=fields, jq=jq)
    since, until = date_range(since, until)
    facts = load(ctx, facts_path)
    wanted = event_filter(facts, None, since, until, kind, direction, within)
    return out.of(rank_benefits(facts, actors_named(facts, country, "--country"), wanted))
