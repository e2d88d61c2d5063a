"""`geopol sources` and `geopol cite`: where the facts come from."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from geopol_cli.query.results import (
    Citation,
    SourceList,
    SourceView,
)
from geopol_cli.render.console import (
    add_column,
    lines,
    link,
    new_table,
    print_table,
    text,
)
from geopol_cli.render.options import ViewOptions


def render_sources(console: Console, result: SourceList, view: ViewOptions) -> None:
    table = new_table()
    add_column(table, "Source", min_width=16, ratio=5)
    add_column(table, "Events", justify="right", width=6)
    add_column(table, "Claims", justify="right", width=6)
    add_column(table, "Dates", justify="right", width=5)
    for row in result.sources:
        title = text(row.title, "bold")
        title.append(text(f" — {row.publisher}" + (f", {row.date}" if row.date else "")))
        relation = f"retells {row.retells}" if row.retells else ""
        if row.retold_by:
            relation += ("; " if relation else "") + "retold by " + ", ".join(row.retold_by)
        body = lines(
            title,
            link(row.url, console) if row.url else None,
            text(f"{row.id}" + (f" · {relation}" if relation else ""), "dim"),
        )
        table.add_row(body, text(str(row.events)), text(str(row.claims)), text(str(row.dates)))
    print_table(console, table)


def _source_lines(label: str, source: SourceView, console: Console) -> list[Text]:
    head = text(f"{label}: ", "bold")
    head.append(text(f"{source.title} — {source.publisher}" + (f", {source.date}" if source.date else "")))
    url = Text("  ").append(link(source.url, console)) if source.url else Text()
    return [head, url, text(f"  id {source.id}", "dim")]


def render_citation(console: Console, citation: Citation, view: ViewOptions) -> None:
    parts: list[Text] = [text(f"{citation.type} {citation.id}", "bold"), text(citation.summary)]
    if citation.date_label:
        when = text("When: ", "bold")
        when.append(text(citation.date_label))
        parts.append(when)
        if citation.date_inferred:
            parts.append(text(f"  ({citation.date_inferred})", "dim"))
    if citation.quote:
        quote = text("Quote: ", "bold")
        quote.append(text(f"“{citation.quote}”", "italic"))
        parts.append(quote)
    excerpt = text("Source's words: ", "bold")
    excerpt.append(text(f"“{citation.excerpt}”", "italic"))
    parts.append(excerpt)
    parts += _source_lines("Source", citation.source, console)
    if citation.retells:
        parts += _source_lines("Which retells", citation.retells, console)
    for source in citation.date_sources:
        parts += _source_lines("Date narrowed by", source, console)
    console.print(lines(*parts), overflow="fold")
