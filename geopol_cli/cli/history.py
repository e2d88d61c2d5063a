"""`geopol log` and `geopol undo`: the journal of a fact base's changes, and taking them back."""

from __future__ import annotations

from typing import Annotated

import typer

from geopol_cli.cli.options import FactsOption, JsonOption
from geopol_cli.cli.output import Output, ViewRequest, choose, say_warnings, view_options


@view_options("ChangeLog", lists=True)
def log(ctx: typer.Context, request: ViewRequest) -> Output:
    """The changes geopol made to the fact base, most recent first.

    Every add, edit, rename, remove, fmt and undo is recorded in the fact
    base's .geopol/ folder with the time, the command line and each record
    before and after. The number in the first column is what geopol undo N
    takes back (1 is the most recent).

    \b
    Examples:
      geopol log --facts my-facts.json
      geopol log --facts my-facts.json --limit 5
      geopol log --facts my-facts.json --json | jq '.[0].records'
    """
    from geopol_cli.facts import journal
    from geopol_cli.query.results import ChangeLog, LogEntry

    out = request.choose()
    chosen = request.session.choose(request.facts)
    entries = journal.read(chosen.path)
    rows = [
        LogEntry(
            number=number,
            time=entry.time,
            action=entry.action,
            summary=entry.summary,
            command=entry.command,
            records=list(dict.fromkeys(_named(c.section, c.id) for c in entry.changes)),
            files=[f.file for f in entry.files],
        )
        for number, entry in enumerate(reversed(entries), start=1)
    ]
    return out.of(ChangeLog(entries=rows))


def _named(section: str, record_id: str) -> str:
    from geopol_cli.edit.change import kind_of_section

    return "focus" if section == "focus" else f"{kind_of_section(section)} {record_id}"


def undo(
    ctx: typer.Context,
    count: Annotated[int, typer.Argument(metavar="N", help="How many of the last changes to take back (1 to N).")] = 1,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check, show what would change back, write nothing.")
    ] = False,
    facts_path: FactsOption = None,
    as_json: JsonOption = False,
) -> Output:
    """Take back the last N changes geopol made (see geopol log), newest first.

    The undo is itself a change, recorded in the journal: geopol undo again
    takes it back. A file changed by hand since geopol last wrote it is never
    overwritten: undo then refuses and changes nothing (exit 2).

    \b
    Examples:
      geopol undo --facts my-facts.json
      geopol undo 3 --facts my-facts.json --dry-run
    """
    from geopol_cli.cli.context import session
    from geopol_cli.core.errors import UsageProblem
    from geopol_cli.edit.change import undo as undo_changes

    if count < 1:
        raise UsageProblem(f"{count} is not a number of changes: give 1 or more", option="N")
    out = choose("ChangeReport", as_json, None)
    chosen = session(ctx).to_write(facts_path, command="undo")
    report = undo_changes(chosen.path, count, dry_run=dry_run, origin=chosen.origin)
    say_warnings(report.warnings)
    return out.of(report)
