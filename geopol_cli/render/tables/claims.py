"""`geopol claims`: the assessments."""

from __future__ import annotations

from rich.console import Console

from geopol_cli.core.words import plural
from geopol_cli.query.results import (
    ClaimList,
)
from geopol_cli.render.console import (
    print_table,
    text,
)
from geopol_cli.render.options import ViewOptions
from geopol_cli.render.tables.events import claims_table


def render_claims(console: Console, claims: ClaimList, view: ViewOptions) -> None:
    print_table(console, claims_table(claims.claims, view.excerpts))
    count = len(claims.claims)
    console.print(text(plural(count, "claim"), "dim"))
