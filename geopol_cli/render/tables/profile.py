"""`geopol country`: one actor's profile."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group, RenderableType
from rich.table import Table

from geopol_cli.query.results import CountryProfile, TimelineEntry
from geopol_cli.render.console import (
    add_column,
    lines,
    new_table,
    print_lines,
    print_tables,
    text,
)
from geopol_cli.render.options import ViewOptions
from geopol_cli.render.tables.events import claims_table, events_table, source_list


def render_profile(console: Console, profile: CountryProfile, view: ViewOptions) -> None:
    excerpts = view.excerpts
    head = text(profile.name, "bold")
    facts = [profile.kind, profile.region or "", " / ".join(c for c in (profile.iso2, profile.iso3) if c)]
    head.append(text("  " + " · ".join(f for f in facts if f), "dim"))
    header: list[RenderableType] = [head]
    if profile.aliases:
        header.append(text("Also: " + ", ".join(profile.aliases)))
    for label, people in (("Leaders", profile.leaders), ("People", profile.people)):
        if people:
            header.append(text(f"{label}: " + "; ".join(f"{p.name} ({p.role})" if p.role else p.name for p in people)))
    verdict = text("Verdict: ", "bold")
    verdict.append(text(profile.verdict.text))
    header.append(verdict)
    console.print(Group(*header))
    console.print()
    tables: list[Table] = []
    if profile.events:
        tables.append(events_table(profile.events, excerpts, "Events", console.width))
    if profile.partners:
        table = new_table("Partners it moved towards")
        add_column(table, "Partner", min_width=10, ratio=1)
        add_column(table, "What they gained", min_width=16, ratio=3)
        for partner in profile.partners:
            gains = lines(*(text(g) for g in partner.gains), text(", ".join(partner.events), "dim"))
            table.add_row(text(partner.name, "bold"), gains)
        tables.append(table)
    for title, moves in (
        (
            f"Counter-moves by {profile.focus.name} against it" if profile.focus else "Counter-moves against it",
            profile.counter_moves_against,
        ),
        ("Counter-moves it made", profile.counter_moves_made),
    ):
        if moves:
            tables.append(_moves_table(title, moves, shown=bool(profile.events)))
    if profile.setbacks:
        table = new_table("Setbacks")
        add_column(table, "What it lost", min_width=16, ratio=3)
        add_column(table, "Basis", min_width=8, max_width=12)
        add_column(table, "Event", min_width=8, ratio=2)
        for setback in profile.setbacks:
            table.add_row(text(setback.what), text(setback.basis), text(setback.event, "dim"))
        tables.append(table)
    if profile.claims:
        tables.append(claims_table(profile.claims, excerpts))
    print_tables(console, tables)
    if profile.sources:
        if tables:
            console.print()
        print_lines(console, source_list(profile.sources, console))


def _moves_table(title: str, moves: Sequence[TimelineEntry], shown: bool) -> Table:
    """Counter-moves named by date and id: each is told in full once, under Events, not again here."""
    table = new_table(title + (" (told under Events)" if shown else ""))
    add_column(table, "When", min_width=10, ratio=1)
    add_column(table, "Event", min_width=16, ratio=3)
    for move in moves:
        table.add_row(text(move.date_label), text(move.id, "dim"))
    return table
