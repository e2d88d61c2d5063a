"""The one console every table is printed through, and the helpers every table view shares.

Rules every table view keeps:

* data strings become ``Text`` objects through :func:`text`, never markup,
  and pass through :func:`~geopol_cli.render.safe.visible` on the way;
* every column folds long words instead of cropping them, so a narrow
  terminal shows every word (rich crops with an ellipsis by default);
* nothing filters or sorts: what the query returned is what is shown.
"""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from geopol_cli.render.safe import visible

DIRECTION_STYLE = {"away": "green", "towards": "red", "counter": "bold red", "other": "yellow"}
BAR_WIDTH = 12


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # rich would exit the process with status 1 here; geopol's contract is
        # 141, decided by the entry point (geopol_cli.main), so the error goes on up.
        self.quiet = True
        raise BrokenPipeError


def make_console(stderr: bool = False, terminal_width: int | None = None, colour: str = "auto") -> Console:
    """The one console all tables are printed through.

    Markup, emoji codes and automatic highlighting are all off: the data is
    untrusted, and a name like ``[red]x`` or ``:warning:`` must show as written.
    Colour follows rich's own rules (off when piped, off with NO_COLOR).
    ``terminal_width`` is for output that goes through a pager to a terminal
    of that width: drawn as for that terminal, colours included. ``colour``
    is --color: "always" draws colours even into a pipe, "never" none at all.
    """
    options: dict[str, Any] = {"stderr": stderr, "markup": False, "emoji": False, "highlight": False}
    if terminal_width is not None:
        options.update(force_terminal=True, width=terminal_width)
    if colour == "always":
        options["force_terminal"] = True
    elif colour == "never":
        options["color_system"] = None
    return _Console(**options)


def text(value: str | None, style: str = "") -> Text:
    """Untrusted data as a Text: never markup, never a raw control character, never a line break."""
    return Text(visible(value or ""), style=style)


def lines(*parts: Text | None) -> Text:
    """Stack Text parts as lines of one cell, skipping empty ones."""
    return Text("\n").join(p for p in parts if p is not None and p.plain)


def new_table(title: str | None = None, **kwargs: object) -> Table:
    return Table(
        title=Text(title, style="bold") if title else None,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        expand=True,
        **kwargs,  # type: ignore[arg-type]
    )


def add_column(table: Table, header: str, **kwargs: object) -> None:
    table.add_column(header, overflow="fold", **kwargs)  # type: ignore[arg-type]


def minimum_width(table: Table) -> int:
    # What rich needs before it starts cropping: each column's fixed or
    # minimum width, plus one space of padding either side and the separators.
    return sum((c.width or c.min_width or 4) + 3 for c in table.columns)


def print_table(console: Console, table: Table) -> None:
    """Print a table, or, where the terminal is too narrow for its columns, each row as a block.

    rich silently crops columns whose minimum widths add up to more than the
    terminal; a stacked block ("Header: value" lines) wraps every word instead.
    """
    if minimum_width(table) <= console.width:
        console.print(table)
        return
    if table.title:
        console.print(table.title)
    cells = [list(column.cells) for column in table.columns]
    for row in range(table.row_count):
        block = []
        for column, column_cells in zip(table.columns, cells, strict=True):
            cell = column_cells[row]
            if not isinstance(cell, Text) or not cell.plain:
                continue
            header = str(column.header)
            line = Text(f"{header}: ", style="bold") if header.strip("# ") else Text("")
            line.append(cell)
            block.append(line)
        console.print(Text("\n").join(block), overflow="fold")
        console.print()
