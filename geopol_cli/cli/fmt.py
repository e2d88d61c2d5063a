"""`geopol fmt`: rewrite a fact base in canonical form."""

from __future__ import annotations

from typing import Annotated

import typer

from geopol_cli.cli.options import FactsOption, JsonOption
from geopol_cli.cli.output import Output, choose
from geopol_cli.core.errors import ExitCode


def fmt(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="PATH",
            help="The facts file or folder (default: --facts, $GEOPOL_FACTS, else the bundled facts); - reads "
            "standard input and writes the canonical form to standard output.",
            show_default=False,
        ),
    ] = None,
    facts_path: FactsOption = None,
    check: Annotated[
        bool, typer.Option("--check", help="Change nothing; exit 1 if any file is not in canonical form (for CI).")
    ] = False,
    as_json: JsonOption = False,
) -> Output:
    """Rewrite a fact base in canonical form.

    The canonical form is what `geopol add` writes: the format's own key
    order, two-space indent, UTF-8, one trailing newline, and no key whose
    value is its default (an empty list, a null, a false), with the five
    lists always present. Formatting twice changes nothing, so a
    version-control diff shows only real changes. A version-1 file is written
    as version 2. A fact base with problems is refused (exit 3) and nothing
    is written; each file is replaced in one atomic step.

    One line per file on stdout: reformatted, would be reformatted (--check),
    or already in canonical form. Exits 1 with --check when a file would
    change.

    \b
    Examples:
      geopol fmt my-facts.json
      geopol fmt my-facts/ --check
      geopol fmt - < draft.json > my-facts.json
    """

    from geopol_cli.cli.context import session
    from geopol_cli.core.errors import UsageProblem
    from geopol_cli.edit.fmt import format_fact_base

    out = choose("FormatReport", as_json, None)
    run = session(ctx)
    chosen = run.choose(path, facts_path)
    if chosen.bundled and not check:
        # Rewriting the bundled facts would change the installation itself.
        raise UsageProblem("give the fact base to format (a file or folder, or - for standard input)", option="PATH")
    report = format_fact_base(chosen.path, check, chosen.origin)
    would_change = check and any(f.changed for f in report.files)
    return out.of(report, exit_code=ExitCode.WOULD_CHANGE if would_change else ExitCode.OK)
