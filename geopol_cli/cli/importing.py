"""`geopol import FILE`: events from a table, checked together, added in one journaled write."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from geopol_cli.cli.options import DryRunOption, FactsOption, JsonOption, required_argument
from geopol_cli.cli.output import Output, choose
from geopol_cli.core.errors import UsageProblem


def import_table(
    ctx: typer.Context,
    table: Annotated[Path, typer.Argument(metavar="FILE", help="A CSV, TSV, JSON Lines or JSON array of rows.")],
    read_as: Annotated[
        str | None,
        typer.Option(
            "--read-as",
            metavar="FORMAT",
            help="The table's format: csv, tsv, jsonl or json (default: from its name's ending; csv for any other).",
        ),
    ] = None,
    maps: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="FIELD=COLUMN",
            help="Read FIELD from COLUMN (repeatable): date, actors, targets, kind, direction, summary, source, "
            "excerpt, account, id, ... Columns named like a field are found by themselves.",
        ),
    ] = None,
    map_file: Annotated[
        Path | None,
        typer.Option(
            "--map-file",
            metavar="FILE",
            help='Mappings kept in a file: a JSON object {"date": "When"} or lines date=When (--map adds to it).',
        ),
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", metavar="ID", help="The source of every row that names none.")
    ] = None,
    direction: Annotated[
        str | None,
        typer.Option(
            "--direction",
            metavar="DIRECTION",
            help="The direction of every row that gives none (a fact base with a focus needs one for each event).",
        ),
    ] = None,
    dry_run: DryRunOption = False,
    facts_path: FactsOption = None,
    as_json: JsonOption = False,
) -> Output:
    """Add the events of a table: a spreadsheet of your own, an ACLED export, or geopol's own JSON.

    Each row is an event. Columns are matched to its fields by name (case and
    spaces ignored; --map for the rest); actors by id, name, ISO code or
    alias; dates ISO or in the source's words. Every bad row is reported with
    its line and column and nothing is written (exit 2); rows whose event is
    already in the base (same id, or same start, actors and summary) are
    skipped and counted. The rest is added in one write: geopol undo takes
    the whole import back. An ACLED export is read by its codebook's columns:
    its actors become the base's (or new ones), its notes the summary and
    ACLED's account, its time_precision the date's precision.

    \b
    Examples:
      geopol timeline --json > events.json
      geopol import events.json --facts my-facts.json --dry-run
      geopol import sheet.tsv --facts my-facts.json --source russiavsworld-2023 --map date=When --map actors=Who \\
        --map summary=What --map account=Said --dry-run
    """
    from geopol_cli.cli.context import session
    from geopol_cli.edit.importer import import_events
    from geopol_cli.query.results import ImportReport

    table = Path(required_argument(str(table) if table else None, "FILE", "import"))
    out = choose("ImportReport", as_json, None)
    from geopol_cli.edit.importer import read_map_file

    given = read_map_file(map_file) if map_file is not None else {}
    for item in maps or []:
        name, sep, column = item.partition("=")
        if not sep or not name.strip() or not column.strip():
            raise UsageProblem(f"--map {item!r}: give FIELD=COLUMN, as --map date=When", option="--map")
        given[name.strip()] = column.strip()
    chosen = session(ctx).to_write(facts_path, command="import")
    imported, _ = import_events(
        chosen.path,
        table,
        fmt=read_as,
        given_map=given,
        default_source=source,
        default_direction=direction,
        dry_run=dry_run,
        origin=chosen.origin,
        ask_column=_ask_column if _interactive() else None,
    )
    report = ImportReport(
        file=str(chosen.path), added=[e["id"] for e in imported.events], skipped=imported.skipped, written=not dry_run
    )
    return out.of(report)


def _interactive() -> bool:
    from geopol_cli.cli.prompts import interactive

    return interactive()


def _ask_column(field: str, columns: list[str]) -> str | None:
    """Which column holds ``field``: one of the columns no name matched, or Enter for none."""
    from geopol_cli.cli.prompts import ask

    if not columns:
        return None
    return ask(
        f"Which column holds the {field.replace('_', ' ')}? ({', '.join(columns)})",
        required=False,
        check=lambda answer: None if answer in columns else f"one of: {', '.join(columns)}",
        candidates=columns,
        empty="Enter: none",
    )
