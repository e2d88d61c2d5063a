"""Tables of events, claims and sources, shared by the timeline, profiles and people; and the timeline itself."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from geopol_cli.core.words import plural
from geopol_cli.query.results import (
    ActorRef,
    CitationView,
    ClaimView,
    DisputeView,
    SourceView,
    StakeView,
    Timeline,
    TimelineEntry,
)
from geopol_cli.render.console import (
    DIRECTION_STYLE,
    add_column,
    lines,
    link,
    new_table,
    text,
)
from geopol_cli.render.lines import Cell, LineTable, Paragraph
from geopol_cli.render.options import ViewOptions
from geopol_cli.render.safe import visible
from geopol_cli.render.words import quoted


def names(actors: Iterable[ActorRef]) -> str:
    return ", ".join(a.name for a in actors)


def when_cell(entry: TimelineEntry) -> Cell:
    cell: Cell = [[(visible(entry.date_label), "")]]
    if entry.date_text:
        cell.append([(visible(quoted(entry.date_text)), "dim")])
    if entry.date_bound is not None:
        cell.append([(visible(f"not before {entry.date_bound.earliest}"), "dim")])
    return cell


def who_cell(entry: TimelineEntry) -> Cell:
    paragraph: Paragraph = [(visible(names(entry.actors)), "bold")]
    if entry.targets:
        paragraph.append((visible(f" → {names(entry.targets)}"), ""))
    return [paragraph]


def what_cell(kind: str, direction: str | None) -> Cell:
    if direction is None:  # a fact base without a focus need not give directions
        return [[(visible(kind), "")]]
    return [[(visible(kind), "")], [(visible(direction), DIRECTION_STYLE.get(direction, ""))]]


def stake_lines(label: str, stakes: Sequence[StakeView], style: str) -> list[Text]:
    return [as_text(p) for p in _stake_paragraphs(label, stakes, style)]


def _basis(stake: StakeView) -> str:
    # A counterpart stake is inferred from the move; a reader must never take it for a source's word.
    return stake.label


def _stake_paragraphs(label: str, stakes: Sequence[StakeView], style: str) -> list[Paragraph]:
    return [[(visible(f"{label} {stake.name}: {stake.what} ({_basis(stake)})"), style)] for stake in stakes]


def citation_lines(citations: Sequence[CitationView]) -> list[Text]:
    return [as_text(p) for p in _citation_paragraphs(citations)]


def _citation_paragraphs(citations: Sequence[CitationView]) -> list[Paragraph]:
    """Each citation: the source's own words where held, else what it says in the fact base's words."""
    out: list[Paragraph] = []
    for citation in citations:
        if citation.excerpt is not None:
            out.append([(visible(f"{quoted(citation.excerpt)} [{citation.source}]"), "italic")])
        elif citation.account is not None:
            out.append([(visible(f"{citation.account} [{citation.source}]"), "dim italic")])
    return out


def provenance(count: int, disputes: Sequence[DisputeView], verified: bool = False) -> str:
    """' · ✓ verified · 2 sources · ⚑ disputed: act': what a record rests on, and whether its sources disagree."""
    out = " · ✓ verified" if verified else ""
    out += f" · {plural(count, 'source')}" if count > 1 else ""
    if disputes:
        out += " · ⚑ disputed: " + ", ".join(dict.fromkeys(d.point for d in disputes))
    return out


def event_cell(entry: TimelineEntry, excerpts: bool) -> Cell:
    refs = entry.id
    if entry.answers:
        refs += " · answers " + ", ".join(entry.answers)
    if entry.follows:
        refs += " · after " + ", ".join(entry.follows)
    cell: Cell = [[(visible(entry.summary), "")]]
    cell += _stake_paragraphs("+", entry.beneficiaries, "green")
    cell += _stake_paragraphs("−", entry.losers, "red")
    cell.append([(visible(refs), "dim")])
    marks = provenance(entry.sources_count, entry.disputes, entry.verified).removeprefix(" · ")
    if marks:
        cell.append([(visible(marks), "yellow" if entry.disputes else "dim")])
    if excerpts:
        cell += _citation_paragraphs(entry.citations)
    return [p for p in cell if any(t for t, _ in p)]


def as_text(paragraph: Paragraph) -> Text:
    """One paragraph as a rich Text (its strings are already made visible)."""
    out = Text()
    for value, style in paragraph:
        out.append(value, style=style)
    return out


def cell_text(cell: Cell) -> Text:
    return Text("\n").join(as_text(p) for p in cell)


HEADERS = ("When", "Who", "What", "Event")


def event_widths(width: int) -> tuple[int, int, int, int]:
    """The event columns' widths for a console ``width`` wide.

    Worked out here rather than by rich's ratios (which ignore min_width), so
    that the narrow columns keep a readable minimum, the per-group sections of
    a timeline line up under one another, and the timeline's line-by-line
    layout and the profiles' rich tables use the same columns.
    """
    room = width - 3 * 2 - 4
    when, who = max(12, room * 2 // 13), max(10, room * 3 // 13)
    return when, who, 10, max(16, room - when - who - 10)


def events_table(
    entries: Sequence[TimelineEntry], excerpts: bool, title: str | None, width: int, header: bool = True
) -> Table:
    table = new_table(title, show_header=header)
    for name, size in zip(HEADERS, event_widths(width), strict=True):
        add_column(table, name, width=size)
    for entry in entries:
        table.add_row(
            cell_text(when_cell(entry)),
            cell_text(who_cell(entry)),
            cell_text(what_cell(entry.kind, entry.direction)),
            cell_text(event_cell(entry, excerpts)),
        )
    return table


# Rows laid out before each write: small enough that the first rows show at
# once and memory stays flat, large enough that writes are few.
CHUNK_ROWS = 200


def render_timeline(console: Console, timeline: Timeline, view: ViewOptions) -> None:
    """One headed section per group (a month, a year, or a longer span), in the query's order, written as it goes."""
    table = LineTable(console, HEADERS, event_widths(console.width))
    pending: list[str] = table.header_lines() if table.fits() else []
    group = None
    for rows, entry in enumerate(timeline.events, start=1):
        if entry.group != group:
            group = entry.group
            pending += table.heading_lines(visible(group))
        cells = (
            when_cell(entry),
            who_cell(entry),
            what_cell(entry.kind, entry.direction),
            event_cell(entry, view.excerpts),
        )
        pending += table.row_lines(cells)
        if rows % CHUNK_ROWS == 0:
            table.write(pending)
            pending = []
    count = len(timeline.events)
    pending.append(table.paint([(plural(count, "event"), "dim")]))
    table.write(pending)


def claims_table(claims: Sequence[ClaimView], excerpts: bool, speaker: bool = True) -> Table:
    """The claims, with who made each (``speaker``), or without, where the view is one person's own."""
    table = new_table("Claims")
    if speaker:
        add_column(table, "Who", min_width=10, ratio=2)
    add_column(table, "Stance", min_width=8, max_width=12)
    add_column(table, "Claim", min_width=16, ratio=5)
    for claim in claims:
        role = claim.by_role if not claim.attributed_to else f"as reported by {claim.by_name}"
        marks = provenance(claim.sources_count, claim.disputes, claim.verified)
        who = lines(text(claim.attributed_to or claim.by_name, "bold"), text(role, "dim"))
        body = lines(
            text(claim.summary),
            text(f"said by {claim.attributed_to}, as this person reports it", "dim")
            if claim.attributed_to and not speaker
            else None,
            text(quoted(claim.quote), "italic") if claim.quote else None,
            text(claim.context, "dim"),
            *stake_lines("+", claim.beneficiaries, "green"),
            *stake_lines("−", claim.losers, "red"),
            text(f"{claim.id} · about {names(claim.about)}" + marks, "dim"),
            *(citation_lines(claim.citations) if excerpts else ()),
        )
        table.add_row(*((who,) if speaker else ()), text(claim.stance), body)
    return table


def source_list(sources: Sequence[SourceView], console: Console) -> list[Text]:
    """The sources as a list, not a table: each id and title, and under it its URL on a line of its own,
    whole, which no table column could hold without breaking it."""
    parts = [text("Sources", "bold")]
    for source in sources:
        title = text(f"{source.id}  ", "bold")
        title.append(text(f"{source.title} — {source.publisher}" + (f", {source.date}" if source.date else "")))
        if source.retells:
            title.append(text(f" (retells {source.retells})", "dim"))
        parts.append(title)
        if source.url:
            parts.append(Text("  ").append(link(source.url, console)))
    return parts
