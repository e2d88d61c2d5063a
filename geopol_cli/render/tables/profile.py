"""`geopol country`: one actor's profile."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType

from geopol_cli.query.results import (
    CountryProfile,
)
from geopol_cli.render.console import (
    add_column,
    lines,
    new_table,
    print_table,
    text,
)
from geopol_cli.render.options import ViewOptions
from geopol_cli.render.tables.events import claims_table, events_table, sources_table


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
    if profile.events:
        print_table(console, events_table(profile.events, excerpts, "Events", console.width))
    if profile.partners:
        table = new_table("Partners it moved towards")
        add_column(table, "Partner", min_width=10, ratio=1)
        add_column(table, "What they gained", min_width=16, ratio=3)
        for partner in profile.partners:
            gains = lines(*(text(g) for g in partner.gains), text(", ".join(partner.events), "dim"))
            table.add_row(text(partner.name, "bold"), gains)
        print_table(console, table)
    for title, moves in (
        (
            f"Counter-moves by {profile.focus.name} against it" if profile.focus else "Counter-moves against it",
            profile.counter_moves_against,
        ),
        ("Counter-moves it made", profile.counter_moves_made),
    ):
        if moves:
            print_table(console, events_table(moves, False, title, console.width))
    if profile.setbacks:
        table = new_table("Setbacks")
        add_column(table, "What it lost", min_width=16, ratio=3)
        add_column(table, "Basis", min_width=8, max_width=12)
        add_column(table, "Event", min_width=8, ratio=2)
        for setback in profile.setbacks:
            table.add_row(text(setback.what), text(setback.basis), text(setback.event, "dim"))
        print_table(console, table)
    if profile.claims:
        print_table(console, claims_table(profile.claims, excerpts))
    if profile.sources:
        print_table(console, sources_table(profile.sources, console))
