"""Records made as they are written: the lazy list a result may hold (query/results.py Timeline, SearchResult,
and the long lists of a BenefitEntry).

Standard library only: the JSON writers check for it without importing the result types.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import fields, is_dataclass, replace
from itertools import chain
from typing import Any, TypeVar, overload

_T = TypeVar("_T")
_R = TypeVar("_R", bound=Any)


class Stream(Sequence[_T]):
    """A list view's records, made as they are written and never all held at once: each pass over it makes
    them again (``make``), so a writer that passes over it once (JSON, JSON Lines) writes a million records
    in the memory of a few thousand. Asking its length or an item holds every record, once, as a list would;
    :func:`held` does that for the writers that need the whole list (tables, CSV, --fields, --jq)."""

    __slots__ = ("_begun", "_held", "_make")

    def __init__(self, make: Callable[[], Iterator[_T]]) -> None:
        self._make = make
        self._held: list[_T] | None = None
        self._begun: Iterator[_T] | None = None  # a pass that __bool__ began: the next pass goes on with it

    def __iter__(self) -> Iterator[_T]:
        if self._held is not None:
            return iter(self._held)
        begun, self._begun = self._begun, None
        return begun if begun is not None else self._make()

    def held(self) -> list[_T]:
        """Every record, made once and kept. (``list(stream)`` would make them twice: list() asks the
        length of what it reads after it has begun reading it.)"""
        if self._held is None:
            self._held = list(iter(self))
        return self._held

    def __len__(self) -> int:
        return len(self.held())

    @overload
    def __getitem__(self, index: int) -> _T: ...
    @overload
    def __getitem__(self, index: slice) -> list[_T]: ...
    def __getitem__(self, index: int | slice) -> _T | list[_T]:
        return self.held()[index]

    def __bool__(self) -> bool:
        """Whether there is a first record: made alone, and kept with the pass it began for the next pass
        over the stream (an empty view's note asks first, then the writer writes: one pass, not two)."""
        if self._held is not None:
            return bool(self._held)
        records = iter(self)
        for first in records:
            self._begun = chain((first,), records)
            return True
        return False


def held(result: _R) -> _R:
    """``result`` with each stream of records it holds made into a list (the result itself if it has none),
    and so each record of its lists whose class names fields that may be streams (``streamed``)."""
    if not is_dataclass(result) or isinstance(result, type):
        return result
    changes: dict[str, Any] = {}
    for f in fields(result):
        value = getattr(result, f.name)
        if isinstance(value, Stream):
            value = changes[f.name] = value.held()
        if isinstance(value, list) and value and streamed(value[0]):
            changes[f.name] = [held(item) for item in value]
    return replace(result, **changes) if changes else result


def streamed(record: object) -> tuple[str, ...]:
    """The fields of a record that may be streams, as its class declares them (``streamed``), or ()."""
    names: tuple[str, ...] = getattr(type(record), "streamed", ())
    return names
