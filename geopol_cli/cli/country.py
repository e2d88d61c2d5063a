"""`geopol country NAME`: one actor's profile."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from geopol_cli.cli.complete import complete_actor

if TYPE_CHECKING:
    from rich.console import Console

from geopol_cli.cli.common import ExcerptsOption, FactsOption, JsonOption, find_actor, open_facts, show


def country(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            help="Id, name, ISO code (KZ, KAZ) or alias; case and accents ignored.", autocompletion=complete_actor
        ),
    ],
    facts_path: FactsOption = None,
    as_json: JsonOption = False,
    excerpts: ExcerptsOption = False,
) -> None:
    """A country's profile: identity, moves, partners, claims.

    Works for blocs, alliances, regions and organisations too.

    Shows its identity and leaders, a verdict counted from its events, its
    events in time order, the partners it moved towards and what they gained,
    Russia's counter-moves, the claims made about it, and its sources.
    An unknown NAME exits 1 with the closest names.

    \b
    Examples:
      geopol country kazakhstan
      geopol country KZ --excerpts
      geopol country russia --json | jq '.verdict'
    """
    from geopol_cli.query.profile import country_profile

    facts = open_facts(ctx, facts_path)
    profile = country_profile(facts, find_actor(facts, name))

    def table(console: Console) -> None:
        from geopol_cli.render.table import render_profile

        render_profile(console, profile, excerpts=excerpts)

    show(profile, as_json, table)
