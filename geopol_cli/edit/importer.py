"""`geopol import`: events from a table (CSV, TSV, JSON Lines, a JSON array), all or nothing, journaled.

A row becomes an event. Its columns are matched to the event's fields by
name, case and spaces ignored (``--map FIELD=COLUMN`` for the rest), so
geopol's own `timeline --json`/`--format jsonl` and a spreadsheet of one's
own both read; actors are found by id, name, ISO code or alias, dates are
ISO or the source's own words, resolved against its date. Every bad row is
reported with its line and column and nothing is written; rows already in
the base (same id, or same start, actors and summary) are skipped and
counted. The rest is one write through the change engine (edit/change.py):
one journal entry, so `geopol undo` takes back the whole import.
"""

from __future__ import annotations

import contextlib
import csv
import itertools
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geopol_cli.core.errors import NotFound, UsageProblem
from geopol_cli.edit.add import RecordRefused, suggest_id
from geopol_cli.facts.load import Facts, load_facts

FORMATS = ("csv", "tsv", "jsonl", "json")
# The event's fields a column may hold, and the other names a spreadsheet gives them.
FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "date": ("date", "when", "start", "event date"),
    "date_end": ("date end", "end"),
    "date_text": ("date text", "date words", "as worded"),
    "actors": ("actors", "actor", "who"),
    "targets": ("targets", "target", "towards", "towards whom"),
    "people": ("people", "person"),
    "kind": ("kind", "type", "event kind"),
    "direction": ("direction",),
    "summary": ("summary", "what", "what happened", "notes"),
    "answers": ("answers",),
    "follows": ("follows",),
    "source": ("source", "source id"),
    "excerpt": ("excerpt", "words", "quote from source"),
    "account": ("account", "paraphrase"),
    "citations": ("citations",),
}
# A stake as a model holds it; geopol's JSON adds the actor's name and whether it was inferred.
_STAKE_KEYS = ("actor", "what", "basis", "biggest", "source", "excerpt", "account")


@dataclass
class Imported:
    """What an import added (or, with dry_run, would add), what it skipped, and where."""

    events: list[dict[str, Any]] = field(default_factory=list)
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)  # new actors an ACLED export names
    sources: list[dict[str, Any]] = field(default_factory=list)  # the ACLED dataset, where the base lacks it
    skipped: int = 0
    problems: list[str] = field(default_factory=list)


class Rows:
    """A table's column names, then its rows one at a time: (line, row as column -> value).

    A CSV, TSV or JSON Lines file is read as it is iterated, never held whole, so that an import's
    memory does not grow with the table (a JSON array is one document, read at once). Close it after.
    """

    def __init__(self, path: Path, fmt: str | None) -> None:
        chosen = fmt or {".tsv": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json"}.get(path.suffix, "csv")
        if chosen not in FORMATS:
            raise UsageProblem(f"{chosen!r} is not a format import reads; use {', '.join(FORMATS)}", option="--format")
        self.path = path
        self.format = chosen
        try:
            self._file = path.open(encoding="utf-8-sig", newline="")
        except OSError as error:
            raise UsageProblem(f"cannot read {path}: {error.strerror or error}") from None
        self._first: list[tuple[int, dict[str, Any]]] = []
        self._rest: Iterator[tuple[int, dict[str, Any]]]
        self.columns: list[str] = []
        with self._reading():
            if chosen in ("csv", "tsv"):
                reader = csv.reader(self._file, delimiter="\t" if chosen == "tsv" else ",")
                self.columns = next(reader, [])
                # A row short of cells lacks the last columns; a long one's extra cells are no column's.
                names = self.columns
                self._rest = ((reader.line_num, dict(zip(names, row, strict=False))) for row in reader)
            elif chosen == "jsonl":
                self._rest = self._json_lines()
                self._first = [row for row in itertools.islice(self._rest, 1)]
                self.columns = list(self._first[0][1]) if self._first else []
            else:
                data = json.loads(self._file.read())
                if not isinstance(data, list):
                    raise UsageProblem(f"{path} holds one JSON value, not an array of rows")
                self._first = [(n, _object(item, path, n)) for n, item in enumerate(data, start=1)]
                self._rest = iter(())
                self.columns = list(dict.fromkeys(k for _, row in self._first for k in row))

    def _json_lines(self) -> Iterator[tuple[int, dict[str, Any]]]:
        for number, line in enumerate(self._file, start=1):
            if line.strip():
                yield number, _object(json.loads(line), self.path, number)

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        try:
            yield
        except (OSError, UnicodeDecodeError) as error:
            self.close()
            raise UsageProblem(f"cannot read {self.path}: {getattr(error, 'strerror', None) or error}") from None
        except json.JSONDecodeError as error:
            self.close()
            raise UsageProblem(f"{self.path}: not JSON: {error}") from None

    def __iter__(self) -> Iterator[tuple[int, dict[str, Any]]]:
        with self._reading():
            yield from self._first
            self._first = []
            yield from self._rest

    def close(self) -> None:
        self._file.close()


def _object(value: Any, path: Path, number: int) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise UsageProblem(f"{path}:{number}: a row is a JSON object, not {type(value).__name__}")
    return value


def read_map_file(path: Path) -> dict[str, str]:
    """A mapping file: a JSON object {"field": "Column"}, or lines "field=Column" ('#' starts a comment)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageProblem(f"cannot read {path}: {getattr(error, 'strerror', None) or error}") from None
    if text.lstrip().startswith("{"):
        data = json.loads(text)
        if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
            raise UsageProblem(f"{path}: a mapping is an object of field to column name")
        return {str(k): v for k, v in data.items()}
    out = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, column = line.partition("=")
        if not sep:
            raise UsageProblem(f"{path}:{number}: give field=Column")
        out[name.strip()] = column.strip()
    return out


def mapping(columns: list[str], given: Mapping[str, str]) -> dict[str, str]:
    """field -> column: the --map ones, then each field's usual names matched to the columns."""
    plain = {" ".join(c.replace("_", " ").split()).casefold(): c for c in columns}
    chosen: dict[str, str] = {}
    for name, column in given.items():
        if name not in FIELDS:
            raise UsageProblem(f"--map {name}=...: {name!r} is not a field of an event; use {', '.join(FIELDS)}")
        if column not in columns:
            raise UsageProblem(f"--map {name}={column}: the file has no column {column!r}; its columns: "
                               + ", ".join(columns))  # fmt: skip
        chosen[name] = column
    for name, spellings in FIELDS.items():
        if name in chosen:
            continue
        found = next((plain[s] for s in spellings if s in plain), None)
        if found is not None and found not in chosen.values():
            chosen[name] = found
    return chosen


def import_events(
    path: Path,
    table: Path,
    *,
    fmt: str | None = None,
    given_map: Mapping[str, str] | None = None,
    default_source: str | None = None,
    default_direction: str | None = None,
    dry_run: bool = False,
    origin: str | None = None,
    ask_column: Callable[[str, list[str]], str | None] | None = None,
) -> tuple[Imported, Any]:
    """Read ``table``, check every row against the fact base at ``path``, and add them in one write.

    ``ask_column``: on a terminal, asks which column holds a field no column's name matched (None: not asked).
    """
    facts = load_facts(path, origin=origin)
    rows = Rows(table, fmt)
    try:
        return _import(facts, path, table, rows, given_map, default_source, default_direction, dry_run, origin,
                       ask_column)  # fmt: skip
    finally:
        rows.close()


def _import(
    facts: Facts,
    path: Path,
    table: Path,
    rows: Rows,
    given_map: Mapping[str, str] | None,
    default_source: str | None,
    default_direction: str | None,
    dry_run: bool,
    origin: str | None,
    ask_column: Callable[[str, list[str]], str | None] | None,
) -> tuple[Imported, Any]:
    from geopol_cli.edit.change import Workspace, change

    result = Imported()
    columns = rows.columns
    if not columns:
        raise UsageProblem(f"{table} has no rows")
    from geopol_cli.edit import acled

    # An ACLED export is read by its codebook's columns (edit/acled.py), unless --map says otherwise.
    reading_acled = acled.is_acled(columns) and not given_map
    chosen = mapping(columns, given_map or {}) if not reading_acled else {"date": "event_date", "actors": "actor1"}
    if not reading_acled and ask_column is not None:
        # On a terminal: the columns no name matched, asked for the fields that need one.
        for name in ("date", "actors", "summary", "kind", "source", "excerpt", "account"):
            if name not in chosen and (name != "source" or default_source is None):
                column = ask_column(name, [c for c in columns if c not in chosen.values()])
                if column:
                    chosen[name] = column
    if not reading_acled and ("summary" not in chosen or "actors" not in chosen or "date" not in chosen):
        missing = [f for f in ("date", "actors", "summary") if f not in chosen]
        raise UsageProblem(
            f"no column for {', '.join(missing)}: name one with --map FIELD=COLUMN (the file's columns: "
            f"{', '.join(columns)})"
        )
    taken = {*facts.events, *facts.sources, *facts.actors, *facts.people, *facts.claims}
    seen = {_key(e.date.start, e.actors, e.summary) for e in facts.base.events}
    spellings = _spellings(facts)
    known: dict[str, str] = {}
    acled_columns = acled.columns_of(columns)
    count = 0
    for line, row in rows:
        count += 1
        if reading_acled:
            record, problems = acled.event(row, spellings, result.actors, known, acled_columns, default_direction)
        else:
            record, problems = _event(facts, row, chosen, default_source, spellings)
            if default_direction and "direction" not in record:
                record["direction"] = default_direction
        if problems:
            result.problems += [f"{table.name}:{line}: {p}" for p in problems]
            continue
        key = _key(record["date"].get("start"), record["actors"], record["summary"])
        if record.get("id") in facts.events or key in seen:
            result.skipped += 1
            continue
        seen.add(key)
        if not record.get("id"):
            record["id"] = suggest_id(facts, "event", record, taken)
        elif record["id"] in taken:
            result.problems.append(
                f"{table.name}:{line}: column {chosen.get('id')!r}: {record['id']!r} is the id of another record"
            )
            continue
        taken.add(record["id"])
        result.events.append(record)
    if not count:
        raise UsageProblem(f"{table} has no rows")
    if result.problems:
        shown = result.problems[:20]
        more = f"\n  … and {len(result.problems) - 20} more" if len(result.problems) > 20 else ""
        raise RecordRefused(["\n  " + "\n  ".join(shown) + more])
    if not result.events:
        return result, None
    named = {i for e in result.events for i in (*e["actors"], *e.get("targets", []))}
    result.actors = {i: a for i, a in result.actors.items() if i in named}  # only those the kept rows name

    if reading_acled and acled.DATASET not in facts.sources:
        result.sources.append(acled.dataset_source())
    clashing = [i for i in result.actors if i in taken]
    if clashing:
        raise RecordRefused([f"a new actor's id is taken by another record: {', '.join(clashing)}"])

    def make(space: Workspace) -> None:
        target = list(space.documents)[-1]
        for section, records in (
            ("sources", result.sources),
            ("actors", list(result.actors.values())),
            ("events", result.events),
        ):
            held = space.documents[target].setdefault(section, [])
            # An ACLED row's event is built in canonical form (edit/acled.py): not reordered again.
            canonical = reading_acled and section == "events"
            for record in records:
                space.insert(target, section, len(held), record, canonical=canonical)

    summary = f"imported {len(result.events)} event(s) from {table.name}"
    report = change(path, "import", summary, make, dry_run=dry_run, origin=origin, quiet=True)
    return result, report


def _spellings(facts: Facts) -> dict[str, set[str]]:
    """Every spelling of every actor (id, name, ISO codes, aliases), folded, with the actors it names: built
    once, so that a row's actors are looked up, not searched for (10 000 rows took 30 s searching)."""
    from geopol_cli.core.folding import normalize
    from geopol_cli.query.resolve import actor_keys

    index: dict[str, set[str]] = {}
    for actor in facts.actors.values():
        for key in actor_keys(actor):
            index.setdefault(normalize(key), set()).add(actor.id)
    return index


def _key(start: Any, actors: Any, summary: Any) -> tuple[Any, ...]:
    return (start, tuple(sorted(actors)), " ".join(str(summary).split()).casefold())


def _event(
    facts: Facts,
    row: Mapping[str, Any],
    chosen: Mapping[str, str],
    default_source: str | None,
    spellings: Mapping[str, set[str]],
) -> tuple[dict[str, Any], list[str]]:
    """One row as an event record, and what is wrong with it (each naming its column)."""
    from geopol_cli.core.folding import normalize
    from geopol_cli.core.wording import WordingError
    from geopol_cli.edit.add import date_object, resolve_date
    from geopol_cli.query.resolve import resolve_actor

    problems: list[str] = []

    def cell(name: str) -> Any:
        column = chosen.get(name)
        value = row.get(column) if column is not None else None
        return None if value in ("", None) else value

    def listed(name: str) -> list[str]:
        value = cell(name)
        if value is None:
            return []
        items = value if isinstance(value, list) else str(value).replace("|", ";").split(";")
        # geopol's own JSON names an actor as {"id", "name"}
        return [str(i.get("id") if isinstance(i, dict) else i).strip() for i in items if str(i).strip()]

    record: dict[str, Any] = {}
    for name in ("actors", "targets"):
        ids = []
        for named in listed(name):
            exact = spellings.get(normalize(named), set())
            if len(exact) == 1:
                ids.append(next(iter(exact)))
                continue
            try:  # no exact spelling, or several: the views' own resolution, its prefixes and its messages
                ids.append(resolve_actor(facts, named).id)
            except (NotFound, UsageProblem) as error:
                problems.append(f"column {chosen[name]!r}: {error}")
        record[name] = ids
    for name in ("people", "answers", "follows"):
        record[name] = listed(name)
    for name in ("kind", "direction", "summary", "id"):
        value = cell(name)
        record[name] = " ".join(str(value).split()) if value is not None else None
    citations = cell("citations")
    source = cell("source") or default_source
    if isinstance(citations, list):
        # geopol's own JSON: each citation as shown, with its publisher and its date's label worked out.
        record["citations"] = [
            {
                k: ({d: w for d, w in v.items() if d != "label" and w not in (None, [])} if k == "date" else v)
                for k, v in c.items()
                if k != "publisher" and v is not None
            }
            for c in citations
            if isinstance(c, dict)
        ]
        source = record["citations"][0].get("source") if record["citations"] else source
    else:
        excerpt, account = cell("excerpt"), cell("account")
        if source is None:
            problems.append("no source: give a source column, or --source ID for every row")
        elif source not in facts.sources:
            problems.append(f"column {chosen.get('source', '--source')!r}: {source!r} is no source of the fact base")
        if excerpt is None and account is None:
            problems.append("no words of the source: give an excerpt or an account column")
        citation = {"source": source, "excerpt": excerpt, "account": account}
        record["citations"] = [{k: v for k, v in citation.items() if v is not None}]
    date = cell("date")
    if date is None and cell("date_end") is not None:
        record["date"] = {"start": None, "end": str(cell("date_end"))}  # an open start ("even before the war")
        for key, name in (("text", "date_text"), ("inferred", "date_inferred"), ("sources", "date_sources")):
            if row.get(name) not in (None, "", []):
                record["date"][key] = row[name]
    elif date is None:
        problems.append(f"column {chosen['date']!r}: no date")
    else:
        try:
            when = date_object(resolve_date(facts, str(date), source if isinstance(source, str) else None))
            end = cell("date_end")
            if end is not None and str(end) != when.get("start"):
                when["end"] = str(end)
            for key, name in (("text", "date_text"), ("inferred", "date_inferred"), ("sources", "date_sources")):
                value = row.get(name) if name in row else None
                if value not in (None, "", []):
                    when[key] = value
            record["date"] = when
        except (WordingError, ValueError) as error:
            problems.append(f"column {chosen['date']!r}: {error}")
    for side in ("beneficiaries", "losers"):
        stakes = row.get(side)
        if isinstance(stakes, list) and stakes:
            record[side] = [
                {k: v for k, v in s.items() if k in _STAKE_KEYS and v not in (None, False)}
                for s in stakes
                if isinstance(s, dict)
            ]
    disputes = row.get("disputes")
    if isinstance(disputes, list) and disputes:
        record["disputes"] = disputes
    record = {k: v for k, v in record.items() if v not in (None, [], ())}
    from geopol_cli.core.words import control_characters

    for name, value in record.items():
        hidden = control_characters(value)
        if hidden:
            problems.append(f"column {chosen.get(name, name)!r}: holds control or invisible characters "
                            f"({', '.join(hidden)})")  # fmt: skip
    return record, problems
