"""How views read: URLs whole, hierarchy kept when lines wrap, prose not too wide, quotes not doubled."""

from __future__ import annotations

import json

import pytest

from geopol_cli.render.words import quoted

from .conftest import geopol, text_lines


def _urls() -> set[str]:
    return {row["url"] for row in json.loads(geopol("sources", "--json").stdout) if row["url"]}


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize(
    "args",
    [["sources"], ["country", "kazakhstan"], ["cite", "ru-blocks-kz-oil-novorossiysk"], ["country", "armenia"]],
)
def test_a_url_is_never_broken(args: list[str], width: int) -> None:
    out = geopol(*args, width=width).stdout
    shown = [word for line in out.splitlines() for word in line.split() if word.startswith("http")]
    assert shown, "the view shows no URL at all"
    known = _urls()
    for word in shown:
        assert word in known, f"a URL broken or cropped at {width} columns: {word}"


def test_every_source_url_stands_whole_in_the_sources_view_at_80_columns() -> None:
    lines = [line.strip() for line in geopol("sources", width=80).stdout.splitlines()]
    for url in _urls():
        assert url in lines


def test_a_wrapped_line_stays_under_its_heading_in_cite() -> None:
    out = geopol("cite", "ru-blocks-kz-oil-novorossiysk", width=60).stdout.splitlines()
    start = next(i for i, line in enumerate(out) if line.startswith("  Its words: "))
    # The excerpt wraps; its further lines are indented deeper than the heading, until the next heading.
    following = out[start + 1]
    assert following.startswith("    ") and following.strip(), following


def test_prose_stops_at_about_100_columns_on_a_wide_terminal() -> None:
    out = geopol("cite", "ru-blocks-kz-oil-novorossiysk", width=200).stdout
    assert max(len(line) for line in text_lines(out)) <= 100


def test_quotes_are_not_doubled() -> None:
    assert quoted("words") == "“words”"
    assert quoted("“already quoted”") == "“already quoted”"
    assert quoted("“Yes,” he said") == "“‘Yes,’ he said”"
