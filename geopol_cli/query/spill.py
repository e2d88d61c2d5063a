"""Lists too long to hold: kept in a private temporary file once, together, they pass a budget.

A query that gathers lists as it reads a whole base (benefits: each actor's
evidence and stated words) would otherwise hold all of them at once: at
1 000 000 events one actor alone lists every event. A :class:`Spill` keeps
its lists in memory until they hold more than ``budget`` items between them;
then each list's held items are appended to a temporary file as one block
(the file is removed from its folder as it is made, so no other program can
open it, and closed with the spill), and the lists start again empty. A list
that never moved is a plain list in the result; one that moved is a
:class:`~geopol_cli.query.stream.Stream` that reads its blocks back in order
on each pass (the JSON writers pass over it once).

Items are plain values (str, int, bool, None, and tuples of them), written
with :mod:`marshal`: the fastest round trip the standard library has for
them (one SQLite row an item made benefits a third slower at 100 000 events,
3.9 s against 2.9 s; blocks of marshal, no slower), and safe
here because the only bytes it reads back are those this spill wrote to a
file nobody else can open. A disk that refuses the file is an OSError (exit 74).
"""

from __future__ import annotations

import marshal
import tempfile
import weakref
from collections.abc import Callable, Sequence
from itertools import chain
from typing import IO, Any, Generic, TypeVar

from geopol_cli.query.stream import Stream

_T = TypeVar("_T")

# Items held across all of a spill's lists before they move to the file: a few MB of ids and words.
BUDGET = 50_000


class Spill:
    """The lists of one query, held in memory up to ``budget`` items between them, then in a temporary file."""

    def __init__(self) -> None:
        self.budget = BUDGET
        self.held = 0  # items held in memory, across the lists
        self._lists: list[SpillList[Any]] = []
        self._file: IO[bytes] | None = None

    def new_list(self, make: Callable[[Any], _T] | None = None) -> SpillList[_T]:
        """A new list of plain values; ``make`` (if given) turns one into the item the result shows."""
        made: SpillList[_T] = SpillList(self, make)
        self._lists.append(made)
        return made

    def move(self) -> None:
        """Every list's held items to the end of the file, a block a list."""
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="geopol-spill-")  # noqa: SIM115 - closed with the spill
            weakref.finalize(self, self._file.close)
        file = self._file
        for spilled in self._lists:
            if spilled.items:
                block = marshal.dumps(spilled.items)
                spilled.blocks.append((file.tell(), len(block)))
                file.write(block)
                spilled.items = []
        self.held = 0

    def read(self, start: int, size: int) -> list[Any]:
        """One block, as it was written."""
        assert self._file is not None
        file = self._file
        file.seek(start)
        block = file.read(size)
        file.seek(0, 2)  # back to the end, where the next block goes
        if len(block) != size:
            raise OSError(f"a temporary file lost part of a long list ({len(block)} of {size} bytes read back)")
        items: list[Any] = marshal.loads(block)
        return items


class SpillList(Generic[_T]):
    """One list of a :class:`Spill`: appended to as a query reads, then given to its result by :meth:`result`."""

    __slots__ = ("_make", "_spill", "blocks", "items")

    def __init__(self, spill: Spill, make: Callable[[Any], _T] | None) -> None:
        self._spill = spill
        self._make = make
        self.items: list[Any] = []  # held in memory
        self.blocks: list[tuple[int, int]] = []  # moved to the file: where each block starts, and its size

    def append(self, item: Any) -> None:
        self.items.append(item)
        spill = self._spill
        spill.held += 1
        if spill.held > spill.budget:
            spill.move()

    def result(self) -> Sequence[_T]:
        """The items as the result shows them: a list, or, once any moved to the file, a stream of them (its
        blocks, then the items still held)."""
        make, tail = self._make, self.items
        if not self.blocks:
            return list(tail) if make is None else [make(item) for item in tail]
        spill, blocks = self._spill, self.blocks

        def items() -> Any:
            every = chain.from_iterable(chain((spill.read(*block) for block in blocks), (tail,)))
            return every if make is None else map(make, every)

        return Stream(items)


def joined(first: Sequence[_T], second: Sequence[_T]) -> Sequence[_T]:
    """One sequence after the other: a list if both are lists, else a stream of both."""
    if isinstance(first, list) and isinstance(second, list):
        return [*first, *second]
    return Stream(lambda: chain(first, second))
