"""Read a fact base, validate it, cross-check it, and index it.

This is the only place that reads facts files. A fact base is one file, the
``*.json`` files of a folder (merged in name order), or standard input. Each
file's bytes are read once and validated straight into
:class:`~geopol_cli.facts.models.FactBase` (pydantic parses the JSON itself,
so no intermediate Python objects are built; a version-1 file is converted
first), then the whole is cross-checked (:mod:`geopol_cli.facts.checks`),
its dates derived (:mod:`geopol_cli.facts.derive`) and, where sources hold
their texts, its excerpts looked up in them (:mod:`geopol_cli.facts.texts`).

Anything wrong becomes a :class:`Problem` naming the file, the JSON path and,
where it can be found, the line and column, all placed in one pass by
:mod:`geopol_cli.facts.placement`; :class:`FactsError` carries them all.
Nothing here prints.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from pydantic import ValidationError

from geopol_cli.core.errors import PROBLEMS_SHOWN, FactsError, Problem
from geopol_cli.core.paths import FACTS_ENV, bundled_facts_path
from geopol_cli.facts.checks import Finding, Loc, Records, check_records
from geopol_cli.facts.derive import Derived, derive_bounds
from geopol_cli.facts.models import Actor, Claim, Event, FactBase, Person, Source
from geopol_cli.facts.texts import HeldText, TextMissing, TextRefused, decode_text, open_held_text
from geopol_cli.facts.upgrade import declared_version, upgrade_v1, v1_location

__all__ = [
    "FACTS_ENV",
    "Facts",
    "FactsError",
    "Problem",
    "bundled_facts_path",
    "load_facts",
]


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


def load_facts(
    path: Path, *, validating: bool = False, origin: str | None = None, override: dict[str, bytes] | None = None
) -> Facts:
    """Read, validate and cross-check a facts file; raise FactsError if it is unusable.

    ``validating`` is for `geopol validate`: it also reports a key given twice
    in one object (JSON parsers, pydantic's included, silently keep the last;
    finding them parses the file a second time, so the views do not, README),
    and it places every problem in the file, where a view places only the
    ones it shows. ``origin`` says what named the file when it was not the
    command line (``$GEOPOL_FACTS``), so that an unreadable file's message
    says where the name came from.
    """
    # The cyclic garbage collector is paused while this runs, by the entry
    # point (geopol_cli.main), which owns that process-wide policy: validation
    # builds millions of small objects, none of them cyclic garbage.
    return _load(path, validating, origin, override or {})


@dataclass(frozen=True)
class Part:
    """One file of a fact base: its name for messages and its bytes."""

    name: str
    data: bytes


def _load(path: Path, validating: bool, origin: str | None, override: dict[str, bytes]) -> Facts:
    limit = None if validating else PROBLEMS_SHOWN
    parts, root = _read_parts(path, origin)
    if override:
        # What the fact base would be if these files held these bytes (`geopol add` checks before writing).
        parts = [Part(p.name, override.get(p.name, p.data)) for p in parts]
    single = len(parts) == 1 and not path.is_dir()
    # Repeated keys are looked for by `geopol validate`, not in what a writer is about to write (JSON geopol
    # made from parsed objects cannot repeat a key, and the files it leaves alone are not its to report).
    scan = validating and not override
    if single:
        base, version = _validate_part(parts[0], validating, limit, cross_check=True, scan_keys=scan)
    else:
        read: list[FactBase | None] = []
        problems: list[Problem] = []
        versions: list[int] = []
        for part in parts:
            try:
                one, one_version = _validate_part(part, validating, limit, cross_check=False, scan_keys=scan)
            except FactsError as error:
                problems.extend(error.problems)
                read.append(None)
                versions.append(1 if declared_version(part.data) == 1 else 2)
                continue
            read.append(one)
            versions.append(one_version)
        version = min(versions, default=2)
        if problems:
            # One run reports every problem: the records every file holds that are valid on their own
            # are cross-checked together too (ids, references, cycles across the files).
            counts = _sizes(parts, versions)
            findings = list(check_records(_merged_records(parts, read, counts, versions)))
            raise FactsError([*problems, *_place_all(parts, counts, findings, limit, version)])
        base = _merge([b for b in read if b is not None], parts)
    sizes = None if single else _sizes(parts, versions)
    findings = list(check_records(Records.of(base)))
    if findings:
        raise FactsError(_place_all(parts, sizes, findings, limit, version))
    facts = index_facts(base, str(path), version)
    object.__setattr__(facts, "root", root)
    object.__setattr__(facts, "parts", [p.name for p in parts])
    held, refused = _held_texts(facts)
    if refused:
        raise FactsError(_place_all(parts, sizes, refused, limit, version))
    text_findings = list(_check_excerpts(facts, held, validating))
    if text_findings:
        raise FactsError(_place_all(parts, sizes, text_findings, limit, version))
    if validating:
        from geopol_cli.facts.conflicts import (
            counterpart_findings,
            dating_findings,
            stated_findings,
            unrecorded_conflicts,
        )

        warned = [
            *unrecorded_conflicts(facts.base, facts.derived),
            *counterpart_findings(facts.base),
            *stated_findings(facts.base),
            *dating_findings(facts.base),
        ]
        facts.warnings.extend(_place_all(parts, sizes, warned, None, version))
    return facts


def read_file(path: Path) -> tuple[FactBase, int]:
    """One facts file validated on its own, and its format version (for `fmt` and `add`, which rewrite one file).

    Only what one file can check: shapes, vocabularies, repeated keys. Run
    :func:`load_facts` on the whole fact base first for everything else.
    """
    return _validate_part(Part(str(path), _read(path)), True, None, cross_check=False)


def _validate_part(
    part: Part, validating: bool, limit: int | None, cross_check: bool, scan_keys: bool | None = None
) -> tuple[FactBase, int]:
    """One file validated on its own (shapes, vocabularies, repeated keys); FactsError with every problem."""
    name, data = part.name, part.data
    # First, while nothing else is in memory: the second parse that finds
    # repeated keys, so that its peak and the validated facts' never add up.
    repeated = duplicate_keys(data) if (validating if scan_keys is None else scan_keys) else []
    version = 1 if declared_version(data) == 1 else 2
    try:
        if version == 1:
            base = FactBase.model_validate(upgrade_v1(_parse(name, data)))
        else:
            base = FactBase.model_validate_json(data)
    except ValidationError as exc:
        problems, findings = _schema_findings(name, data, exc)
        if not problems:
            # Not a syntax error: the records that are valid on their own are cross-checked
            # too (for a single file), so one run reports every kind of problem.
            passing = _records_that_pass(data, version) if cross_check else None
            if passing is not None:
                findings.extend(check_records(passing))
            findings.extend(repeated)
        if version == 1:
            findings = [(v1_location(loc), message) for loc, message in findings]
        problems.extend(place(name, data, findings, limit))
        raise FactsError(problems) from None
    if repeated:
        findings = [(v1_location(loc), m) for loc, m in repeated] if version == 1 else repeated
        if cross_check:
            # A single file: its cross-check problems are reported in the same run.
            findings = [*findings, *check_records(Records.of(base))]
        raise FactsError(place(name, data, findings, limit))
    return base, version


_SECTIONS = ("sources", "actors", "people", "events", "claims")


def _merge(bases: Sequence[FactBase], parts: Sequence[Part]) -> FactBase:
    """The files of a folder as one fact base (records in file order, files in name order)."""
    focus = [b.focus for b in bases if b.focus is not None]
    if len(set(focus)) > 1:
        named = ", ".join(f"{part.name}: {b.focus!r}" for part, b in zip(parts, bases, strict=True) if b.focus)
        message = f"the files name different focuses ({named})"
        raise FactsError([Problem(file=parts[0].name, path="focus", message=message)])

    def every(section: str) -> list[Any]:
        return [record for b in bases for record in getattr(b, section)]

    return FactBase.model_construct(
        schema_version=2,
        focus=focus[0] if focus else None,
        sources=every("sources"),
        actors=every("actors"),
        people=every("people"),
        events=every("events"),
        claims=every("claims"),
    )


def _merged_records(
    parts: Sequence[Part], read: Sequence[FactBase | None], sizes: list[dict[str, int]], versions: Sequence[int]
) -> Records:
    """The records of a folder's files to cross-check, at their places in the merged fact base.

    A file that passed the schema gives every record; one that did not, the
    records valid on their own (its others are unchecked, so that references
    to them are not reported a second time).
    """
    merged = Records()
    offsets = dict.fromkeys(_SECTIONS, 0)
    for part, base, counts, version in zip(parts, read, sizes, versions, strict=True):
        own = Records.of(base) if base is not None else _records_that_pass(part.data, version) or Records()
        for section in _SECTIONS:
            into: list[tuple[int, Any]] = getattr(merged, section)
            into.extend((offsets[section] + i, record) for i, record in getattr(own, section))
            offsets[section] += counts[section]
        merged.unchecked |= own.unchecked
        merged.focus = merged.focus or own.focus
    return merged


def _sizes(parts: Sequence[Part], versions: Sequence[int]) -> list[dict[str, int]]:
    """How many records of each section each file of a folder holds (to say which file a finding is in),
    and under "version" the file's format version (to say where in a version-1 file it stands)."""
    sizes = []
    for part, version in zip(parts, versions, strict=True):
        try:
            raw = json.loads(part.data)
        except ValueError:
            raw = {}
        counts = {s: len(raw.get(s) or []) if isinstance(raw, dict) else 0 for s in _SECTIONS}
        sizes.append({**counts, "version": version})
    return sizes


def _place_all(
    parts: Sequence[Part],
    sizes: list[dict[str, int]] | None,
    findings: Sequence[Finding],
    limit: int | None,
    version: int,
) -> list[Problem]:
    """Findings on the (merged) fact base as Problems, each in its own file, at its own line and column."""
    if sizes is None:
        part = parts[0]
        if version == 1:
            findings = [(v1_location(loc), message) for loc, message in findings]
        return place(part.name, part.data, findings, limit)
    per_part: list[list[tuple[int, Finding]]] = [[] for _ in parts]

    def local(loc: Loc) -> tuple[int, Loc]:
        """Which file a path of the merged fact base is in, and the path there."""
        if len(loc) > 1 and loc[0] in _SECTIONS and isinstance(loc[1], int):
            section, index = str(loc[0]), loc[1]
            for k, counts in enumerate(sizes):
                if index < counts[section]:
                    return k, (section, index, *loc[2:])
                index -= counts[section]
        return 0, loc

    def in_its_file(match: re.Match[str]) -> str:
        # "first used at actors[5].id" names a place of the merged list: name the file and its own place.
        k, loc = local((match.group(1), int(match.group(2)), "id"))
        return f"(first used at {parts[k].name}: {format_path(loc)})"

    for order, (loc, message) in enumerate(findings):
        where, at = local(loc)
        message = _FIRST_USED.sub(in_its_file, message)
        per_part[where].append((order, (v1_location(at) if sizes[where]["version"] == 1 else at, message)))
    placed: list[tuple[int, Problem]] = []
    for part, found in zip(parts, per_part, strict=True):
        if found:
            problems = place(part.name, part.data, [f for _, f in found], limit)
            placed += zip([o for o, _ in found], problems, strict=True)
    return [problem for _, problem in sorted(placed, key=lambda pair: pair[0])]


_FIRST_USED = re.compile(r"\(first used at (sources|actors|people|events|claims)\[(\d+)\]\.id\)")


def _held_texts(facts: Facts) -> tuple[dict[str, HeldText | str], list[Finding]]:
    """Each source's held text, or why it cannot be used (only for sources that name one).

    Also the findings no command may pass over: a text that leads outside
    the fact base, is not a regular file or is too large is never read, and
    the fact base cannot be used (someone else's base must not make geopol
    read, or say yes or no about, a file of this machine).
    """
    held: dict[str, HeldText | str] = {}
    refused: list[Finding] = []
    root = facts.root if facts.root is not None else Path.cwd()
    for i, source in enumerate(facts.base.sources):
        if source.text is None:
            continue
        try:
            file = open_held_text(root, source.text)
            if source.sha256 is not None and file.sha256 != source.sha256:
                held[source.id] = f"its text file {source.text!r} has changed since it was added (its SHA-256 differs)"
                continue
            held[source.id] = decode_text(file.data)
        except TextRefused as exc:
            refused.append((("sources", i, "text"), str(exc)))
        except TextMissing as exc:
            held[source.id] = str(exc)
        except UnicodeDecodeError as exc:
            held[source.id] = f"its text file {source.text!r} cannot be read as UTF-8 text: {exc}"
    facts.texts.update({k: v for k, v in held.items() if isinstance(v, HeldText)})
    return held, refused


def _check_excerpts(facts: Facts, held: dict[str, HeldText | str], validating: bool) -> Iterator[Finding]:
    """Every excerpt and quote citing a source with a held text, looked up in it; marks the verified records.

    Only `geopol validate` reports what is not found (a view of a fact base
    whose text changed still works: its records are simply not verified).
    """
    if not held:
        return
    index = {s.id: i for i, s in enumerate(facts.base.sources)}
    for source_id, problem in held.items():
        if isinstance(problem, str) and validating:
            yield ("sources", index[source_id], "text"), problem
    verified = facts.verified
    found: dict[tuple[str, str], bool] = {}  # (source, excerpt) -> whether it stands in the text: each looked up once
    sections: tuple[tuple[str, Sequence[Event | Claim]], ...] = (
        ("events", facts.base.events),
        ("claims", facts.base.claims),
    )
    for section, records in sections:
        for i, record in enumerate(records):
            all_found = True
            for j, citation in enumerate(record.citations):
                text = held.get(citation.source)
                if not isinstance(text, HeldText) or citation.excerpt is None:
                    all_found = False
                    continue
                for key in ("excerpt", "quote"):
                    value = getattr(citation, key)
                    if value is None:
                        continue
                    known = found.get((citation.source, value))
                    if known is None:
                        known = found[(citation.source, value)] = text.contains(value)
                    if known:
                        continue
                    all_found = False
                    if validating:
                        passage, differs = text.closest(value)
                        message = (
                            f"not found word for word in the text of {citation.source!r}; "
                            f'the closest passage is "{_cut(passage)}" ({differs})'
                        )
                        yield (section, i, "citations", j, key), message
            for side in ("beneficiaries", "losers"):
                for j, stake in enumerate(getattr(record, side)):
                    if stake.excerpt is None:
                        continue
                    stating = stake.source or record.citations[0].source
                    text = held.get(stating)
                    if not isinstance(text, HeldText):
                        continue
                    known = found.get((stating, stake.excerpt))
                    if known is None:
                        known = found[(stating, stake.excerpt)] = text.contains(stake.excerpt)
                    if not known and validating:
                        passage, differs = text.closest(stake.excerpt)
                        message = (
                            f"not found word for word in the text of {stating!r}; "
                            f'the closest passage is "{_cut(passage)}" ({differs})'
                        )
                        yield (section, i, side, j, "excerpt"), message
            if all_found:
                verified.add(record.id)


def _cut(text: str, most: int = 240) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def read_parts(path: Path, origin: str | None = None) -> list[Part]:
    """The files that make up a fact base, each with its bytes, checked as every read checks them (for the
    writers, which change the files themselves)."""
    return _read_parts(path, origin)[0]


def _read_parts(path: Path, origin: str | None) -> tuple[list[Part], Path | None]:
    """The files that make up the fact base (a file, every *.json of a folder, or standard input), and its root."""
    if str(path) == "-":
        import sys

        data = _read_stream(sys.stdin.buffer.read, "<stdin>")
        return [Part("<stdin>", _checked_bytes("<stdin>", data))], Path.cwd()
    if path.is_dir():
        files = sorted(f for f in path.glob("*.json") if not f.name.endswith(".schema.json") and f.is_file())
        if not files:
            named = f" (named by {origin})" if origin else ""
            message = f"is a folder with no facts files (*.json) in it{named}"
            raise FactsError([Problem(file=str(path), path="$", message=message)])
        folder = Path(os.path.realpath(path))
        outside = [f for f in files if Path(os.path.realpath(f)).parent != folder]
        if outside:
            # A file of someone else's fact base that is a link out of it: geopol neither reads nor writes there.
            message = "is a link to a file outside the fact base's folder; geopol reads only the folder's own files"
            raise FactsError([Problem(file=str(f), path="$", message=message) for f in outside])
        return [Part(str(f), _read(f, origin)) for f in files], path
    return [Part(str(path), _read(path, origin))], path.parent


# The largest facts file (or standard input) geopol reads (README, "What geopol promises").
MAX_FACTS_BYTES = 2 * 1024 * 1024 * 1024


def _read_stream(read: Callable[[int], bytes], name: str) -> bytes:
    """All of a pipe or device, in blocks (so that Ctrl-C is seen between them), up to MAX_FACTS_BYTES."""
    blocks: list[bytes] = []
    total = 0
    while True:
        block = read(1 << 20)
        if not block:
            return b"".join(blocks)
        total += len(block)
        if total > MAX_FACTS_BYTES:
            message = f"is over the {MAX_FACTS_BYTES:,}-byte limit of a fact base; geopol stopped reading it"
            raise FactsError([Problem(file=name, path="$", message=message)])
        blocks.append(block)


def _parse(name: str, data: bytes) -> Any:
    """The document as Python objects (only for a version-1 file, which is converted before validation)."""
    try:
        return json.loads(data)
    except RecursionError:
        raise FactsError([Problem(file=name, path="$", message="invalid JSON: nested too deeply")]) from None
    except ValueError:
        # Let pydantic report the syntax error, with its line and column, as for any file.
        return FactBase.model_validate_json(data)


def _read(path: Path, origin: str | None = None) -> bytes:
    name = str(path)
    named = f" (named by {origin})" if origin else ""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        try:
            status = os.fstat(descriptor)
            if stat.S_ISDIR(status.st_mode):
                raise IsADirectoryError(errno.EISDIR, "is a folder")
            if not stat.S_ISREG(status.st_mode):
                # A pipe (geopol --facts <(...)) or a device: read in blocks, bounded.
                data = _read_stream(lambda size: os.read(descriptor, size), name)
            elif status.st_size > MAX_FACTS_BYTES:
                message = f"is {status.st_size:,} bytes, over the {MAX_FACTS_BYTES:,}-byte limit of a fact base"
                raise FactsError([Problem(file=name, path="$", message=message)])
            else:
                with os.fdopen(os.dup(descriptor), "rb") as file:
                    data = file.read()
        finally:
            os.close(descriptor)
    except FileNotFoundError:
        raise FactsError([Problem(file=name, path="$", message=f"no such file{named}")]) from None
    except OSError as exc:
        message = f"cannot read: {exc.strerror or exc}{named}"
        raise FactsError([Problem(file=name, path="$", message=message)]) from None
    return _checked_bytes(name, data)


def _checked_bytes(name: str, data: bytes) -> bytes:
    if data.startswith(b"\xef\xbb\xbf"):
        # A UTF-8 byte order mark, as some editors write: harmless, so accepted.
        data = data[3:]
    if data.isspace() or not data:
        raise FactsError([Problem(file=name, path="$", message="the file is empty: a facts file is one JSON object")])
    return data


_JSON_POSITION = re.compile(r" at line (\d+) column (\d+)$")


def _schema_findings(name: str, data: bytes, exc: ValidationError) -> tuple[list[Problem], list[Finding]]:
    """pydantic's errors: a syntax error as a placed Problem, every other as a Finding to place."""
    problems: list[Problem] = []
    findings: list[Finding] = []
    from geopol_cli.facts.messages import plain_message

    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        kind = error["type"]
        if kind == "json_invalid":
            problems.append(_syntax_problem(name, data, error["msg"]))
            continue
        message = plain_message(error, error.get("input"))
        if kind == "model_type" and not loc:
            message = "the top level must be a JSON object (with sources, actors, events, ...)"
        elif kind in ("dataclass_type", "model_type") and loc and loc[-1] == "date":
            # The natural mistake: "date": "2022-10-06". A date is an object, for its span and wording.
            message = (
                'a date is an object, not a string: {"start": "2022-10-06"}, with "end" for a span, "text" for '
                'the source\'s wording and "inferred" for how it was worked out (geopol add --date takes the words)'
            )
        findings.append((loc, message))
    return problems, findings


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


def place(name: str, data: bytes, findings: Sequence[Finding], limit: int | None = None) -> list[Problem]:
    """Findings as Problems with their line and column, all located in one pass over the text.

    With ``limit``, only the first ``limit`` findings are located (a view shows
    no more); the others keep their path and message, without a place.
    """
    from geopol_cli.facts.placement import line_columns, locate_all

    wanted = findings if limit is None else findings[:limit]
    text = data.decode("utf-8", errors="replace")
    # Each path, its parent (where a missing key would stand: the object it is missing from), and the id
    # of the record it is in (so that a problem names the record, not only its index).
    asked: set[Loc] = set()
    for loc, _ in wanted:
        asked.add(loc)
        if len(loc) >= 2 and loc[0] in _SECTIONS and isinstance(loc[1], int):
            asked.add((loc[0], loc[1], "id"))
    offsets = locate_all(text, asked)
    unplaced = {loc[:-1] for loc, _ in wanted if loc and loc not in offsets}
    if unplaced:  # a missing key: a second walk, for the objects it is missing from (rare, and few)
        offsets.update(locate_all(text, unplaced - offsets.keys()))
    places = line_columns(text, offsets.values())
    problems = []
    for i, (loc, message) in enumerate(findings):
        offset = None
        record = None
        if i < len(wanted):
            offset = offsets.get(loc, offsets.get(loc[:-1]))
            record = _record_path(text, loc, offsets)
        line, column = places[offset] if offset is not None else (None, None)
        problems.append(
            Problem(file=name, path=format_path(loc), message=message, line=line, column=column, record=record)
        )
    return problems


_DECODER = json.JSONDecoder()  # one decoder serves every read of a record id


def _blank(text: str, at: int) -> int:
    """How many whitespace characters stand at ``at``."""
    end = at
    while end < len(text) and text[end] in " \t\r\n":
        end += 1
    return end - at


def _record_path(text: str, loc: Loc, offsets: dict[Loc, int]) -> str | None:
    """'e-away.citations[1]' for ('events', 0, 'citations', 1): the path from the record's id, if it has one."""
    if len(loc) < 2 or loc[0] not in _SECTIONS or not isinstance(loc[1], int):
        return None
    at = offsets.get((loc[0], loc[1], "id"))
    if at is None:
        return None
    try:
        # The place of a key is the key itself ("id": ...): the value follows its colon.
        record_id, end = _DECODER.raw_decode(text, at)
        after = end + _blank(text, end)
        if text.startswith(":", after):
            record_id, _ = _DECODER.raw_decode(text, after + 1 + _blank(text, after + 1))
    except ValueError:
        return None
    if not isinstance(record_id, str):
        return None
    rest = format_path(loc[2:]) if len(loc) > 2 else ""
    return record_id + (("" if rest.startswith("[") else ".") + rest if rest else "")


class _Kept(dict[str, Any]):
    """An object kept by the duplicate-key parse: it repeats a key, or holds one that does."""

    repeated: tuple[str, ...] = ()


def _holds_kept(value: Any) -> bool:
    if isinstance(value, _Kept):
        return True
    return isinstance(value, list) and any(_holds_kept(item) for item in value if item is not None)


def duplicate_keys(data: bytes) -> list[Finding]:
    """Every key given twice in one object, at its second occurrence.

    The json module's ``object_pairs_hook`` sees each object's keys before
    they are merged. An object that repeats none, and holds no object that
    does, becomes None at once, so the parse keeps almost nothing of a clean
    file (a whole Python copy of a 100 000-event file took more memory than
    the validated facts); lists keep their length, so indices stay right.
    Only then is what was kept walked for the objects' paths.
    """

    def pairs_hook(pairs: list[tuple[str, Any]]) -> _Kept | None:
        keys = [key for key, _ in pairs]
        unique = set(keys)
        inner = {key: value for key, value in pairs if value is not None and _holds_kept(value)}
        if len(unique) == len(keys) and not inner:
            return None
        kept = _Kept(inner)
        if len(unique) != len(keys):
            seen: set[str] = set()
            kept.repeated = tuple(dict.fromkeys(k for k in keys if k in seen or seen.add(k)))  # type: ignore[func-returns-value]
        return kept

    try:
        document = json.loads(data, object_pairs_hook=pairs_hook)
    except (ValueError, RecursionError):
        return []  # not JSON at all: reported as such by the schema check
    findings: list[Finding] = []
    stack: list[tuple[Loc, Any]] = [((), document)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, _Kept):
            message = "key {!r} is given more than once in this object; JSON keeps only the last"
            findings += [((*loc, key), message.format(key)) for key in value.repeated]
            stack += [((*loc, k), v) for k, v in value.items()]
        elif isinstance(value, list):
            stack += [((*loc, i), v) for i, v in enumerate(value) if v is not None and _holds_kept(v)]
    return sorted(findings, key=lambda finding: [(isinstance(p, int), p) for p in finding[0]])


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_R = TypeVar("_R", bound=_HasId)


def _by_id(records: Sequence[_R]) -> dict[str, _R]:
    table: dict[str, _R] = {}
    for record in records:
        table.setdefault(record.id, record)  # duplicates keep the first; the checks report them
    return table


def index_facts(base: FactBase, path: str = "<facts>", version: int = 2) -> Facts:
    """Index a fact base by id, and derive its dates along answers/follows, once per run."""
    return Facts(
        path=path,
        base=base,
        sources=_by_id(base.sources),
        actors=_by_id(base.actors),
        people=_by_id(base.people),
        events=_by_id(base.events),
        claims=_by_id(base.claims),
        derived=derive_bounds(base.events),
        version=version,
    )


def _records_that_pass(data: bytes, version: int = 2) -> Records | None:
    """After a schema failure: the records that are valid on their own, for cross-checking."""
    try:
        raw = json.loads(data)
    except (ValueError, RecursionError):
        return None
    if not isinstance(raw, dict):
        return None
    if version == 1:
        raw = upgrade_v1(raw)
    focus = raw.get("focus")
    from pydantic import TypeAdapter

    records = Records(focus=focus if isinstance(focus, str) else None)
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
