"""`geopol benefits`: who benefits, and who loses, ranked by evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from geopol_cli.cli.options import (
    CountryFilter,
    DirectionFilter,
    KindFilter,
    SinceOption,
    UntilOption,
    WithinOption,
    actors_named,
    date_range,
    event_filter,
)
from geopol_cli.cli.output import Output, ViewRequest, view_options

if TYPE_CHECKING:
    from geopol_cli.facts.load import Facts


@view_options("BenefitRanking", lists=True)
def benefits(
    ctx: typer.Context,
    request: ViewRequest,
    country: CountryFilter = None,
    since: SinceOption = None,
    until: UntilOption = None,
    kind: KindFilter = None,
    direction: DirectionFilter = None,
    within: WithinOption = False,
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

    out = request.choose()
    since, until = date_range(since, until)
    from geopol_cli.facts.store import Need

    def need(known: Facts) -> Need:  # a large base's index reads only the records with a gain or a loss
        ids = tuple(a.id for a in actors_named(known, country, "--country"))
        chosen = event_filter(known, None, since, until, kind, direction, within)
        return Need(
            "match",
            "none" if chosen.dated() else "concerning" if ids else "all",
            ids,
            chosen.kinds,
            chosen.directions,
            stakes=True,
            stream="file",  # the events and claims are tallied as they are read, never all held
        )

    facts = request.load(need=need)
    wanted = event_filter(facts, None, since, until, kind, direction, within)
    return out.of(rank_benefits(facts, actors_named(facts, country, "--country"), wanted))
