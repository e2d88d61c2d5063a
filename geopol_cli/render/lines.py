"""A table laid out line by line, for tables too long for rich's Table: the timeline.

rich lays out a Table by measuring and wrapping every cell through its
segment machinery, about a millisecond a row; a timeline of 100 000 events
took minutes, and printed nothing until its whole table was built. Here the
column widths are fixed up front (the timeline works them out anyway), each
cell is word-wrapped in plain Python, and each chunk of rows is written as
soon as it is laid out, so the first rows appear at once and memory does not
grow with the rows printed.

The rules of every table hold here too: cells hold text already made visible
(render/safe.py), a word longer than its column is folded, never cropped;
styles are rich's own (``Style.render``), used only when the console has
colour; lines carry no trailing spaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from rich.cells import cell_len
from rich.color import ColorSystem
from rich.console import Console
from rich.style import Style

# An id (with a hyphen) or a URL: never broken across lines (console.py has the same rule for rich tables).
_UNBREAKABLE = re.compile(r"^(?:[A-Za-z0-9][A-Za-z0-9._]*-[A-Za-z0-9._-]*[A-Za-z0-9]|https?://\S+)[,;.]?$")

# A cell: paragraphs, each starting on a new line; a paragraph: (text, style) segments.
Segment = tuple[str, str]
Paragraph = list[Segment]
Cell = list[Paragraph]


# Characters that may not take exactly one cell: everything from the combining
# marks (U+0300) up, except general punctuation, arrows and mathematical
# operators (U+2000 to U+22FF: the dashes, curly quotes, arrows and minus signs
# the tables are full of, all one cell; the zero-width ones among them never
# reach a table, render/safe.py escapes them). Text without any is measured by
# its length; other text by rich, character by character.
# (U+20D0-U+20FF, combining marks for symbols, take no cell: rich measures them.)
_MAYBE_NOT_ONE_CELL = re.compile("[^\x00-\u02ff\u2000-\u20cf\u2100-\u22ff]")


def width_of(text: str) -> int:
    if text.isascii() or _MAYBE_NOT_ONE_CELL.search(text) is None:
        return len(text)
    return cell_len(text)


def _fold(word: str, width: int) -> list[str]:
    """A word longer than ``width``, cut into pieces that fit."""
    if word.isascii():
        return [word[i : i + width] for i in range(0, len(word), width)]
    pieces, current = [], ""
    for char in word:
        if current and cell_len(current + char) > width:
            pieces.append(current)
            current = ""
        current += char
    return [*pieces, current] if current else pieces


# A laid-out line: its segments, and the cells they take.
Line = tuple[list[Segment], int]


def wrap(paragraph: Paragraph, width: int) -> list[Line]:
    """The paragraph's words in lines of at most ``width`` cells."""
    if len(paragraph) == 1:
        text, style = paragraph[0]
        size = width_of(text)
        if size <= width:  # the common case: it fits as it is
            return [([paragraph[0]], size)]
        if len(text) == size:  # every character one cell
            return [([(line, style)], len(line)) for line in _wrap_ascii(text, width)]
    out: list[list[Segment]] = [[]]
    sizes = [0]
    used = 0
    for text, style in paragraph:
        for i, word in enumerate(text.split(" ")):
            space = 1 if i > 0 else 0  # the space the split took away, inside this segment
            if not word:
                if space and used < width:
                    out[-1].append((" ", style))
                    used += 1
                continue
            size = width_of(word)
            if not used:
                space = 0  # a line never starts with the space between two words
            if used and used + space + size > width:
                sizes[-1] = used
                out.append([])
                sizes.append(0)
                used, space = 0, 0
            if size > width:
                *full, word = _fold(word, width)
                for piece in full:
                    if used:
                        sizes[-1] = used
                        out.append([])
                        sizes.append(0)
                    out[-1].append((piece, style))
                    sizes[-1] = width_of(piece)
                    out.append([])
                    sizes.append(0)
                    used = 0
                size = width_of(word)
            out[-1].append(((" " if space else "") + word, style))
            used += space + size
    sizes[-1] = used
    lines = [(line, size) for line, size in zip(out, sizes, strict=True) if line]
    return lines or [([], 0)]


def _wrap_ascii(text: str, width: int) -> list[str]:
    """Greedy word wrap of text whose every character takes one cell, folding words longer than ``width``."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        while len(word) > width:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:width])
            word = word[width:]
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            lines.append(current)
            current = word
    if current or not lines:
        lines.append(current)
    return lines


def _plain(segments: Iterable[Segment]) -> str:
    return "".join([text for text, _ in segments])


class LineTable:
    """Columns of fixed widths, written row by row to the console's file."""

    def __init__(self, console: Console, headers: Sequence[str], widths: Sequence[int]) -> None:
        self.console = console
        self.width = console.width  # rich works it out on every access
        self.headers = headers
        self.widths = widths
        self._too_long = [re.compile(rf"\S{{{width + 1},}}") for width in widths]
        # Console.color_system names the system; Style.render takes the enum.
        systems = {"standard": ColorSystem.STANDARD, "256": ColorSystem.EIGHT_BIT, "truecolor": ColorSystem.TRUECOLOR}
        self.color_system = systems.get(console.color_system or "", ColorSystem.STANDARD)
        self.colour = console.color_system is not None and not console.is_dumb_terminal
        self.no_color = console.no_color

    def fits(self) -> bool:
        return sum(self.widths) + 2 * (len(self.widths) - 1) <= self.width

    @lru_cache(maxsize=64)  # noqa: B019 - a table lives for one command; few styles
    def _codes(self, style: str) -> tuple[str, str]:
        if not self.colour or not style:
            return "", ""
        parsed = Style.parse(style)
        if self.no_color:
            parsed = parsed.without_color
        rendered = parsed.render("\0", color_system=self.color_system)
        before, _, after = rendered.partition("\0")
        return before, after

    def paint(self, segments: Iterable[Segment]) -> str:
        if not self.colour:
            return "".join(text for text, _ in segments)
        out = []
        for text, style in segments:
            before, after = self._codes(style)
            out.append(f"{before}{text}{after}")
        return "".join(out)

    def write(self, lines: list[str]) -> None:
        self.console.file.write("\n".join(lines) + "\n")

    def header_lines(self) -> list[str]:
        cells = [h.ljust(w) for h, w in zip(self.headers, self.widths, strict=True)]
        rule = "─" * (sum(self.widths) + 2 * (len(self.widths) - 1))
        return [self.paint([("  ".join(cells).rstrip(), "bold")]), self.paint([(rule, "dim")])]

    def row_lines(self, cells: Sequence[Cell]) -> list[str]:
        if not self.fits() or not self._ids_fit(cells):
            return self.block_lines(cells)
        wrapped = [
            [line for paragraph in cell for line in wrap(paragraph, width)]
            for cell, width in zip(cells, self.widths, strict=True)
        ]
        paint = self.paint if self.colour else _plain
        pads = [width + 2 for width in self.widths]
        pads[-1] = 0
        out = []
        for i in range(max(len(c) for c in wrapped)):
            parts = []
            for lines, pad in zip(wrapped, pads, strict=True):
                if i < len(lines):
                    segments, shown = lines[i]
                    text = segments[0][0] if len(segments) == 1 and paint is _plain else paint(segments)
                else:
                    text, shown = "", 0
                parts.append(text + " " * (pad - shown) if pad else text)
            out.append("".join(parts).rstrip())
        return out

    def _ids_fit(self, cells: Sequence[Cell]) -> bool:
        """Whether every id or URL of the row fits its column; a row where one does not is printed as a block."""
        for cell, too_long in zip(cells, self._too_long, strict=True):
            for paragraph in cell:
                for text, _ in paragraph:
                    for word in too_long.findall(text):  # one C scan; words longer than the column are rare
                        if _UNBREAKABLE.match(word):
                            return False
        return True

    def block_lines(self, cells: Sequence[Cell]) -> list[str]:
        """A row as "Header: value" lines at the full width, for a terminal too narrow for the columns."""
        out = []
        for header, cell in zip(self.headers, cells, strict=True):
            for j, paragraph in enumerate(cell):
                lead: Paragraph = [(f"{header}: ", "bold")] if j == 0 else []
                for line, _ in wrap([*lead, *paragraph], max(self.width, 8)):
                    out.append(self.paint(line).rstrip())
        out.append("")
        return out

    def heading_lines(self, title: str, rule: bool = True) -> list[str]:
        """A section heading: the title in bold, then a dim rule to the table's width."""
        room = sum(self.widths) + 2 * (len(self.widths) - 1) if self.fits() else self.width
        lines = wrap([(title, "bold")], max(room, 8))
        if rule and len(lines) == 1:
            segments, used = lines[0]
            if room - used >= 4:
                return [self.paint([*segments, (" " + "─" * (room - used - 1), "dim")])]
        return [self.paint(line) for line, _ in lines]
