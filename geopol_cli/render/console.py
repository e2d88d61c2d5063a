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
from collections.abc import Sequence
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
    # What rich needs before it starts cropping: each column's fixed or minimum width, and between two
    # columns one space of padding either side and the separator (no padding at the table's edges).
    return sum(c.width or c.min_width or 4 for c in table.columns) + 3 * (len(table.columns) - 1)


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


# Prose stops here on a wide terminal: longer lines are hard to follow back to their start.
PROSE_WIDTH = 100
# A line that is a URL and nothing else (a source's address): printed whole, never folded.
_URL_LINE = re.compile(r"\s*https?://\S+\s*")


def print_lines(console: Console, parts: Sequence[Text], hang: int = 2) -> None:
    """Lines of a document view, each kept under what it belongs to.

    A line's leading spaces are its level: when it wraps (at the terminal's
    width, at most PROSE_WIDTH), its further lines start ``hang`` columns
    deeper, so the hierarchy still reads. A line that is a URL stands on its
    own, whole, even past the right edge, so that it can be copied or clicked.
    """
    width = min(console.width, PROSE_WIDTH)
    for part in parts:
        if not part.plain:
            continue
        for line in part.split("\n"):
            plain = line.plain
            indent = len(plain) - len(plain.lstrip(" "))
            _print_hanging(console, line[indent:], indent, indent + hang, width)


def _print_hanging(console: Console, body: Text, first: int, rest: int, width: int, head: Text | None = None) -> None:
    """``body`` wrapped at ``width``: its first line after ``first`` columns (or ``head``), the rest at ``rest``."""
    if _URL_LINE.fullmatch(body.plain):
        console.print(Text(" " * first).append(head or "").append(body), soft_wrap=True, crop=False)
        return
    room = max(width - rest, 8)
    wrapped = body.wrap(console, room, overflow="fold")
    for number, piece in enumerate(wrapped):
        lead = (head or Text(" " * first)) if number == 0 else Text(" " * rest)
        piece.rstrip()
        console.print(Text.assemble(lead, piece), soft_wrap=True, crop=False)


def print_table(console: Console, table: Table) -> None:
    """Print a table, or, where the terminal is too narrow for its columns, each row as a block.

    rich silently crops columns whose minimum widths add up to more than the
    terminal; a stacked block ("Header: value" lines) wraps every word instead.
    A column is never narrower than the longest id or URL in it, so none is
    broken across lines: where that makes the table too wide, the rows are
    printed as blocks, where each id has the whole width and each URL a line
    of its own, whole.
    """
    print_tables(console, [table])


def print_tables(console: Console, tables: Sequence[Table]) -> None:
    """Print the tables of one view in one layout: all as tables where every one fits, else all as blocks,
    never table rows mixed with blocks."""
    if all(_fits(console, table) for table in tables):
        for number, table in enumerate(tables):
            if number:
                console.print()  # a blank line between two sections, as between two blocks
            console.print(table)
        return
    for table in tables:
        print_blocks(console, table)


def _fits(console: Console, table: Table) -> bool:
    rooms = _rooms(console, table)
    fits = all(_longest_unbreakable(list(c.cells)) <= room for c, room in zip(table.columns, rooms, strict=True))
    return fits and minimum_width(table) <= console.width


def print_blocks(console: Console, table: Table) -> None:
    """Each row of ``table`` as a block: "Header: value", the value's wrapped lines indented under it."""
    if table.title:
        console.print(table.title)
    width = min(console.width, PROSE_WIDTH)
    headers = [str(column.header).strip("# ") for column in table.columns]
    label_width = max((len(h) + 2 for h in headers if h), default=0)
    cells = [list(column.cells) for column in table.columns]
    for row in range(table.row_count):
        first = True
        for header, column_cells in zip(headers, cells, strict=True):
            cell = column_cells[row]
            if not isinstance(cell, Text) or not cell.plain:
                continue
            if not header and first:
                # A row's own label (compare's first column) heads it, on its own.
                for line in cell.split("\n"):
                    _print_hanging(console, line, 0, 2, width)
            elif label_width > width // 3:
                # Too narrow for headers beside values: each header on its own line, its value under it.
                if header:
                    console.print(Text(f"{header}:", style="bold"), overflow="fold")
                for line in cell.split("\n"):
                    _print_hanging(console, line, 2, 2, width)
            else:
                label = Text(f"{header}:" if header else "", style="bold")
                label.pad_right(label_width - len(label.plain))
                for number, line in enumerate(cell.split("\n")):
                    head = label if number == 0 else None
                    _print_hanging(console, line, label_width, label_width, width, head)
            first = False
        console.print()
