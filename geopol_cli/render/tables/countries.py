"""`geopol countries`: every actor and its moves."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from geopol_cli.query.results import (
    CountryList,
)
from geopol_cli.render.console import (
    DIRECTION_STYLE,
    add_column,
    lines,
    new_table,
    print_table,
    text,
)
from geopol_cli.render.options import ViewOptions


def render_countries(console: Console, result: CountryList, view: ViewOptions) -> None:
    table = new_table()
    add_column(table, "Actor", min_width=10, ratio=3)
    add_column(table, "Kind", min_width=7, max_width=12)
    add_column(table, "Region", min_width=8, ratio=3)
    add_column(table, "Events", justify="right", min_width=6, max_width=6)
    add_column(table, "Its moves", min_width=10, ratio=3)
    for row in result.countries:
        codes = " / ".join(c for c in (row.iso2, row.iso3) if c)
        name = lines(text(row.name, "bold"), text(row.id + (f" · {codes}" if codes else ""), "dim"))
        moves = Text()
        for direction in ("away", "towards", "counter", "other"):
            count = getattr(row, direction)
            if count:
                moves.append(text(f"{count} {direction} ", DIRECTION_STYLE[direction]))
        table.add_row(name, text(row.kind), text(row.region), text(str(row.events)), moves)
    print_table(console, table)
