"""`geopol timeline`: events in time order, filtered."""

from __future__ import annotations

from typing import Annotated

import typer

from geopol_cli.cli.options import (
    CountryFilter,
    ExcerptsOption,
    FactsOption,
    JsonOption,
    KindFilter,
    LimitOption,
    ReverseOption,
    actors_named,
    fields_option,
    format_option,
    listing,
    load,
    sort_option,
    values,
)
from geopol_cli.cli.output import Output, choose
from geopol_cli.core.errors import UsageProblem


def partial_date(value: str | None, option: str) -> str | None:
    """A --since/--until value, checked: YYYY, YYYY-MM or YYYY-MM-DD."""
    if value is None:
        return None
    from geopol_cli.core.dates import parse_partial_date

    try:
        parse_partial_date(value)
    except ValueError as bad:
        forms = "" if "YYYY" in str(bad) else "; use YYYY, YYYY-MM or YYYY-MM-DD"  # say the forms once
        raise UsageProblem(f"{bad}{forms} (for example 2022, 2022-06 or 2022-06-15)", option) from None
    return value


def date_range(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """--since and --until, each checked, and in order."""
    partial_date(since, "--since")
    partial_date(until, "--until")
    if since is not None and until is not None:
        from geopol_cli.core.dates import first_day, last_day

        if last_day(until) < first_day(since):
            raise UsageProblem(f"--until {until} is before --since {since}", "--until")
    return since, until


SinceOption = Annotated[
    str | None,
    typer.Option(
        metavar="DATE",
        help="Only events overlapping this date or later: 2022, 2022-06, 2022-06-15.",
        show_default=False,
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option(
        metavar="DATE",
        help="Only events overlapping this date or earlier (partial dates as --since).",
        show_default=False,
    ),
]


def timeline(
    ctx: typer.Context,
    country: CountryFilter = None,
    since: SinceOption = None,
    until: UntilOption = None,
    kind: KindFilter = None,
    facts_path: FactsOption = None,
    as_json: JsonOption = False,
    fmt: Annotated[str | None, format_option("Timeline")] = None,
    fields: Annotated[str | None, fields_option("Timeline")] = None,
    limit: LimitOption = None,
    sort: Annotated[str | None, sort_option("Timeline")] = None,
    reverse: ReverseOption = False,
    excerpts: ExcerptsOption = False,
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
    gains or loses in it; an event is in a date range if its span overlaps it.
    A filter that matches nothing prints nothing, notes it on stderr and exits 0.

    \b
    Examples:
      geopol timeline
      geopol timeline --country kazakhstan --country armenia --since 2022-06
      geopol timeline --kind energy --kind trade --excerpts
      geopol timeline --json | jq -r '.[] | [.date, .id] | @tsv'
      geopol timeline --format csv > timeline.csv
      geopol timeline --chart
    """
    from geopol_cli.query.timeline import build_timeline
    from geopol_cli.query.views import actor_ref

    if chart and fmt not in (None, "chart"):
        raise UsageProblem("--chart draws a picture; it does not combine with --json or --format", "--chart")
    if chart and excerpts:
        raise UsageProblem("--chart draws one mark per event and has no room for excerpts", "--excerpts")
    out = choose(
        "Timeline",
        as_json,
        "chart" if chart else fmt,
        excerpts=excerpts,
        listing=listing(limit, sort, reverse),
        fields=fields,
    )
    since, until = date_range(since, until)
    facts = load(ctx, facts_path)
    actors = [actor_ref(facts, a.id) for a in actors_named(facts, country, "--country")]
    return out.of(build_timeline(facts, actors, since, until, values(kind)))
