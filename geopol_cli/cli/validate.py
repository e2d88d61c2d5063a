"""`geopol validate`: check a facts file and summarise it."""

from __future__ import annotations

from typing import Annotated

import typer

from geopol_cli.cli.output import Output, ViewRequest, view_options
from geopol_cli.core.errors import ExitCode


@view_options("ValidationReport")
def validate(
    ctx: typer.Context,
    request: ViewRequest,
    file: Annotated[
        str | None,
        typer.Argument(
            help="The facts file to check (default: --facts, $GEOPOL_FACTS, else the bundled facts).",
            show_default=False,
        ),
    ] = None,
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
    from geopol_cli.query.validation import validation_report

    out = request.choose()
    chosen = request.session.choose(file, request.facts)
    report = validation_report(chosen.path, chosen.origin, strict)
    return out.of(report, exit_code=ExitCode.OK if report.valid else ExitCode.BAD_FACTS)
