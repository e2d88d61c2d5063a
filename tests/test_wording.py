"""Dates in a source's own words, resolved against the source's date: the table of wordings and spans."""

from __future__ import annotations

import pytest

from geopol_cli.core.wording import WordingError, resolve

REPORT = "2023-01-31"  # the bundled article's relative dates count from the Bloomberg report
ANCHORS = {"ru-war-in-ukraine": "2022-02-24", "the war in Ukraine": "2022-02-24"}


@pytest.mark.parametrize(
    ("words", "reference", "span"),
    [
        # The wordings of the bundled article, against the report's date.
        ("In the summer", REPORT, ("2022-06", "2022-08")),
        ("In October", REPORT, ("2022-10", None)),
        ("in December", REPORT, ("2022-12", None)),
        ("last year", REPORT, ("2022", None)),
        ("even before the war", REPORT, (None, "2022-02-23")),
        # Days, months and seasons: the latest on or before the reference.
        ("on 6 July", REPORT, ("2022-07-06", None)),
        ("July 6", REPORT, ("2022-07-06", None)),
        ("6 July 2021", REPORT, ("2021-07-06", None)),
        ("in January", REPORT, ("2023-01", None)),
        ("in February", REPORT, ("2022-02", None)),
        ("last summer", "2022-07-15", ("2021-06", "2021-08")),  # the one under way has not ended
        ("this summer", "2022-07-15", ("2022-06", "2022-07-15")),  # cut at the source's date
        ("in the winter", "2023-03-15", ("2022-12", "2023-02")),
        ("summer 2021", REPORT, ("2021-06", "2021-08")),
        ("this year", REPORT, ("2023", None)),
        ("last month", REPORT, ("2022-12", None)),
        # Anchors: a date, an event id, an event's own wording.
        ("before 2022-02-24", REPORT, (None, "2022-02-23")),
        ("after ru-war-in-ukraine", REPORT, ("2022-02-25", REPORT)),
        ("since the war", REPORT, ("2022-02-24", REPORT)),
        # Newspaper wordings (issue "Work in your fact base"), against a Thursday's date, 2022-10-13.
        ("last week", "2022-10-13", ("2022-10-03", "2022-10-09")),
        ("this week", "2022-10-13", ("2022-10-10", "2022-10-13")),
        ("on Thursday", "2022-10-14", ("2022-10-13", None)),
        ("this Thursday", "2022-10-13", ("2022-10-13", None)),
        ("last Thursday", "2022-10-13", ("2022-10-06", None)),
        ("this month", "2022-10-13", ("2022-10-01", "2022-10-13")),
        ("earlier this month", "2022-10-13", ("2022-10-01", "2022-10-12")),
        ("last October", "2022-10-13", ("2021-10", None)),  # this October has not ended
        ("last October", "2022-11-02", ("2022-10", None)),
        ("at the end of September", "2022-10-13", ("2022-09-21", "2022-09-30")),
        ("in mid-2022", REPORT, ("2022-05", "2022-08")),
        ("on May 10 this year", "2022-10-13", ("2022-05-10", None)),
        ("late September", "2022-10-13", ("2022-09-21", "2022-09-30")),
        ("early 2022", REPORT, ("2022-01", "2022-04")),
        ("in early February", "2022-03-01", ("2022-02-01", "2022-02-10")),
        # ISO dates and spans pass through.
        ("2022-10-06", None, ("2022-10-06", None)),
        ("2022-06..2022-08", None, ("2022-06", "2022-08")),
        ("2022-06 – 2022-08", None, ("2022-06", "2022-08")),
    ],
)
def test_each_wording_resolves_to_its_span(
    words: str, reference: str | None, span: tuple[str | None, str | None]
) -> None:
    resolved = resolve(words, reference, ANCHORS)
    assert (resolved.start, resolved.end) == span
    if not words[:4].isdigit():
        # The wording is kept, and how it was read (nothing is inferred when the words name the year).
        assert resolved.text == words
        assert resolved.inferred or any(part.isdigit() and len(part) == 4 for part in words.split("-")[-1].split())


@pytest.mark.parametrize(
    ("words", "reference", "needle"),
    [
        ("at some point", REPORT, "not a date wording"),
        ("in October", None, "the source has no date"),
        ("before the flood", REPORT, "neither an ISO date nor an event"),
        ("2022-02-30", None, "day"),
        ("2022-08..2022-06", None, "ends"),
        ("on 30 February", REPORT, "no day 30"),
        ("last week", "2022-10", "gives no day"),  # weeks count days: a month-dated source has none
        ("early 2022-10-06", REPORT, "not of a day"),
    ],
)
def test_what_is_not_understood_is_refused_never_guessed(words: str, reference: str | None, needle: str) -> None:
    with pytest.raises((WordingError, ValueError), match=needle):
        resolve(words, reference, ANCHORS)
