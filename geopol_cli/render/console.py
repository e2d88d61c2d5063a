"""The one console every table is printed through, and the helpers every table view shares.

Rules every table view keeps:

* data strings become ``Text`` objects through :func:`text`, never markup,
  and pass through :func:`~geopol_cli.render.safe.visible` on the way;
* every column folds long words instead of cropping them, so a narrow
  terminal shows every word (rich crops with an ellipsis by default);
* nothing filters or sorts: what the query returned is what is shown.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from rich import box
from rich.console import Console
from rich.style import Style
from rich.table import Table
from rich.text import Text

from geopol_cli.render.safe import visible

DIRECTION_STYLE = {"away": "green", "towards": "red", "counter": "bold red", "other": "yellow"}
BAR_WIDTH = 12


class _Unpadded:
    """A text stream that writes each line without the spaces rich pads it with."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.pending = ""

    def write(self, data: str) -> int:
        self.pending += data
        if "\n" in self.pending:
            done, _, self.pending = self.pending.rpartition("\n")
            self.stream.write("\n".join(line.rstrip(" ") for line in done.split("\n")) + "\n")
        return len(data)

    def flush(self) -> None:
        if self.pending:
            self.stream.write(self.pending.rstrip(" "))
            self.pending = ""
        self.stream.flush()

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return int(self.stream.fileno())

    @property
    def encoding(self) -> str:
        return str(getattr(self.stream, "encoding", "utf-8"))


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
    if not stderr and terminal_width is None and not sys.stdout.isatty():
        # Piped: rich pads every line to the full width; a file gets the lines without that padding.
        options["file"] = _Unpadded(sys.stdout)
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
    # show_edge off: no blank line above and below every table.
    return Table(
        title=Text(visible(title), style="bold") if title else None,  # titles name actors: data
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_edge=False,
        expand=True,
        **kwargs,  # type: ignore[arg-type]
    )


# An id (letters, digits, dots, underscores, with at least one hyphen) or a URL:
# words a reader copies, so a table never breaks one across lines.
_UNBREAKABLE = re.compile(r"^(?:[A-Za-z0-9][A-Za-z0-9._]*-[A-Za-z0-9._-]*[A-Za-z0-9]|https?://\S+)[,;.]?$")


def _longest_unbreakable(cells: list[object]) -> int:
    longest = 0
    for cell in cells:
        if isinstance(cell, Text):
            for word in cell.plain.split():
                if len(word) > longest and _UNBREAKABLE.match(word):
                    longest = len(word)
    return longest


def link(url: str, console: Console, style: str = "dim") -> Text:
    """A URL as safe text, and as a terminal hyperlink (OSC 8) where that is wanted: a terminal, no NO_COLOR."""
    shown = text(url, style)
    if console.is_terminal and not console.no_color and _LINKABLE.fullmatch(url):
        shown.stylize(Style(link=url))
    return shown


# A URL that may go inside a terminal hyperlink sequence (OSC 8): printable ASCII only, no space. Any
# other character (ESC, BEL, a C1 control, a bidi override) could end the sequence and start another;
# such a URL is shown, escaped, but not linked.
_LINKABLE = re.compile(r"https?://[!-~]+")


def add_column(table: Table, header: str, **kwargs: object) -> None:
    table.add_column(header, overflow="fold", **kwargs)  # type: ignore[arg-type]


def minimum_width(table: Table) -> int:
    # What rich needs before it starts cropping: each column's fixed or
    # minimum width, plus one space of padding either side and the separators.
    return sum((c.width or c.min_width or 4) + 3 for c in table.columns)


def _rooms(console: Console, table: Table) -> list[int]:
    """About how wide rich will make each column: its width, its maximum, or its share of what is left.

    Conservative on purpose (the other columns are taken at their widest), so
    that a table whose ids might not fit is printed as blocks instead.
    """
    columns = table.columns
    available = console.width - 3 * len(columns)
    taken = sum(c.width or c.max_width or c.min_width or 4 for c in columns if not c.ratio)
    ratios = sum(c.ratio or 0 for c in columns)
    rooms = []
    for c in columns:
        if c.width is not None:
            rooms.append(c.width)
        elif c.ratio:
            rooms.append(max(c.min_width or 0, (available - taken) * c.ratio // max(ratios, 1)))
        else:
            rooms.append(c.max_width or available)
    return rooms


def print_table(console: Console, table: Table) -> None:
    """Print a table, or, where the terminal is too narrow for its columns, each row as a block.

    rich silently crops columns whose minimum widths add up to more than the
    terminal; a stacked block ("Header: value" lines) wraps every word instead.
    A column is never narrower than the longest id or URL in it, so none is
    broken across lines: where that makes the table too wide, the rows are
    printed as blocks, where each id has the whole width.
    """
    rooms = _rooms(console, table)
    fits = all(_longest_unbreakable(list(c.cells)) <= room for c, room in zip(table.columns, rooms, strict=True))
    if fits and minimum_width(table) <= console.width:
        console.print(table)
        return
    if table.title:
        console.print(table.title)
    cells = [list(column.cells) for column in table.columns]
    for row in range(table.row_count):
        # Each row as a block: "Header:" then its value, the value's wrapped
        # lines indented under it, so that no line loses what it belongs to.
        block = Table.grid(padding=(0, 1))
        block.add_column(no_wrap=True, style="bold")
        block.add_column(overflow="fold")
        first = True
        for column, column_cells in zip(table.columns, cells, strict=True):
            cell = column_cells[row]
            if not isinstance(cell, Text) or not cell.plain:
                continue
            header = str(column.header).strip("# ")
            if not header and first:
                console.print(cell, overflow="fold")  # a row's own label (compare's first column) heads it
            else:
                block.add_row(Text(f"{header}:") if header else Text(""), cell)
            first = False
        console.print(block)
        console.print()
