"""`geopol timeline --chart`: the timeline drawn in the terminal.

One lane per country that acts (●) or is targeted (○), months across. A mark
per event dated within one month (◆ or ◇ where several share a cell), a bar
for a longer span (━, or ┄ for a target), and an arrow from the left edge for
an open start (◀). When there are more months than columns, each column
stands for several months (the legend says how many); buckets of 2, 3, 4 or 6
months start with the year and are numbered within it. A year is labelled
over its first column, shortened ('23) where the full year has no room, and
marked (¦) where not even that fits.
Everything here draws what the timeline query returned.
"""

from __future__ import annotations

from rich.cells import cell_len
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
    # (actor names, target names, first month or None, last month) of each event
    spans: list[tuple[list[str], list[str], int | None, int]] = []
    for event in timeline.events:
        first = _month_index(event.date, True) if event.date else None
        last = _month_index(event.date_end, False)
        spans.append(([a.name for a in event.actors], [t.name for t in event.targets], first, last))
    known = [m for _, _, first, last in spans for m in (first, last) if m is not None]
    if not known:
        return
    start, end = min(known), max(known)
    room = max(console.width - LABEL - 1, 8)
    per_column = max(1, -(-(end - start + 1) // room))  # months per column, rounded up
    if 12 % per_column == 0:
        # Buckets of 2, 3, 4 or 6 months start with the year, so that each has a name (Q2, H1...).
        start -= (start % 12) % per_column
        per_column = max(per_column, -(-(end - start + 1) // room))
    columns = (end - start) // per_column + 1

    def column(month: int) -> int:
        return (month - start) // per_column

    lanes: dict[str, list[str]] = {}
    for actors, targets, first, last in spans:
        for names, mark, many, bar in ((actors, "●", "◆", "━"), (targets, "○", "◇", "┄")):
            for name in names:
                cells = lanes.setdefault(name, [" "] * columns)
                a = 0 if first is None else column(first)
                b = column(last)
                if first is not None and a == b:
                    cells[a] = many if cells[a] not in (" ", "━", "┄") else mark
                    continue
                for i in range(a, b + 1):
                    if cells[i] == " ":
                        cells[i] = bar
                if first is None:
                    cells[0] = "◀"

    width = console.width - LABEL - 1  # the header may run past the last column, never past the terminal
    years = [" "] * max(columns, width)
    for i in range(columns):
        month = start + i * per_column
        if month % 12 < per_column or i == 0:
            year = str(month // 12)
            for label in (year, "'" + year[-2:], "¦"):
                # The year, else '23, else (crowded, or at the right edge) a bare mark over its first column:
                # a new year is always marked, however few columns remain.
                if i + len(label) <= len(years) and all(c == " " for c in years[max(i - 1, 0) : i + len(label) + 1]):
                    years[i : i + len(label)] = list(label)
                    break
            else:
                if years[i] == " ":
                    years[i] = "¦"
    console.print(Text(" " * LABEL + " " + "".join(years).rstrip(), style="bold"), overflow="fold")
    console.print(Text(" " * LABEL + " " + _bucket_row(start, per_column, columns), style="dim"), overflow="fold")
    for name, cells in lanes.items():
        shown = visible(name)
        if cell_len(shown) > LABEL:
            console.print(Text(shown, style="bold"), overflow="fold")
            shown = ""
        line = Text(shown + " " * (LABEL - cell_len(shown)) + " ", style="bold")
        line.append("".join(cells), style="cyan")
        console.print(line, overflow="fold")
    unit = "a month" if per_column == 1 else f"{per_column} months"
    legend = (
        f"● acts  ○ is targeted  ◆◇ several  ━┄ a span  ◀ open start  (a column: {unit}{_bucket_names(per_column)})"
    )
    console.print(Text(legend, "dim"), overflow="fold")


def _bucket_row(start: int, per_column: int, columns: int) -> str:
    """Under the years: each month's initial, or each bucket's number within its year, or a dot."""
    cells = []
    for i in range(columns):
        month = (start + i * per_column) % 12
        if per_column == 1:
            cells.append("JFMAMJJASOND"[month])
        elif 12 % per_column == 0 and per_column < 12:
            cells.append(str(month // per_column + 1))
        else:
            cells.append("·")
    return "".join(cells)


def _bucket_names(per_column: int) -> str:
    names = {2: "; 1-6 two-month spans", 3: "; 1-4 quarters", 4: "; 1-3 thirds of a year", 6: "; 1-2 halves"}
    return names.get(per_column, "")
