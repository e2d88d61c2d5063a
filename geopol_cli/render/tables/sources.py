"""`geopol sources` and `geopol cite`: where the facts come from."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from geopol_cli.query.results import (
    Citation,
    CitedSource,
    DisputeList,
    DisputeView,
    SourceList,
    SourceView,
)
from geopol_cli.render.console import (
    add_column,
    lines,
    link,
    new_table,
    print_lines,
    print_table,
    text,
)
from geopol_cli.render.options import ViewOptions
from geopol_cli.render.words import quoted


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


def _source_lines(label: str, source: SourceView, console: Console, level: int = 0) -> list[Text]:
    """A source's title, its URL and its id, the last two one level under the title (``level`` deep)."""
    head = text(f"{' ' * level}{label}: ", "bold")
    head.append(text(f"{source.title} — {source.publisher}" + (f", {source.date}" if source.date else "")))
    under = " " * (level + 2)
    url = Text(under).append(link(source.url, console)) if source.url else Text()
    return [head, url, text(f"{under}id {source.id}", "dim")]


def _cited_lines(number: int, total: int, cited: CitedSource, console: Console) -> list[Text]:
    label = "Source" if total == 1 else f"Source {number} of {total}" + (" (primary)" if number == 1 else "")
    parts = _source_lines(label, cited.source, console)
    if cited.retells:
        parts += _source_lines("which retells", cited.retells, console, level=2)
    if cited.date is not None:
        when = text("  Its date: ", "bold")
        when.append(text(cited.date.label + (f" ({quoted(cited.date.text)})" if cited.date.text else "")))
        parts.append(when)
        if cited.date.inferred:
            parts.append(text(f"    ({cited.date.inferred})", "dim"))
    if cited.act:
        act = text("  Its act: ", "bold")
        act.append(text(cited.act))
        parts.append(act)
    if cited.quote:
        quote = text("  Quote: ", "bold")
        quote.append(text(quoted(cited.quote), "italic"))
        parts.append(quote)
    if cited.excerpt is not None:
        words = text("  Its words: ", "bold")
        words.append(text(quoted(cited.excerpt), "italic"))
        if cited.found is not None:
            words.append(
                text(
                    " ✓ found in its text" if cited.found else " ✗ not found in its text",
                    "green" if cited.found else "red",
                )
            )
        parts.append(words)
        if cited.before or cited.after:
            around = text("  In context: ", "bold")
            around.append(text(f"{cited.before} " if cited.before else "", "dim"))
            around.append(text(f"[{cited.excerpt}]", "italic"))
            joint = "" if cited.after and cited.after[0] in ".,;:!?…" else " "
            around.append(text(f"{joint}{cited.after}" if cited.after else "", "dim"))
            parts.append(around)
    if cited.account is not None:
        says = text("  What it says (paraphrased): ", "bold")
        says.append(text(cited.account))
        parts.append(says)
    if cited.note:
        parts.append(text(f"  Note: {cited.note}", "dim"))
    return parts


def dispute_lines(disputes: list[DisputeView]) -> list[Text]:
    parts: list[Text] = []
    for dispute in disputes:
        head = text(f"⚑ Disputed ({dispute.point}): ", "bold yellow")
        head.append(text(", ".join(dispute.sources)))
        parts.append(head)
        if dispute.follows:
            parts.append(text(f"  The record follows {dispute.follows}.", "yellow"))
        parts.append(text(f"  {dispute.why}"))
    return parts


def render_citation(console: Console, citation: Citation, view: ViewOptions) -> None:
    head = text(f"{citation.type} {citation.id}", "bold")
    if citation.verified:
        head.append(text("  ✓ verified: every citation found word for word in its source's text", "green"))
    parts: list[Text] = [head, text(citation.summary)]
    if citation.date_label:
        when = text("When: ", "bold")
        when.append(text(citation.date_label))
        parts.append(when)
        if citation.date_inferred:
            parts.append(text(f"  ({citation.date_inferred})", "dim"))
        if citation.date_bound is not None:
            parts.append(text(f"  {citation.date_bound.label}", "dim"))
    for source in citation.date_sources:
        parts += _source_lines("Date from", source, console)
    parts += dispute_lines(citation.disputes)
    total = len(citation.citations)
    for number, cited in enumerate(citation.citations, start=1):
        parts += _cited_lines(number, total, cited, console)
    print_lines(console, parts)


def render_disputes(console: Console, result: DisputeList, view: ViewOptions) -> None:
    table = new_table()
    add_column(table, "Record", min_width=14, ratio=3)
    add_column(table, "Point", width=7)
    add_column(table, "What each source says", min_width=20, ratio=5)
    add_column(table, "The record follows", min_width=16, ratio=4)
    previous = None
    for row in result.disputes:
        # A record with several disputes is described once, at its first.
        first = row.id != previous
        previous = row.id
        record = lines(
            text(row.summary) if first else None,
            text(row.date_label, "dim") if row.date_label and first else None,
            text(f"{row.type} {row.id}", "dim"),
        )
        says: list[Text] = []
        for cited in row.citations:
            line = text(f"{cited.source}: ", "bold")
            what = cited.account if cited.account is not None else quoted(cited.excerpt or "")
            if cited.date is not None:
                what += f" [{cited.date.label}]"
            if cited.act:
                what += f" [act: {cited.act}]"
            line.append(text(what))
            says.append(line)
        follows = lines(text(row.follows or "no source over the others", "bold"), text(row.why))
        table.add_row(record, text(row.point, "yellow"), lines(*says), follows)
    print_table(console, table)
