"""How a source's words are set in quotation marks, in every view."""

from __future__ import annotations

_OPEN, _CLOSE = "“", "”"


def quoted(words: str) -> str:
    """``words`` in curly double quotes, never doubled.

    Words that already are one whole quotation (“...”) are shown as they are;
    quotation marks inside other words become single ones (‘...’), as nested
    quotations are printed, so a reader still sees where the source's words end.
    """
    if words.startswith(_OPEN) and words.endswith(_CLOSE) and words.count(_OPEN) == 1 and words.count(_CLOSE) == 1:
        return words
    return _OPEN + words.replace(_OPEN, "‘").replace(_CLOSE, "’") + _CLOSE
