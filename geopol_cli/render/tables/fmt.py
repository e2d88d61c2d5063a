"""`geopol fmt`, `init` and `add`: what was written, as plain lines (a dry run's record as JSON)."""

from __future__ import annotations

import json

from geopol_cli.query.results import AddedReports, AddReport, FormatReport, InitReport
from geopol_cli.render.safe import json_safe, visible


def format_text(report: FormatReport) -> str:
    if report.text is not None:
        return report.text
    lines = []
    for file in report.files:
        if file.written:
            state = "reformatted"
        elif file.changed:
            state = "would be reformatted"
        else:
            state = "already in canonical form"
        lines.append(visible(f"{file.file}: {state}"))
    return "\n".join(lines) + "\n"


def init_text(report: InitReport) -> str:
    lines = [visible(f"created {path}") for path in report.created]
    lines += ["", "Next:", *(visible(f"  {command}") for command in report.next)]
    return "\n".join(lines) + "\n"


def add_text(report: AddReport) -> str:
    if not report.written:
        # --dry-run: the record itself, as it would be written.
        return json_safe(json.dumps(report.record, indent=2, ensure_ascii=False)) + "\n"
    line = visible(f"added {report.type} {report.id} to {report.file}")
    if report.copied:
        line += visible(f" (its text copied to {report.copied})")
    return line + "\n"


def added_text(reports: AddedReports) -> str:
    if reports.added and not reports.added[0].written:
        return json_safe(json.dumps([r.record for r in reports.added], indent=2, ensure_ascii=False)) + "\n"
    return "".join(add_text(report) for report in reports.added)
