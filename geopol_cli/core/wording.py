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
_FILLER = re.compile(r"\b(?:in|on|the|of|during|around)\b|,", re.IGNORECASE)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A part of a period: "early 2022", "mid-2022", "late September", "at the end of September".
_PART = re.compile(
    r"^(?:in\s+|at\s+|by\s+)?(?:the\s+)?(early|mid|late|end\s+of|start\s+of|beginning\s+of)[\s-]+(?:the\s+)?(.+)$"
)
_THIRDS = {"early": 0, "start of": 0, "beginning of": 0, "mid": 1, "late": 2, "end of": 2}

UNDERSTOOD = (
    "an ISO date (2022, 2022-10, 2022-10-06) or span (2022-06..2022-08); a month ('in October', 'last October'), "
    "a day ('on 6 July', 'July 6', 'on May 10 this year'), a weekday ('on Thursday', 'this Thursday', 'last "
    "Thursday'), a season ('in the summer', 'last summer'), 'last year', 'this year', 'last month', 'this month', "
    "'earlier this month', 'last week', 'this week', each with or without a year; a part of one ('early 2022', "
    "'mid-2022', 'late September', 'at the end of September'); 'before X', 'even before X', 'after X', "
    "'since X' with X a date or an event"
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
    note_ref = f"the source's date, {reference}"
    part = _PART.match(lowered)
    if part:
        return _part_of(said, " ".join(part.group(1).split()), part.group(2), reference, anchors, note_ref)
    relative = _relative_to_source(said, lowered, reference, note_ref)
    if relative is not None:
        return relative
    this_year = lowered.endswith(" this year") and not re.search(r"\b\d{4}\b", lowered)
    if this_year:
        # "on May 10 this year": the day, in the source's own year.
        lowered = f"{lowered.removesuffix(' this year')} {ref.year}"
    core = " ".join(_FILLER.sub(" ", lowered).split())
    explicit_year = re.search(r"\b(\d{4})\b", core)
    year = int(explicit_year.group(1)) if explicit_year else None
    core_words = re.sub(r"\b\d{4}\b", " ", core).split()

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

    if len(core_words) == 2 and core_words[0] == "last" and core_words[1].rstrip(".") in _MONTH and year is None:
        # "last October": the latest October that had ended by the source's date.
        month = _MONTH[core_words[1].rstrip(".")]
        year_of = ref.year if dt.date(ref.year, month, days_in_month(ref.year, month)) < ref else ref.year - 1
        how = f"“{said}”: the latest {MONTHS[month - 1].capitalize()} that had ended by {note_ref}"
        return Resolved(f"{year_of:04d}-{month:02d}", None, said, how)
    month_words = [w for w in core_words if w.rstrip(".") in _MONTH]
    days = [w for w in core_words if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", w)]
    if len(month_words) == 1 and len(days) <= 1 and len(core_words) == len(month_words) + len(days):
        month = _MONTH[month_words[0].rstrip(".")]
        day = int(re.sub(r"\D", "", days[0])) if days else None
        found = _month_or_day(said, month, day, year, ref, note_ref)
        if this_year:
            return Resolved(found.start, found.end, said, f"“{said}”: in the year of {note_ref}")
        return found
    if year is not None and not core_words:
        return Resolved(str(year), None, said, None)
    raise WordingError(f"{said!r} is not a date wording geopol understands; it understands {UNDERSTOOD}")


def _relative_to_source(said: str, lowered: str, reference: str, note_ref: str) -> Resolved | None:
    """Weeks, weekdays and this month, counted from the source's date; None for any other wording."""
    words = " ".join(_FILLER.sub(" ", lowered).split()).split()
    ref = last_day(reference)
    if words in (["this", "month"], ["earlier", "this", "month"]):
        start = ref.replace(day=1)
        end = ref if words[0] == "this" else ref - dt.timedelta(days=1)
        if len(reference) < 10:
            return Resolved(reference[:7], None, said, f"“{said}”: the month of {note_ref}")
        if end < start:
            raise WordingError(f"{said!r}: the source is dated the first of the month; nothing came earlier in it")
        how = (
            f"“{said}”: from the first of the month of {note_ref} to {'it' if words[0] == 'this' else 'the day before'}"
        )
        return Resolved(start.isoformat(), end.isoformat(), said, how)
    weekday = [w for w in words if w in _WEEKDAYS]
    week = words in (["last", "week"], ["this", "week"], ["earlier", "this", "week"])
    if not week and not (weekday and set(words) <= {weekday[0], "this", "last", "past"}):
        return None
    if len(reference) < 10:
        raise WordingError(f"{said!r} counts days from the source's date, which gives no day ({reference})")
    if week:
        monday = ref - dt.timedelta(days=ref.weekday())
        if words[0] == "last":
            start, end = monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
            how = f"“{said}”: Monday to Sunday of the week before that of {note_ref}"
        else:
            start, end = monday, ref if words[0] == "this" else ref - dt.timedelta(days=1)
            until = "it" if words[0] == "this" else "the day before"
            how = f"“{said}”: from the Monday of the week of {note_ref} to {until}"
        return Resolved(start.isoformat(), end.isoformat(), said, how)
    wanted = _WEEKDAYS.index(weekday[0])
    back = (ref.weekday() - wanted) % 7
    if "last" in words or "past" in words:
        back = back or 7  # "last Thursday" written on a Thursday is a week before
        how = f"“{said}”: the latest {weekday[0].capitalize()} before {note_ref}"
    else:
        how = f"“{said}”: the latest {weekday[0].capitalize()} on or before {note_ref}"
    return Resolved((ref - dt.timedelta(days=back)).isoformat(), None, said, how)


def _part_of(
    said: str, part: str, rest: str, reference: str, anchors: Mapping[str, str] | None, note_ref: str
) -> Resolved:
    """A third of a year (four months) or of a month (ten days, the rest for the last): early, mid, late."""
    whole = resolve(rest, reference, anchors)
    third = _THIRDS[part]
    if whole.start is None or (whole.end is not None and whole.end != whole.start):
        raise WordingError(f"{said!r}: geopol takes {part!r} of a year or a month, not of {rest!r}")
    start = whole.start
    if len(start) == 4:
        first_month = 1 + 4 * third
        span = (f"{start}-{first_month:02d}", f"{start}-{first_month + 3:02d}")
        what = "months"
    elif len(start) == 7:
        year, month = int(start[:4]), int(start[5:7])
        first = 1 + 10 * third
        last = first + 9 if third < 2 else days_in_month(year, month)
        span = (f"{start}-{first:02d}", f"{start}-{last:02d}")
        what = "days"
    else:
        raise WordingError(f"{said!r}: geopol takes {part!r} of a year or a month, not of a day")
    names = ("first", "middle", "last")
    how = f"“{said}”: the {names[third]} third of {whole.start} ({what} {span[0]} to {span[1]})"
    if whole.inferred:
        how += f"; {whole.inferred.split(': ', 1)[-1]}"
    return Resolved(span[0], span[1], said, how)


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
