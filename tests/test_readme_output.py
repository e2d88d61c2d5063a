"""The README's Output section says what the output is; these tests hold it to the output itself.

Each claim is read from the README's own text (the CSV columns, the JSON
documents, the list views and their formats), so an edit to either side that
makes them disagree fails here.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from geopol_cli.render.registry import formats_for, list_shape

from .conftest import geopol

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
OUTPUT = README[README.index("### Output") : README.index("### Exit codes")]

# The command line that makes each view, by the name the README gives it.
RUN = {
    "country NAME": ["country", "kazakhstan"],
    "countries": ["countries"],
    "timeline": ["timeline"],
    "benefits": ["benefits"],
    "search TEXT…": ["search", "oil"],
    "person NAME": ["person", "tokayev"],
    "claims": ["claims"],
    "sources": ["sources"],
    "cite ID": ["cite", "ru-blocks-kz-oil-novorossiysk"],
    "disputes": ["disputes"],
    "compare A B…": ["compare", "kazakhstan", "uzbekistan"],
    "graph": ["graph"],
    "validate": ["validate"],
}


def _without_parentheses(text: str) -> str:
    out, depth = [], 0
    for char in text:
        depth += char == "("
        if depth == 0:
            out.append(char)
        depth -= char == ")" and depth > 0
    return "".join(out)


def _documents() -> dict[str, tuple[str, list[str], list[str]]]:
    """README table rows: command -> (document kind, its top-level keys, the keys of each record of its
    lists where the row says "each ...")."""
    rows = {}
    for command, document in re.findall(r"^\| `([^`]+)` \| (.+) \|$", OUTPUT, re.M):
        kind = "array" if document.startswith("array") else "object"
        listed = _without_parentheses(document.partition(":")[2])
        top, each, records = listed.partition(", each ")
        rows[command] = (kind, re.findall(r"`(\w+)`", top), re.findall(r"`(\w+)`", records) if each else [])
    return rows


@pytest.mark.parametrize("command", sorted(RUN))
def test_each_json_document_is_what_the_readme_table_says(command: str) -> None:
    kind, keys, record_keys = _documents()[command]
    document = json.loads(geopol(*RUN[command], "--json").stdout)
    assert keys, command
    if kind == "array":
        assert isinstance(document, list) and document
        assert not [k for k in keys if k not in document[0]], command
        return
    assert isinstance(document, dict)
    assert not [k for k in keys if k not in document], f"README names keys {command} does not have"
    for name in keys if record_keys else ():
        if isinstance(document[name], list) and document[name]:
            missing = [k for k in record_keys if k not in document[name][0]]
            assert not missing, f"README names keys each of {command}'s {name} does not have: {missing}"


def test_every_view_with_a_json_document_is_in_the_readme_table() -> None:
    assert set(RUN) <= set(_documents())


def test_the_csv_columns_are_what_the_readme_lists() -> None:
    bullet = OUTPUT[OUTPUT.index("The CSV columns") :]
    bullet = bullet[: bullet.index("\n\n")]
    listed = {
        view: [c.strip() for c in " ".join(cols.split()).split(",")]
        for view, cols in re.findall(r"\*\*(\w+)\*\* `([^`]+)`", bullet)
    }
    assert set(listed) == {"timeline", "disputes", "countries", "benefits", "claims", "sources", "search"}
    for view, columns in listed.items():
        args = RUN["search TEXT…"] if view == "search" else [view]
        header = next(csv.reader(io.StringIO(geopol(*args, "--format", "csv").stdout)))
        assert header == columns, view


def test_the_list_views_the_readme_names_are_the_ones_with_csv_and_jsonl() -> None:
    named = re.search(r"`jsonl`, `csv` and `markdown` for the list views \(([^)]+)\)", OUTPUT)
    assert named is not None
    views = {v.strip() for v in named.group(1).split(",")}
    results = {
        "timeline": "Timeline",
        "countries": "CountryList",
        "benefits": "BenefitRanking",
        "claims": "ClaimList",
        "search": "SearchResult",
        "sources": "SourceList",
        "disputes": "DisputeList",
    }
    with_rows = {view for view, result in results.items() if {"jsonl", "csv", "markdown"} <= set(formats_for(result))}
    assert views == with_rows
    assert all(list_shape(results[v]) is not None for v in views)


def test_the_views_that_take_limit_sort_and_reverse_are_the_ones_the_readme_names() -> None:
    named = re.search(r"Every list view \(([^)]+)\) takes", " ".join(OUTPUT.split()))
    assert named is not None
    for view in (v.strip() for v in named.group(1).split(",")):
        args = RUN["search TEXT…"] if view == "search" else [view]
        assert geopol(*args, "--limit", "1", "--json").exit_code == 0, view
