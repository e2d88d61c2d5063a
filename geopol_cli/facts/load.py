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

import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from geopol_cli.core.errors import PROBLEMS_SHOWN, FactsError, Problem
from geopol_cli.core.paths import FACTS_ENV, bundled_facts_path
from geopol_cli.facts.checks import Finding, Loc, Records, check_records
from geopol_cli.facts.duplicates import duplicate_keys
from geopol_cli.facts.excerpts import check_excerpts, held_texts
from geopol_cli.facts.index import Facts, index_facts
from geopol_cli.facts.models import Actor, Claim, Event, FactBase, Person, Source
from geopol_cli.facts.read import MAX_FACTS_BYTES, Part, read_file_bytes, read_parts, read_parts_with_root
from geopol_cli.facts.upgrade import declared_version, upgrade_v1, v1_location

# The reading, indexing and checking jobs live in their own modules (read.py, index.py, excerpts.py,
# duplicates.py); this one runs them in order. Their public names stay importable from here.
__all__ = [
    "FACTS_ENV",
    "MAX_FACTS_BYTES",
    "Facts",
    "FactsError",
    "Part",
    "Problem",
    "bundled_facts_path",
    "duplicate_keys",
    "index_facts",
    "load_facts",
    "read_parts",
]


def load_facts(
    path: Path,
    *,
    validating: bool = False,
    origin: str | None = None,
    override: dict[str, bytes] | None = None,
    pending_texts: dict[str, bytes] | None = None,
    warnings: bool = True,
) -> Facts:
    """Read, validate and cross-check a facts file; raise FactsError if it is unusable.

    ``validating`` is for `geopol validate`: it also reports a key given twice
    in one object (JSON parsers, pydantic's included, silently keep the last;
    finding them parses the file a second time, so the views do not, README),
    and it places every problem in the file, where a view places only the
    ones it shows. ``origin`` says what named the file when it was not the
    command line (``$GEOPOL_FACTS``), so that an unreadable file's message
    says where the name came from. ``pending_texts``: held texts (by the name a source gives) that a dry run
    would copy into the base, read from memory since they are not there. ``warnings``: with
    ``validating``, also work out what validate warns of (a writer that shows none skips it).
    """
    # The cyclic garbage collector is paused while this runs, by the entry
    # point (geopol_cli.main), which owns that process-wide policy: validation
    # builds millions of small objects, none of them cyclic garbage.
    return _load(path, validating, origin, override or {}, pending_texts or {}, warnings)


def _load(
    path: Path,
    validating: bool,
    origin: str | None,
    override: dict[str, bytes],
    pending: dict[str, bytes],
    warnings: bool = True,
) -> Facts:
    limit = None if validating else PROBLEMS_SHOWN
    parts, root = read_parts_with_root(path, origin)
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
    facts = index_facts(base, str(path), version, root=root, parts=[p.name for p in parts])
    held, refused = held_texts(facts, pending)
    if refused:
        raise FactsError(_place_all(parts, sizes, refused, limit, version))
    text_findings = list(check_excerpts(facts, held, validating))
    if text_findings:
        raise FactsError(_place_all(parts, sizes, text_findings, limit, version))
    if validating and warnings:
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
    return _validate_part(Part(str(path), read_file_bytes(path)), True, None, cross_check=False)


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


def _parse(name: str, data: bytes) -> Any:
    """The document as Python objects (only for a version-1 file, which is converted before validation)."""
    try:
        return json.loads(data)
    except RecursionError:
        raise FactsError([Problem(file=name, path="$", message="invalid JSON: nested too deeply")]) from None
    except ValueError:
        # Let pydantic report the syntax error, with its line and column, as for any file.
        return FactBase.model_validate_json(data)


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
