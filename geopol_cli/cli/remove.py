"""`geopol remove KIND ID`: take a record out, if nothing else names it."""

from __future__ import annotations

from pathlib import Path
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
    with_text: Annotated[
        bool, typer.Option("--with-text", help="For a source: delete its held text too (asked on a terminal).")
    ] = False,
    dry_run: DryRunOption = False,
    facts_path: FactsOption = None,
    as_json: JsonOption = False,
) -> Output:
    """Remove a record that no other record names.

    While other records name it (an event's actor, a claim's speaker, a
    citation's source...), nothing is removed: the message lists each of them
    (exit 2). A source's held text is asked about separately on a terminal
    (--with-text deletes it), and kept while another source holds it.
    Journaled: geopol undo puts the record back where it was.

    \b
    Examples:
      geopol remove claim bohr-kz-uz-diversify --facts my-facts.json
      geopol remove event kz-oil-via-caspian-btc --facts my-facts.json --dry-run
      geopol undo --facts my-facts.json
    """
    from geopol_cli.cli.context import session
    from geopol_cli.edit.change import remove_record

    kind = kind_checked(kind, "remove")
    record_id = required_argument(record_id, "ID", "remove")
    out = choose("ChangeReport", as_json, None)
    chosen = session(ctx).to_write(facts_path, command="remove")
    report = remove_record(chosen.path, kind, record_id, dry_run=dry_run, origin=chosen.origin)
    say_warnings(report.warnings)
    for change in report.changes:
        held = (change.before or {}).get("text")
        if held and not dry_run:
            _held_text(chosen.path, str(held), with_text)
    return out.of(report)


def _held_text(base: Path, relative: str, with_text: bool) -> None:
    """A removed source's held text: deleted with --with-text or when a person says so, else kept and said."""
    from geopol_cli.cli.output import say
    from geopol_cli.cli.prompts import confirm, interactive
    from geopol_cli.facts.texts import TextRefused, resolve_held
    from geopol_cli.facts.write import facts_folder

    try:
        path = resolve_held(facts_folder(base), relative)
    except TextRefused:
        return  # a text outside the base is not geopol's to delete (the loader refused it already)
    if not path.is_file():
        return
    from geopol_cli.edit.change import read_workspace

    others = [at.record["id"] for at in read_workspace(base, None).records() if at.record.get("text") == relative]
    if others:
        say(f"geopol: note: the held text {relative} stays: {', '.join(others)} hold it too")
        return
    if with_text or (interactive() and confirm(f"Delete its held text {relative} too?", default=False)):
        path.unlink()
        say(f"geopol: deleted the held text {relative}")
    else:
        say(f"geopol: note: the held text {relative} stays in the fact base's folder (--with-text deletes it)")
