"""`geopol rename KIND OLD NEW`: a record's new id, and every reference to it, across the fact base."""

from __future__ import annotations

from typing import Annotated

import typer

from geopol_cli.cli.complete import complete_any_record
from geopol_cli.cli.options import FactsOption, JsonOption, required_argument
from geopol_cli.cli.output import Output, choose, say_warnings
from geopol_cli.core.vocabulary import EDITABLE_KINDS as KINDS

KindArgument = Annotated[
    str,
    typer.Argument(
        metavar="KIND",
        help=f"The record's kind: {', '.join(KINDS)}.",
        autocompletion=lambda incomplete: [k for k in KINDS if k.startswith(incomplete)],
    ),
]


def kind_checked(kind: str | None, command: str) -> str:
    from geopol_cli.core.errors import UsageProblem
    from geopol_cli.core.vocabulary import describe

    kind = required_argument(kind, "KIND", command)
    if kind not in KINDS:
        raise UsageProblem(f"{kind!r} is not a kind of record; use {describe(tuple(KINDS))}", option="KIND")
    return kind


def rename(
    ctx: typer.Context,
    kind: KindArgument,
    old: Annotated[str, typer.Argument(metavar="OLD", help="Its id now.", autocompletion=complete_any_record)],
    new: Annotated[str, typer.Argument(metavar="NEW", help="Its new id (lowercase words joined by hyphens).")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check, show every record that changes, write nothing.")
    ] = False,
    facts_path: FactsOption = None,
    as_json: JsonOption = False,
) -> Output:
    """Give a record a new id, and change every reference to it, in every file of the fact base.

    The whole base is checked before anything is written; the change is
    journaled (geopol undo takes it back).

    \b
    Examples:
      geopol rename actor kazakhstan kz --facts my-facts.json
      geopol rename event kz-oil-via-caspian-btc kz-oil-caspian --facts my-facts.json --dry-run
    """
    from geopol_cli.cli.context import session
    from geopol_cli.edit.change import rename_record

    kind = kind_checked(kind, "rename")
    old = required_argument(old, "OLD", "rename")
    new = required_argument(new, "NEW", "rename")
    out = choose("ChangeReport", as_json, None)
    chosen = session(ctx).to_write(facts_path, command="rename")
    report = rename_record(chosen.path, kind, old, new, dry_run=dry_run, origin=chosen.origin)
    say_warnings(report.warnings)
    return out.of(report)
