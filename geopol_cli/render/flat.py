"""Flat renderers for list views: JSON Lines, CSV (RFC 4180) and Markdown tables.

Each list view's result is turned into rows of plain values by a function
here; the three formats then write the same rows. Nested values (a list of
actors) are joined with "; ". Nothing is filtered or reordered.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from geopol_cli.query.results import (
    ActorRef,
    BenefitRanking,
    ClaimList,
    CountryList,
    SearchResult,
    SourceList,
    StakeView,
    Timeline,
)
from geopol_cli.render.safe import json_safe, visible

Row = dict[str, Any]


def _names(refs: Iterable[ActorRef]) -> str:
    return "; ".join(r.name for r in refs)


def _stakes(stakes: Iterable[StakeView]) -> str:
    return "; ".join(f"{s.name}: {s.what} ({s.basis})" for s in stakes)


def timeline_rows(timeline: Timeline) -> list[Row]:
    return [
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
        }
        for e in timeline.events
    ]


def countries_rows(result: CountryList) -> list[Row]:
    return [asdict(row) for row in result.countries]


def benefits_rows(ranking: BenefitRanking) -> list[Row]:
    return [
        {
            "role": role,
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
            "evidence_ids": "; ".join([*entry.events, *entry.claims]),
        }
        for role, entries in (("beneficiary", ranking.beneficiaries), ("loser", ranking.losers))
        for entry in entries
    ]


def claims_rows(claims: ClaimList) -> list[Row]:
    return [
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


def sources_rows(result: SourceList) -> list[Row]:
    return [{**asdict(row), "retold_by": "; ".join(row.retold_by)} for row in result.sources]


def search_rows(result: SearchResult) -> list[Row]:
    return [
        {
            "type": h.type,
            "id": h.id,
            "title": h.title,
            "best": h.best,
            "matched_in": "; ".join(h.matched_in),
            "date": h.date,
        }
        for h in result.hits
    ]


def write_rows(fmt: str, rows: list[Row]) -> None:
    """Write rows as jsonl, csv or markdown to stdout."""
    if fmt == "jsonl":
        text = "".join(json_safe(json.dumps(row, ensure_ascii=False)) + "\n" for row in rows)
    elif fmt == "csv":
        text = to_csv(rows)
    elif fmt == "markdown":
        text = to_markdown(rows)
    else:  # pragma: no cover - the CLI only passes the formats above
        raise ValueError(fmt)
    sys.stdout.write(text)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_csv(rows: list[Row]) -> str:
    """RFC 4180: a header row, CRLF line ends, fields quoted where needed.

    Control characters stay as they are inside quoted fields (CSV is data for
    a spreadsheet, not for a terminal); a field a spreadsheet would run as a
    formula (=, +, -, @ first) is not altered: CSV keeps the data exact.
    """
    if not rows:
        return ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return out.getvalue()


def to_markdown(rows: list[Row]) -> str:
    """A GitHub table: pipes escaped, line breaks and controls made visible, so each row stays one line."""
    if not rows:
        return ""

    def cell(value: Any) -> str:
        return visible(_cell(value)).replace("\\", "\\\\").replace("|", "\\|")

    header = list(rows[0])
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(cell(row[key]) for key in header) + " |" for row in rows]
    return "\n".join(out) + "\n"
