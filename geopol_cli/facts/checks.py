"""The cross-checks: what one record cannot check alone.

Ids unique across the file, every reference resolving to a record of the
right kind, no cycles among the events' ``answers`` and ``follows``. Each
problem is a :class:`Problem` with its JSON path; where it stands in the file
(line and column) is worked out afterwards, for all problems at once, by
:mod:`geopol_cli.facts.placement`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from geopol_cli.facts.models import Actor, Citation, Claim, Dispute, Event, FactBase, Person, Source, Stake

# Where a finding is in the document: ("events", 3, "date", "sources", 0).
Loc = tuple[str | int, ...]
# What the checks find: where, and what is wrong. load.py turns findings into
# Problems, placing them all in the file in one pass.
Finding = tuple[Loc, str]


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


@dataclass
class Records:
    """The records to cross-check, each with its index in the file.

    For a file that passed the schema, that is every record. For one that did
    not, it is the records that passed on their own, and ``unchecked`` holds
    the ids of those that did not, so that references to them are not
    reported as dangling a second time.
    """

    sources: list[tuple[int, Source]] = field(default_factory=list)
    actors: list[tuple[int, Actor]] = field(default_factory=list)
    people: list[tuple[int, Person]] = field(default_factory=list)
    events: list[tuple[int, Event]] = field(default_factory=list)
    claims: list[tuple[int, Claim]] = field(default_factory=list)
    unchecked: set[str] = field(default_factory=set)
    focus: str | None = None

    @classmethod
    def of(cls, base: FactBase) -> Records:
        return cls(
            focus=base.focus,
            sources=list(enumerate(base.sources)),
            actors=list(enumerate(base.actors)),
            people=list(enumerate(base.people)),
            events=list(enumerate(base.events)),
            claims=list(enumerate(base.claims)),
        )


def check_records(records: Records) -> Iterator[Finding]:
    """The cross-checks, as tight loops: on a million events this runs once per record field.

    A Problem is only built when something is wrong; the happy path is a
    dictionary lookup per reference.
    """
    kind_of: dict[str, str] = {}
    unchecked = records.unchecked

    def problem(loc: Loc, message: str) -> Finding:
        return loc, message

    first_at: dict[str, str] = {}

    def first_seen(record_id: str) -> str:
        # Only asked on the (rare) error path: the map of where each id is
        # first used is built once, at the first duplicate, not per duplicate.
        if not first_at:
            for section, _, pairs in sections:
                for i, record in pairs:
                    first_at.setdefault(record.id, f"{section}[{i}].id")
        return first_at.get(record_id, "?")

    sections: tuple[tuple[str, str, Sequence[tuple[int, _HasId]]], ...] = (
        ("sources", "source", records.sources),
        ("actors", "actor", records.actors),
        ("people", "person", records.people),
        ("events", "event", records.events),
        ("claims", "claim", records.claims),
    )
    ids_of: dict[str, set[str]] = {}
    for section, kind, pairs in sections:
        ids = ids_of[kind] = set()
        for i, record in pairs:
            record_id = record.id
            if record_id in kind_of:
                yield problem((section, i, "id"), f"duplicate id {record_id!r} (first used at {first_seen(record_id)})")
            else:
                kind_of[record_id] = kind
                ids.add(record_id)

    kind_get = kind_of.get

    def wrong(path: Loc, ref: str, wanted: tuple[str, ...]) -> Finding | None:
        """The problem with a reference whose kind is not one of ``wanted``, if it is not merely unchecked."""
        if ref in unchecked:
            return None
        found = kind_get(ref)
        if found is None:
            return problem(path, f"{ref!r} is not the id of any {' or '.join(wanted)}")
        return problem(path, f"{ref!r} is a {found}, not a {' or '.join(wanted)}")

    def refs(path: Loc, values: Sequence[str], wanted: str) -> Iterator[Finding]:
        for j, ref in enumerate(values):
            if kind_get(ref) != wanted:
                found = wrong((*path, j), ref, (wanted,))
                if found:
                    yield found

    def stakes(path: Loc, values: Sequence[Stake]) -> Iterator[Finding]:
        for j, stake in enumerate(values):
            if kind_get(stake.actor) != "actor":
                found = wrong((*path, j, "actor"), stake.actor, ("actor",))
                if found:
                    yield found

    def cited(path: Loc, record: Event | Claim) -> Iterator[Finding]:
        """The citations' sources, and the sources that disputes and stated stakes name among them."""
        citations: tuple[Citation, ...] = record.citations
        for j, citation in enumerate(citations):
            if kind_get(citation.source) != "source":
                found = wrong((*path, "citations", j, "source"), citation.source, ("source",))
                if found:
                    yield found
            if citation.date is not None:
                yield from refs((*path, "citations", j, "date", "sources"), citation.date.sources, "source")
        named = {c.source for c in citations}
        disputes: tuple[Dispute, ...] = record.disputes
        for j, dispute in enumerate(disputes):
            for k, source_id in enumerate(dispute.sources):
                if source_id not in named:
                    yield problem((*path, "disputes", j, "sources", k), f"{source_id!r} is not cited by this record")
            if dispute.follows is not None and dispute.follows not in dispute.sources:
                message = f"{dispute.follows!r} is not one of the dispute's sources"
                yield problem((*path, "disputes", j, "follows"), message)
        for side in ("beneficiaries", "losers"):
            stakes_of: tuple[Stake, ...] = getattr(record, side)
            for j, stake in enumerate(stakes_of):
                if stake.source is not None and stake.source not in named:
                    yield problem((*path, side, j, "source"), f"{stake.source!r} is not cited by this record")

    def plain(record: Event | Claim) -> bool:
        # The common case: citations of known sources with no date sources, no disputes, no stake naming a source.
        citations = record.citations
        if record.disputes:
            return False
        if len(citations) == 1:
            citation = citations[0]
            if citation.source not in sources or (citation.date is not None and citation.date.sources):
                return False
        elif not sources.issuperset([c.source for c in citations]) or any(
            c.date is not None and c.date.sources for c in citations
        ):
            return False
        return all(stake.source is None for stake in (*record.beneficiaries, *record.losers))

    focus = records.focus
    if focus is not None and kind_get(focus) != "actor":
        found = wrong(("focus",), focus, ("actor",))
        if found:
            yield found
    for i, src in records.sources:
        if src.retells is not None and kind_get(src.retells) != "source":
            found = wrong(("sources", i, "retells"), src.retells, ("source",))
            if found:
                yield found
        if src.retells == src.id:
            yield problem(("sources", i, "retells"), "a source cannot retell itself")
    for i, person in records.people:
        if person.actor is not None and kind_get(person.actor) != "actor":
            found = wrong(("people", i, "actor"), person.actor, ("actor",))
            if found:
                yield found
    actors, people, events, sources = ids_of["actor"], ids_of["person"], ids_of["event"], ids_of["source"]
    for i, event in records.events:
        if focus is not None and event.direction is None:
            message = (
                f"required key 'direction' is missing: the fact base's focus is {focus!r}, so every event says "
                "whether it moves away from it, towards it, counters a move (counter), or other"
            )
            yield problem(("events", i), message)
        # Fast path, in C: every reference of the event resolves to the right kind.
        if (
            actors.issuperset(event.actors)
            and actors.issuperset(event.targets)
            and (not event.people or people.issuperset(event.people))
            and (not event.beneficiaries or actors.issuperset([s.actor for s in event.beneficiaries]))
            and (not event.losers or actors.issuperset([s.actor for s in event.losers]))
            and (not event.answers or events.issuperset(event.answers))
            and (not event.follows or events.issuperset(event.follows))
            and (not event.date.sources or sources.issuperset(event.date.sources))
        ):
            if not plain(event):
                yield from cited(("events", i), event)
            continue
        at: Loc = ("events", i)
        yield from refs((*at, "actors"), event.actors, "actor")
        yield from refs((*at, "targets"), event.targets, "actor")
        yield from refs((*at, "people"), event.people, "person")
        yield from stakes((*at, "beneficiaries"), event.beneficiaries)
        yield from stakes((*at, "losers"), event.losers)
        yield from refs((*at, "answers"), event.answers, "event")
        yield from refs((*at, "follows"), event.follows, "event")
        yield from refs((*at, "date", "sources"), event.date.sources, "source")
        yield from cited(at, event)
    for i, claim in records.claims:
        at = ("claims", i)
        if kind_get(claim.by) not in ("person", "source"):
            found = wrong((*at, "by"), claim.by, ("person", "source"))
            if found:
                yield found
        yield from refs((*at, "about"), claim.about, "actor")
        yield from refs((*at, "events"), claim.events, "event")
        yield from stakes((*at, "beneficiaries"), claim.beneficiaries)
        yield from stakes((*at, "losers"), claim.losers)
        if not plain(claim):
            yield from cited(at, claim)
    yield from _cycles(records.events, problem)


def _cycles(events: list[tuple[int, Event]], problem: Callable[[Loc, str], Finding]) -> Iterator[Finding]:
    """Report each cycle among events' answers/follows once (iterative DFS: any depth).

    Only events that reference others can be on a cycle, so only they are walked.
    """
    earlier: dict[str, tuple[str, ...]] = {}
    position: dict[str, int] = {}
    for i, event in events:
        if (event.answers or event.follows) and event.id not in earlier:
            earlier[event.id] = (*event.answers, *event.follows)
            position[event.id] = i
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for root in earlier:
        if root in state:
            continue
        stack: list[tuple[str, Iterator[str]]] = [(root, iter(earlier[root]))]
        state[root] = 1
        path = [root]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
                continue
            if child not in earlier:
                continue  # references nothing (or is dangling, reported already): cannot close a cycle
            if state.get(child) == 1:
                loop = [*path[path.index(child) :], child]
                yield problem(("events", position[node]), "answers/follows form a cycle: " + " -> ".join(loop))
            elif child not in state:
                state[child] = 1
                path.append(child)
                stack.append((child, iter(earlier[child])))
