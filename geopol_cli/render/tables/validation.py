"""`geopol validate`: one line per problem, or a summary."""

from __future__ import annotations

from rich.console import Console

from geopol_cli.query.results import (
    ValidationReport,
)
from geopol_cli.render.console import (
    text,
)
from geopol_cli.render.options import ViewOptions


def render_validation(console: Console, report: ValidationReport, view: ViewOptions) -> None:
    """One unwrapped line per problem (FILE:LINE:COL: path: message), then a count; or a summary."""
    if report.valid and report.counts is not None:
        c = report.counts
        line = (
            f"{report.file}: OK — {c.sources} sources, {c.actors} actors, {c.people} people, "
            f"{c.events} events, {c.claims} claims"
        )
        console.print(text(line), soft_wrap=True)
        return
    for problem in report.problems:
        console.print(text(str(problem)), soft_wrap=True)
    count = len(report.problems)
    console.print(text(f"{count} problem{'s' if count != 1 else ''} in {report.file}"), soft_wrap=True)
