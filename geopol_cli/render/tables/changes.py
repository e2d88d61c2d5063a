"""`geopol edit`, `rename`, `remove`, `undo` and `log`: what changed, as a diff of records, and the journal."""

from __future__ import annotations

import difflib
import json
from typing import Any

from rich.console import Console

from geopol_cli.query.results import ChangeLog, ChangeReport, ImportReport
from geopol_cli.render.console import add_column, lines, new_table, print_table, text
from geopol_cli.render.options import ViewOptions
from geopol_cli.render.safe import json_safe, visible


def change_text(report: ChangeReport) -> str:
    """The change as a diff of each record (before, after, in canonical JSON), then one line of what was done."""
    out: list[str] = []
    for change in report.changes:
        label = f"{change.type} {change.id}" if change.type != "focus" else "the fact base's focus"
        out.append(visible(f"{_verb(change.before, change.after)} {label} ({change.file})"))
        diff = difflib.unified_diff(_lines(change.before), _lines(change.after), "before", "after", n=2, lineterm="")
        out += [json_safe(line) for line in list(diff)[2:]]  # the ---/+++ header says nothing here
    done = "would be" if not report.written else "done"
    out.append(visible(f"{report.summary} ({done}; {', '.join(report.files)})"))
    if report.written and report.action != "undo":
        out.append("geopol undo takes it back; geopol log lists every change")
    return "\n".join(out) + "\n"


def _verb(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    return "added" if before is None else "removed" if after is None else "changed"


def _lines(record: dict[str, Any] | None) -> list[str]:
    return [] if record is None else json.dumps(record, indent=2, ensure_ascii=False).splitlines()


def render_log(console: Console, log: ChangeLog, view: ViewOptions) -> None:
    table = new_table()
    add_column(table, "#", justify="right", width=3)
    add_column(table, "When", min_width=10, ratio=1)
    add_column(table, "Change", min_width=20, ratio=4)
    for entry in log.entries:
        table.add_row(
            text(str(entry.number)),
            text(entry.time.replace("T", " ").removesuffix("Z") + " UTC", "dim"),
            lines(text(entry.summary, "bold"), text(entry.command, "dim"), text(", ".join(entry.records), "dim")),
        )
    print_table(console, table)


def import_text(report: ImportReport) -> str:
    verb = "imported" if report.written else "would import"
    line = f"{verb} {len(report.added)} event(s) into {report.file}"
    if report.skipped:
        line += f"; {report.skipped} row(s) skipped, their events already there"
    tail = "\ngeopol undo takes the whole import back" if report.written and report.added else ""
    return visible(line) + tail + "\n"
