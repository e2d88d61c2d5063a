"""`geopol timeline`: events in time order, filtered."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from geopol_cli.cli.options import (
    CountryFilter,
    DirectionFilter,
    KindFilter,
    SinceOption,
    UntilOption,
    WithinOption,
    date_range,
    event_filter,
)
from geopol_cli.cli.output import Output, ViewRequest, view_options
from geopol_cli.core.errors import UsageProblem

if TYPE_CHECKING:
    from geopol_cli.facts.load import Facts


@view_options("Timeline", lists=True, excerpts=True)
def timeline(
    ctx: typer.Context,
    request: ViewRequest,
    country: CountryFilter = None,
    since: SinceOption = None,
    until: UntilOption = None,
    kind: KindFilter = None,
    direction: DirectionFilter = None,
    within: WithinOption = False,
    chart: Annotated[
        bool, typer.Option("--chart", help="Draw the timeline: one lane per country, months across (--format chart).")
    ] = False,
) -> Output:
    """Events in time order, grouped by month or span.

    An event dated only by a span longer than a month is grouped under that
    span, never under its first month.

    Order: earliest possible moment first (an open start before all), then the
    narrower span, then an event after the events it answers or follows, then
    by id. An event involves a country that acts in it, is its target, or
    gains or loses in it; an event is in a date range if its span overlaps it
    (with --within, if its span lies wholly inside it).
    A filter that matches nothing prints nothing, notes it on stderr and exits 0.

    \b
    Examples:
      geopol timeline
      geopol timeline --country kazakhstan --country armenia --since 2022-06
      geopol timeline --kind energy --kind trade --excerpts
      geopol timeline --direction away --since 2022-06 --until 2022-12 --within
      geopol timeline --json | jq -r '.[] | [.date, .id] | @tsv'
      geopol timeline --format csv > timeline.csv
      geopol timeline --chart
    """
    from geopol_cli.query.timeline import build_timeline
    from geopol_cli.query.views import actor_ref

    if chart and (request.format not in (None, "chart") or request.as_json):
        raise UsageProblem("--chart draws a picture; it does not combine with --json or --format", "--chart")
    if chart and request.excerpts:
        raise UsageProblem("--chart draws one mark per event and has no room for excerpts", "--excerpts")
    out = request.choose("chart" if chart else None)
    since, until = date_range(since, until)
    from geopol_cli.facts.store import Need

    def need(known: Facts) -> Need:  # the index reads only the events the filters can keep, as they are written
        chosen = event_filter(known, country, since, until, kind, direction, within)
        return Need("match", "none", chosen.countries, chosen.kinds, chosen.directions, stream="time")

    facts = request.load(need=need)
    wanted = event_filter(facts, country, since, until, kind, direction, within)
    # --limit without --sort: only the entries shown are built (reversed, the newest; Listing then turns them).
    first = request.limit if request.sort is None else None
    named = [actor_ref(facts, c) for c in wanted.countries]
    return out.of(build_timeline(facts, wanted, named, first=first, newest_first=request.reverse))
