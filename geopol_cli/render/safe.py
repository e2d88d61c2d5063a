"""Untrusted text made safe to show.

Strings from a facts file or from the command line are data. Before they
reach a terminal, every character that could act instead of being shown
(C0 and C1 controls such as ESC and BEL, DEL, bidirectional overrides and
isolates, zero-width and other invisible format characters) is replaced by a
visible escape such as ``\\x1b`` or ``\\u202e``. Tabs and line breaks become
spaces so that a field can never break a table's layout.

Rich markup is a separate matter: renderers never hand a data string to rich
as markup (they build ``rich.text.Text`` objects), so ``[bold]`` shows as
written.
"""

from __future__ import annotations

import re

# C0 controls other than tab/LF/CR, DEL, C1, soft hyphen, Arabic letter mark,
# Hangul fillers, Mongolian vowel separator, zero-width and directional marks,
# line/paragraph separators, bidi embeddings/overrides/isolates, word joiner
# and invisible operators, BOM, interlinear annotation controls, tag characters.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u115f\u1160\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\ufff9-\ufffb"
    "\U000e0000-\U000e007f]"
)
_LAYOUT = re.compile("[\t\n\r]")
# The same characters as _UNSAFE, spelt as their UTF-8 bytes, so that a large
# JSON document can be checked without decoding and re-encoding it (a test
# checks that both match the same characters, for every code point). Every
# alternative starts with a literal byte: the regex engine then scans for
# those bytes at C speed (a leading character class made it ten times slower).
_UNSAFE_UTF8 = re.compile(
    b"|".join(
        [
            *(re.escape(bytes([c])) for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)),
            rb"\xc2[\x80-\x9f\xad]",
            rb"\xd8\x9c",
            rb"\xe1\x85[\x9f\xa0]",
            rb"\xe1\xa0\x8e",
            rb"\xe2\x80[\x8b-\x8f\xa8-\xae]",
            rb"\xe2\x81[\xa0-\xaf]",
            rb"\xe3\x85\xa4",
            rb"\xef\xbb\xbf",
            rb"\xef\xbf[\xb9-\xbb]",
            rb"\xf3\xa0[\x80\x81][\x80-\xbf]",
        ]
    )
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


# The most of one value shown to a person (a table cell, a message line): about thirty lines of a wide
# terminal. A longer value is cut before anything lays it out (a 200 MB summary took 70 s and 5 GB in a
# table); documents for programs (JSON, CSV, Markdown, --jq) carry every character.
SHOWN_MOST = 4_000


def visible(text: str, most: int | None = SHOWN_MOST) -> str:
    """``text`` with every control or invisible format character shown as an escape; cut to ``most`` characters."""
    if most is not None and len(text) > most:
        text = f"{text[:most]}… ({len(text):,} characters in all; --json shows every one)"
    if _UNSAFE.search(text):
        text = _UNSAFE.sub(_escape, text)
    if _LAYOUT.search(text):
        text = _LAYOUT.sub(" ", text)
    return text


def escaped(text: str) -> str:
    """``text`` with control and invisible characters escaped, line breaks and tabs kept (for CSV cells)."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # JSON spells astral characters as a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_safe(document: str) -> str:
    """A JSON document with the characters above written as ``\\uXXXX`` escapes.

    Decoding gives back exactly the same text; only the spelling changes, so
    the document is also safe to show in a terminal. (JSON encoders already
    escape C0 controls; a raw one can only stand inside a string, so a global
    substitution is safe.)
    """
    if _UNSAFE.search(document):
        return _UNSAFE.sub(_json_escape, document)
    return document


def json_safe_utf8(document: bytes) -> bytes:
    """:func:`json_safe` for a UTF-8 encoded document; the bytes unchanged when nothing needs escaping."""
    if _UNSAFE_UTF8.search(document):
        return json_safe(document.decode("utf-8")).encode("utf-8")
    return document
