"""`geopol validate`: one line per problem, or a summary.

Plain lines, not a rich table: a file can have 100 000 problems, and each
line must stay whole (FILE:LINE:COL: path: message) for editors and grep.
"""

from __future__ import annotations

from geopol_cli.core.words import plural
from geopol_cli.query.results import ValidationReport
from geopol_cli.render.safe import visible


def validation_text(report: ValidationReport) -> str:
    """Each problem, then each warning, on its own line, then a count; for a clean file, a one-line summary."""
    lines = [visible(str(problem)) for problem in report.problems]
    severity = "error" if report.strict else "warning"
    lines += [visible(f"{warning} [{severity}]") for warning in report.warnings]
    if report.counts is not None:
        c = report.counts
        version = " (version 1 of the format, converted on reading)" if report.version == 1 else ""
        outcome = "OK" if report.valid else "not OK with --strict"
        lines.append(
            visible(
                f"{report.file}: {outcome}{version} — {plural(c.sources, 'source')}, {plural(c.actors, 'actor')}, "
                f"{plural(c.people, 'person')}, {plural(c.events, 'event')}, {plural(c.claims, 'claim')}"
                + (f"; {plural(len(report.warnings), 'warning')}" if report.warnings else "")
            )
        )
        return "\n".join(lines) + "\n"
    lines.append(visible(f"{plural(len(report.problems), 'problem')} in {report.file}"))
    return "\n".join(lines) + "\n"
