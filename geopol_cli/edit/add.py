"""`geopol add`: one new record, checked against the whole fact base, then written atomically.

The interactive questions and the script options (geopol_cli/cli/add.py)
both end here. What one answer can be checked against on its own is checked
by :func:`field_problem`, so that a person is asked again at once; the whole
record is then validated as the format and the cross-checks see it, in the
fact base it would join, before anything is written (:func:`add_record`).
"""

from __future__ import annotations

import contextlib
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
from geopol_cli.core.errors import ExitCode, FactsError, GeopolError, Problem, UsageProblem
from geopol_cli.core.vocabulary import ACTOR_KINDS, BASES, DIRECTIONS, DISPUTE_POINTS, EVENT_KINDS, STANCES
from geopol_cli.core.wording import Resolved, resolve
from geopol_cli.facts.load import Facts, index_facts, load_facts, read_file
from geopol_cli.facts.messages import is_missing, plain_message
from geopol_cli.facts.models import Actor, Citation, Claim, Dispute, Event, FactBase, Person, Source
from geopol_cli.facts.texts import HeldText, normalise, sha256_of
from geopol_cli.facts.write import canonical_text, locked, real_target, write_atomically, write_bytes_atomically
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

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_PARTIAL = re.compile(PARTIAL_DATE_PATTERN)


def field_problem(facts: Facts, kind: str, name: str, value: Any) -> str | None:
    """What is wrong with one answer on its own (None when nothing is): asked again at once."""
    values = value if isinstance(value, list) else [value]
    if name == "id":
        if not _ID.match(str(value)):
            return "an id is letters, digits, '.', '_' and '-', starting with a letter or digit"
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
            if item not in ids_of(facts, wanted):
                return f"{item!r} is not the id of any {wanted} (add it first: geopol add {wanted})"
    if name == "by" and value not in facts.people and value not in facts.sources:
        return f"{value!r} is not the id of any person or source"
    choices = {
        "kind": ACTOR_KINDS if kind == "actor" else EVENT_KINDS,
        "direction": DIRECTIONS,
        "stance": STANCES,
        "point": DISPUTE_POINTS,
    }
    if name in choices and value not in choices[name]:
        return f"{value!r} is not one of: {', '.join(choices[name])}"
    if name == "date" and kind == "source" and value is not None:
        if not _PARTIAL.fullmatch(str(value)):
            return "a source's date is a partial ISO date: 2023, 2023-01 or 2023-01-31"
        try:
            parse_partial_date(str(value))
        except ValueError as exc:
            return str(exc)
    if name in ("iso2", "iso3") and value is not None:
        size = 2 if name == "iso2" else 3
        if not re.fullmatch(rf"[A-Z]{{{size}}}", str(value)):
            return f"an ISO 3166 alpha-{size} code is {size} capital letters"
    return None


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
    """The format's own checks of one record (shapes, vocabularies, dates), as 'field: message' lines."""
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

    ``renumber``: the ids were suggested by geopol, not given, so one that
    another writer took meanwhile is replaced by a free one under the lock
    (two `add`s at once without --id both land).
    """
    if str(path) == "-":
        raise UsageProblem("geopol add writes a fact base: give a file or folder, not standard input", option="--facts")
    facts = load_facts(path, origin=origin)  # FactsError (exit 3) if the fact base is bad already
    target = _target(facts, path, into)
    if not dry_run:
        real_target(target)  # refused before any work: the installed package, a hard-linked file
    problems = [
        f"{record.get('id', kind)}: {p}" if len(records) > 1 else p
        for record in records
        for p in record_problems(kind, record)
    ]
    if problems:
        raise RecordRefused(problems)
    text: TakenText | None = None
    if kind == "source" and text_file is not None:
        text = _take_text(facts, text_file)
        records[0]["text"], records[0]["sha256"] = text.relative, text.sha256
    section = SECTIONS[kind]
    adapter = TypeAdapter(MODELS[kind])
    copied: Path | None = None
    # A check (--dry-run) takes no lock and writes nothing, so it works on a read-only checkout.
    with contextlib.nullcontext() if dry_run else locked(path):
        base, _ = read_file(target)
        if renumber:
            # Under the lock, what is taken now: this file's ids, and in a folder every file's.
            now = index_facts(base) if not path.is_dir() else load_facts(path, origin=origin)
            _renumber(records, known_ids(now))
        models = [adapter.validate_python(record) for record in records]
        update: dict[str, Any] = {section: [*getattr(base, section), *models]}
        if focus:
            update["focus"] = models[0].id
        written_text = canonical_text(base.model_copy(update=update))
        try:
            if text is not None and not dry_run:
                copied = text.copy()
            try:
                checked = load_facts(
                    path, validating=not dry_run, origin=origin, override={str(target): written_text.encode("utf-8")}
                )
            except FactsError as error:
                raise RecordRefused([_where(p) for p in error.problems]) from None
            if not dry_run:
                before = target.read_bytes()
                write_atomically(target, written_text)
                _journal_added(path, target, section, len(getattr(base, section)), written_text, before, kind)
        except BaseException:
            if copied is not None:
                copied.unlink(missing_ok=True)  # the text came with a record that was not written
            raise
    written = FactBase.model_validate_json(written_text).model_dump(mode="json", by_alias=True, exclude_defaults=True)
    first = len(getattr(base, section))
    reports = []
    for offset, model in enumerate(models):
        index = first + offset
        mine = f"{section}[{index}]"
        reports.append(
            AddReport(
                type=kind,
                id=model.id,
                file=str(target),
                written=not dry_run,
                record=written[section][index],
                copied=str(copied) if copied is not None and offset == 0 else None,
                warnings=[w for w in checked.warnings if w.path == mine or w.path.startswith((mine + ".", mine + "["))],
            )
        )
    return reports


def _journal_added(base: Path, target: Path, section: str, first: int, text: str, before: bytes, kind: str) -> None:
    """Journal an add that has landed: each new record, after (geopol undo removes them)."""
    from geopol_cli.facts import journal

    written = json.loads(text)[section]
    changes = [
        journal.RecordChange(journal.relative(base, target), section, index, None, written[index])
        for index in range(first, len(written))
    ]
    ids = ", ".join(str(c.id) for c in changes)
    journal.record_write(base, "add", f"added {kind} {ids}", changes, {str(target): (before, text.encode("utf-8"))})


def _renumber(records: list[dict[str, Any]], taken: set[str]) -> None:
    """Ids suggested before the lock was taken, made free again in the fact base as it is now."""
    for record in records:
        wanted = str(record["id"])
        candidate, n = wanted, 2
        while candidate in taken:
            candidate, n = f"{wanted}-{n}", n + 1
        record["id"] = candidate
        taken.add(candidate)


def _where(problem: Problem) -> str:
    return f"{problem.path}: {problem.message}"


def _target(facts: Facts, path: Path, into: str | None) -> Path:
    """The file the record goes into: the facts file, or in a folder --into (default: its last file)."""
    if not path.is_dir():
        if into is not None:
            raise UsageProblem("--into names a file of a fact base folder; --facts is a single file", option="--into")
        return path
    if into is None:
        return Path(facts.parts[-1])
    chosen = path / into
    if str(chosen) not in facts.parts:
        files = ", ".join(Path(p).name for p in facts.parts)
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


def _take_text(facts: Facts, text_file: Path) -> TakenText:
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
    root = Path(os.path.realpath(facts.root or Path.cwd()))
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


def _canonical_record(base: FactBase, section: str, index: int) -> dict[str, Any]:
    document = base.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    record: dict[str, Any] = document[section][index]
    return record


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
    if str(path) == "-":
        raise UsageProblem("geopol add writes a fact base: give a file or folder, not standard input", option="--facts")
    facts = load_facts(path, origin=origin)
    if record_id not in facts.events and record_id not in facts.claims:
        from geopol_cli.core.errors import NotFound
        from geopol_cli.query.resolve import suggest

        keys = {i: [i] for i in (*facts.events, *facts.claims)}
        raise NotFound("event or claim", record_id, suggest(record_id.casefold(), keys))
    field, model = PARTS[part]
    problems = [p.replace(f"{part}:", "", 1) for p in _problems_of(model, value)]
    if problems:
        raise RecordRefused(problems)
    section = "events" if record_id in facts.events else "claims"
    for name in facts.parts:
        target = Path(name)
        if not dry_run:
            real_target(target)
        with contextlib.nullcontext() if dry_run else locked(path):
            base, _ = read_file(target)
            records = getattr(base, section)
            index = next((i for i, r in enumerate(records) if r.id == record_id), None)
            if index is None:
                continue
            record = records[index]
            fields = {name: getattr(record, name) for name in record.__dataclass_fields__}
            fields[field] = (*getattr(record, field), TypeAdapter(model).validate_python(value))
            changed_record = type(record)(**fields)
            changed = base.model_copy(update={section: [*records[:index], changed_record, *records[index + 1 :]]})
            text = canonical_text(changed)
            try:
                checked = load_facts(
                    path, validating=not dry_run, origin=origin, override={str(target): text.encode("utf-8")}
                )
            except FactsError as error:
                raise RecordRefused([_where(p) for p in error.problems]) from None
            if not dry_run:
                before = target.read_bytes()
                write_atomically(target, text)
                from geopol_cli.facts import journal

                change = journal.RecordChange(
                    journal.relative(path, target),
                    section,
                    index,
                    _canonical_record(base, section, index),
                    _canonical_record(changed, section, index),
                )
                written_files = {str(target): (before, text.encode("utf-8"))}
                journal.record_write(path, "add", f"added a {part} to {record_id}", [change], written_files)
        mine = f"{section}[{index}]"
        written = FactBase.model_validate_json(text)
        return AddReport(
            type=part,
            id=record_id,
            file=str(target),
            written=not dry_run,
            record=_canonical_record(written, section, index),
            warnings=[w for w in checked.warnings if w.path == mine or w.path.startswith((mine + ".", mine + "["))],
        )
    raise UsageProblem(f"{record_id!r} is in none of the fact base's files")  # pragma: no cover - found above


def _problems_of(model: type[Any], value: Mapping[str, Any]) -> list[str]:
    try:
        TypeAdapter(model).validate_python(dict(value))
    except ValidationError as exc:
        return [
            f"{'.'.join(str(p) for p in e['loc']) or 'it'}: {plain_message(e, e.get('input'))}"
            for e in exc.errors(include_url=False)
        ]
    return []
