"""Flat renderers for list views: CSV (RFC 4180) and Markdown tables.

Each list view's result is turned into a header and rows of plain values by a
function here; both formats then write the same rows. The header is written
even when there are no rows, so an empty result is still a table a program
can read. Nested values (a list of actors) are joined with "; ". Nothing is
filtered or reordered. (JSON Lines is not flat: each line is one element of
the JSON document, written by render/jsonout.py.)

Cells are data from the facts file, so each format neutralises what its
readers would act on: in CSV, a cell that a spreadsheet would run as a
formula (starting with =, +, -, @, a tab or a carriage return) gets a leading
apostrophe, as OWASP recommends, and control characters are written as
escapes; in Markdown, HTML and Markdown syntax are escaped so that a cell
shows as written.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import fields
from typing import Any

from geopol_cli.query.results import (
    ActorRef,
    BenefitRanking,
    ChangeLog,
    ClaimList,
    CountryList,
    CountryRow,
    DisputeList,
    LogEntry,
    SearchResult,
    SourceList,
    SourceRow,
    StakeView,
    Timeline,
)
from geopol_cli.render.jsonout import write_text
from geopol_cli.render.safe import escaped, visible

Row = dict[str, Any]
# A flat table: its column names, then its rows (each a dict with those keys).
FlatTable = tuple[list[str], list[Row]]


def _names(refs: Iterable[ActorRef]) -> str:
    return "; ".join(r.name for r in refs)


def _stakes(stakes: Iterable[StakeView]) -> str:
    return "; ".join(f"{s.name}: {s.what} ({s.label})" for s in stakes)


TIMELINE_COLUMNS = [
    "id",
    "date",
    "date_end",
    "date_label",
    "actors",
    "targets",
    "kind",
    "direction",
    "summary",
    "beneficiaries",
    "losers",
    "answers",
    "source",
    "sources_count",
    "disputed",
]


def timeline_rows(timeline: Timeline) -> FlatTable:
    return TIMELINE_COLUMNS, [
        {
            "id": e.id,
            "date": e.date,
            "date_end": e.date_end,
            "date_label": e.date_label,
            "actors": _names(e.actors),
            "targets": _names(e.targets),
            "kind": e.kind,
            "direction": e.direction,
            "summary": e.summary,
            "beneficiaries": _stakes(e.beneficiaries),
            "losers": _stakes(e.losers),
            "answers": "; ".join(e.answers),
            "source": e.source,
            "sources_count": e.sources_count,
            "disputed": "; ".join(e.disputed),
        }
        for e in timeline.events
    ]


def countries_rows(result: CountryList) -> FlatTable:
    columns = [f.name for f in fields(CountryRow)]
    return columns, [{c: getattr(row, c) for c in columns} for row in result.countries]


BENEFITS_COLUMNS = [
    "role",
    "rank",
    "actor",
    "name",
    "evidence",
    "stated",
    "counterpart",
    "biggest",
    "from_countries",
    "domains",
    "gains",
    "evidence_ids",
]


def benefits_rows(ranking: BenefitRanking) -> FlatTable:
    return BENEFITS_COLUMNS, [
        {
            "role": entry.role,
            "rank": entry.rank,
            "actor": entry.actor,
            "name": entry.name,
            "evidence": entry.evidence,
            "stated": entry.stated,
            "counterpart": entry.counterpart,
            "biggest": entry.biggest,
            "from_countries": _names(entry.from_countries),
            "domains": "; ".join(entry.domains),
            "gains": "; ".join(entry.gains),
            "evidence_ids": "; ".join(entry.evidence_ids),
        }
        for entry in [*ranking.beneficiaries, *ranking.losers]
    ]


CLAIMS_COLUMNS = ["id", "by", "by_name", "by_role", "attributed_to", "about", "stance", "summary", "quote", "source"]


def claims_rows(claims: ClaimList) -> FlatTable:
    return CLAIMS_COLUMNS, [
        {
            "id": c.id,
            "by": c.by,
            "by_name": c.by_name,
            "by_role": c.by_role,
            "attributed_to": c.attributed_to,
            "about": _names(c.about),
            "stance": c.stance,
            "summary": c.summary,
            "quote": c.quote,
            "source": c.source,
        }
        for c in claims.claims
    ]


DISPUTES_COLUMNS = ["type", "id", "date_label", "point", "sources", "follows", "why", "summary"]


def disputes_rows(result: DisputeList) -> FlatTable:
    return DISPUTES_COLUMNS, [
        {
            "type": row.type,
            "id": row.id,
            "date_label": row.date_label,
            "point": row.point,
            "sources": "; ".join(row.sources),
            "follows": row.follows,
            "why": row.why,
            "summary": row.summary,
        }
        for row in result.disputes
    ]


def sources_rows(result: SourceList) -> FlatTable:
    columns = [f.name for f in fields(SourceRow)]
    return columns, [
        {**{c: getattr(row, c) for c in columns}, "retold_by": "; ".join(row.retold_by)} for row in result.sources
    ]


SEARCH_COLUMNS = ["type", "id", "title", "best", "matched_in", "date", "date_label"]


def search_rows(result: SearchResult) -> FlatTable:
    return SEARCH_COLUMNS, [
        {
            "type": h.type,
            "id": h.id,
            "title": h.title,
            "best": h.best,
            "matched_in": "; ".join(h.matched_in),
            "date": h.date,
            "date_label": h.date_label,
        }
        for h in result.hits
    ]


def select_columns(table: FlatTable, wanted: tuple[str, ...]) -> FlatTable:
    """Only the columns --fields names, in its order; a key that is no column (nested in JSON) is refused."""
    from geopol_cli.core.errors import UsageProblem

    header, rows = table
    missing = [name for name in wanted if name not in header]
    if missing:
        raise UsageProblem(
            f"{', '.join(map(repr, missing))} is not a column of this table (nested in the JSON); "
            f"its columns: {', '.join(header)}",
            "--fields",
        )
    return list(wanted), [{name: row[name] for name in wanted} for row in rows]


def write_rows(fmt: str, table: FlatTable) -> None:
    """Write a flat table as csv or markdown to stdout."""
    if fmt == "csv":
        text = to_csv(table)
    elif fmt == "markdown":
        text = to_markdown(table)
    else:  # pragma: no cover - the registry only names these two
        raise ValueError(fmt)
    # In a loop to the end, as every format: a closed pipe is a BrokenPipeError (exit 141), never a short write.
    write_text(text)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    """A cell that a spreadsheet shows as text: no live formula, no raw control character (line breaks stay)."""
    text = _cell(value)
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        text = "'" + text  # OWASP's advice for CSV injection: a leading apostrophe makes it text
    return escaped(text)


def to_csv(table: FlatTable) -> str:
    """RFC 4180: a header row (always), CRLF line ends, fields quoted where needed."""
    columns, rows = table
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(row[c]) for c in columns])
    return out.getvalue()


# Characters Markdown (CommonMark, GitHub) acts on anywhere in a line, and
# those it acts on only where a line starts (a heading, a list, a quote).
_MARKDOWN_INLINE = re.compile(r"([\\`*_{}\[\]()|~])")
_MARKDOWN_LINE_START = re.compile(r"^([#+\-!]|\d+[.)])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def markdown_cell(value: Any) -> str:
    """Text shown as written in Markdown: markup and HTML escaped, controls and line breaks made visible."""
    text = visible(_cell(value), most=None)
    text = "".join(_HTML.get(char, char) for char in text) if any(c in text for c in "&<>") else text
    text = _MARKDOWN_INLINE.sub(r"\\\1", text)
    return _MARKDOWN_LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], text)


def to_markdown(table: FlatTable) -> str:
    """A GitHub table with its header (always); each row stays one line."""
    columns, rows = table
    out = ["| " + " | ".join(columns) + " |", "|" + "|".join(" --- " for _ in columns) + "|"]
    out += ["| " + " | ".join(markdown_cell(row[c]) for c in columns) + " |" for row in rows]
    return "\n".join(out) + "\n"


def log_rows(result: ChangeLog) -> FlatTable:
    columns = [f.name for f in fields(LogEntry)]

    def cell(value: Any) -> Any:
        return "; ".join(value) if isinstance(value, list) else value

    return columns, [{c: cell(getattr(row, c)) for c in columns} for row in result.entries]
