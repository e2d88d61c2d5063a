"""Counts in words: '1 source', '2 sources', '1 person', '3 people'. Standard library only."""

from __future__ import annotations

import re

_IRREGULAR = {"person": "people", "match": "matches", "country": "countries", "this": "these"}


def plural(count: int, noun: str) -> str:
    """``count`` and ``noun``, the noun in the plural unless the count is one."""
    if count == 1:
        return f"{count} {noun}"
    return f"{count} {_IRREGULAR.get(noun, noun + 's')}"


# What a person never means to type into a record: C0 and C1 controls, DEL, bidirectional overrides and
# isolates, zero-width characters. A facts file may hold them (views show them escaped, render/safe.py);
# add and edit refuse them at the door.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def control_characters(value: object) -> list[str]:
    """The control or invisible characters in ``value`` (a string, or lists and objects of them), as U+XXXX."""
    found: set[str] = set()

    def walk(item: object) -> None:
        if isinstance(item, str):
            found.update(f"U+{ord(c):04X}" for c in _CONTROL.findall(item))
        elif isinstance(item, dict):
            for inner in item.values():
                walk(inner)
        elif isinstance(item, (list, tuple)):
            for inner in item:
                walk(inner)

    walk(value)
    return sorted(found)
