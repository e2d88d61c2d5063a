"""`geopol add source`: a publication, its text held, or many from a reference manager."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from geopol_cli.cli.add.form import (
    Asker,
    WriteRequest,
    finish,
    publication,
    record_id_of,
    write_options,
)
from geopol_cli.cli.output import Output, choose
from geopol_cli.cli.prompts import ask


@write_options()
def add_source(
    ctx: typer.Context,
    request: WriteRequest,
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT", help="Its title.")] = None,
    publisher: Annotated[str | None, typer.Option("--publisher", metavar="TEXT", help="Who published it.")] = None,
    url: Annotated[str | None, typer.Option("--url", metavar="URL", help="Where it can be read.")] = None,
    date: Annotated[
        str | None, typer.Option("--date", metavar="DATE", help="When it was published: 2023, 2023-01 or 2023-01-31.")
    ] = None,
    language: Annotated[
        str | None, typer.Option("--language", metavar="CODE", help="Its language (en, ru, ...).")
    ] = None,
    retells: Annotated[
        str | None, typer.Option("--retells", metavar="ID", help="The id of a source it retells.")
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="Anything a reader should know about it.")
    ] = None,
    text: Annotated[
        Path | None,
        typer.Option(
            "--text",
            metavar="FILE",
            help="Its text (UTF-8 plain text or Markdown): copied into the fact base's texts/ folder with its "
            "SHA-256, so that geopol validate checks every excerpt of it word for word.",
        ),
    ] = None,
    from_csl: Annotated[
        Path | None,
        typer.Option(
            "--from-csl",
            metavar="FILE",
            help="Take the source(s) from a CSL-JSON export (Zotero, Mendeley, pandoc): every reference in it.",
        ),
    ] = None,
) -> Output:
    """Add a source: a publication that facts rest on.

    With --text, its text is kept in the fact base, and every excerpt that
    cites it is checked against it by geopol validate; geopol add event
    then offers its sentences to pick an excerpt from. With --from-csl, the
    references of a CSL-JSON file are added, one source each.

    \b
    Examples:
      geopol --facts my-facts.json add source --title "Russian court lifts suspension" \\
        --publisher "The Astana Times" --date 2022-07-11 --no-input
      geopol --facts my-facts.json add source --title "A report" --publisher Press \\
        --date 2023-01-31 --text report.txt --no-input --dry-run
    """
    if from_csl is not None:
        return add_from_csl(ctx, from_csl, request)
    asker = Asker(ctx, "source", request, complete=bool(title and publisher))
    fields: dict[str, Any] = {
        "title": asker.value("--title", title, "Title", required=True),
        "publisher": asker.value("--publisher", publisher, "Publisher", required=True),
        "date": publication(
            # Not behind "add now, or more fields?": the source's date is what its events' dates in words count from.
            asker.value(
                "--date", date, "Published on (2023-01-31, October 2022; Enter if none)", required=False, gated=False
            )
        ),
        "url": asker.value("--url", url, "Address (url)", required=False),
        "language": asker.value("--language", language, "Language (en, ru, ...)", required=False),
        "retells": asker.value(
            "--retells", retells, "Id of a source it retells", required=False, candidates=asker.ids("source")
        ),
        "note": asker.value("--note", note, "A note for readers", required=False),
    }
    if text is None and asker.asking:
        answer = ask(
            "Its text, a UTF-8 file to keep and check excerpts against",
            required=False,
            check=lambda p: None if Path(p).expanduser().is_file() else f"{p} is not a file",
        )
        text = Path(answer).expanduser() if answer else None
    asker.done()
    fields = {"id": record_id_of(asker, request.record_id, fields), **fields}
    return finish(ctx, asker, fields, text_file=text)


def add_from_csl(ctx: typer.Context, path: Path, request: WriteRequest) -> Output:
    """Every reference of a CSL-JSON export, as sources, in one write."""
    from geopol_cli.cli.context import session
    from geopol_cli.edit.add import add_records
    from geopol_cli.edit.csl import sources_from_csl
    from geopol_cli.query.results import AddedReports

    run = session(ctx)
    chosen = run.to_write(request.facts, command="add")
    records = sources_from_csl(path, run.load(request.facts, viewing=False))
    # All the references in one write: every one of them lands, or (a problem) none does.
    reports = add_records(
        chosen.path, "source", records, dry_run=request.dry_run, into=request.into, origin=chosen.origin
    )
    return choose("AddedReports", request.as_json, None).of(AddedReports(added=reports))
