"""How names are compared: case, accents and punctuation folded away. Standard library only."""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """Fold case, accents and punctuation: 'Türkiye' -> 'turkiye', 'U.S.' -> 'u s'."""
    if text.isascii():  # no accent to take off (most text): a third of the time at 100 000 events
        return _NOT_WORD.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_WORD.sub(" ", stripped.casefold()).strip()
