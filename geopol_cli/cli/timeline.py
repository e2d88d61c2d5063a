"""`geopol timeline`: events in time order, filtered."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, get_args

import typer

from geopol_cli.cli.complete import complete_actor, complete_kind

if TYPE_CHECKING:
    from rich.console import Console

from geopol_cli.cli.common import (
    ExcerptsOption,
    FactsOption,
    FormatOption,
    JsonOption,
    check_choices,
    find_actor,
    open_facts,
    output_format,
    show,
    stop_on_empty,
)
from geopol_cli.errors import ExitCode


def _partial_date(value: str, option: str) -> str:
    from geopol_cli.dates import parse_partial_date

    try:
        parse_partial_date(value)
    except ValueError as bad:
        raise typer.BadParameter(
            f"{bad}; use YYYY, YYYY-MM or YYYY-MM-DD (for example 2022, 2022-06 or 2022-06-15)", param_hint=option
        ) from None
    return value


def timeline(
    ctx: typer.Context,
    country: Annotated[
        list[str] | None,
        typer.Option(
            "--country",
            "-c",
            autocompletion=complete_actor,
            metavar="NAME",
            help="Only events involving this actor (repeatable: any of them).",
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="Only events overlapping this date or later: 2022, 2022-06, 2022-06-15.",
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="Only events overlapping this date or earlier (partial dates as --since).",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            "-k",
            autocompletion=complete_kind,
            metavar="KIND",
            help="Only events of this kind (repeatable: any of them): diplomatic, economic, energy, trade, "
            "security, military, migration, political, other.",
            show_default=False,
        ),
    ] = None,
    facts_path: FactsOption = None,
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    excerpts: ExcerptsOption = False,
    chart: Annotated[
        bool, typer.Option("--chart", help="Draw the timeline: one lane per country, months across.")
    ] = False,
) -> None:
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
    from geopol_cli.models import EventKind
    from geopol_cli.query.timeline import build_timeline
    from geopol_cli.query.views import actor_ref

    output = output_format(as_json, fmt)
    if chart and output != "table":
        raise typer.BadParameter(
            "--chart draws a picture; it does not combine with --json or --format", param_hint="--chart"
        )
    if since is not None:
        _partial_date(since, "--since")
    if until is not None:
        _partial_date(until, "--until")
    if since is not None and until is not None:
        from geopol_cli.dates import first_day, last_day

        if last_day(until) < first_day(since):
            raise typer.BadParameter(f"--until {until} is before --since {since}", param_hint="--until")
    check_choices(kind, get_args(EventKind), "kind", "--kind")
    facts = open_facts(ctx, facts_path)
    actors = [actor_ref(facts, find_actor(facts, name, ExitCode.USAGE).id) for name in country or []]
    result = build_timeline(facts, actors, since, until, kind or [])
    if stop_on_empty(not result.events, "no events match these filters", output):
        return

    def table(console: Console) -> None:
        if chart:
            from geopol_cli.render.chart import render_chart

            render_chart(console, result)
            return
        from geopol_cli.render.table import render_timeline

        render_timeline(console, result, excerpts=excerpts)

    def rows() -> list[dict[str, object]]:
        from geopol_cli.render.flat import timeline_rows

        return timeline_rows(result.events)

    show(result.events, output, table, rows)
