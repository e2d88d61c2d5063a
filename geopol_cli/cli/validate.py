"""`geopol validate`: check a facts file and summarise it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.console import Console

from geopol_cli.cli.common import FactsOption, JsonOption, show
from geopol_cli.errors import ExitCode


def validate(
    ctx: typer.Context,
    file: Annotated[
        str | None,
        typer.Argument(
            help="The facts file to check (default: --facts, $GEOPOL_FACTS, else the bundled facts).",
            show_default=False,
        ),
    ] = None,
    facts_path: FactsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Check a facts file and list every problem.

    Checks its schema, its ids and references, and its dates.

    Lists every problem in one run, one line each (FILE:LINE:COL: path: message),
    then a count, on stdout, and exits 3; a clean file prints a one-line
    summary and exits 0. With --json: an object with the problems (each with
    file, line, column, path, message) and, for a clean file, the counts.

    \b
    Examples:
      geopol validate
      geopol validate my-facts.json
      geopol validate my-facts.json --json | jq -r '.problems[].message'
    """
    from geopol_cli.load import FactsError, choose_facts_path, load_facts
    from geopol_cli.query.results import Counts, ValidationReport

    path = choose_facts_path(file or facts_path or (ctx.obj or {}).get("facts"))
    try:
        base = load_facts(path).base
    except FactsError as error:
        report = ValidationReport(file=str(path), valid=False, problems=error.problems, counts=None)
    else:
        counts = Counts(
            sources=len(base.sources),
            actors=len(base.actors),
            people=len(base.people),
            events=len(base.events),
            claims=len(base.claims),
        )
        report = ValidationReport(file=str(path), valid=True, problems=[], counts=counts)

    def table(console: Console) -> None:
        from geopol_cli.render.table import render_validation

        render_validation(console, report)

    show(report, as_json, table)
    if not report.valid:
        raise typer.Exit(ExitCode.BAD_FACTS)
