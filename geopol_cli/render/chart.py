"""`geopol timeline --chart`: the timeline drawn in the terminal.

One lane per acting country, months across. A mark per event dated within
one month (●, or ◆ where several share a cell), a bar for a longer span (━),
and an arrow from the left edge for an open start (◀). When there are more
months than columns, each column stands for several months (the legend says
how many). Everything here draws what the timeline query returned.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from geopol_cli.core import dates
from geopol_cli.query.results import Timeline
from geopol_cli.render.options import ViewOptions
from geopol_cli.render.safe import visible

LABEL = 16


def _month_index(value: str, first: bool) -> int:
    day = dates.first_day(value) if first else dates.last_day(value)
    return day.year * 12 + day.month - 1


def render_chart(console: Console, timeline: Timeline, view: ViewOptions) -> None:
    spans: list[tuple[list[str], int | None, int]] = []  # (actor names, first month or None, last month)
    for event in timeline.events:
        first = _month_index(event.date, True) if event.date else None
        last = _month_index(event.date_end, False)
        spans.append(([a.name for a in event.actors], first, last))
    known = [m for _, first, last in spans for m in (first, last) if m is not None]
    if not known:
        return
    start, end = min(known), max(known)
    room = max(console.width - LABEL - 1, 8)
    per_column = max(1, -(-(end - start + 1) // room))  # months per column, rounded up
    columns = (end - start) // per_column + 1

    def column(month: int) -> int:
        return (month - start) // per_column

    lanes: dict[str, list[str]] = {}
    for names, first, last in spans:
        for name in names:
            cells = lanes.setdefault(name, [" "] * columns)
            a = 0 if first is None else column(first)
            b = column(last)
            if first is not None and a == b:
                cells[a] = "◆" if cells[a] in ("●", "◆") else "●"
                continue
            for i in range(a, b + 1):
                if cells[i] == " ":
                    cells[i] = "━"
            if first is None:
                cells[0] = "◀"

    years = [" "] * columns
    months = [" "] * columns
    for i in range(columns):
        month = start + i * per_column
        months[i] = "JFMAMJJASOND"[month % 12]
        if month % 12 < per_column or i == 0:
            label = str(month // 12)
            free = all(c == " " for c in years[max(i - 1, 0) : i + len(label) + 1])
            if i + len(label) <= columns and free:
                years[i : i + len(label)] = list(label)
    console.print(Text(" " * LABEL + " " + "".join(years), style="bold"), overflow="fold")
    console.print(Text(" " * LABEL + " " + "".join(months), style="dim"), overflow="fold")
    for name, cells in lanes.items():
        shown = visible(name)
        if len(shown) > LABEL:
            console.print(Text(shown, style="bold"), overflow="fold")
            shown = ""
        line = Text(shown.ljust(LABEL) + " ", style="bold")
        line.append("".join(cells), style="cyan")
        console.print(line, overflow="fold")
    unit = "a month" if per_column == 1 else f"{per_column} months"
    console.print(Text(f"● an event  ◆ several  ━ a span  ◀ open start  (a column: {unit})", "dim"), overflow="fold")
