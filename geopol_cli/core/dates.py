"""Partial dates (``2022``, ``2022-10``, ``2022-10-06``) and the spans they bound.

A partial date stands for every day it covers: ``2022-10`` is 1 to 31
October 2022. So a span's earliest moment is the first day of its start and
its latest moment the last day of its end.

This module needs nothing but the standard library, so the date rules can be
used (and tested) without pydantic.
"""

from __future__ import annotations

import datetime as dt
import re

PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_PARTIAL_DATE = re.compile(PARTIAL_DATE_PATTERN)

# The month names, said once: labels here, and the wordings core/wording.py understands.
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _DAYS_IN_MONTH[month - 1]


def parse_partial_date(value: str) -> tuple[int, int | None, int | None]:
    """Split ``YYYY[-MM[-DD]]`` into its parts, rejecting impossible dates.

    Raises ``ValueError`` with a message fit for a user.
    """
    if not _PARTIAL_DATE.match(value):
        raise ValueError(f"{value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in value.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else None
    day = parts[2] if len(parts) > 2 else None
    if year < 1:
        raise ValueError(f"{value!r} has no year 0")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{value!r} has no month {month}")
    if month is not None and day is not None:
        days = days_in_month(year, month)
        if not 1 <= day <= days:
            raise ValueError(f"{value!r} has no day {day} ({year}-{month:02d} has {days} days)")
    return year, month, day


def first_day(value: str) -> dt.date:
    """The earliest day a partial date covers."""
    year, month, day = parse_partial_date(value)
    return dt.date(year, month or 1, day or 1)


def last_day(value: str) -> dt.date:
    """The latest day a partial date covers."""
    year, month, day = parse_partial_date(value)
    if month is None:
        return dt.date(year, 12, 31)
    if day is None:
        return dt.date(year, month, days_in_month(year, month))
    return dt.date(year, month, day)


def span_bounds(start: str | None, end: str | None) -> tuple[dt.date | None, dt.date]:
    """First and last day of a span; the first is None for an open start."""
    if start is None:
        if end is None:
            raise ValueError("an open start needs an end")
        return None, last_day(end)
    return first_day(start), last_day(end if end is not None else start)


def sort_key(start: str | None, end: str | None) -> tuple[int, int]:
    """The ordering rule of the fact base, as a sortable key.

    Earliest possible moment first (an open start before everything), then
    the narrower span first, which for equal starts means the earlier end.
    """
    first, last = span_bounds(start, end)
    return (first.toordinal() if first is not None else 0, last.toordinal())


def describe_span(start: str | None, end: str | None) -> str:
    """A span as precisely as it is known: '2022-10', '2022-06 – 2022-08', 'before 2022-02-24'."""
    if start is None:
        assert end is not None
        return f"before {_after(end)}"
    if end is None or end == start:
        return start
    return f"{start} – {end}"


def date_label(start: str | None, end: str | None, worded: bool) -> str:
    """How every view shows an event's date: its span, or, where the sources give the event no date
    of its own (``worded`` is false) and only the span it must fall in, "undated, between A and B"."""
    if not worded and start is not None and end is not None and end != start:
        return f"undated, between {start} and {end}"
    return describe_span(start, end)


def _after(end: str) -> str:
    # An open span "ending 2022-02-23" reads better as "before 2022-02-24".
    return (last_day(end) + dt.timedelta(days=1)).isoformat()


def group_label(start: str | None, end: str | None) -> str:
    """The heading a timeline groups an event under.

    An event within one month goes under that month ("October 2022"), one
    that covers exactly a calendar year under the year ("2022"); anything
    longer is grouped under its own span, never under its first month.
    """
    first, last = span_bounds(start, end)
    if first is None:
        return describe_span(start, end)
    if (first.year, first.month) == (last.year, last.month):
        return f"{MONTHS[first.month - 1]} {first.year}"
    if first == dt.date(first.year, 1, 1) and last == dt.date(first.year, 12, 31):
        return str(first.year)
    return describe_span(start, end)
