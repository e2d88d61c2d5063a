"""`geopol sources` and `geopol cite ID`: where the facts come from, and how to check one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from geopol_cli.cli.common import FactsOption, FormatOption, JsonOption, not_found, open_facts, output_format, show
from geopol_cli.cli.complete import complete_record

if TYPE_CHECKING:
    from rich.console import Console


def sources(
    ctx: typer.Context, facts_path: FactsOption = None, as_json: JsonOption = False, fmt: FormatOption = None
) -> None:
    """The sources, and how many facts rest on each.

    For each source: the events and claims whose excerpt comes from it, the
    event dates it narrows, and the report it retells (or is retold by).

    \b
    Examples:
      geopol sources
      geopol sources --format csv > sources.csv
    """
    from geopol_cli.query.sources import list_sources

    output = output_format(as_json, fmt)
    rows = list_sources(open_facts(ctx, facts_path))

    def table(console: Console) -> None:
        from geopol_cli.render.table import render_sources

        render_sources(console, rows)

    def flat() -> list[dict[str, object]]:
        from geopol_cli.render.flat import sources_rows

        return sources_rows(rows)

    show(rows, output, table, flat)


def cite(
    ctx: typer.Context,
    record_id: Annotated[
        str, typer.Argument(metavar="ID", autocompletion=complete_record, help="The id of an event or a claim.")
    ],
    facts_path: FactsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one event or claim with its source's words and full source.

    The way to check a fact: its summary, the excerpt of the source that
    supports it, the speaker's quote, how its date was inferred, and the full
    source (title, publisher, date, url, and the report it retells). An
    unknown ID exits 1 with the closest ids.

    \b
    Examples:
      geopol cite ankara-benefited-most
      geopol cite ru-blocks-kz-oil-novorossiysk --json | jq .source
    """
    from geopol_cli.query.resolve import NotFound
    from geopol_cli.query.sources import cite as cite_record

    facts = open_facts(ctx, facts_path)
    try:
        citation = cite_record(facts, record_id)
    except NotFound as missing:
        raise not_found(f"no event or claim has the id {record_id!r}", missing.suggestions) from None

    def table(console: Console) -> None:
        from geopol_cli.render.table import render_citation

        render_citation(console, citation)

    show(citation, as_json, table)
