"""`geopol validate`: check a facts file and summarise it."""

from __future__ import annotations

from typing import Annotated

import typer

from geopol_cli.cli.options import (
    FactsOption,
    JqOption,
    JsonOption,
    fields_option,
    format_option,
)
from geopol_cli.cli.output import Output, choose
from geopol_cli.core.errors import ExitCode


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
    fmt: Annotated[str | None, format_option("ValidationReport")] = None,
    fields: Annotated[str | None, fields_option("ValidationReport")] = None,
    jq: JqOption = None,
) -> Output:
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
    from geopol_cli.core.paths import choose_facts_path, facts_origin
    from geopol_cli.query.validation import validation_report

    out = choose("ValidationReport", as_json, fmt, fields=fields, jq=jq)
    chosen = file or facts_path or (ctx.obj or {}).get("facts")
    report = validation_report(choose_facts_path(chosen), facts_origin(chosen))
    return out.of(report, exit_code=ExitCode.OK if report.valid else ExitCode.BAD_FACTS)
