"""Read a facts file, validate it, cross-check it, and index it.

This is the only place that touches the file. It reads the bytes once,
validates them straight into :class:`~geopol_cli.facts.models.FactBase` (pydantic
parses the JSON itself, so no intermediate Python objects are built), then
checks what one record cannot check alone: ids unique across the file, every
reference resolving to the right kind of record, no cycles among the events'
``answers`` and ``follows``.

Anything wrong becomes a :class:`Problem` naming the file, the JSON path and,
where it can be found, the line and column; :class:`FactsError` carries them
all. Nothing here prints.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from pydantic import ValidationError

from geopol_cli.core.errors import FactsError, Problem
from geopol_cli.core.paths import FACTS_ENV, bundled_facts_path, choose_facts_path
from geopol_cli.facts.models import Actor, Claim, Event, FactBase, Person, Source, Stake

__all__ = [
    "FACTS_ENV",
    "Facts",
    "FactsError",
    "Problem",
    "bundled_facts_path",
    "choose_facts_path",
    "load_facts",
]


@dataclass(frozen=True)
class Facts:
    """A validated fact base with its records indexed by id.

    Built once per run by :func:`load_facts`; every query reads from it.
    """

    path: str
    base: FactBase
    sources: dict[str, Source] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)


def load_facts(path: Path) -> Facts:
    """Read, validate and cross-check a facts file; raise FactsError if it is unusable."""
    # Validation builds millions of small objects, none of them cyclic garbage.
    # Left alone, the cyclic collector rescans them over and over, during the
    # load (a third of its time on large files) and during every query after
    # it (rank_benefits went from 0.3 s to 3 s on 100 000 events). So: no
    # collection while loading, then the loaded facts are frozen out of
    # collection for good (they live as long as the process anyway).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        facts = _load(path)
    finally:
        if gc_was_enabled:
            gc.enable()
    gc.freeze()
    return facts


def _load(path: Path) -> Facts:
    name = str(path)
    data = _read(path)
    try:
        base = FactBase.model_validate_json(data)
    except ValidationError as exc:
        problems = _schema_problems(name, data, exc)
        passing = _records_that_pass(data) if problems and problems[0].path != "$" else None
        if passing is not None:
            more = list(check_records(name, passing))
            _place(more, data)
            problems.extend(more)
        raise FactsError(problems) from None
    facts = index_facts(base, name)
    problems = list(cross_check(facts))
    if problems:
        _place(problems, data)
        raise FactsError(problems)
    return facts


def _read(path: Path) -> bytes:
    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise FactsError([Problem(file=name, path="$", message="no such file")]) from None
    except IsADirectoryError:
        raise FactsError([Problem(file=name, path="$", message="is a directory, not a facts file")]) from None
    except OSError as exc:
        raise FactsError([Problem(file=name, path="$", message=f"cannot read: {exc.strerror or exc}")]) from None
    if data.startswith(b"\xef\xbb\xbf"):
        # A UTF-8 byte order mark, as some editors write: harmless, so accepted.
        data = data[3:]
    if data.isspace() or not data:
        raise FactsError([Problem(file=name, path="$", message="the file is empty: a facts file is one JSON object")])
    return data


_JSON_POSITION = re.compile(r" at line (\d+) column (\d+)$")


def _schema_problems(name: str, data: bytes, exc: ValidationError) -> list[Problem]:
    problems: list[Problem] = []
    text: str | None = None
    for error in exc.errors(include_url=False, include_input=False):
        loc = tuple(error["loc"])
        kind = error["type"]
        message = error["msg"]
        if kind == "json_invalid":
            problems.append(_syntax_problem(name, data, message))
            continue
        if kind in ("extra_forbidden", "unexpected_keyword_argument"):
            message = f"unknown key {loc[-1]!r} (not part of the facts format; a typo?)"
        elif kind in ("missing", "missing_keyword_only_argument", "missing_argument"):
            message = f"required key {loc[-1]!r} is missing" if loc else "required value is missing"
        elif kind == "value_error":
            message = message.removeprefix("Value error, ")
        elif kind == "model_type" and not loc:
            message = "the top level must be a JSON object (with sources, actors, events, ...)"
        problem = Problem(file=name, path=format_path(loc), message=message)
        if text is None:
            text = data.decode("utf-8", errors="replace")
        _place_one(problem, text, loc)
        problems.append(problem)
    return problems


def _syntax_problem(name: str, data: bytes, message: str) -> Problem:
    """A JSON syntax error, with pydantic's byte column turned into a character column."""
    match = _JSON_POSITION.search(message)
    if not match:
        return Problem(file=name, path="$", message=message)
    line, byte_column = int(match.group(1)), int(match.group(2))
    lines = data.split(b"\n")
    line_bytes = lines[line - 1] if 0 < line <= len(lines) else b""
    column = len(line_bytes[: byte_column - 1].decode("utf-8", errors="replace")) + 1
    detail = message[: match.start()].removeprefix("Invalid JSON: ")
    return Problem(file=name, line=line, column=column, path="$", message=f"invalid JSON: {detail}")


def format_path(loc: Iterable[str | int]) -> str:
    """('events', 3, 'date') -> 'events[3].date'; the whole document is '$'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "$"


def _parse_path(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path):
        parts.append(int(index) if index else name)
    return parts


def _place_one(problem: Problem, text: str, loc: tuple[str | int, ...]) -> None:
    from geopol_cli.facts.placement import line_column, locate

    offset = locate(text, loc)
    if offset is not None:
        problem.line, problem.column = line_column(text, offset)


def _place(problems: list[Problem], data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    for problem in problems:
        _place_one(problem, text, tuple(_parse_path(problem.path)))


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_R = TypeVar("_R", bound=_HasId)


def _by_id(records: Sequence[_R]) -> dict[str, _R]:
    table: dict[str, _R] = {}
    for record in records:
        table.setdefault(record.id, record)  # duplicates keep the first; cross_check reports them
    return table


def index_facts(base: FactBase, path: str = "<facts>") -> Facts:
    """Index a fact base by id, once per run."""
    return Facts(
        path=path,
        base=base,
        sources=_by_id(base.sources),
        actors=_by_id(base.actors),
        people=_by_id(base.people),
        events=_by_id(base.events),
        claims=_by_id(base.claims),
    )


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

    @classmethod
    def of(cls, base: FactBase) -> Records:
        return cls(
            sources=list(enumerate(base.sources)),
            actors=list(enumerate(base.actors)),
            people=list(enumerate(base.people)),
            events=list(enumerate(base.events)),
            claims=list(enumerate(base.claims)),
        )


def cross_check(facts: Facts) -> Iterator[Problem]:
    """Every rule a single record cannot check: unique ids, resolving references, no cycles."""
    return check_records(facts.path, Records.of(facts.base))


def check_records(name: str, records: Records) -> Iterator[Problem]:
    """The cross-checks, as tight loops: on a million events this runs once per record field.

    A Problem is only built when something is wrong; the happy path is a
    dictionary lookup per reference.
    """
    kind_of: dict[str, str] = {}
    unchecked = records.unchecked

    def problem(path: str, message: str) -> Problem:
        return Problem(file=name, path=path, message=message)

    def first_seen(record_id: str) -> str:
        # Only asked on the (rare) error path, so nothing is recorded up front.
        for section, _, pairs in sections:
            for i, record in pairs:
                if record.id == record_id:
                    return f"{section}[{i}].id"
        return "?"

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
                yield problem(
                    f"{section}[{i}].id", f"duplicate id {record_id!r} (first used at {first_seen(record_id)})"
                )
            else:
                kind_of[record_id] = kind
                ids.add(record_id)

    kind_get = kind_of.get

    def wrong(path: str, ref: str, wanted: tuple[str, ...]) -> Problem | None:
        """The problem with a reference whose kind is not one of ``wanted``, if it is not merely unchecked."""
        if ref in unchecked:
            return None
        found = kind_get(ref)
        if found is None:
            return problem(path, f"{ref!r} is not the id of any {' or '.join(wanted)}")
        return problem(path, f"{ref!r} is a {found}, not a {' or '.join(wanted)}")

    def refs(path: str, values: Sequence[str], wanted: str) -> Iterator[Problem]:
        for j, ref in enumerate(values):
            if kind_get(ref) != wanted:
                found = wrong(f"{path}[{j}]", ref, (wanted,))
                if found:
                    yield found

    def stakes(path: str, values: Sequence[Stake]) -> Iterator[Problem]:
        for j, stake in enumerate(values):
            if kind_get(stake.actor) != "actor":
                found = wrong(f"{path}[{j}].actor", stake.actor, ("actor",))
                if found:
                    yield found

    for i, src in records.sources:
        if src.retells is not None and kind_get(src.retells) != "source":
            found = wrong(f"sources[{i}].retells", src.retells, ("source",))
            if found:
                yield found
        if src.retells == src.id:
            yield problem(f"sources[{i}].retells", "a source cannot retell itself")
    for i, person in records.people:
        if person.actor is not None and kind_get(person.actor) != "actor":
            found = wrong(f"people[{i}].actor", person.actor, ("actor",))
            if found:
                yield found
    actors, people, events, sources = ids_of["actor"], ids_of["person"], ids_of["event"], ids_of["source"]
    for i, event in records.events:
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
            and event.source in sources
        ):
            continue
        at = f"events[{i}]"
        yield from refs(f"{at}.actors", event.actors, "actor")
        yield from refs(f"{at}.targets", event.targets, "actor")
        yield from refs(f"{at}.people", event.people, "person")
        yield from stakes(f"{at}.beneficiaries", event.beneficiaries)
        yield from stakes(f"{at}.losers", event.losers)
        yield from refs(f"{at}.answers", event.answers, "event")
        yield from refs(f"{at}.follows", event.follows, "event")
        yield from refs(f"{at}.date.sources", event.date.sources, "source")
        if kind_get(event.source) != "source":
            found = wrong(f"{at}.source", event.source, ("source",))
            if found:
                yield found
    for i, claim in records.claims:
        at = f"claims[{i}]"
        if kind_get(claim.by) not in ("person", "source"):
            found = wrong(f"{at}.by", claim.by, ("person", "source"))
            if found:
                yield found
        yield from refs(f"{at}.about", claim.about, "actor")
        yield from refs(f"{at}.events", claim.events, "event")
        yield from stakes(f"{at}.beneficiaries", claim.beneficiaries)
        yield from stakes(f"{at}.losers", claim.losers)
        if kind_get(claim.source) != "source":
            found = wrong(f"{at}.source", claim.source, ("source",))
            if found:
                yield found
    yield from _cycles(records.events, problem)


def _cycles(events: list[tuple[int, Event]], problem: Callable[[str, str], Problem]) -> Iterator[Problem]:
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
                yield problem(f"events[{position[node]}]", "answers/follows form a cycle: " + " -> ".join(loop))
            elif child not in state:
                state[child] = 1
                path.append(child)
                stack.append((child, iter(earlier[child])))


def _records_that_pass(data: bytes) -> Records | None:
    """After a schema failure: the records that are valid on their own, for cross-checking."""
    import json

    try:
        raw = json.loads(data)
    except (ValueError, RecursionError):
        return None
    if not isinstance(raw, dict):
        return None
    from pydantic import TypeAdapter

    records = Records()
    sections: tuple[tuple[str, type[Any], list[Any]], ...] = (
        ("sources", Source, records.sources),
        ("actors", Actor, records.actors),
        ("people", Person, records.people),
        ("events", Event, records.events),
        ("claims", Claim, records.claims),
    )
    for section, record_type, into in sections:
        items = raw.get(section)
        if not isinstance(items, list):
            continue
        adapter = TypeAdapter(record_type)
        for i, item in enumerate(items):
            try:
                into.append((i, adapter.validate_python(item)))
            except ValidationError:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    records.unchecked.add(item["id"])
    return records
