"""Read a facts file, validate it, cross-check it, and index it.

This is the only place that touches the file. It reads the bytes once,
validates them straight into :class:`~geopol_cli.models.FactBase` (pydantic
parses the JSON itself, so no intermediate Python objects are built), then
checks what one record cannot check alone: ids unique across the file, every
reference resolving to the right kind of record, no cycles among the events'
``answers`` and ``follows``.

Anything wrong becomes a :class:`Problem` naming the file, the JSON path and,
where it can be found, the line and column; :class:`FactsError` carries them
all. Nothing here prints.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from geopol_cli.errors import FactsError, Problem
from geopol_cli.models import Actor, Claim, Event, FactBase, Person, Source, Stake

__all__ = ["Facts", "FactsError", "Problem", "load_facts"]

FACTS_ENV = "GEOPOL_FACTS"
_PACKAGE_DIR = Path(__file__).resolve().parent


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


def bundled_facts_path() -> Path:
    """The fact base that ships with geopol.

    An installed wheel carries it inside the package; a source checkout keeps
    it at the repository root, one level up.
    """
    inside = _PACKAGE_DIR / "facts.json"
    return inside if inside.is_file() else _PACKAGE_DIR.parent / "facts.json"


def choose_facts_path(option: str | None) -> Path:
    """``--facts`` first, then ``$GEOPOL_FACTS``, then the bundled file."""
    if option:
        return Path(option)
    from_env = os.environ.get(FACTS_ENV)
    if from_env:
        return Path(from_env)
    return bundled_facts_path()


def load_facts(path: Path) -> Facts:
    """Read, validate and cross-check a facts file; raise FactsError if it is unusable."""
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
    if not data.strip():
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
        if kind == "extra_forbidden":
            message = f"unknown key {loc[-1]!r} (not part of the facts format; a typo?)"
        elif kind == "missing":
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
    from geopol_cli.jsonpos import line_column, locate

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
    first_seen: dict[str, str] = {}
    kind_of: dict[str, str] = {}

    def problem(path: str, message: str) -> Problem:
        return Problem(file=name, path=path, message=message)

    sections: tuple[tuple[str, str, Sequence[tuple[int, _HasId]]], ...] = (
        ("sources", "source", records.sources),
        ("actors", "actor", records.actors),
        ("people", "person", records.people),
        ("events", "event", records.events),
        ("claims", "claim", records.claims),
    )
    for section, kind, pairs in sections:
        for i, record in pairs:
            here = f"{section}[{i}].id"
            if record.id in first_seen:
                yield problem(here, f"duplicate id {record.id!r} (first used at {first_seen[record.id]})")
            else:
                first_seen[record.id] = here
                kind_of[record.id] = kind

    def check(path: str, ref: str | None, *wanted: str) -> Iterator[Problem]:
        if ref is None or ref in records.unchecked:
            return
        found = kind_of.get(ref)
        if found is None:
            yield problem(path, f"{ref!r} is not the id of any {' or '.join(wanted)}")
        elif found not in wanted:
            yield problem(path, f"{ref!r} is a {found}, not a {' or '.join(wanted)}")

    def check_all(path: str, refs: list[str], *wanted: str) -> Iterator[Problem]:
        for j, ref in enumerate(refs):
            yield from check(f"{path}[{j}]", ref, *wanted)

    def check_stakes(path: str, stakes: list[Stake]) -> Iterator[Problem]:
        for j, stake in enumerate(stakes):
            yield from check(f"{path}[{j}].actor", stake.actor, "actor")

    for i, src in records.sources:
        yield from check(f"sources[{i}].retells", src.retells, "source")
        if src.retells == src.id:
            yield problem(f"sources[{i}].retells", "a source cannot retell itself")
    for i, person in records.people:
        yield from check(f"people[{i}].actor", person.actor, "actor")
    for i, event in records.events:
        at = f"events[{i}]"
        yield from check_all(f"{at}.actors", event.actors, "actor")
        yield from check_all(f"{at}.targets", event.targets, "actor")
        yield from check_all(f"{at}.people", event.people, "person")
        yield from check_stakes(f"{at}.beneficiaries", event.beneficiaries)
        yield from check_stakes(f"{at}.losers", event.losers)
        yield from check_all(f"{at}.answers", event.answers, "event")
        yield from check_all(f"{at}.follows", event.follows, "event")
        yield from check_all(f"{at}.date.sources", event.date.sources, "source")
        yield from check(f"{at}.source", event.source, "source")
    for i, claim in records.claims:
        at = f"claims[{i}]"
        yield from check(f"{at}.by", claim.by, "person", "source")
        yield from check_all(f"{at}.about", claim.about, "actor")
        yield from check_all(f"{at}.events", claim.events, "event")
        yield from check_stakes(f"{at}.beneficiaries", claim.beneficiaries)
        yield from check_stakes(f"{at}.losers", claim.losers)
        yield from check(f"{at}.source", claim.source, "source")
    yield from _cycles(records.events, problem)


def _cycles(events: list[tuple[int, Event]], problem: Callable[[str, str], Problem]) -> Iterator[Problem]:
    """Report each cycle among events' answers/follows once (iterative DFS: any depth)."""
    by_id: dict[str, Event] = {}
    position: dict[str, int] = {}
    for i, event in events:
        by_id.setdefault(event.id, event)
        position.setdefault(event.id, i)
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for root in by_id:
        if root in state:
            continue
        stack: list[tuple[str, Iterator[str]]] = [(root, _earlier(by_id[root]))]
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
            if child not in by_id:
                continue  # a dangling reference, reported already
            if state.get(child) == 1:
                loop = [*path[path.index(child) :], child]
                yield problem(f"events[{position[node]}]", "answers/follows form a cycle: " + " -> ".join(loop))
            elif child not in state:
                state[child] = 1
                path.append(child)
                stack.append((child, _earlier(by_id[child])))


def _earlier(event: Event) -> Iterator[str]:
    yield from event.answers
    yield from event.follows


def _records_that_pass(data: bytes) -> Records | None:
    """After a schema failure: the records that are valid on their own, for cross-checking."""
    import json

    try:
        raw = json.loads(data)
    except (ValueError, RecursionError):
        return None
    if not isinstance(raw, dict):
        return None
    records = Records()
    sections: tuple[tuple[str, type[BaseModel], list[Any]], ...] = (
        ("sources", Source, records.sources),
        ("actors", Actor, records.actors),
        ("people", Person, records.people),
        ("events", Event, records.events),
        ("claims", Claim, records.claims),
    )
    for section, model, into in sections:
        items = raw.get(section)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            try:
                into.append((i, model.model_validate(item)))
            except ValidationError:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    records.unchecked.add(item["id"])
    return records
