"""`geopol validate`: one line per problem, or a summary.

Plain lines, not a rich table: a file can have 100 000 problems, and each
line must stay whole (FILE:LINE:COL: path: message) for editors and grep.
"""

from __future__ import annotations

from geopol_cli.core.words import plural
from geopol_cli.query.results import ValidationReport
from geopol_cli.render.safe import visible


def validation_text(report: ValidationReport) -> str:
    """Each problem on its own line, then a count; for a clean file, a one-line summary."""
    if report.valid and report.counts is not None:
        c = report.counts
        return (
            visible(
                f"{report.file}: OK — {plural(c.sources, 'source')}, {plural(c.actors, 'actor')}, "
                f"{plural(c.people, 'person')}, {plural(c.events, 'event')}, {plural(c.claims, 'claim')}"
            )
            + "\n"
        )
    count = len(report.problems)
    lines = [visible(str(problem)) for problem in report.problems]
    lines.append(visible(f"{plural(count, 'problem')} in {report.file}"))
    return "\n".join(lines) + "\n"
