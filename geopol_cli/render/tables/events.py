"""Tables of events, claims and sources, shared by the timeline, profiles and people; and the timeline itself."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Console
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from geopol_cli.query.results import (
    ActorRef,
    ClaimView,
    SourceView,
    StakeView,
    Timeline,
    TimelineEntry,
)
from geopol_cli.render.console import (
    DIRECTION_STYLE,
    add_column,
    lines,
    minimum_width,
    new_table,
    print_table,
    text,
)
from geopol_cli.render.options import ViewOptions


def names(actors: Iterable[ActorRef]) -> str:
    return ", ".join(a.name for a in actors)


def _when(entry: TimelineEntry) -> Text:
    return lines(text(entry.date_label), text(f"“{entry.date_text}”", "dim") if entry.date_text else None)


def _who(entry: TimelineEntry) -> Text:
    out = text(names(entry.actors), "bold")
    if entry.targets:
        out.append(text(f" → {names(entry.targets)}"))
    return out


def _what(kind: str, direction: str) -> Text:
    return lines(text(kind), text(direction, DIRECTION_STYLE.get(direction, "")))


def stake_lines(label: str, stakes: Sequence[StakeView], style: str) -> list[Text]:
    return [text(f"{label} {stake.name}: {stake.what} ({stake.basis})", style) for stake in stakes]


def excerpt_line(excerpt: str, source: str) -> Text:
    return text(f"“{excerpt}” [{source}]", "italic")


def _event_body(entry: TimelineEntry, excerpts: bool) -> Text:
    refs = entry.id
    if entry.answers:
        refs += " · answers " + ", ".join(entry.answers)
    if entry.follows:
        refs += " · after " + ", ".join(entry.follows)
    return lines(
        text(entry.summary),
        *stake_lines("+", entry.beneficiaries, "green"),
        *stake_lines("−", entry.losers, "red"),
        text(refs, "dim"),
        excerpt_line(entry.excerpt, entry.source) if excerpts else None,
    )


def events_table(
    entries: Sequence[TimelineEntry], excerpts: bool, title: str | None, width: int, header: bool = True
) -> Table:
    # Widths are worked out here rather than by rich's ratios (which ignore
    # min_width), so that the narrow columns keep a readable minimum and the
    # per-group tables of a timeline line up under one another.
    room = width - 4 * 3 - 10
    when, who = max(12, room * 2 // 13), max(10, room * 3 // 13)
    table = new_table(title, show_header=header)
    add_column(table, "When", width=when)
    add_column(table, "Who", width=who)
    add_column(table, "What", width=10)
    add_column(table, "Event", width=max(16, room - when - who))
    for entry in entries:
        table.add_row(_when(entry), _who(entry), _what(entry.kind, entry.direction), _event_body(entry, excerpts))
    return table


def render_timeline(console: Console, timeline: Timeline, view: ViewOptions) -> None:
    """One headed section per group (a month, a year, or a longer span), in the query's order."""
    groups: list[tuple[str, list[TimelineEntry]]] = []
    for entry in timeline.events:
        if not groups or groups[-1][0] != entry.group:
            groups.append((entry.group, []))
        groups[-1][1].append(entry)
    excerpts = view.excerpts
    headings = events_table([], excerpts, None, console.width)
    if minimum_width(headings) <= console.width:
        console.print(headings)  # the column headings, once
    for group, entries in groups:
        if len(group) + 4 <= console.width:
            console.print(Rule(text(group, "bold"), align="left", style="dim"))
        else:  # a Rule would crop its title
            console.print(text(group, "bold"), overflow="fold")
        print_table(console, events_table(entries, excerpts, None, console.width, header=False))
    count = len(timeline.events)
    console.print(text(f"{count} event{'' if count == 1 else 's'}", "dim"))


def claims_table(claims: Sequence[ClaimView], excerpts: bool) -> Table:
    table = new_table("Claims")
    add_column(table, "Who", min_width=10, ratio=2)
    add_column(table, "Stance", min_width=8, max_width=12)
    add_column(table, "Claim", min_width=16, ratio=5)
    for claim in claims:
        role = claim.by_role if not claim.attributed_to else f"as reported by {claim.by_name}"
        who = lines(text(claim.attributed_to or claim.by_name, "bold"), text(role, "dim"))
        body = lines(
            text(claim.summary),
            text(f"“{claim.quote}”", "italic") if claim.quote else None,
            text(claim.context, "dim"),
            *stake_lines("+", claim.beneficiaries, "green"),
            *stake_lines("−", claim.losers, "red"),
            text(f"{claim.id} · about {names(claim.about)}", "dim"),
            excerpt_line(claim.excerpt, claim.source) if excerpts else None,
        )
        table.add_row(who, text(claim.stance), body)
    return table


def sources_table(sources: Sequence[SourceView]) -> Table:
    table = new_table("Sources")
    add_column(table, "Id", min_width=8, ratio=2)
    add_column(table, "Source", min_width=16, ratio=5)
    for source in sources:
        title = text(source.title, "bold")
        title.append(text(f" — {source.publisher}" + (f", {source.date}" if source.date else "")))
        if source.retells:
            title.append(text(f" (retells {source.retells})", "dim"))
        table.add_row(text(source.id), lines(title, text(source.url, "dim")))
    return table
