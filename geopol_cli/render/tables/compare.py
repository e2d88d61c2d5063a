"""`geopol compare`: countries side by side."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from geopol_cli.query.results import (
    Comparison,
)
from geopol_cli.render.console import (
    add_column,
    lines,
    new_table,
    print_table,
    text,
)
from geopol_cli.render.options import ViewOptions
from geopol_cli.render.safe import visible


def render_comparison(console: Console, comparison: Comparison, view: ViewOptions) -> None:
    table = new_table()
    add_column(table, "", min_width=10, max_width=16)
    for column in comparison.countries:
        add_column(table, visible(column.name), min_width=12, ratio=1)
    columns = comparison.countries

    def row(label: str, cells: list[Text]) -> None:
        table.add_row(text(label, "bold"), *cells)

    row("Kind", [text(c.kind) for c in columns])
    row("Verdict", [text(c.verdict.text) for c in columns])
    row("Moves away", [text(str(c.verdict.moves_away)) for c in columns])
    row("Moves towards", [text(str(c.verdict.moves_towards)) for c in columns])
    row(
        "Events by kind",
        [lines(*(text(f"{kind} {n}") for kind, n in c.events_by_kind.items())) or text("—") for c in columns],
    )
    row("Partners", [text(", ".join(c.partners) or "—") for c in columns])
    row("Counter-moves against it", [text(", ".join(c.counter_moves_against) or "—") for c in columns])
    row("Counter-moves made", [text(", ".join(c.counter_moves_made) or "—") for c in columns])
    row("Claims", [text(", ".join(c.claims) or "—") for c in columns])
    print_table(console, table)
