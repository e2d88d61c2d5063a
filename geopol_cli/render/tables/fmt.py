"""`geopol fmt`: one line per file, plain text."""

from __future__ import annotations

from geopol_cli.query.results import FormatReport
from geopol_cli.render.safe import visible


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
