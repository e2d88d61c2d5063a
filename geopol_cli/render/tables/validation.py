"""`geopol validate`: one line per problem, or a summary.

Plain lines, not a rich table: a file can have 100 000 problems, and each
line must stay whole (FILE:LINE:COL: path: message) for editors and grep.
"""

from __future__ import annotations

from geopol_cli.query.results import ValidationReport
from geopol_cli.render.safe import visible


def validation_text(report: ValidationReport) -> str:
    """Each problem on its own line, then a count; for a clean file, a one-line summary."""
    if report.valid and report.counts is not None:
        c = report.counts
        return (
            visible(
                f"{report.file}: OK — {c.sources} sources, {c.actors} actors, {c.people} people, "
                f"{c.events} events, {c.claims} claims"
            )
            + "\n"
        )
    count = len(report.problems)
    lines = [visible(str(problem)) for problem in report.problems]
    lines.append(visible(f"{count} problem{'s' if count != 1 else ''} in {report.file}"))
    return "\n".join(lines) + "\n"
