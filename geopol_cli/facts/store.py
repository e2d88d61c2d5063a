"""An index beside the facts: the records in SQLite, so that a view reads only what it shows.

The JSON files stay the source of truth. The index is derived from them and
never trusted blindly:

* it is keyed by a fingerprint of every file it was built from (each facts
  file's name and SHA-256, and each held text's), checked on every read: a
  file changed by hand, by another program, or by an older geopol, and the
  index is rebuilt from the files (one full load, as a view without an index
  does) before it answers;
* each record is written from its validated form with a CRC-32 of its JSON,
  checked on every read before the record is built without a validator
  (building the validators cost more than the rest of a small view), so an
  index that is truncated, corrupt or altered fails loudly and is rebuilt
  (or, where it cannot be written, the plain path answers); and an index
  built by another geopol release, or other record fields, is rebuilt;
* it lives in the user's cache folder (``$XDG_CACHE_HOME/geopol/index``, or
  ``~/.cache/geopol/index``; ``$GEOPOL_CACHE`` moves it), one file per fact
  base, keyed by the base's real path: never inside a fact base, so that
  someone else's fact base cannot bring an index of its own. Deleting it
  costs a rebuild; each build prunes the indexes of bases that are gone.

``$GEOPOL_INDEX`` chooses: ``auto`` (the default: every fact base, the
bundled one included, whose index the cache can hold; ``always`` is the
same) or ``never``. A small base gains too: its views build no validator
(the bundled facts: 148 ms a view against 159 ms without the index).

What a view needs is a :class:`Need`: which events (all, none, or those
involving some actors, of some kinds or directions), which claims, and words
that every record it shows must hold. The answer is a :class:`Facts` that
holds those records (and every source, actor and person, which views name
freely), with the dates derived over the whole base and the verified marks
of the whole base, so that the views' own code gives the very same answer
(tests/test_store.py runs every view both ways).

A view that may show most of the base (timeline, search, benefits) asks for
its events and claims as streams (``Need.stream``): they are read from the
index a batch of rows at a time as the view uses them, in time order (each
event's place in it is kept in the index: derive.event_key, then id) or the
files' order, or again by position, and never all held, so that its memory
does not grow with the base (at 1 000 000 events, `timeline --json` peaked
at 4 277 MiB holding them; streamed, 87 MiB).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sqlite3
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from geopol_cli.facts.index import Facts, Placed

INDEX_ENV = "GEOPOL_INDEX"
CACHE_ENV = "GEOPOL_CACHE"
# The index's own format: an index of another format is rebuilt.
FORMAT = "geopol-index-3"


def _made_by() -> str:
    """The index format, the geopol release and the record types' fields that an index was built by: an index
    built by any other is rebuilt. Its rows are read without validation, so an upgrade that changes a rule
    (the release) or a record's fields (a development build between releases) must not read old rows."""
    import dataclasses

    from geopol_cli import __version__
    from geopol_cli.facts.models import RECORD_TYPES

    fields = ";".join(f"{t.__name__}:{','.join(f.name for f in dataclasses.fields(t))}" for t in RECORD_TYPES)
    return f"{FORMAT} geopol {__version__} {hashlib.sha256(fields.encode()).hexdigest()[:16]}"


_SECTIONS = ("sources", "actors", "people", "events", "claims")
_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE records(section TEXT NOT NULL, ord INTEGER NOT NULL, id TEXT NOT NULL, json BLOB NOT NULL,
                     sum INTEGER NOT NULL, PRIMARY KEY(section, ord));
CREATE TABLE involves(section TEXT NOT NULL, ord INTEGER NOT NULL, actor TEXT NOT NULL);
CREATE INDEX involves_actor ON involves(section, actor);
CREATE TABLE events(ord INTEGER PRIMARY KEY, kind TEXT NOT NULL, direction TEXT, stakes INTEGER NOT NULL,
                    k0 INTEGER NOT NULL, k1 INTEGER NOT NULL, id TEXT NOT NULL);
CREATE INDEX events_in_time ON events(k0, k1, id);
CREATE TABLE claims(ord INTEGER PRIMARY KEY, stakes INTEGER NOT NULL);
CREATE TABLE bounds(event TEXT PRIMARY KEY, earliest TEXT NOT NULL, because TEXT NOT NULL, link TEXT NOT NULL,
                    origin TEXT NOT NULL);
CREATE TABLE verified(id TEXT PRIMARY KEY);
"""
# The text search reads, folded as it folds it, one row a record: FTS5, where SQLite has it.
_WORDS = "CREATE VIRTUAL TABLE words USING fts5(text, section UNINDEXED, ord UNINDEXED, tokenize='unicode61')"


@dataclass(frozen=True)
class Need:
    """What a view reads. ``events``: "all", "none", or "match" (those involving one of ``countries``, of one
    of ``kinds`` and ``directions``, each given only to narrow); ``claims``: "all", "none", or "concerning"
    (about one of ``countries``, or with a stake of one); ``stakes``: only records with a gain or a loss;
    ``words``: only records in which each word starts a word (search); ``stream``: the events (and the
    claims) are read as the view uses them, never all held at once (:attr:`Facts.event_stream`,
    ``claim_stream``), the events in time order ("time") or the files' order ("file"; "": held, in
    ``base.events`` and ``base.claims``)."""

    events: Literal["all", "none", "match"] = "all"
    claims: Literal["all", "none", "concerning"] = "all"
    countries: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    directions: tuple[str, ...] = ()
    stakes: bool = False
    words: tuple[str, ...] = ()
    stream: Literal["", "time", "file"] = ""


def wanted() -> bool:
    """Whether views are answered from an index ($GEOPOL_INDEX: anything but "never")."""
    return os.environ.get(INDEX_ENV, "auto").strip().casefold() != "never"


def index_path(base: Path) -> Path:
    """Where the index of the fact base at ``base`` lives, in the user's cache folder."""
    root = os.environ.get(CACHE_ENV) or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "geopol"
    )
    key = hashlib.sha256(os.path.realpath(base).encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return Path(root) / "index" / f"{key}.sqlite"


def fingerprint(parts: Sequence[tuple[str, bytes]], texts: Sequence[tuple[str, bytes | None]]) -> str:
    """What the index answers for: every facts file's name and content, and every held text's."""
    digest = hashlib.sha256()
    for name, data in parts:
        digest.update(f"part\0{name}\0{hashlib.sha256(data).hexdigest()}\n".encode("utf-8", "surrogateescape"))
    for name, text in texts:
        held = hashlib.sha256(text).hexdigest() if text is not None else "-"
        digest.update(f"text\0{name}\0{held}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


# --- building ----------------------------------------------------------------------------------------------


def build(facts: Facts, at: Path, print_: str, texts: Sequence[str] = (), files: Sequence[Path] = ()) -> None:
    """Write the index of ``facts`` (loaded and validated whole) to ``at``, whose files (and held ``texts``)
    have fingerprint ``print_``: into a new file, renamed into place, so a reader never sees half an index.
    ``files``: the facts files, whose state (and the texts') is kept for the quick check of :func:`_unchanged`."""
    import time

    built = time.time_ns()  # before the files' state is taken: a change meanwhile is never taken for none
    state = _state([*files, *(_text_path(facts.root, t) for t in texts)])
    from pydantic import TypeAdapter

    from geopol_cli.facts.models import Actor, Claim, Event, Person, Source

    at.parent.mkdir(parents=True, exist_ok=True)
    partial = at.with_name(f"{at.name}.{os.getpid()}.new")
    partial.unlink(missing_ok=True)
    models: dict[str, type[Any]] = {
        "sources": Source, "actors": Actor, "people": Person, "events": Event, "claims": Claim,
    }  # fmt: skip
    try:
        with contextlib.closing(sqlite3.connect(partial, isolation_level=None)) as db:
            db.execute("PRAGMA journal_mode=OFF")
            db.execute("PRAGMA synchronous=OFF")
            db.executescript(_SCHEMA)
            db.execute("BEGIN")
            for section in _SECTIONS:
                records = getattr(facts.base, section)
                adapter = TypeAdapter(list[models[section]])  # type: ignore[valid-type]
                dumped = adapter.dump_python(records, mode="json", by_alias=True, exclude_defaults=True)
                db.executemany(
                    "INSERT INTO records VALUES (?, ?, ?, ?, ?)",
                    ((section, i, r["id"], *_row(r)) for i, r in enumerate(dumped)),
                )
            for section in ("events", "claims"):
                _facet_rows(db, section, list(enumerate(getattr(facts.base, section))), facts.derived.bounds)
            _whole_base_rows(db, facts)
            meta = {"format": _made_by(), "fingerprint": print_, "focus": facts.base.focus or "",
                    "version": str(facts.version), "path": facts.path, "words": "",
                    "texts": json.dumps(list(texts)), "state": json.dumps(state), "built": str(built),
                    "files": json.dumps(_real(files))}  # fmt: skip
            db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            db.execute("COMMIT")
        os.replace(partial, at)
    finally:
        partial.unlink(missing_ok=True)


def add_words(facts: Facts, at: Path) -> None:
    """The words search reads, added to the index at ``at`` the first time a search asks (most runs never
    search, and folding every text of a large base is a third of building the rest)."""
    from geopol_cli.core.folding import normalize

    with contextlib.closing(sqlite3.connect(at, isolation_level=None)) as db:
        db.execute("BEGIN")
        try:
            db.execute(_WORDS)
            db.executemany("INSERT INTO words VALUES (?, ?, ?)", _words(facts, normalize))
            words = "fts5"
        except sqlite3.OperationalError:  # an SQLite without FTS5: search reads the files
            db.execute("ROLLBACK")
            db.execute("BEGIN")
            words = "none"
        db.execute("UPDATE meta SET value = ? WHERE key = 'words'", (words,))
        db.execute("COMMIT")


def _facet_rows(db: sqlite3.Connection, section: str, records: list[tuple[int, Any]], bounds: Any) -> None:
    """What a need selects events or claims by, for these (position, record): the actors each involves, and
    an event's kind, direction and whether it has a gain or a loss (a claim's: whether it has one); and an
    event's place in time order (its key by ``bounds``, the base's derived starts, and its id)."""
    from geopol_cli.facts.derive import event_key

    involved = _event_actors if section == "events" else _claim_actors
    db.executemany(f"INSERT INTO involves VALUES ('{section}', ?, ?)",
                   ((i, a) for i, r in records for a in involved(r)))  # fmt: skip
    if section == "events":
        db.executemany("INSERT OR REPLACE INTO events VALUES (?, ?, ?, ?, ?, ?, ?)",
                       ((i, r.kind, r.direction, bool(r.beneficiaries or r.losers), *event_key(r, bounds), r.id)
                        for i, r in records))  # fmt: skip
    else:
        db.executemany("INSERT OR REPLACE INTO claims VALUES (?, ?)",
                       ((i, bool(r.beneficiaries or r.losers)) for i, r in records))  # fmt: skip


def _whole_base_rows(db: sqlite3.Connection, facts: Facts) -> None:
    """What is worked out over the whole base: dates derived along answers/follows, and the verified records."""
    db.executemany(
        "INSERT INTO bounds VALUES (?, ?, ?, ?, ?)",
        ((k, b.earliest.isoformat(), b.because, b.link, b.origin) for k, b in facts.derived.bounds.items()),
    )
    db.executemany("INSERT INTO verified VALUES (?)", ((i,) for i in facts.verified))


def _event_actors(event: Any) -> set[str]:
    return {*event.actors, *event.targets, *(s.actor for s in (*event.beneficiaries, *event.losers))}


def _claim_actors(claim: Any) -> set[str]:
    return {*claim.about, *(s.actor for s in (*claim.beneficiaries, *claim.losers))}


def _words(facts: Facts, normalize: Any) -> Iterator[tuple[str, str, int]]:
    """The text search looks in (facts/fields.py searched_fields), folded as it folds it, one row a record:
    a record search would find is always among those the index finds (which search then reads itself)."""
    names = {a.id: a.name for a in facts.base.actors}
    people = {p.id: p.name for p in facts.base.people}
    for section in _SECTIONS:
        for i, record in enumerate(getattr(facts.base, section)):
            yield _folded(section, record, names, people, normalize), section, i


def _folded(section: str, record: Any, names: dict[str, str], people: dict[str, str], normalize: Any) -> str:
    from geopol_cli.facts.fields import searched_fields

    return " ".join(normalize(text) for _, _, text in searched_fields(section, record, names, people))


# --- reading -----------------------------------------------------------------------------------------------


class Stale(Exception):
    """The index does not answer for the files as they are now (or cannot be read): rebuild it."""


class Unanswered(Exception):
    """The index is sound but cannot answer this need (a search with no FTS5): read the files; and, with
    ``add_words``, give the index the words search reads, for the next one."""

    def __init__(self, why: str, add_words: bool = False) -> None:
        super().__init__(why)
        self.add_words = add_words


# What a view reads: a Need, or how to work one out from the base's sources, actors and people (a view that
# names countries resolves their names against the actors first: "Kazakh" is kazakhstan).
Needs = Need | Callable[[Facts], Need]


def read(at: Path, print_: str, need: Needs, path: str, root: Path | None, parts: list[str]) -> Facts:
    """The records ``need`` names, from the index at ``at``, if it answers for fingerprint ``print_``."""
    try:
        db = sqlite3.connect(f"{at.as_uri()}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error as error:
        raise Stale(str(error)) from None
    facts: Facts | None = None
    try:
        db.execute("BEGIN")  # the fingerprint checked and every row read are of one state of the index
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("format") != _made_by() or meta.get("fingerprint") != print_:
            raise Stale("the index was built from other files")
        facts = _facts(db, meta, need, path, root, parts)
        db.execute("COMMIT")
        return facts
    except (sqlite3.Error, ValueError, KeyError, TypeError, AttributeError) as error:
        facts = None
        raise Stale(str(error)) from None
    finally:
        if facts is None or (facts.event_stream is None and facts.claim_stream is None):
            db.close()  # else the streams keep it (and the file it opened) until they go


def _facts(db: sqlite3.Connection, meta: dict[str, str], needs: Needs, path: str, root: Path | None,
           parts: list[str]) -> Facts:  # fmt: skip
    from geopol_cli.facts.derive import Bound, Derived
    from geopol_cli.facts.index import index_facts
    from geopol_cli.facts.models import Actor, Claim, Event, FactBase, Person, Source, from_checked

    def records(section: str, model: type[Any], orders: Iterable[int] | None) -> list[Any]:
        if orders is None:
            rows = db.execute("SELECT json, sum FROM records WHERE section = ? ORDER BY ord", (section,)).fetchall()
        else:
            wanted = sorted(set(orders))
            rows = []
            for chunk in range(0, len(wanted), 900):
                batch = wanted[chunk : chunk + 900]
                rows += db.execute(
                    f"SELECT json, sum FROM records WHERE section = ? AND ord IN ({','.join('?' * len(batch))}) "
                    "ORDER BY ord",
                    (section, *batch),
                ).fetchall()
        # Each row was written from a validated record, with its checksum: a row that no longer matches it
        # (a damaged or altered index) is never believed, and the index is built again. The records are then
        # built without a validator: validating them again would cost a validator's build (40 ms) on every
        # run, and as much time per record as building them does.
        if any(zlib.crc32(blob) != sum_ for blob, sum_ in rows):
            raise ValueError(f"a record of {section} does not match its checksum")
        return [from_checked(model, json.loads(blob)) for blob, _ in rows]

    sources = records("sources", Source, None)
    actors = records("actors", Actor, None)
    people = records("people", Person, None)

    def facts_of(
        events: list[Any],
        claims: list[Any],
        bounds: dict[str, Any],
        verified: set[str],
        event_stream: Any = None,
        claim_stream: Any = None,
    ) -> Facts:
        base = FactBase.model_construct(
            schema_version=2,
            focus=meta["focus"] or None,
            sources=sources,
            actors=actors,
            people=people,
            events=events,
            claims=claims,
        )
        return index_facts(base, path, int(meta["version"]), root, parts, Derived(bounds, []), verified,
                           event_stream, claim_stream)  # fmt: skip

    need = needs if isinstance(needs, Need) else needs(facts_of([], [], {}, set()))
    if need.words and (meta.get("words") == "none" or not all(w.isalnum() for w in need.words)):
        raise Unanswered("this search is read from the files")
    if need.words and meta.get("words") != "fts5":
        raise Unanswered("the index has no words yet", add_words=True)
    # Streamed (where the view asked), a section's records are read as it uses them: none is held here.
    streams = {
        section: _RecordStream(db, meta["fingerprint"], need, path, section)
        for section, choice in (("events", need.events), ("claims", need.claims))
        if need.stream and choice != "none"
    }
    events = [] if "events" in streams else records("events", Event, _selected(db, "events", need))
    claims = [] if "claims" in streams else records("claims", Claim, _selected(db, "claims", need))
    shown = {e.id for e in events} | {c.id for c in claims}
    bounds = {
        event: Bound(dt.date.fromisoformat(earliest), because, link, origin)
        for event, earliest, because, link, origin in db.execute("SELECT * FROM bounds")
        if event in shown
    }
    verified = {i for (i,) in db.execute("SELECT id FROM verified") if i in shown}
    for stream in streams.values():
        stream.check()
    return facts_of(events, claims, bounds, verified, streams.get("events"), streams.get("claims"))


# Rows a stream reads at a time (SQLite's limit on the values of one statement is 32 766).
_STREAM_BATCH = 500


class _RecordStream:
    """The events (or claims) a need selects, read from the index on each call, a batch of rows at a time,
    in time order (derive.event_key, then id) or the files' order, each with its derived start and verified
    mark: what :attr:`Facts.event_stream` (and ``claim_stream``) gives. ``at`` reads chosen ones again. The
    two streams of one read share its connection; a call inside another's pass joins that pass's read.

    The index was checked when the facts were read (:meth:`check`: every row's checksum, in the same read as
    the fingerprint), so that a damaged index is rebuilt before anything is written. Each call reads in one
    read transaction of its own, and first checks that the index still answers for the same files: a geopol
    that wrote the base meanwhile makes the run fail with a message, never mix two states of the base."""

    def __init__(self, db: sqlite3.Connection, print_: str, need: Need, path: str, section: str) -> None:
        import weakref

        self._db = db
        weakref.finalize(self, db.close)  # the connection is this stream's, closed with it (or at exit)
        self._print = print_
        self._path = path
        self._section = section  # "events" or "claims": its table of facets is named as the section
        clauses, self._values = _where(section, need, "t.ord")
        self._where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        self._order = "t.k0, t.k1, t.id" if section == "events" and need.stream == "time" else "t.ord"

    def check(self) -> None:
        """Every selected row matches its checksum (ValueError, so the index is rebuilt, where one does not)."""
        section = self._section
        rows = self._db.execute(
            f"SELECT r.json, r.sum FROM {section} t JOIN records r ON r.section = '{section}' AND r.ord = t.ord "
            f"{self._where}",
            self._values,
        )
        if any(zlib.crc32(blob) != sum_ for blob, sum_ in rows):
            raise ValueError(f"a record of {section} does not match its checksum")

    def __call__(self) -> Iterator[Any]:
        return self._read(None)

    def at(self, positions: Sequence[int]) -> Iterator[Any]:
        return self._read(positions)

    def _read(self, given: Sequence[int] | None) -> Iterator[Any]:
        from geopol_cli.facts.derive import Bound
        from geopol_cli.facts.index import PlacedClaim
        from geopol_cli.facts.models import Claim, Event, from_checked

        db, section = self._db, self._section
        began = not db.in_transaction
        rows_of = (
            "SELECT r.ord, r.json, r.sum, b.earliest, b.because, b.link, b.origin, v.id IS NOT NULL FROM records r "
            "JOIN events e ON e.ord = r.ord LEFT JOIN bounds b ON b.event = e.id LEFT JOIN verified v ON v.id = e.id "
            "WHERE r.section = 'events' AND r.ord IN ({})"
            if section == "events"
            else "SELECT r.ord, r.json, r.sum, NULL, NULL, NULL, NULL, v.id IS NOT NULL FROM records r "
            "LEFT JOIN verified v ON v.id = r.id WHERE r.section = 'claims' AND r.ord IN ({})"
        )
        try:
            if began:
                db.execute("BEGIN")
            row = db.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
            if row is None or row[0] != self._print:
                raise ValueError("its index now answers for other files")
            # The positions first, in order (from the events_in_time index, or sorted: small rows), then the
            # rows a batch at a time: sorting the rows themselves would have SQLite sort their JSON, through
            # temporary files the size of the base.
            positions = given if given is not None else array("q", (o for (o,) in db.execute(
                f"SELECT t.ord FROM {section} t {self._where} ORDER BY {self._order}", self._values)))  # fmt: skip
            for start in range(0, len(positions), _STREAM_BATCH):
                batch = list(positions[start : start + _STREAM_BATCH])
                rows = {row[0]: row[1:] for row in db.execute(rows_of.format(_marks(batch)), batch)}
                for position in batch:
                    blob, sum_, earliest, because, link, origin, verified = rows[position]
                    if zlib.crc32(blob) != sum_:
                        raise ValueError("a record in its index no longer matches its checksum")
                    if section == "claims":
                        yield PlacedClaim(from_checked(Claim, json.loads(blob)), bool(verified), position)
                        continue
                    bound = None if earliest is None else Bound(dt.date.fromisoformat(earliest), because, link, origin)
                    yield Placed(from_checked(Event, json.loads(blob)), bound, bool(verified), position)
        except (sqlite3.Error, ValueError, KeyError) as error:
            from geopol_cli.core.errors import ChangedMeanwhile

            raise ChangedMeanwhile(self._path, str(error)) from None
        finally:
            if began and db.in_transaction:
                db.execute("COMMIT")


def _selected(db: sqlite3.Connection, section: str, need: Need) -> list[int] | None:
    """The positions of the records of ``section`` the need names (None: every one)."""
    choice = need.events if section == "events" else need.claims
    if choice == "none":
        return []
    clauses, values = _where(section, need)
    if not clauses:
        return None
    query = f"SELECT ord FROM records WHERE section = ? AND {' AND '.join(clauses)}"
    return [o for (o,) in db.execute(query, (section, *values))]


def _where(section: str, need: Need, ord_: str = "ord") -> tuple[list[str], list[Any]]:
    """The conditions on a record's position (the column ``ord_``) that select what the need names of
    ``section`` (beyond "none"), with their values: none, every record."""
    choice = need.events if section == "events" else need.claims
    clauses: list[str] = []
    values: list[Any] = []
    if choice in ("match", "concerning") and need.countries:
        clauses.append(
            f"{ord_} IN (SELECT ord FROM involves WHERE section = ? AND actor IN ({_marks(need.countries)}))"
        )
        values += [section, *need.countries]
    if section == "events" and choice == "match" and (need.kinds or need.directions or need.stakes):
        narrow = []
        if need.kinds:
            narrow.append(f"kind IN ({_marks(need.kinds)})")
            values += need.kinds
        if need.directions:
            narrow.append(f"direction IN ({_marks(need.directions)})")
            values += need.directions
        if need.stakes:
            narrow.append("stakes")
        clauses.append(f"{ord_} IN (SELECT ord FROM events WHERE {' AND '.join(narrow)})")
    elif need.stakes:
        clauses.append(f"{ord_} IN (SELECT ord FROM {section} WHERE stakes)")
    if need.words:
        # Each word at the start of a word, as search matches them: "kaz" finds Kazakhstan.
        clauses.append(f"{ord_} IN (SELECT ord FROM words WHERE words MATCH ? AND section = ?)")
        values += [" AND ".join(f'"{w}"*' for w in need.words), section]
    return clauses, values


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


# --- the one way in --------------------------------------------------------------------------------------


def load_for(path: Path, need: Needs, origin: str | None = None) -> Facts:
    """The fact base at ``path`` as far as ``need`` goes: from its index where one pays (built or rebuilt
    first when it does not answer for the files as they are), else loaded whole, as :func:`load_facts` does.
    Every problem of the files is found as a full load finds it: an index is only built from a valid base.
    (The loader and its checks are imported only where the files are read whole: not when the index answers.)"""
    if str(path) == "-" or not wanted():
        from geopol_cli.facts.load import load_facts

        return load_facts(path, origin=origin)
    at = index_path(path)
    quick = _unchanged(at, path)
    if quick is not None:
        # Every file as the index last saw it, long enough before it was built to be sure: no need to read them.
        print_, known, folder = quick
        with contextlib.suppress(Stale):
            return _answer(at, print_, need, path, folder, known, origin)
    import time

    from geopol_cli.facts.load import load_facts
    from geopol_cli.facts.read import read_parts_with_root

    # The files' state before they are read: if what is read is what the index was built from, this is the
    # state the index may take as proof from now on (see _settle).
    taken = time.time_ns()
    files, folder = _files_of(path)
    texts_held = _text_names(at)
    held = [_text_path(folder, t) for t in texts_held]
    state = _state([*files, *held])
    parts, root = read_parts_with_root(path, origin)
    named = [(Path(p.name).name, p.data) for p in parts]
    listed = [p.name for p in parts]
    with contextlib.suppress(Stale):
        answer = _answer(at, fingerprint(named, _held(root, texts_held)), need, path, root, listed, origin)
        if _real(files) == _real(Path(n) for n in listed):
            _settle(at, [*files, *held], state, taken)
        return answer
    facts = load_facts(path, origin=origin)
    texts = [s.text for s in facts.base.sources if s.text]
    with contextlib.suppress(OSError, sqlite3.Error):  # a cache that cannot be written: the files answer
        build(facts, at, fingerprint(named, _held(root, texts)), texts, [Path(n) for n in listed])
        prune(at.parent, keep=at)
    return facts


# A partial index (``<key>.sqlite.<pid>.new``) older than this was left by a build that never finished.
_ABANDONED_S = 3600


def prune(folder: Path, keep: Path) -> list[Path]:
    """Remove the indexes in ``folder`` whose fact base is gone (none of the files it was built from exists
    any more), and partial ones abandoned by a build that never finished; return what was removed.

    Every base a user reads gets an index, so without this the cache would only grow: run after each build
    (rare: a base read for the first time or changed), never on a read. Only files named as geopol names
    its indexes are touched; an index that cannot be read is left for its own base's next read to rebuild.
    An index removed by mistake (its base on a disk not mounted now) costs one rebuild."""
    import re
    import time

    removed: list[Path] = []
    named = re.compile(r"[0-9a-f]{32}\.sqlite(\.\d+\.new)?")
    for entry in folder.iterdir():
        if entry == keep or not named.fullmatch(entry.name):
            continue
        with contextlib.suppress(OSError):
            if entry.name.endswith(".new"):
                gone = time.time() - entry.stat().st_mtime > _ABANDONED_S
            else:
                gone = not any(os.path.exists(f) for f in _built_from(entry))
            if gone:
                entry.unlink()
                removed.append(entry)
    return removed


def _built_from(index: Path) -> list[str]:
    """The facts files an index was built from; ["."] (which always exists) when it cannot say."""
    try:
        with contextlib.closing(sqlite3.connect(f"{index.as_uri()}?mode=ro", uri=True)) as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'files'").fetchone()
        files = json.loads(row[0]) if row else None
    except (sqlite3.Error, ValueError, TypeError):
        return ["."]
    return [str(f) for f in files] if isinstance(files, list) and files else ["."]


def _answer(
    at: Path, print_: str, need: Needs, path: Path, root: Path | None, listed: list[str], origin: str | None
) -> Facts:
    """The index's answer (Stale when it has none for these files); the files' own, where it cannot answer."""
    try:
        return read(at, print_, need, str(path), root, listed)
    except Unanswered as unanswered:
        from geopol_cli.facts.load import load_facts

        facts = load_facts(path, origin=origin)
        if unanswered.add_words:
            with contextlib.suppress(OSError, sqlite3.Error):
                add_words(facts, at)
        return facts


# A file changed within this long of the index's building might carry the same modification time as before
# (a coarse clock): it is hashed, not taken on its state, as git treats its "racily clean" files.
_RACY_NS = 2_000_000_000


def _state(files: Iterable[Path]) -> list[list[Any]]:
    """Each file's path and what a change to it changes: size, modification and change times, inode."""
    out: list[list[Any]] = []
    for file in files:
        try:
            info = os.stat(file)
        except OSError:
            out.append([str(file), None])
            continue
        out.append([str(file), info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino])
    return out


def _unchanged(at: Path, path: Path) -> tuple[str, list[str], Path] | None:
    """The index's fingerprint, files and root, if every file it was built from is as it was then (by its
    state, and changed well before the build): else None, and the files are read and hashed."""
    try:
        with contextlib.closing(sqlite3.connect(f"{at.as_uri()}?mode=ro", uri=True)) as db:
            meta = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('fingerprint', 'state', 'built', "
                                   "'files', 'texts')").fetchall())  # fmt: skip
        state, built, files = json.loads(meta["state"]), int(meta["built"]), json.loads(meta["files"])
    except (sqlite3.Error, KeyError, ValueError, TypeError):
        return None
    current, root = _files_of(path)
    if _real(current) != files:
        return None
    texts = [_text_path(root, t) for t in json.loads(meta["texts"])]
    now = _state([*current, *texts])
    if now != state or any(s[1] is None or s[2] >= built - _RACY_NS for s in now):
        return None
    return str(meta["fingerprint"]), [str(f) for f in current], root


def _files_of(path: Path) -> tuple[list[Path], Path]:
    """The facts files of the base at ``path`` (a file, or a folder's *.json but its schema) and its root."""
    if path.is_dir():
        return sorted(f for f in path.glob("*.json") if not f.name.endswith(".schema.json") and f.is_file()), path
    return [path], path.parent


def _settle(at: Path, paths: Sequence[Path], state: list[list[Any]], taken: int) -> None:
    """Renew the index's record of its files' state, when the files have just been read and found to be
    what it was built from, and each was last changed well before ``taken`` (the time ``state`` was taken,
    before the files were read): as git updates its index's stamp of files that were racily clean.

    Without it, an index built or written to within 2 s of its files' last change (every geopol write: the
    files and the index are written together) never passes the quick check again, and every later view
    reads and hashes every file (at 100 000 events, a third of a second a view). A file that changed while
    it was read no longer has ``state``, and the record is left as it was."""
    if any(s[1] is None or s[2] >= taken - _RACY_NS for s in state) or _state(paths) != state:
        return
    with contextlib.suppress(sqlite3.Error), contextlib.closing(sqlite3.connect(at, isolation_level=None)) as db:
        db.execute("BEGIN IMMEDIATE")
        db.executemany("UPDATE meta SET value = ? WHERE key = ?", ((json.dumps(state), "state"), (str(taken), "built")))
        db.execute("COMMIT")


def _real(files: Iterable[Path]) -> list[str]:
    """The files' real paths: the same base named ./facts.json or /home/me/facts.json is the same."""
    return [os.path.realpath(f) for f in files]


def _text_path(root: Path | None, name: str) -> Path:
    return (root or Path.cwd()) / name


# A change of at most this many records, each a record changed in place or added at the end of its section,
# is written into the index; anything else rebuilds it.
_IN_PLACE_MOST = 20_000


def refresh(
    facts: Facts,
    parts: Sequence[tuple[str, bytes]],
    before: Sequence[tuple[str, bytes]] = (),
    changes: Sequence[Any] = (),
) -> None:
    """After a write: the index of the base, where there is one, brought up to date with ``facts`` (the
    base as just checked) and its files' bytes as written (name, bytes), so that the next read needs no
    rebuild. ``before``, ``changes``: the files' bytes before the write and its record changes
    (facts/journal.py RecordChange); a small change to one file is written into the index in place, when
    the index answered for the files before it."""
    at = index_path(Path(facts.path))
    if not at.exists():
        return
    texts = [s.text for s in facts.base.sources if s.text]
    named = [(Path(n).name, d) for n, d in parts]
    print_ = fingerprint(named, _held(facts.root, texts))
    files = [Path(n) for n, _ in parts]
    try:
        small = len(parts) == 1 and 0 < len(changes) <= _IN_PLACE_MOST
        # No record changed (geopol fmt: only the files' text): the index's records stand, its stamp is renewed.
        if (small or (before and not changes)) and _in_place(at, facts, before, changes, print_):
            _stamp(at, facts, print_, texts, files)
            return
        build(facts, at, print_, texts, files)
    except (OSError, sqlite3.Error, ValueError, KeyError, IndexError):
        at.unlink(missing_ok=True)  # never left answering for files that changed


def _in_place(at: Path, facts: Facts, before: Sequence[tuple[str, bytes]], changes: Sequence[Any], print_: str) -> bool:
    """Write ``changes`` into the index, if it answered for the files ``before`` and every change is a record
    changed in place or added at its section's end (so no position moves); else False, and nothing written."""

    from geopol_cli.core.folding import normalize

    named = [(Path(n).name, d) for n, d in before]
    with contextlib.closing(sqlite3.connect(at, isolation_level=None)) as db:
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("fingerprint") != fingerprint(named, _held(facts.root, json.loads(meta.get("texts", "[]")))):
            return False
        sizes = dict(db.execute("SELECT section, count(*) FROM records GROUP BY section").fetchall())
        plan: list[tuple[str, int, Any]] = []
        for change in changes:
            if change.section == "focus":
                continue
            if change.after is None or change.section not in _SECTIONS:
                return False  # a removal: positions move
            if change.before is None:
                if change.index != sizes.get(change.section, 0):
                    return False  # added before the end
                sizes[change.section] = change.index + 1
            plan.append((change.section, change.index, getattr(facts.base, change.section)[change.index]))
        if any(n != len(getattr(facts.base, s)) for s, n in sizes.items()):
            return False
        words = meta.get("words") == "fts5" and not any(s in ("actors", "people") for s, _, _ in plan)
        names = {a.id: a.name for a in facts.base.actors}
        people = {p.id: p.name for p in facts.base.people}
        db.execute("BEGIN")
        for section, ord_, record in plan:
            row = (section, ord_, record.id, *_row(_dump(section, record)))
            db.execute("INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?)", row)
            if section in ("events", "claims"):
                db.execute("DELETE FROM involves WHERE section = ? AND ord = ?", (section, ord_))
                _facet_rows(db, section, [(ord_, record)], facts.derived.bounds)
            if words:
                db.execute("DELETE FROM words WHERE section = ? AND ord = ?", (section, ord_))
                folded = _folded(section, record, names, people, normalize)
                db.execute("INSERT INTO words VALUES (?, ?, ?)", (folded, section, ord_))
        if not words and meta.get("words") == "fts5":
            db.execute("DROP TABLE words")  # a name changed: every record naming it reads otherwise; the next
            db.execute("UPDATE meta SET value = '' WHERE key = 'words'")  # search builds them again
        # A changed date moves the derived start of every event after it along answers/follows: each event
        # whose bound was or is now derived gets its place in time order again.
        moved = {e for (e,) in db.execute("SELECT event FROM bounds")} | set(facts.derived.bounds)
        db.execute("DELETE FROM bounds")
        db.execute("DELETE FROM verified")
        _whole_base_rows(db, facts)
        if moved:
            from geopol_cli.facts.derive import event_key

            db.executemany(
                "UPDATE events SET k0 = ?, k1 = ? WHERE ord = ?",
                ((*event_key(e, facts.derived.bounds), i) for i, e in enumerate(facts.base.events) if e.id in moved),
            )
        db.execute("COMMIT")
    return True


def _stamp(at: Path, facts: Facts, print_: str, texts: Sequence[str], files: Sequence[Path]) -> None:
    """The index's record of what it answers for, after it was changed in place."""
    import time

    built = time.time_ns()
    state = _state([*files, *(_text_path(facts.root, t) for t in texts)])
    meta = {"fingerprint": print_, "focus": facts.base.focus or "", "texts": json.dumps(list(texts)),
            "state": json.dumps(state), "built": str(built), "files": json.dumps(_real(files))}  # fmt: skip
    with contextlib.closing(sqlite3.connect(at, isolation_level=None)) as db:
        db.execute("BEGIN")
        db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())
        db.execute("COMMIT")


def _row(dumped: Any) -> tuple[bytes, int]:
    """A record's row: its JSON (from the validated record) and that JSON's CRC-32, which every read checks."""
    import pydantic_core

    blob = pydantic_core.to_json(dumped)
    return blob, zlib.crc32(blob)


def _dump(section: str, record: Any) -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(type(record)).dump_python(record, mode="json", by_alias=True, exclude_defaults=True)


def _text_names(at: Path) -> list[str]:
    """The held texts the index was built with (from its own record of them), or none."""
    try:
        with contextlib.closing(sqlite3.connect(f"{at.as_uri()}?mode=ro", uri=True)) as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'texts'").fetchone()
    except sqlite3.Error:
        return []
    names: list[str] = json.loads(row[0]) if row else []
    return names


def _held(root: Path | None, names: Sequence[str]) -> list[tuple[str, bytes | None]]:
    """Each held text's bytes, opened with the care every held text is (inside the base, bounded)."""
    from geopol_cli.facts.texts import TextMissing, TextRefused, open_held_text

    out: list[tuple[str, bytes | None]] = []
    for name in names:
        try:
            out.append((name, open_held_text(root or Path.cwd(), name).data))
        except (TextRefused, TextMissing, OSError):
            out.append((name, None))
    return out
