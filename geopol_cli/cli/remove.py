"""`geopol remove KIND ID`: take a record out, if nothing else names it."""

from __future__ import annotations

from typing import Annotated

import typer

from geopol_cli.cli.complete import complete_any_record
from geopol_cli.cli.options import DryRunOption, FactsOption, JsonOption, required_argument
from geopol_cli.cli.output import Output, choose, say_warnings
from geopol_cli.cli.rename import KindArgument, kind_checked


def remove(
    ctx: typer.Context,
    kind: KindArgument,
    record_id: Annotated[
        str, typer.Argument(metavar="ID", help="The record to remove.", autocompletion=complete_any_record)
    ],
    dry_run: DryRunOption = False,
    facts_path: FactsOption = None,
    as_json: JsonOption = False,
) -> Output:
    """Remove a record that no other record names.

    While other records name it (an event's actor, a claim's speaker, a
    citation's source...), nothing is removed: the message lists each of them
    (exit 2). A source's held text stays in texts/ (delete it yourself if you
    want it gone). Journaled: geopol undo puts the record back where it was.

    \b
    Examples:
      geopol remove claim bohr-kz-uz-diversify --facts my-facts.json
      geopol remove event kz-oil-via-caspian-btc --facts my-facts.json --dry-run
      geopol undo --facts my-facts.json
    """
    from geopol_cli.cli.context import session
    from geopol_cli.cli.output import say
    from geopol_cli.edit.change import remove_record

    kind = kind_checked(kind, "remove")
    record_id = required_argument(record_id, "ID", "remove")
    out = choose("ChangeReport", as_json, None)
    chosen = session(ctx).to_write(facts_path, command="remove")
    report = remove_record(chosen.path, kind, record_id, dry_run=dry_run, origin=chosen.origin)
    say_warnings(report.warnings)
    for change in report.changes:
        text = (change.before or {}).get("text")
        if text:
            say(f"geopol: note: the held text {text} stays in the fact base's folder; delete it if it should go too")
    return out.of(report)
