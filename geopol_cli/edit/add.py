"""`geopol add`: one new record, checked against the whole fact base, then written atomically.

The interactive questions and the script options (geopol_cli/cli/add.py)
both end here. What one answer can be checked against on its own is checked
by :func:`field_problem`, so that a person is asked again at once; the whole
record is then validated as the format and the cross-checks see it, in the
fact base it would join, before anything is written (:func:`add_record`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from geopol_cli.core.dates import PARTIAL_DATE_PATTERN, parse_partial_date
from geopol_cli.core.errors import ExitCode, GeopolError, UsageProblem
from geopol_cli.core.vocabulary import BASES, DISPUTE_POINTS
from geopol_cli.core.wording import Resolved, resolve
from geopol_cli.facts.load import Facts
from geopol_cli.facts.messages import is_missing, plain_message
from geopol_cli.facts.models import Actor, Citation, Claim, Dispute, Event, Person, Source, field_infos
from geopol_cli.facts.texts import HeldText, normalise, sha256_of
from geopol_cli.facts.write import write_bytes_atomically
from geopol_cli.query.results import AddReport

MODELS: dict[str, type[Any]] = {"source": Source, "actor": Actor, "person": Person, "event": Event, "claim": Claim}
SECTIONS = {"source": "sources", "actor": "actors", "person": "people", "event": "events", "claim": "claims"}
TEXTS_FOLDER = "texts"


class RecordRefused(GeopolError):
    """The record would make the fact base invalid, or is not a valid record: nothing was written (exit 2)."""

    kind = "record-refused"

    def __init__(self, problems: list[str]) -> None:
        super().__init__("nothing was written: " + "; ".join(problems), ExitCode.USAGE)
        self.problems = problems


# --- ids --------------------------------------------------------------------------------------------


def slug(text: str, most: int = 48) -> str:
    """'Kazakhstan–Turkey defence ties' -> 'kazakhstan-turkey-defence-ties': letters, digits and hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.casefold())
    out = ""
    for word in words:
        if out and len(out) + 1 + len(word) > most:
            break
        out = f"{out}-{word}" if out else word[:most]
    return out or "record"


def suggest_id(facts: Facts, kind: str, fields: Mapping[str, Any], taken: set[str] | None = None) -> str:
    """An unused id from the record's name (or title, or summary); ``taken``: the ids in use, if already known."""
    if kind == "source":
        basis = " ".join(str(fields.get(k) or "") for k in ("publisher", "date")) or str(fields.get("title") or "")
    elif kind in ("actor", "person"):
        basis = str(fields.get("name") or "")
    else:
        basis = " ".join(str(fields.get("summary") or "").split()[:6])
    base = slug(basis)
    taken = known_ids(facts) if taken is None else taken
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def known_ids(facts: Facts) -> set[str]:
    return {*facts.sources, *facts.actors, *facts.people, *facts.events, *facts.claims}


def ids_of(facts: Facts, kind: str) -> list[str]:
    """The ids a reference of this kind can name, for completion."""
    tables: dict[str, Mapping[str, Any]] = {
        "source": facts.sources,
        "actor": facts.actors,
        "person": facts.people,
        "event": facts.events,
        "claim": facts.claims,
    }
    return list(tables[kind])


# --- one answer at a time ------------------------------------------------------------------------------

_PARTIAL = re.compile(PARTIAL_DATE_PATTERN)


def model_problem(kind: str, name: str, value: Any) -> str | None:
    """What the model itself says of one field's value (its pattern, its vocabulary), in plain words; None if
    the model has no such field or the value passes. The one place a field's rule is kept is the model."""
    model = MODELS.get(kind)
    info = field_infos(model).get(name) if model is not None else None
    if info is None:
        return None
    # pydantic keeps a field's constraints (its pattern) beside its type: together they are the rule.
    try:
        TypeAdapter(info.rebuild_annotation()).validate_python(value)
    except ValidationError as exc:
        return "; ".join(plain_message(e, e.get("input")) for e in exc.errors(include_url=False))
    return None


def field_problem(facts: Facts, kind: str, name: str, value: Any) -> str | None:
    """What is wrong with one answer on its own (None when nothing is): asked again at once."""
    values = value if isinstance(value, list) else [value]
    if name == "id":
        problem = model_problem(kind, "id", str(value))
        if problem:
            return problem
        if value in known_ids(facts):
            return f"{value!r} is already the id of a record"
    references = {
        "actors": "actor", "targets": "actor", "about": "actor", "actor": "actor", "focus_of": "actor",
        "people": "person", "answers": "event", "follows": "event", "events": "event",
        "source": "source", "retells": "source",
    }  # fmt: skip
    if name in references:
        wanted = references[name]
        for item in values:
            known = ids_of(facts, wanted)
            if item not in known:
                from geopol_cli.query.resolve import suggest

                close = suggest(str(item).casefold(), {i: [i] for i in known})
                if close:
                    return f"{item!r} is not the id of any {wanted}; did you mean {' or '.join(map(repr, close))}?"
                return f"{item!r} is not the id of any {wanted} (add it first: geopol add {wanted})"
    if name == "by" and value not in facts.people and value not in facts.sources:
        return f"{value!r} is not the id of any person or source"
    if name == "point" and value not in DISPUTE_POINTS:  # a dispute's field: not a record kind's
        return f"{value!r} is not one of: {', '.join(DISPUTE_POINTS)}"
    if name == "date" and kind == "source" and value is not None:
        try:
            publication_date(str(value))
        except ValueError as exc:
            return str(exc)
    if name in ("kind", "direction", "stance", "iso2", "iso3") and value is not None:
        return model_problem(kind, name, value)  # the vocabulary or pattern of the model, said as it says it
    return None


def publication_date(words: str) -> str:
    """A source's date as ISO: given so ("2022-10-05"), or in words that name the year ("October 2022",
    "5 October 2022"); one date, not a span. ValueError (with what is accepted) otherwise."""
    from geopol_cli.core.wording import WordingError, resolve

    said = " ".join(words.split())
    if _PARTIAL.fullmatch(said):
        parse_partial_date(said)
        return said
    year = re.search(r"\b(\d{4})\b", said)
    accepted = "a source's date is one date: 2023, 2023-01, 2023-01-31, or in words with its year ('October 2022')"
    if year is None:
        raise ValueError(accepted)
    try:
        resolved = resolve(said, f"{year.group(1)}-12-31")  # the year is given: nothing is counted from it
    except WordingError:
        raise ValueError(accepted) from None
    if resolved.start is None or (resolved.end is not None and resolved.end != resolved.start):
        raise ValueError(accepted)
    return resolved.start


def source_reference_date(facts: Facts, source_id: str) -> str | None:
    """The date a source's relative wordings count from: its own, else that of the report it retells."""
    source = facts.sources.get(source_id)
    if source is None:
        return None
    if source.date is None and source.retells and source.retells in facts.sources:
        return facts.sources[source.retells].date
    return source.date


def date_anchors(facts: Facts) -> dict[str, str]:
    """Names a wording may count from ("before the war"): each dated event, by id and by its own wording."""
    anchors: dict[str, str] = {}
    for event in facts.base.events:
        if event.date.start is None:
            continue
        anchors[event.id] = event.date.start
        if event.date.text:
            anchors.setdefault(event.date.text, event.date.start)
    return anchors


def resolve_date(facts: Facts, words: str, source_id: str | None) -> Resolved:
    """The source's wording as a span, against the source's date (WordingError when it cannot be)."""
    reference = source_reference_date(facts, source_id) if source_id else None
    return resolve(words, reference, date_anchors(facts))


def date_object(resolved: Resolved) -> dict[str, Any]:
    when: dict[str, Any] = {"start": resolved.start}
    if resolved.end is not None and resolved.end != resolved.start:
        when["end"] = resolved.end
    if resolved.text is not None:
        when["text"] = resolved.text
    if resolved.inferred is not None:
        when["inferred"] = resolved.inferred
    return when


# --- excerpts from a held text ----------------------------------------------------------------------------

_SENTENCES = re.compile(r"[^.!?…\n]+(?:[.!?…]+[\"'’”)\]]*|\n|$)")


def sentences(text: HeldText) -> list[str]:
    """The text's sentences as written (a paragraph break ends one too), whitespace runs made single."""
    out = []
    for match in _SENTENCES.finditer(text.written):
        sentence = " ".join(match.group(0).split())
        if sentence:
            out.append(sentence)
    return out


def matching_sentences(text: HeldText, words: str, most: int = 9) -> list[str]:
    """The sentences holding every one of ``words`` (compared as excerpts are, ignoring case), first first."""
    wanted = normalise(words).casefold().split()
    if not wanted:
        return []
    return [s for s in sentences(text) if all(w in normalise(s).casefold() for w in wanted)][:most]


# --- the record as a whole ---------------------------------------------------------------------------------


def record_problems(kind: str, record: Mapping[str, Any]) -> list[str]:
    """The format's own checks of one record (shapes, vocabularies, dates), as 'field: message' lines; and no
    control or invisible character, which nobody means to type (core/words.py)."""
    from geopol_cli.core.words import control_characters

    hidden = {name: control_characters(value) for name, value in record.items()}
    shown = [f"{name}: holds control or invisible characters ({', '.join(c)})" for name, c in hidden.items() if c]
    if shown:
        return shown
    try:
        TypeAdapter(MODELS[kind]).validate_python(dict(record))
    except ValidationError as exc:
        out = []
        for error in exc.errors(include_url=False):
            where = ".".join(str(p) for p in error["loc"]) or kind
            message = "required, and not given" if is_missing(error) else plain_message(error, error.get("input"))
            out.append(f"{where}: {message}")
        return out
    return []


def add_record(
    path: Path,
    kind: str,
    record: dict[str, Any],
    *,
    dry_run: bool = False,
    into: str | None = None,
    text_file: Path | None = None,
    focus: bool = False,
    origin: str | None = None,
    renumber: bool = False,
) -> AddReport:
    """Add one record to the fact base at ``path``; refuse (RecordRefused) anything that would make it invalid."""
    [report] = add_records(
        path,
        kind,
        [record],
        dry_run=dry_run,
        into=into,
        text_file=text_file,
        focus=focus,
        origin=origin,
        renumber=renumber,
    )
    return report


def add_records(
    path: Path,
    kind: str,
    records: list[dict[str, Any]],
    *,
    dry_run: bool = False,
    into: str | None = None,
    text_file: Path | None = None,
    focus: bool = False,
    origin: str | None = None,
    renumber: bool = False,
) -> list[AddReport]:
    """Add records of one kind in one write: all of them, or (RecordRefused) none.

    Written by the change engine (edit/change.py), as every change is: the files read once, the new records
    put in canonical form by their model, the whole base checked once, written atomically and journaled.
    ``renumber``: the ids were suggested by geopol, not given, so one that another writer took meanwhile is
    replaced by a free one under the lock (two `add`s at once without --id both land).
    """
    from geopol_cli.edit.change import Workspace, change

    if str(path) == "-":
        raise UsageProblem("geopol add writes a fact base: give a file or folder, not standard input", option="--facts")
    problems = [
        f"{record.get('id', kind)}: {p}" if len(records) > 1 else p
        for record in records
        for p in record_problems(kind, record)
    ]
    if problems:
        raise RecordRefused(problems)
    held: TakenText | None = None
    if kind == "source" and text_file is not None:
        held = take_text(path if path.is_dir() else path.parent, text_file)
        records[0]["text"], records[0]["sha256"] = held.relative, held.sha256
    section = SECTIONS[kind]
    chosen: list[Path] = []

    def make(space: Workspace) -> None:
        target = _target(list(space.documents), path, into)
        chosen.append(target)
        if renumber:
            # Under the lock, what is taken now: every file's ids.
            _renumber(records, {str(at.record.get("id")) for at in space.records()})
        for record in records:
            space.insert(str(target), section, len(space.documents[str(target)].get(section) or []), record)
        if focus:
            space.set_focus(str(target), str(records[0]["id"]))

    ids = ", ".join(str(r.get("id")) for r in records)
    report = change(path, "add", f"added {kind} {ids}", make, dry_run=dry_run, origin=origin, held=held)
    copied = held.destination if held is not None and held.data is not None and not dry_run else None
    added = [c for c in report.changes if c.type == kind]
    return [
        AddReport(
            type=kind,
            id=c.id,
            file=str(chosen[0]),
            written=not dry_run,
            record=c.after or {},
            copied=str(copied) if copied is not None and n == 0 else None,
            warnings=[w for w in report.warnings if (w.record or "").split(".", 1)[0].split("[", 1)[0] == c.id],
        )
        for n, c in enumerate(added)
    ]


def _renumber(records: list[dict[str, Any]], taken: set[str]) -> None:
    """Ids suggested before the lock was taken, made free again in the fact base as it is now."""
    for record in records:
        wanted = str(record["id"])
        candidate, n = wanted, 2
        while candidate in taken:
            candidate, n = f"{wanted}-{n}", n + 1
        record["id"] = candidate
        taken.add(candidate)


def _target(parts: list[str], path: Path, into: str | None) -> Path:
    """The file the record goes into: the facts file, or in a folder --into (default: its last file)."""
    if not path.is_dir():
        if into is not None:
            raise UsageProblem("--into names a file of a fact base folder; --facts is a single file", option="--into")
        return path
    if into is None:
        return Path(parts[-1])
    chosen = path / into
    if str(chosen) not in parts:
        files = ", ".join(Path(p).name for p in parts)
        raise UsageProblem(f"{into!r} is not a file of {path} (its files: {files})", option="--into")
    return chosen


@dataclass(frozen=True)
class TakenText:
    """A source's text to keep in the fact base: its name there, its SHA-256, and the copy still to make."""

    relative: str
    sha256: str
    data: bytes | None = None  # None: already in the fact base
    destination: Path | None = None

    def copy(self) -> Path | None:
        """Make the copy (under the fact base's lock): a temporary file, flushed, then renamed into place.

        Refuses a texts/ folder or a file that is a link (it would write outside
        the base), and a file of that name that appeared meanwhile.
        """
        if self.data is None or self.destination is None:
            return None
        folder = self.destination.parent
        if folder.is_symlink() or self.destination.is_symlink():
            raise UsageProblem(
                f"{self.relative} (or its folder) is a symbolic link; geopol writes no text through a link"
            )
        folder.mkdir(exist_ok=True)
        try:
            write_bytes_atomically(self.destination, self.data, exclusive=True)
        except FileExistsError:
            raise UsageProblem(
                f"{self.relative} appeared in the fact base meanwhile; add the source again", option="--text"
            ) from None
        return self.destination


def take_text(root_folder: Path, text_file: Path) -> TakenText:
    """A source's text, to keep in the fact base: read once (bounded), checked, its copy planned."""
    from geopol_cli.facts.texts import MAX_TEXT_BYTES

    if not text_file.is_file():
        raise UsageProblem(f"{text_file} is not a file", option="--text")
    try:
        with text_file.open("rb") as file:
            data = file.read(MAX_TEXT_BYTES + 1)
    except OSError as exc:
        raise UsageProblem(f"cannot read {text_file}: {exc.strerror or exc}", option="--text") from None
    if len(data) > MAX_TEXT_BYTES:
        raise UsageProblem(f"{text_file} is over the {MAX_TEXT_BYTES:,}-byte limit of a held text", option="--text")
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageProblem(f"{text_file} is not UTF-8 text", option="--text") from None
    root = Path(os.path.realpath(root_folder))
    source = Path(os.path.realpath(text_file))
    digest = hashlib.sha256(data).hexdigest()
    if source.is_relative_to(root):
        return TakenText(source.relative_to(root).as_posix(), digest)
    texts = root / TEXTS_FOLDER
    if texts.is_symlink():
        raise UsageProblem(f"{texts} is a symbolic link; geopol writes no text through a link", option="--text")
    destination = texts / text_file.name
    relative = f"{TEXTS_FOLDER}/{text_file.name}"
    if destination.is_symlink():
        raise UsageProblem(f"{relative} is a symbolic link; geopol writes no text through a link", option="--text")
    if destination.exists():
        if sha256_of(destination) != digest:
            message = f"{relative} already exists in the fact base with other content; rename {text_file.name}"
            raise UsageProblem(message, option="--text")
        return TakenText(relative, digest)
    return TakenText(relative, digest, data=data, destination=destination)


def parse_stakes(values: Iterable[str], option: str) -> list[dict[str, Any]]:
    """'ACTOR:BASIS:WHAT' (basis stated or counterpart) as stake objects."""
    out = []
    for value in values:
        actor, _, rest = value.partition(":")
        basis, _, what = rest.partition(":")
        if not actor or basis not in BASES or not what.strip():
            raise UsageProblem(f"{value!r}: give ACTOR:BASIS:WHAT, BASIS being stated or counterpart", option=option)
        out.append({"actor": actor.strip(), "what": what.strip(), "basis": basis})
    return out


# --- a second source, or a disagreement, for a record already there -----------------------------------------

PARTS = {"citation": ("citations", Citation), "dispute": ("disputes", Dispute)}


def add_to_record(
    path: Path,
    record_id: str,
    part: str,
    value: dict[str, Any],
    *,
    dry_run: bool = False,
    origin: str | None = None,
) -> AddReport:
    """Append a citation (another source's account) or a dispute to an event or claim; same checks and writing."""
    from geopol_cli.edit.change import Workspace, change

    if str(path) == "-":
        raise UsageProblem("geopol add writes a fact base: give a file or folder, not standard input", option="--facts")
    field, model = PARTS[part]
    problems = [p.replace(f"{part}:", "", 1) for p in _problems_of(model, value)]
    if problems:
        raise RecordRefused(problems)
    found: list[str] = []

    def make(space: Workspace) -> None:
        at = space.find(record_id)
        if at is None or at.section not in ("events", "claims"):
            from geopol_cli.core.errors import NotFound
            from geopol_cli.query.resolve import suggest

            ids = [a.record["id"] for a in space.records() if a.section in ("events", "claims")]
            raise NotFound("event or claim", record_id, suggest(record_id.casefold(), {i: [i] for i in ids}))
        found.append(at.part)
        changed = json.loads(json.dumps(at.record))
        changed[field] = [*changed.get(field, []), dict(value)]
        space.replace(at, changed)

    report = change(path, "add", f"added a {part} to {record_id}", make, dry_run=dry_run, origin=origin)
    [changed] = report.changes
    return AddReport(
        type=part,
        id=record_id,
        file=found[0],
        written=not dry_run,
        record=changed.after or {},
        warnings=report.warnings,
    )


def _problems_of(model: type[Any], value: Mapping[str, Any]) -> list[str]:
    try:
        TypeAdapter(model).validate_python(dict(value))
    except ValidationError as exc:
        return [
            f"{'.'.join(str(p) for p in e['loc']) or 'it'}: {plain_message(e, e.get('input'))}"
            for e in exc.errors(include_url=False)
        ]
    return []
