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
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat warnings as problems: exit 3 when there is any (for CI).")
    ] = False,
) -> Output:
    """Check a facts file and list every problem and warning.

    Checks its schema, its ids and references, and its dates. Then warns of
    what a valid file can still get wrong: citations that disagree (dates
    that cannot both hold, different acts, an event that answers or follows
    one dated after it) where the record has no dispute saying which reading
    it follows, and counterpart gains or losses that name an actor of the
    event itself or a party outside it. A version-1 file is read (converted)
    and the summary says so.

    Lists every problem and warning in one run, one line each
    (FILE:LINE:COL: path: message), then a summary, on stdout. Exits 3 when
    there is a problem (or, with --strict, a warning), else 0. With --json:
    an object with the problems and the warnings (each with file, line,
    column, path, message), the format version and, for a readable file, the
    counts.

    \b
    Examples:
      geopol validate
      geopol validate my-facts.json
      geopol validate my-facts.json --json | jq -r '.problems[].message'
      geopol validate my-facts.json --strict
    """
    from geopol_cli.core.paths import choose_facts_path, facts_origin
    from geopol_cli.query.validation import validation_report

    out = choose("ValidationReport", as_json, fmt, fields=fields, jq=jq)
    chosen = file or facts_path or (ctx.obj or {}).get("facts")
    report = validation_report(choose_facts_path(chosen), facts_origin(chosen), strict)
    return out.of(report, exit_code=ExitCode.OK if report.valid else ExitCode.BAD_FACTS)
