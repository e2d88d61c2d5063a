"""A validated fact base, its records indexed by id, its dates derived: what every query reads."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol, TypeVar

from geopol_cli.core.errors import Problem
from geopol_cli.facts.derive import Bound, Derived, derive_bounds
from geopol_cli.facts.models import Actor, Claim, Event, FactBase, Person, Source


class Placed(NamedTuple):
    """An event as a stream of events gives it, with what the whole base says of it."""

    event: Event
    bound: Bound | None  # its start derived along answers/follows (None: its own)
    verified: bool  # every citation found in a held text
    position: int  # its place among the base's events (EventStream.at reads it again)


class PlacedClaim(NamedTuple):
    """A claim as a stream of claims gives it."""

    claim: Claim
    verified: bool
    position: int  # its place among the base's claims


class EventStream(Protocol):
    """Events read as a view uses them (facts/store.py): each call reads them again, one at a time."""

    def __call__(self) -> Iterator[Placed]:
        """The events the view asked for, in the order it asked for (time, or the files')."""
        ...

    def at(self, positions: Sequence[int]) -> Iterator[Placed]:
        """The events at these positions (found by an earlier call), in this order."""
        ...


class ClaimStream(Protocol):
    """Claims read as a view uses them, in the files' order."""

    def __call__(self) -> Iterator[PlacedClaim]: ...

    def at(self, positions: Sequence[int]) -> Iterator[PlacedClaim]: ...


if TYPE_CHECKING:  # held texts are read by the loader; a view answered from the index imports no text code
    from geopol_cli.facts.texts import HeldText


@dataclass(frozen=True, eq=False)
class Facts:
    """A validated fact base with its records indexed by id.

    Built once per run by :func:`load_facts`; every query reads from it.
    Compared and hashed by identity, so that queries can keep derived views
    of one loaded fact base (query/views.py).
    """

    path: str
    base: FactBase
    sources: dict[str, Source] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    # Event starts tightened along answers/follows, and where those links contradict the dates.
    derived: Derived = field(default_factory=lambda: Derived({}, []))
    # The format version the file is written in (1 is converted on reading).
    version: int = 2
    # What `geopol validate` warns of (only worked out when validating).
    warnings: list[Problem] = field(default_factory=list)
    # The folder that source texts are found relative to, and the files read.
    root: Path | None = None
    parts: list[str] = field(default_factory=list)
    # The held texts of sources, by id, and the records whose every citation is an excerpt found in one.
    texts: dict[str, HeldText] = field(default_factory=dict)
    verified: set[str] = field(default_factory=set)
    # The events a view asked to read as it uses them (facts/store.py Need.stream), from the index: each call
    # reads them again, one at a time, in time order (derive.event_key, then id) or the files' order, as the
    # need asked, so that a view of a million events never holds them all. Set, the events are not in
    # ``base.events`` (nor ``events``); None (the files read whole), they are, and a view orders them itself.
    event_stream: EventStream | None = None
    # The same for the claims a view asked for (Need.stream, where it reads claims): not in ``base.claims``.
    claim_stream: ClaimStream | None = None


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_R = TypeVar("_R", bound=_HasId)


def _by_id(records: Sequence[_R]) -> dict[str, _R]:
    table: dict[str, _R] = {}
    for record in records:
        table.setdefault(record.id, record)  # duplicates keep the first; the checks report them
    return table


def index_facts(
    base: FactBase,
    path: str = "<facts>",
    version: int = 2,
    root: Path | None = None,
    parts: Sequence[str] = (),
    derived: Derived | None = None,
    verified: set[str] | None = None,
    event_stream: EventStream | None = None,
    claim_stream: ClaimStream | None = None,
) -> Facts:
    """Index a fact base by id, and derive its dates along answers/follows, once per run. ``root``: the
    folder its held texts are found relative to; ``parts``: the files it was read from. ``derived`` and
    ``verified``: worked out over a whole base already, for a part of it read from the index (facts/store.py),
    where deriving them from the part alone would be wrong; ``event_stream``, ``claim_stream``: see :class:`Facts`."""
    return Facts(
        path=path,
        base=base,
        sources=_by_id(base.sources),
        actors=_by_id(base.actors),
        people=_by_id(base.people),
        events=_by_id(base.events),
        claims=_by_id(base.claims),
        derived=derived if derived is not None else derive_bounds(base.events),
        version=version,
        root=root,
        parts=list(parts),
        verified=verified if verified is not None else set(),
        event_stream=event_stream,
        claim_stream=claim_stream,
    )
