"""Records made as they are written: the one lazy list a result may hold (query/results.py Timeline).

Standard library only: the JSON writers check for it without importing the result types.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import fields, is_dataclass, replace
from typing import Any, TypeVar, overload

_T = TypeVar("_T")
_R = TypeVar("_R", bound=Any)


class Stream(Sequence[_T]):
    """A list view's records, made as they are written and never all held at once: each pass over it makes
    them again (``make``), so a writer that passes over it once (JSON, JSON Lines) writes a million records
    in the memory of a few thousand. Asking its length or an item holds every record, once, as a list would;
    :func:`held` does that for the writers that need the whole list (tables, CSV, --fields, --jq)."""

    __slots__ = ("_held", "_make")

    def __init__(self, make: Callable[[], Iterator[_T]]) -> None:
        self._make = make
        self._held: list[_T] | None = None

    def __iter__(self) -> Iterator[_T]:
        return iter(self._held) if self._held is not None else self._make()

    def held(self) -> list[_T]:
        if self._held is None:
            self._held = list(self._make())
        return self._held

    def __len__(self) -> int:
        return len(self.held())

    @overload
    def __getitem__(self, index: int) -> _T: ...
    @overload
    def __getitem__(self, index: slice) -> list[_T]: ...
    def __getitem__(self, index: int | slice) -> _T | list[_T]:
        return self.held()[index]

    def __bool__(self) -> bool:  # whether there is a first record: made alone, the pass then stopped
        if self._held is not None:
            return bool(self._held)
        records = self._make()
        try:
            return next(records, _END) is not _END
        finally:
            close = getattr(records, "close", None)
            if close is not None:
                close()


_END = object()


def held(result: _R) -> _R:
    """``result`` with each stream of records it holds made into a list (the result itself if it has none)."""
    if not is_dataclass(result) or isinstance(result, type):
        return result
    streams = {f.name: value.held() for f in fields(result) if isinstance(value := getattr(result, f.name), Stream)}
    return replace(result, **streams) if streams else result
