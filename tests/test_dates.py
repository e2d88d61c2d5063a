import datetime as dt

import pytest

from geopol_cli.core import dates


@pytest.mark.parametrize("value", ["2022", "2022-10", "2022-10-06", "2024-02-29"])
def test_valid_partial_dates_parse(value: str) -> None:
    dates.parse_partial_date(value)


@pytest.mark.parametrize("value", ["2022-13", "2022-13-45", "2022-02-30", "2023-02-29", "22-10", "2022-1", "0000", ""])
def test_impossible_or_malformed_dates_are_rejected(value: str) -> None:
    with pytest.raises(ValueError):
        dates.parse_partial_date(value)


def test_partial_dates_cover_every_day_they_name() -> None:
    assert dates.first_day("2022") == dt.date(2022, 1, 1)
    assert dates.last_day("2022") == dt.date(2022, 12, 31)
    assert dates.first_day("2022-02") == dt.date(2022, 2, 1)
    assert dates.last_day("2022-02") == dt.date(2022, 2, 28)
    assert dates.last_day("2024-02") == dt.date(2024, 2, 29)
    assert dates.last_day("2022-10-06") == dt.date(2022, 10, 6)


def test_sort_key_puts_open_start_first_then_narrower_span() -> None:
    open_start = dates.sort_key(None, "2022-02-23")
    month = dates.sort_key("2022-06", None)
    summer = dates.sort_key("2022-06", "2022-08")
    day = dates.sort_key("2022-06-01", None)
    assert open_start < day < month < summer


def test_describe_span_keeps_precision() -> None:
    assert dates.describe_span("2022-10", None) == "2022-10"
    assert dates.describe_span("2022-06", "2022-08") == "2022-06 – 2022-08"
    assert dates.describe_span(None, "2022-02-23") == "before 2022-02-24"


def test_group_label_uses_month_year_or_whole_span() -> None:
    assert dates.group_label("2022-10-06", None) == "October 2022"
    assert dates.group_label("2022-09-13", "2022-09") == "September 2022"
    assert dates.group_label("2022", None) == "2022"
    # A long span is grouped under itself, never under its first month.
    assert dates.group_label("2022-02-24", "2023-01-31") == "2022-02-24 – 2023-01-31"
    assert dates.group_label("2022-06", "2022-08") == "2022-06 – 2022-08"
    assert dates.group_label(None, "2022-02-23") == "before 2022-02-24"
