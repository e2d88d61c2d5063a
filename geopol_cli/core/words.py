"""Counts in words: '1 source', '2 sources', '1 person', '3 people'. Standard library only."""

from __future__ import annotations

_IRREGULAR = {"person": "people", "match": "matches", "country": "countries", "this": "these"}


def plural(count: int, noun: str) -> str:
    """``count`` and ``noun``, the noun in the plural unless the count is one."""
    if count == 1:
        return f"{count} {noun}"
    return f"{count} {_IRREGULAR.get(noun, noun + 's')}"
