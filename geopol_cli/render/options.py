"""What a person can ask of a view beyond its data: standard library only."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ViewOptions:
    """How to draw a result; the same result drawn with other options shows the same facts."""

    excerpts: bool = False  # show under each event and claim the source's words that support it
