"""`geopol add citation` and `geopol add dispute`: a second source for a record, and where sources disagree."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from geopol_cli.cli.add.form import (
    Asker,
    WriteRequest,
    citation_of,
    date_of,
    finish_part,
    write_options,
)
from geopol_cli.cli.complete import complete_record
from geopol_cli.cli.options import required_argument
from geopol_cli.cli.output import Output
from geopol_cli.core.vocabulary import (
    DISPUTE_POINTS,
    describe,
)

RecordArgument = Annotated[
    str, typer.Argument(metavar="ID", autocompletion=complete_record, help="The event or claim to add to.")
]


@write_options(new_record=False, cited=True)
def add_citation(
    ctx: typer.Context,
    request: WriteRequest,
    record: RecordArgument,
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="DATE", help="The date as this source gives it, in its words or ISO."),
    ] = None,
    act: Annotated[
        str | None, typer.Option("--act", metavar="TEXT", help="The act as this source names it ('initialled').")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="Anything a reader should know.")] = None,
) -> Output:
    """Add another source to an event or claim: what it says, and the date and act it gives.

    A second source corroborates the record, or disagrees with it: where the
    dates cannot both hold or the acts differ, geopol validate warns until a
    dispute says which reading the record follows (geopol add dispute).

    \b
    Examples:
      geopol --facts my-facts.json add citation uz-eu-partnership-agreement --source eeas-2022-07-06 \\
        --account "The chief negotiators initialled the agreement in Brussels." --date 2022-07-06 \\
        --act initialled --no-input --dry-run
    """
    record = required_argument(record, "ID", "add citation")
    asker = Asker(ctx, "citation", request, complete=request.cited)
    asker.record_exists(record)  # before any question: a misspelt id loses no answers
    _, citation = citation_of(asker, request)
    when = date_of(asker, date, citation.get("source"), required=False) if date or asker.asking else None
    citation.update({k: v for k, v in {"date": when, "act": act, "note": note}.items() if v})
    asker.done()
    return finish_part(ctx, asker, record, "citation", citation)


@write_options(new_record=False)
def add_dispute(
    ctx: typer.Context,
    request: WriteRequest,
    record: RecordArgument,
    point: Annotated[
        str | None,
        typer.Option("--point", metavar="POINT", help="What is disputed: " + describe(DISPUTE_POINTS) + "."),
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option("--source", metavar="ID", help="A cited source whose account disagrees (repeatable)."),
    ] = None,
    follows: Annotated[
        str | None, typer.Option("--follows", metavar="ID", help="The source whose reading the record follows.")
    ] = None,
    why: Annotated[
        str | None, typer.Option("--why", metavar="TEXT", help="What each source says, and why the record reads it so.")
    ] = None,
) -> Output:
    """Record that the sources of an event or claim disagree, and which reading it follows.

    \b
    Examples:
      geopol --facts my-facts.json add dispute kz-oil-via-caspian-btc --point account \\
        --source russiavsworld-2023 --source kazinform-2022-11-07 \\
        --follows kazinform-2022-11-07 --why "Kazinform gives the figure as a target." --no-input --dry-run
    """
    record = required_argument(record, "ID", "add dispute")
    asker = Asker(ctx, "dispute", request, complete=bool(point and source and why))
    asker.record_exists(record)  # before any question: a misspelt id loses no answers
    fields: dict[str, Any] = {
        "point": asker.value(
            "--point", point, f"What is disputed ({describe(DISPUTE_POINTS)})", required=True,
            candidates=DISPUTE_POINTS,
        ),
        "sources": asker.values(
            "--source", source, "The sources that disagree (ids)", required=True, name="source",
            candidates=asker.ids("source"),
        ),
        "follows": asker.value(
            "--follows", follows, "The source the record follows (id)", required=False, name="source",
            candidates=asker.ids("source"),
        ),
        "why": asker.value("--why", why, "What each says, and why the record reads it so", required=True),
    }  # fmt: skip
    asker.done()
    return finish_part(ctx, asker, record, "dispute", fields)
