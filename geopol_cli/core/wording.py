"""A source's own words for a date ("in October", "last summer", "on 6 July"), resolved to a span.

Relative wordings are resolved against the source's date (its reference):
a month, a day or a season named without a year is the latest one that
began on or before the reference; "last year", "this year" and "last month"
count from it. "before X", "even before X", "after X" and "since X" take an
anchor: an ISO date, or one the caller names (an event of the fact base, by
id or by its own wording: "the war" for an event worded "the war in
Ukraine"). ISO dates and spans ("2022-06 – 2022-08", "2022-06..2022-08")
pass through. Anything else is refused with what is understood, so that a
person can rephrase; nothing is guessed.

Every answer carries the source's wording (kept as the date's text) and how
it was resolved (its inference note). Standard library only.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from geopol_cli.core import dates
from geopol_cli.core.dates import PARTIAL_DATE_PATTERN, days_in_month, first_day, last_day, parse_partial_date

MONTHS = tuple(name.casefold() for name in dates.MONTHS)
_MONTH = {name: i for i, name in enumerate(MONTHS, start=1)} | {name[:3]: i for i, name in enumerate(MONTHS, start=1)}
_MONTH["sept"] = 9
# A season's first month and its length in months (northern hemisphere, meteorological seasons).
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


@dataclass(frozen=True)
class Resolved:
    start: str | None  # a partial ISO date; None for an open start
    end: str | None  # None when the same period as start
    text: str | None  # the source's own wording (None for a plain ISO date)
    inferred: str | None  # how it was resolved (None for a plain ISO date)

    def label(self) -> str:
        if self.start is None:
            return f"before {(last_day(self.end or '') + dt.timedelta(days=1)).isoformat()}"
        return self.start if self.end in (None, self.start) else f"{self.start} – {self.end}"


class WordingError(ValueError):
    """A wording that is not understood, with what is."""


_ISO = re.compile(PARTIAL_DATE_PATTERN)
_SPAN = re.compile(r"^\s*(\d{4}(?:-\d{2}){0,2})\s*(?:\.\.|–|—|\bto\b)\s*(\d{4}(?:-\d{2}){0,2})\s*$")
_FILLER = re.compile(r"\b(?:in|on|the|of|during|around|early|late|mid)\b|,", re.IGNORECASE)

UNDERSTOOD = (
    "an ISO date (2022, 2022-10, 2022-10-06) or span (2022-06..2022-08); a month ('in October'), a day "
    "('on 6 July', 'July 6'), a season ('in the summer', 'last summer'), 'last year', 'this year', 'last month', "
    "each with or without a year; 'before X', 'even before X', 'after X', 'since X' with X a date or an event"
)


def resolve(words: str, reference: str | None, anchors: Mapping[str, str] | None = None) -> Resolved:
    """``words`` as a span; ``reference`` is the source's date (partial ISO); ``anchors`` map names to ISO dates."""
    said = " ".join(words.split())
    if not said:
        raise WordingError("no date given")
    iso = _iso_span(said)
    if iso is not None:
        return Resolved(iso[0], iso[1], None, None)
    lowered = said.casefold().strip(" .")
    relation = re.match(r"^(?:even\s+)?(before|after|since)\s+(.+)$", lowered)
    if relation:
        return _relative_to_anchor(said, relation.group(1), relation.group(2), reference, anchors or {})
    if reference is None:
        raise WordingError(f"{said!r} is relative, and the source has no date to resolve it against: give an ISO date")
    ref = last_day(reference)
    core = " ".join(_FILLER.sub(" ", lowered).split())
    explicit_year = re.search(r"\b(\d{4})\b", core)
    year = int(explicit_year.group(1)) if explicit_year else None
    core_words = re.sub(r"\b\d{4}\b", " ", core).split()
    note_ref = f"the source's date, {reference}"

    if core_words in (["last", "year"], ["a", "year", "ago"]):
        return Resolved(str(ref.year - 1), None, said, f"“{said}”: the year before {note_ref}")
    if core_words == ["this", "year"]:
        return Resolved(str(ref.year), None, said, f"“{said}”: the year of {note_ref}")
    if core_words == ["last", "month"]:
        before = ref.replace(day=1) - dt.timedelta(days=1)
        return Resolved(f"{before.year:04d}-{before.month:02d}", None, said, f"“{said}”: the month before {note_ref}")

    season = [w for w in core_words if w in _SEASONS]
    if season and set(core_words) <= {season[0], "last", "this", "past"}:
        return _season(said, season[0], "last" in core_words, year, ref, note_ref)

    month_words = [w for w in core_words if w.rstrip(".") in _MONTH]
    days = [w for w in core_words if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", w)]
    if len(month_words) == 1 and len(days) <= 1 and len(core_words) == len(month_words) + len(days):
        month = _MONTH[month_words[0].rstrip(".")]
        day = int(re.sub(r"\D", "", days[0])) if days else None
        return _month_or_day(said, month, day, year, ref, note_ref)
    if year is not None and not core_words:
        return Resolved(str(year), None, said, None)
    raise WordingError(f"{said!r} is not a date wording geopol understands; it understands {UNDERSTOOD}")


def _iso_span(said: str) -> tuple[str, str | None] | None:
    if _ISO.fullmatch(said):
        parse_partial_date(said)  # raises ValueError for 2022-02-30
        return said, None
    span = _SPAN.match(said)
    if span and _ISO.fullmatch(span.group(1)) and _ISO.fullmatch(span.group(2)):
        start, end = span.group(1), span.group(2)
        if last_day(end) < first_day(start):
            raise WordingError(f"the span ends ({end}) before it starts ({start})")
        return start, end
    return None


def _season(said: str, season: str, last: bool, year: int | None, ref: dt.date, note_ref: str) -> Resolved:
    first_month = _SEASONS[season]
    if year is not None:
        start_year = year - 1 if first_month == 12 else year  # "winter 2022" is December 2021 to February 2022
        how = f"“{said}”: {season} of {year}"
    else:
        # The latest such season that began on or before the reference ("last" one: that had also ended).
        start_year = ref.year if dt.date(ref.year, first_month, 1) <= ref else ref.year - 1
        start = dt.date(start_year, first_month, 1)
        if last and _add_months(start, 3) > ref:
            start_year -= 1
        how = f"“{said}”: the latest {season} {'that had ended by' if last else 'begun by'} {note_ref}"
    start = dt.date(start_year, first_month, 1)
    end = _add_months(start, 2)
    end_text = f"{end.year:04d}-{end.month:02d}"
    how += ", taken as three months"
    if year is None and last_day(end_text) > ref:
        # A season still under way when the source was written ends, for it, on the source's date.
        end_text = ref.isoformat()
        how += ", cut at the source's date"
    return Resolved(f"{start.year:04d}-{start.month:02d}", end_text, said, how)


def _month_or_day(said: str, month: int, day: int | None, year: int | None, ref: dt.date, note_ref: str) -> Resolved:
    if year is None:
        year = ref.year if dt.date(ref.year, month, 1) <= ref else ref.year - 1
        if day is not None and dt.date(year, month, min(day, days_in_month(year, month))) > ref:
            year -= 1
        how = f"“{said}”: the latest {MONTHS[month - 1].capitalize()}{f' {day}' if day else ''} on or before {note_ref}"
    else:
        how = None
    if day is None:
        return Resolved(f"{year:04d}-{month:02d}", None, said, how)
    if day > days_in_month(year, month):
        raise WordingError(f"{MONTHS[month - 1].capitalize()} {year} has no day {day}")
    return Resolved(f"{year:04d}-{month:02d}-{day:02d}", None, said, how)


def _relative_to_anchor(
    said: str, relation: str, target: str, reference: str | None, anchors: Mapping[str, str]
) -> Resolved:
    anchor = _anchor(target, anchors)
    if anchor is None:
        named = ", ".join(sorted(anchors)[:8])
        hint = f" (events and wordings known here: {named})" if named else ""
        raise WordingError(f"{target!r} is neither an ISO date nor an event of the fact base{hint}")
    name, day = anchor
    named = day if name == day else f"{name} ({day})"
    if relation == "before":
        end = first_day(day) - dt.timedelta(days=1)
        return Resolved(None, end.isoformat(), said, f"“{said}”: an open start, ending before {named}")
    start = day if relation == "since" else (last_day(day) + dt.timedelta(days=1)).isoformat()
    if reference is None:
        raise WordingError(f"{said!r} needs an end: the source has no date to end it at; give an ISO span")
    how = f"“{said}”: from {named} to the source's date, {reference}"
    return Resolved(start, reference, said, how)


def _anchor(target: str, anchors: Mapping[str, str]) -> tuple[str, str] | None:
    target = target.strip(" .")
    if _ISO.fullmatch(target):
        return target, target
    folded = {name.casefold(): (name, day) for name, day in anchors.items()}
    if target in folded:
        return folded[target]
    starting = [value for name, value in folded.items() if name.startswith(target + " ") or name == target]
    return starting[0] if len(starting) == 1 else None


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    return dt.date(day.year + index // 12, index % 12 + 1, 1)
