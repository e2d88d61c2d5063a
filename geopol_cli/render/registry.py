"""Which renderer draws which result in which format: the one table of it.

A command returns a result (a record from geopol_cli.query.results); the
exporter looks up ``(type(result).__name__, format)`` here and calls what it
finds. Types are named, not imported, so that `--help` (which lists each
command's formats) does not define every result class (8 ms of start-up);
tests/test_registry.py checks that every name is a result type.
Renderers are named as "module:function" strings and imported only when
chosen, so that `--json` never imports rich and a table imports only its own
view. Every result type has JSON; the other formats are listed per type, and
`formats_for` is what `--format`'s help, completion and check read.

Standard library only.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geopol_cli.query.results import ListShape

_TABLES = "geopol_cli.render.tables"
_FLAT = "geopol_cli.render.flat"
JSON_LINES = "geopol_cli.render.jsonout:write_json_lines"
_MARKDOWN = "geopol_cli.render.markdown"

# Formats served for every result type, by one writer each, with how it is written (kind_of): JSON is an
# entry here like any other format. A format added here (a YAML writer, say) is offered by every command's
# --format, its help and completion, and written through the same output boundary (render/export.py).
EVERY_TYPE: dict[str, tuple[str, str]] = {
    "json": ("json", "geopol_cli.render.jsonout:write_json"),
}

# format -> renderer, per result type. The console formats ("table", "chart",
# "tree") name a function of (console, result, view options) that draws with
# rich, except for the TEXT_TABLES below; "jsonl" names the JSON Lines writer
# (each line an element of the JSON document); "csv" and "markdown" name a
# function that turns the result into a flat table (render/flat.py writes it);
# the text formats ("dot", "mermaid", the TEXT_TABLES' tables, and markdown
# for a view that is not a list: a document, render/markdown.py) name a
# function that returns the document as a string. "json" is served for every
# type by EVERY_TYPE below. kind_of() says which is which.
RENDERERS: dict[str, dict[str, str]] = {
    "Timeline": {
        "table": f"{_TABLES}.events:render_timeline",
        "chart": "geopol_cli.render.chart:render_chart",
        "jsonl": JSON_LINES,
        **dict.fromkeys(("csv", "markdown"), f"{_FLAT}:timeline_rows"),
    },
    "CountryList": {
        "table": f"{_TABLES}.countries:render_countries",
        "jsonl": JSON_LINES,
        **dict.fromkeys(("csv", "markdown"), f"{_FLAT}:countries_rows"),
    },
    "BenefitRanking": {
        "table": f"{_TABLES}.benefits:render_benefits",
        "jsonl": JSON_LINES,
        **dict.fromkeys(("csv", "markdown"), f"{_FLAT}:benefits_rows"),
    },
    "ClaimList": {
        "table": f"{_TABLES}.claims:render_claims",
        "jsonl": JSON_LINES,
        **dict.fromkeys(("csv", "markdown"), f"{_FLAT}:claims_rows"),
    },
    "SearchResult": {
        "table": f"{_TABLES}.search:render_search",
        "jsonl": JSON_LINES,
        **dict.fromkeys(("csv", "markdown"), f"{_FLAT}:search_rows"),
    },
    "SourceList": {
        "table": f"{_TABLES}.sources:render_sources",
        "jsonl": JSON_LINES,
        **dict.fromkeys(("csv", "markdown"), f"{_FLAT}:sources_rows"),
        "csl-json": "geopol_cli.render.csl:csl_text",
    },
    "DisputeList": {
        "table": f"{_TABLES}.sources:render_disputes",
        "jsonl": JSON_LINES,
        **dict.fromkeys(("csv", "markdown"), f"{_FLAT}:disputes_rows"),
    },
    "CountryProfile": {"table": f"{_TABLES}.profile:render_profile", "markdown": f"{_MARKDOWN}:country_markdown"},
    "PersonProfile": {"table": f"{_TABLES}.person:render_person", "markdown": f"{_MARKDOWN}:person_markdown"},
    "Comparison": {"table": f"{_TABLES}.compare:render_comparison", "markdown": f"{_MARKDOWN}:comparison_markdown"},
    "Citation": {"table": f"{_TABLES}.sources:render_citation", "markdown": f"{_MARKDOWN}:citation_markdown"},
    "ValidationReport": {"table": f"{_TABLES}.validation:validation_text"},
    "FormatReport": {"table": f"{_TABLES}.fmt:format_text"},
    "InitReport": {"table": f"{_TABLES}.fmt:init_text"},
    "AddReport": {"table": f"{_TABLES}.fmt:add_text"},
    "AddedReports": {"table": f"{_TABLES}.fmt:added_text"},
    "ChangeReport": {"table": f"{_TABLES}.changes:change_text"},
    "ImportReport": {"table": f"{_TABLES}.changes:import_text"},
    "Proposals": {
        "table": f"{_TABLES}.extract:render_proposals",
        "jsonl": JSON_LINES,
    },
    "ChangeLog": {
        "table": f"{_TABLES}.changes:render_log",
        "jsonl": JSON_LINES,
        **dict.fromkeys(("csv", "markdown"), f"{_FLAT}:log_rows"),
    },
    "Graph": {
        "table": "geopol_cli.render.tree:render_tree",
        "tree": "geopol_cli.render.tree:render_tree",  # the graph's table is a tree: both names work
        "dot": "geopol_cli.render.graphtext:to_dot",
        "mermaid": "geopol_cli.render.graphtext:to_mermaid",
    },
}

FLAT_FORMATS = ("csv", "markdown")
# Formats drawn on a console (rich is imported for them); the rest write plain text.
CONSOLE_FORMATS = ("table", "chart", "tree")
# Result types whose table is plain lines of text, written without rich.
TEXT_TABLES: tuple[str, ...] = (
    "ValidationReport",
    "FormatReport",
    "InitReport",
    "AddReport",
    "AddedReports",
    "ChangeReport",
    "ImportReport",
)


def kind_of(view: str, fmt: str) -> str:
    """How a format is written for a type: "json", "jsonl", "rows", "console" or "text"."""
    if fmt in EVERY_TYPE and fmt not in RENDERERS.get(view, {}):  # a plain document (the schema) has JSON too
        return EVERY_TYPE[fmt][0]
    if fmt == "jsonl":
        return "jsonl"
    if fmt in FLAT_FORMATS and list_shape(view) is not None:
        return "rows"
    if fmt in CONSOLE_FORMATS and view not in TEXT_TABLES:
        return "console"
    return "text"


def formats_for(view: str) -> tuple[str, ...]:
    """Every format a result type (named ``view``) can be written in, table first and json second."""
    own = RENDERERS[view]
    return ("table", *EVERY_TYPE, *(f for f in own if f != "table" and f not in EVERY_TYPE))


def renderer(view: str, fmt: str) -> Callable[..., Any]:
    """The function that writes the result type named ``view`` in ``fmt``, imported now."""
    own = RENDERERS.get(view, {})
    named = own[fmt] if fmt in own else EVERY_TYPE[fmt][1]
    module, _, name = named.partition(":")
    function: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return function


def list_shape(view: str) -> ListShape | None:
    """What makes the result type named ``view`` a list view (query/results.py ListShape), or None."""
    from geopol_cli.query import results

    shape: ListShape | None = getattr(getattr(results, view, None), "shape", None)
    return shape


def record_type(view: str) -> type:
    """The type of a list view's records, or of the result itself for any other view."""
    from geopol_cli.query import results

    result_type: type = getattr(results, view)
    shape = list_shape(view)
    return shape.record_type(result_type) if shape is not None else result_type


def sort_fields(view: str) -> tuple[str, ...]:
    """The fields a list view can be sorted by: its records' plain fields, in declared order."""
    import dataclasses

    if list_shape(view) is None:
        return ()
    record = record_type(view)
    plain = ("str", "int", "bool", "str | None", "int | None")
    return tuple(f.name for f in dataclasses.fields(record) if str(f.type) in plain)


def field_names(view: str) -> tuple[str, ...]:
    """What --fields selects from: a list view's record fields, or the top-level keys of another result."""
    import dataclasses

    return tuple(f.name for f in dataclasses.fields(record_type(view)))
