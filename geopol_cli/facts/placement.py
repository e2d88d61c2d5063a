"""Find where a JSON path stands in the text of a JSON document.

pydantic reports a schema error by its path (``events[3].date.start``), not
by its place in the file. A person fixing a hand-written file wants the line
and column, so on the error path (never on the happy path) we scan the text
once more to find it.

The scanner is iterative, never builds values, and so copes with documents of
any size or depth.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

_WHITESPACE = " \t\n\r"


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a character offset."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def locate(text: str, path: Sequence[str | int]) -> int | None:
    """Character offset of the value (or object key) at ``path``, if it exists.

    For a path that ends in an object key, the offset is that of the key, which
    is where an editor should put the cursor for an unknown or misspelt key.
    """
    pos = _skip_ws(text, 0)
    last = len(path) - 1
    for i, part in enumerate(path):
        if pos >= len(text):
            return None
        opener = text[pos]
        if opener == "{" and isinstance(part, str):
            found = _find_member(text, pos, part)
            if found is None:
                return None
            key_pos, pos = found
            if i == last:
                return key_pos
        elif opener == "[" and isinstance(part, int):
            found_item = _find_item(text, pos, part)
            if found_item is None:
                return None
            pos = found_item
        else:
            return None
    return pos


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _WHITESPACE:
        pos += 1
    return pos


def _string_end(text: str, pos: int) -> int:
    """Offset just past the string that starts (with its quote) at ``pos``."""
    pos += 1
    while pos < len(text):
        char = text[pos]
        if char == "\\":
            pos += 2
        elif char == '"':
            return pos + 1
        else:
            pos += 1
    return pos


def _value_end(text: str, pos: int) -> int:
    """Offset just past the value that starts at ``pos``, however deeply nested."""
    depth = 0
    while pos < len(text):
        char = text[pos]
        if char == '"':
            pos = _string_end(text, pos)
            if depth == 0:
                return pos
            continue
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth <= 0:
                return pos + 1
        elif depth == 0 and char in ",:":
            return pos
        pos += 1
    return pos


def _find_member(text: str, pos: int, key: str) -> tuple[int, int] | None:
    """(key offset, value offset) of ``key`` in the object at ``pos``; the last one wins, as in JSON parsers."""
    found: tuple[int, int] | None = None
    pos = _skip_ws(text, pos + 1)
    while pos < len(text) and text[pos] == '"':
        key_end = _string_end(text, pos)
        try:
            name = json.loads(text[pos:key_end])
        except ValueError:
            return found
        colon = _skip_ws(text, key_end)
        if colon >= len(text) or text[colon] != ":":
            return found
        value = _skip_ws(text, colon + 1)
        if name == key:
            found = (pos, value)
        pos = _skip_ws(text, _value_end(text, value))
        if pos < len(text) and text[pos] == ",":
            pos = _skip_ws(text, pos + 1)
        else:
            break
    return found


def _find_item(text: str, pos: int, index: int) -> int | None:
    """Offset of item ``index`` of the array at ``pos``."""
    pos = _skip_ws(text, pos + 1)
    current = 0
    while pos < len(text) and text[pos] != "]":
        if current == index:
            return pos
        pos = _skip_ws(text, _value_end(text, pos))
        if pos < len(text) and text[pos] == ",":
            pos = _skip_ws(text, pos + 1)
        else:
            return None
        current += 1
    return None
