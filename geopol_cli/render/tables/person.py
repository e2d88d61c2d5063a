"""`geopol person`: one person's profile."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType

from geopol_cli.core.words import plural
from geopol_cli.query.results import (
    PersonProfile,
)
from geopol_cli.render.console import (
    print_tables,
    text,
)
from geopol_cli.render.options import ViewOptions
from geopol_cli.render.tables.events import claims_table, events_table


def render_person(console: Console, person: PersonProfile, view: ViewOptions) -> None:
    excerpts = view.excerpts
    head = text(person.name, "bold")
    details = [person.role or "", person.actor.name if person.actor else "", "leader" if person.leader else ""]
    head.append(text("  " + " · ".join(d for d in details if d), "dim"))
    header: list[RenderableType] = [head]
    if person.aliases:
        header.append(text("Also: " + ", ".join(person.aliases)))
    header.append(text(f"{plural(len(person.claims), 'claim')}, {plural(len(person.events), 'event')}"))
    console.print(Group(*header))
    console.print()
    tables = []
    if person.claims:
        # Every claim here is the person's own: their name and role are said once, above, not on each row.
        tables.append(claims_table(person.claims, excerpts, speaker=False))
    if person.events:
        tables.append(events_table(person.events, excerpts, "Events", console.width))
    print_tables(console, tables)
