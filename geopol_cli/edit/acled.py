"""ACLED exports read as geopol events: the codebook's columns, mapped once, here.

ACLED (the Armed Conflict Location & Event Data project) publishes coded
events as CSV with fixed columns (`event_id_cnty`, `event_date`,
`time_precision`, `event_type`, `actor1`, `assoc_actor_1`, `actor2`,
`assoc_actor_2`, `notes`, `source`, ...). A row becomes an event:

* its id: ``acled-`` and the row's `event_id_cnty`;
* its date: `event_date` at the precision `time_precision` gives (1 the
  day, 2 the week around it, 3 its month), the inference said;
* its kind: from `event_type` (KINDS below);
* its actors: `actor1` and `assoc_actor_1`; its targets: `actor2` and
  `assoc_actor_2`. A name that is an actor's spelling is that actor; a
  state's forces or government ("Military Forces of Russia (2000-)") are
  that country, the base's own or a new country record; any other name
  ("Protesters (Ukraine)") becomes an organisation;
* its summary: `notes`; its citation: the ACLED dataset (one source record),
  whose account is the notes, with the reporting sources named in its note.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, NamedTuple

# The columns that tell an ACLED export from any other table.
SIGNATURE = {"event_id_cnty", "event_date", "event_type", "actor1", "notes"}
DATASET = "acled"
# ACLED's event types, as geopol's kinds.
KINDS = {
    "battles": "military",
    "explosions/remote violence": "military",
    "violence against civilians": "security",
    "protests": "political",
    "riots": "political",
    "strategic developments": "political",
}
# "Military Forces of Russia (2000-)", "Police Forces of Kenya (2022-)", "Government of Sudan (2019-)".
_STATE = re.compile(
    r"^(?:military|police|naval|air)?\s*(?:forces|government)\s+of\s+(?P<country>.+?)\s*(?:\(\d{4}-(?:\d{4})?\))?$",
    re.IGNORECASE,
)
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WORDED_DAY = re.compile(r"(\d{1,2}) ([A-Za-z]+) (\d{4})")
_MONTHS = {name: i for i, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), start=1)}  # fmt: skip


def is_acled(columns: list[str]) -> bool:
    return {c.strip().casefold() for c in columns} >= SIGNATURE


def dataset_source() -> dict[str, Any]:
    return {
        "id": DATASET,
        "title": "ACLED data export",
        "publisher": "Armed Conflict Location & Event Data (ACLED)",
        "url": "https://acleddata.com/",
        "note": "Events imported from an ACLED export; each names its reporting sources in its citation's note.",
    }


def acled_date(value: str, precision: str | None) -> tuple[dict[str, Any] | None, str | None]:
    """The row's date as a geopol date (start, end, inferred), or a problem."""
    if len(value) == 10 and value[4] == "-" and precision in ("1", None):
        try:  # most rows: an ISO day, to the day (the C parser; the same answer as the general path)
            return {"start": dt.date.fromisoformat(value).isoformat()}, None
        except ValueError:
            pass
    text = " ".join(str(value).split())
    day: dt.date | None = None
    iso = _ISO_DAY.fullmatch(text)
    worded = None if iso else _WORDED_DAY.fullmatch(text)
    try:
        if iso:
            day = dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        elif worded and worded.group(2).casefold() in _MONTHS:
            day = dt.date(int(worded.group(3)), _MONTHS[worded.group(2).casefold()], int(worded.group(1)))
    except ValueError:
        day = None
    if day is None:
        return None, f"{text!r} is not a date ACLED writes (2023-01-15 or 15 January 2023)"
    level = (precision or "1").strip() or "1"
    if level == "1":
        return {"start": day.isoformat()}, None
    if level == "2":
        monday = day - dt.timedelta(days=day.weekday())
        how = f"ACLED time_precision 2: within the week of {day.isoformat()}, taken as Monday to Sunday"
        end = monday + dt.timedelta(days=6)
        return {"start": monday.isoformat(), "end": end.isoformat(), "inferred": how}, None
    if level == "3":
        how = f"ACLED time_precision 3: within the month of {day.isoformat()}"
        return {"start": f"{day.year:04d}-{day.month:02d}", "inferred": how}, None
    return None, f"time_precision {level!r} is not 1, 2 or 3"


def actor_for(name: str, spellings: Mapping[str, set[str]], new: dict[str, dict[str, Any]]) -> str:
    """The id of the actor an ACLED actor name stands for: one of the base's, or a new record (in ``new``)."""
    from geopol_cli.core.folding import normalize
    from geopol_cli.edit.add import slug

    folded = normalize(name)
    exact = spellings.get(folded, set())
    if len(exact) == 1:
        return next(iter(exact))
    state = _STATE.match(name.strip())
    country = state.group("country") if state else None
    if country is not None:
        held = spellings.get(normalize(country), set())
        if len(held) == 1:
            return next(iter(held))
    # Any other name is a group, not a state, even where it names one: "Protesters (Ukraine)" are not Ukraine.
    label = country or re.sub(r"\s*\(\d{4}-(?:\d{4})?\)$", "", name.strip())
    record_id = slug(label)
    if record_id not in new:
        new[record_id] = {"id": record_id, "name": label, "kind": "country" if country else "organisation"}
    return record_id


def names(value: Any) -> list[str]:
    """ACLED's names in one cell (associated actors are separated by ';')."""
    text = str(value or "")
    if ";" not in text:  # most cells: one name or none
        text = text.strip()
        return [text] if text else []
    return [part.strip() for part in text.split(";") if part.strip()]


class Columns(NamedTuple):
    """The file's own name of each codebook column an event is read from ("" where the file has none)."""

    event_id_cnty: str
    event_date: str
    time_precision: str
    event_type: str
    actor1: str
    assoc_actor_1: str
    actor2: str
    assoc_actor_2: str
    notes: str
    source: str


def columns_of(columns: list[str]) -> Columns:
    """The codebook's columns as the file spells them: worked out once per file, not once per row."""
    folded = {c.strip().casefold(): c for c in columns}
    return Columns(*(folded.get(name, "") for name in Columns._fields))


def event(
    row: Mapping[str, Any],
    spellings: Mapping[str, set[str]],
    new: dict[str, dict[str, Any]],
    known: dict[str, str],
    columns: Columns,
    direction: str | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """One ACLED row as an event record, and what is wrong with it (each naming its column); ``direction``:
    the one --direction gives every row.

    ``known`` remembers each ACLED actor name's actor: an export repeats a few names many times.
    ``columns``: :func:`columns_of` the file's columns. Called once a row (100 000 in a large export).
    The record is built in canonical form (the format's key order, no default value), so that the change
    engine need not reorder it (tests/test_import.py checks this on generated rows).
    """
    get = row.get
    problems: list[str] = []

    def actors(first: str, second: str) -> list[str]:
        found: list[str] = []
        for name in (*names(get(first)), *names(get(second))):
            actor = known.get(name)
            if actor is None:
                actor = known[name] = actor_for(name, spellings, new)
            if actor not in found:
                found.append(actor)
        return found

    given_id = str(get(columns.event_id_cnty) or "")
    record: dict[str, Any] = {"id": f"acled-{_id_part(given_id)}"}
    if record["id"] == "acled-record":
        problems.append("column 'event_id_cnty': empty")
    date, problem = acled_date(str(get(columns.event_date) or ""), str(get(columns.time_precision) or "1"))
    if problem:
        problems.append(f"column 'event_date': {problem}")
    else:
        record["date"] = date
    record["actors"] = acting = actors(columns.actor1, columns.assoc_actor_1)
    if not acting:
        problems.append("column 'actor1': empty")
    targets = [a for a in actors(columns.actor2, columns.assoc_actor_2) if a not in acting]
    if targets:
        record["targets"] = targets
    event_type = get(columns.event_type)
    kind = KINDS.get(str(event_type or "").strip().casefold())
    if kind is None:
        problems.append(f"column 'event_type': {event_type!r} is none of ACLED's event types")
    else:
        record["kind"] = kind
    if direction:
        record["direction"] = direction
    notes = " ".join(str(get(columns.notes) or "").split())
    if not notes:
        problems.append("column 'notes': empty (it is the event's summary and ACLED's account of it)")
    else:
        record["summary"] = notes
    reported = "; ".join(names(get(columns.source)))
    citation: dict[str, Any] = {"source": DATASET, **({"account": notes} if notes else {})}
    if reported:
        citation["note"] = f"ACLED names as its sources: {reported}"
    record["citations"] = [citation]
    return record, problems


def _id_part(given: str) -> str:
    """An ACLED id as part of a geopol id: "UKR12345" -> "ukr12345" (letters and digits need no slug)."""
    if given.isascii() and given.isalnum():
        return given.lower()
    from geopol_cli.edit.add import slug

    return slug(given)
