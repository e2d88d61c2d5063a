"""Changing records already in a fact base: edit, rename, remove, and undo, each journaled.

Every change runs the same way (:func:`change`): the fact base is read and
validated once; under its lock each file is read as canonical JSON, the
change is made to its records in memory, and the whole base as it would be
is checked exactly as `geopol validate` checks it (references, duplicate ids,
held texts, derived dates). Only then are the changed files written, each
atomically, and one journal entry appended with every record before and
after. A change that would make the base invalid writes nothing (exit 2),
and ``dry_run`` runs every check and writes nothing.
"""

from __future__ import annotations

import contextlib
import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geopol_cli.core.errors import NotFound, UsageProblem
from geopol_cli.edit.add import RecordRefused, TakenText
from geopol_cli.facts import journal
from geopol_cli.facts.fields import KINDS, REFERENCE_KEYS
from geopol_cli.facts.load import Facts, FactsError, load_facts, read_parts
from geopol_cli.facts.write import document_bytes, locked, ordered_record, real_target, write_atomically
from geopol_cli.query.results import ChangeReport, ChangeView

SECTIONS = ("sources", "actors", "people", "events", "claims")
_KIND_OF_SECTION = {section: kind for kind, (_, section) in KINDS.items()}


def kind_of_section(section: str) -> str:
    return _KIND_OF_SECTION.get(section, section)


@dataclass
class Located:
    part: str  # the file, as the fact base names it
    section: str
    index: int
    record: dict[str, Any]

    @property
    def kind(self) -> str:
        return _KIND_OF_SECTION[self.section]


@dataclass
class Workspace:
    """The fact base's files as JSON documents, changed in memory and then checked as a whole."""

    base: Path
    origin: str | None
    documents: dict[str, dict[str, Any]]  # part name -> document, as read
    originals: dict[str, bytes]
    changes: list[journal.RecordChange] = field(default_factory=list)
    texts_before: dict[str, str] = field(default_factory=dict)  # whole files restored by undo (fmt)
    canonical: set[int] = field(default_factory=set)  # records inserted in canonical form, by identity
    _facts: Facts | None = None
    _relative: dict[str, str] = field(default_factory=dict)

    @property
    def facts(self) -> Facts:
        """The base as it was before the change, loaded only when a change needs it (a date to resolve)."""
        if self._facts is None:
            self._facts = load_facts(self.base, origin=self.origin)
        return self._facts

    def records(self) -> Iterator[Located]:
        for part, document in self.documents.items():
            for section in SECTIONS:
                records = document.get(section)
                for index, record in enumerate(records if isinstance(records, list) else []):
                    if isinstance(record, dict):
                        yield Located(part, section, index, record)

    def find(self, record_id: str) -> Located | None:
        return next((found for found in self.records() if found.record.get("id") == record_id), None)

    def relative(self, part: str) -> str:
        # Asked once per changed record (10 000 in an import): each file's name is worked out once.
        known = self._relative.get(part)
        if known is None:
            known = self._relative[part] = journal.relative(self.base, part)
        return known

    def part_named(self, relative: str) -> str:
        for part in self.documents:
            if self.relative(part) == relative:
                return part
        raise UsageProblem(f"the journal names {relative}, which is not a file of this fact base any more")

    def replace(self, at: Located, new: dict[str, Any]) -> None:
        self.documents[at.part][at.section][at.index] = new
        self.changes.append(journal.RecordChange(self.relative(at.part), at.section, at.index, at.record, new))

    def remove(self, at: Located) -> None:
        del self.documents[at.part][at.section][at.index]
        self.changes.append(journal.RecordChange(self.relative(at.part), at.section, at.index, at.record, None))

    def set_focus(self, part: str, focus: str | None) -> None:
        """The file's focus (the actor directions are relative to), journaled as a change of its own."""
        before = self.documents[part].get("focus")
        if focus is None:
            self.documents[part].pop("focus", None)
        else:
            self.documents[part]["focus"] = focus
        self.changes.append(
            journal.RecordChange(
                self.relative(part), "focus", 0, {"id": before} if before else None, {"id": focus} if focus else None
            )
        )

    def insert(self, part: str, section: str, index: int, record: dict[str, Any], canonical: bool = False) -> None:
        """``canonical``: the record was built in canonical form by code that a test holds to it (an ACLED
        row's event), so it is checked with the rest but not put in order again."""
        if canonical:
            self.canonical.add(id(record))
        records = self.documents[part].setdefault(section, [])
        index = min(index, len(records))
        records.insert(index, record)
        self.changes.append(journal.RecordChange(self.relative(part), section, index, None, record))


def change(
    path: Path,
    action: str,
    summary: str,
    make: Callable[[Workspace], None],
    *,
    dry_run: bool = False,
    origin: str | None = None,
    held: TakenText | None = None,
    warn_about: Callable[[Workspace], set[str]] | None = None,
    quiet: bool = False,
) -> ChangeReport:
    """Make a change to the fact base at ``path`` (``make`` changes the workspace), checked, written, journaled.

    ``held``: a source's text to copy into the base with the change (under the lock, before the check, which
    reads it; removed again if the change is refused). ``warn_about``: the records whose warnings the change
    reports (default: every record it touched); a rename touches every record naming the id, and their
    warnings are as old as they are. ``quiet``: the change reports no warning, and none is worked out (an
    import of 100 000 events spent 0.25 s on warnings it never showed).

    The files are read once, as JSON; the records the change touches are put in canonical form; then the
    whole base as it would be is loaded and checked once, as `geopol validate` checks it.
    A base that was invalid before the change is reported as such (exit 3), not as a refused change.
    """
    if str(path) == "-":
        raise UsageProblem(f"geopol {action} writes a fact base: give a file or folder, not standard input")
    if not dry_run:
        for file in read_parts(path, origin):
            real_target(Path(file.name))  # refused before any work: the installed package, a hard-linked file
    with contextlib.nullcontext() if dry_run else locked(path):
        space = read_workspace(path, origin)
        make(space)
        if not space.changes and not space.texts_before:
            raise UsageProblem("nothing to change: the record already reads so")
        texts = _texts(space)
        copied = held.copy() if held is not None and not dry_run else None
        try:
            try:
                # As `geopol validate` checks: excerpts against held texts included, with --dry-run too.
                pending = {held.relative: held.data} if held is not None and held.data is not None and dry_run else None
                checked = load_facts(
                    path,
                    validating=True,
                    origin=origin,
                    override=texts,
                    pending_texts=pending,
                    warnings=not quiet,
                )
            except FactsError as error:
                load_facts(path, origin=origin)  # a base that was bad already: that is the problem (exit 3)
                raise RecordRefused([f"{p.path}: {p.message}" for p in error.problems]) from None
            warnings = checked.warnings
            if not dry_run:
                from geopol_cli.facts.store import refresh

                # Under the lock, as the files are written: an index of the base answers for them at once.
                _write(path, space, texts, action, summary, dry_run)
                refresh(
                    checked,
                    [(part, texts.get(part, space.originals[part])) for part in space.documents],
                    list(space.originals.items()),
                    space.changes,
                )
            del checked  # the checked base (its models, its index) is not needed any more: memory back
        except BaseException:
            if copied is not None:
                copied.unlink(missing_ok=True)  # the text came with a record that was not written
            raise
    changed_ids = warn_about(space) if warn_about is not None else {c.id for c in space.changes}
    return ChangeReport(
        action=action,
        summary=summary,
        written=not dry_run,
        changes=[
            ChangeView(
                type=kind_of_section(c.section),
                id=c.id,
                file=c.file,
                index=c.index,
                before=c.before,
                after=c.after,
            )
            for c in space.changes
        ],
        files=[space.relative(part) for part in texts],
        warnings=[w for w in warnings if _record_id(w.record) in changed_ids],
    )


def _write(path: Path, space: Workspace, texts: dict[str, bytes], action: str, summary: str, dry_run: bool) -> None:
    """Each changed file, atomically, then the journal entry that records them (nothing with ``dry_run``)."""
    if dry_run:
        return
    files = [
        journal.FileChange(
            file=space.relative(part),
            sha256_before=journal.sha256(space.originals[part]),
            sha256=journal.sha256(data),
            text_before=space.texts_before.get(part),
        )
        for part, data in texts.items()
    ]
    for part, data in texts.items():
        write_atomically(Path(part), data.decode("utf-8"))
    journal.append(path, journal.Entry(journal.now(), journal.command_line(), action, summary, space.changes, files))


def _record_id(place: str | None) -> str:
    # "kz-x.citations[1]" -> "kz-x"
    return (place or "").split(".", 1)[0].split("[", 1)[0]


def read_workspace(path: Path, origin: str | None) -> Workspace:
    """Every file of the base as a JSON document. A file that is not JSON, or not version 2, is not changed
    here: the loader says what is wrong with it (exit 3), or `geopol fmt` upgrades a version-1 file first."""
    documents, originals = {}, {}
    for part in read_parts(path, origin):
        try:
            document = json.loads(part.data)
        except ValueError:
            load_facts(path, origin=origin)  # raises FactsError with the place of the problem
            raise
        if not isinstance(document, dict):
            load_facts(path, origin=origin)
            raise UsageProblem(f"{part.name} is not a facts file")
        if document.get("schema_version") != 2:
            load_facts(path, origin=origin)  # a bad version is reported as the loader reports it
            raise UsageProblem(
                f"{part.name} is written in version {document.get('schema_version')} of the format; "
                f"run geopol fmt {part.name} first (it rewrites it as version 2)"
            )
        documents[part.name] = document
        originals[part.name] = part.data
    return Workspace(path, origin, documents, originals)


def _texts(space: Workspace) -> dict[str, bytes]:
    """The new bytes of every file the change touched, each record it changed in canonical form: a source,
    actor or person by its model (one that is not valid on its own is refused, with its own message); an
    event or claim by its key order, for the check that follows to validate once (_ORDERED_ONLY)."""
    touched = {space.part_named(c.file) for c in space.changes}
    # The records as changed, by identity: one pass over each touched file, however many changed.
    changed = {id(c.after) for c in space.changes if c.after is not None} - space.canonical
    for part in touched:
        document = space.documents[part]
        for section in SECTIONS:
            records = [r for r in document.get(section) or [] if id(r) in changed]
            if section not in _ORDERED_ONLY:
                _canonical_all(section, records)
                continue
            model, _ = KINDS[kind_of_section(section)]
            for record in records:
                ordered = ordered_record(model, record)
                record.clear()
                record.update(ordered)  # the journal's "after" is the record as written
    texts = {part: document_bytes(space.documents[part]) for part in touched}
    for part, text in space.texts_before.items():
        if part not in touched:
            texts[part] = text.encode("utf-8")
    return texts


_ADAPTERS: dict[Any, Any] = {}


def _adapter(model: type[Any]) -> Any:
    """One TypeAdapter per model: building one builds its validator (milliseconds), and a rename of a
    much-used actor canonicalises thousands of records."""
    from pydantic import TypeAdapter

    if model not in _ADAPTERS:
        _ADAPTERS[model] = TypeAdapter(model)
    return _ADAPTERS[model]


# Sections whose models check values and change none: a record the check accepted is in canonical form
# once its keys are in order and its defaults gone (facts/write.py ordered_record). Sources and actors
# are not: an address gets https://, an ISO code its capitals.
_ORDERED_ONLY = ("events", "claims")


def _list_adapter(section: str) -> Any:
    from pydantic import TypeAdapter

    model, _ = KINDS[kind_of_section(section)]
    if (section, "list") not in _ADAPTERS:
        _ADAPTERS[(section, "list")] = TypeAdapter(list[model])  # type: ignore[valid-type]
    return _ADAPTERS[(section, "list")]


def _canonical_all(section: str, records: list[dict[str, Any]]) -> None:
    """Many records of one section in canonical form, validated and dumped as one list: one call into
    pydantic for an import of 100 000 events, not 100 000 (0.7 s of a 5.5 s import). Where one is not
    valid, each is taken on its own, so that the problem names its record."""
    if len(records) < 2:
        for record in records:
            _canonical(section, record)
        return
    from pydantic import ValidationError

    adapter = _list_adapter(section)
    try:
        valid = adapter.validate_python(records)
    except ValidationError:
        for record in records:
            _canonical(section, record)
        return
    for record, canonical in zip(
        records, adapter.dump_python(valid, mode="json", by_alias=True, exclude_defaults=True), strict=True
    ):
        record.clear()
        record.update(canonical)  # the journal's "after" is the record as written


def _canonical(section: str, record: dict[str, Any]) -> dict[str, Any]:
    from pydantic import ValidationError

    from geopol_cli.facts.messages import plain_message

    model, _ = KINDS[kind_of_section(section)]
    adapter = _adapter(model)
    try:
        valid = adapter.validate_python(record)
    except ValidationError as exc:
        where = record.get("id", section)
        problems = [
            f"{where}.{'.'.join(str(p) for p in e['loc'])}: {plain_message(e, e.get('input'))}"
            for e in exc.errors(include_url=False)
        ]
        raise RecordRefused(problems) from None
    canonical: dict[str, Any] = adapter.dump_python(valid, mode="json", by_alias=True, exclude_defaults=True)
    record.clear()
    record.update(canonical)  # the journal's "after" is the record as written
    return record


# --- finding records ------------------------------------------------------------------------------------


def locate(space: Workspace, kind: str, record_id: str) -> Located:
    """The record of ``kind`` with this id; NotFound with the closest ids of that kind."""
    found = space.find(record_id)
    if found is not None and found.kind == kind:
        return found
    from geopol_cli.query.resolve import suggest

    ids = [r.record["id"] for r in space.records() if r.kind == kind]
    if found is not None:
        raise UsageProblem(f"{record_id!r} is a {found.kind}, not a {kind}")
    raise NotFound(kind, record_id, suggest(record_id.casefold(), {i: [i] for i in ids}))


def referrers(space: Workspace, record_id: str) -> list[str]:
    """Where other records name ``record_id``: "event kz-x (actors)", one per record and key."""
    found = []
    for at in space.records():
        if at.record.get("id") == record_id:
            continue
        keys = sorted(set(_keys_naming(at.record, record_id)))
        if keys:
            found.append(f"{at.kind} {at.record.get('id')} ({', '.join(keys)})")
    for part, document in space.documents.items():
        if document.get("focus") == record_id:
            found.append(f"the fact base's focus ({space.relative(part)})")
    return found


def _keys_naming(value: Any, record_id: str, key: str | None = None) -> Iterator[str]:
    if isinstance(value, dict):
        for name, inner in value.items():
            yield from _keys_naming(inner, record_id, name)
    elif isinstance(value, list):
        for inner in value:
            yield from _keys_naming(inner, record_id, key)
    elif value == record_id and key in REFERENCE_KEYS:
        yield str(key)


def renamed(value: Any, old: str, new: str, key: str | None = None) -> Any:
    """``value`` with every reference to ``old`` (under a key that names records) made ``new``."""
    if isinstance(value, dict):
        return {name: renamed(inner, old, new, name) for name, inner in value.items()}
    if isinstance(value, list):
        return [renamed(inner, old, new, key) for inner in value]
    return new if value == old and key in REFERENCE_KEYS else value


# --- the three changes ----------------------------------------------------------------------------------


def edit_record(
    path: Path,
    kind: str,
    record_id: str,
    update: Callable[[dict[str, Any], Callable[[], Facts]], dict[str, Any]],
    *,
    dry_run: bool = False,
    origin: str | None = None,
) -> ChangeReport:
    """Change one record: ``update`` returns the record as it should read (given a copy, and a way to the
    facts as they were, loaded only if the change needs them: a date in words resolved against its source)."""

    def make(space: Workspace) -> None:
        at = locate(space, kind, record_id)
        new = update(json.loads(json.dumps(at.record)), lambda: space.facts)
        if new != at.record:
            space.replace(at, new)

    return change(path, "edit", f"edited {kind} {record_id}", make, dry_run=dry_run, origin=origin)


def rename_record(
    path: Path, kind: str, old: str, new: str, *, dry_run: bool = False, origin: str | None = None
) -> ChangeReport:
    """Give a record a new id, and every reference to it, across every file of the base."""

    def make(space: Workspace) -> None:
        at = locate(space, kind, old)
        if old == new:
            raise UsageProblem(f"{old!r} is already its id")
        from geopol_cli.edit.add import model_problem

        problem = model_problem(kind, "id", new)
        if problem:
            raise UsageProblem(f"{new!r} {problem}", option="NEW")
        taken = space.find(new)
        if taken is not None:
            raise UsageProblem(f"{new!r} is already the id of a {taken.kind}; choose another")
        for found in list(space.records()):
            record = found.record
            changed = renamed(record, old, new)
            if found.part == at.part and found.section == at.section and found.index == at.index:
                changed = {**changed, "id": new}
            if changed != record:
                space.replace(found, changed)
        for part, document in space.documents.items():
            if document.get("focus") == old:
                space.set_focus(part, new)

    summary = f"renamed {kind} {old} to {new}"
    return change(path, "rename", summary, make, dry_run=dry_run, origin=origin, warn_about=lambda _: {new})


def remove_record(
    path: Path, kind: str, record_id: str, *, dry_run: bool = False, origin: str | None = None
) -> ChangeReport:
    """Remove a record no other record refers to; otherwise refuse and name every one that does."""

    def make(space: Workspace) -> None:
        at = locate(space, kind, record_id)
        naming = referrers(space, record_id)
        if naming:
            # One line each: a long list is read, not cut.
            raise UsageProblem(
                f"{kind} {record_id} is still named by {len(naming)} record(s); change or remove them first "
                f"(geopol edit), or give it another id (geopol rename {kind}):\n  " + "\n  ".join(naming)
            )
        space.remove(at)

    return change(path, "remove", f"removed {kind} {record_id}", make, dry_run=dry_run, origin=origin)


# --- undo -----------------------------------------------------------------------------------------------


def undo(path: Path, count: int = 1, *, dry_run: bool = False, origin: str | None = None) -> ChangeReport:
    """Revert the last ``count`` changes of the journal, newest first, as one change (itself undoable).

    Refused, with nothing changed, when a file was changed by hand since geopol last wrote it (its hash is
    not the one the journal recorded), or when the journal is shorter than ``count``.
    """
    entries = journal.read(path)
    if not entries:
        raise UsageProblem("nothing to undo: the journal of this fact base is empty (geopol log lists changes)")
    if count > len(entries):
        raise UsageProblem(f"the journal holds {len(entries)} change(s); cannot undo {count}")
    undone = entries[-count:]

    def make(space: Workspace) -> None:
        _check_untouched(space, entries, undone)
        for entry in reversed(undone):
            for file in entry.files:
                if file.text_before is not None:
                    space.texts_before[space.part_named(file.file)] = file.text_before
            for record_change in reversed(entry.changes):
                _revert(space, record_change)

    what = "; ".join(entry.summary for entry in reversed(undone))
    # Undo returns records to a state already checked once: their old warnings are not news.
    return change(path, "undo", f"undid: {what}", make, dry_run=dry_run, origin=origin, quiet=True)


def _check_untouched(space: Workspace, entries: list[journal.Entry], undone: list[journal.Entry]) -> None:
    """Each file as the journal last left it, and no hand edit between the changes being undone."""
    last: dict[str, str] = {}
    for entry in entries:
        for file in entry.files:
            last[file.file] = file.sha256
    for relative, digest in last.items():
        if not any(c.file == relative for e in undone for c in e.changes) and not any(
            f.file == relative for e in undone for f in e.files
        ):
            continue
        part = space.part_named(relative)
        if journal.sha256(space.originals[part]) != digest:
            raise UsageProblem(
                f"{relative} was changed since geopol last wrote it (by hand, or by another program); undo would "
                "lose that change, so it changes nothing. Commit or revert that change, then undo"
            )
    for earlier, later in itertools.pairwise(undone):
        before = {f.file: f.sha256 for f in earlier.files}
        for file in later.files:
            if file.file in before and file.sha256_before != before[file.file]:
                raise UsageProblem(
                    f"{file.file} was changed by hand between two of the changes to undo; undo them one at a time"
                )


def _revert(space: Workspace, record_change: journal.RecordChange) -> None:
    part = space.part_named(record_change.file)
    section = record_change.section
    if section == "focus":
        space.set_focus(part, (record_change.before or {}).get("id"))
        return
    if record_change.after is not None:
        current = next(
            (
                at
                for at in space.records()
                if at.part == part and at.section == section and at.record.get("id") == record_change.after.get("id")
            ),
            None,
        )
        if current is None:
            raise UsageProblem(f"{record_change.id} is not in {record_change.file} any more; undo changes nothing")
        if record_change.before is None:
            space.remove(current)
        else:
            space.replace(current, record_change.before)
    elif record_change.before is not None:
        space.insert(part, section, record_change.index, record_change.before)
