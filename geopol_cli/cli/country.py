"""`geopol country NAME`: one actor's profile."""

from __future__ import annotations

from typing import Annotated

import typer

from geopol_cli.cli.common import ExcerptsOption, FactsOption, JsonOption, find_actor, open_facts, show


def country(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="Id, name, ISO code (KZ, KAZ) or alias; case and accents ignored.")
    ],
    facts_path: FactsOption = None,
    as_json: JsonOption = False,
    excerpts: ExcerptsOption = False,
) -> None:
    """Profile of a country, bloc, alliance or region: who it is, what it did, who gained.

    Shows its identity and leaders, a verdict counted from its events, its
    events in time order, the partners it moved towards and what they gained,
    Russia's counter-moves, the claims made about it, and its sources.
    An unknown NAME exits 1 with the closest names.

    Examples:

      geopol country kazakhstan
      geopol country KZ --excerpts
      geopol country russia --json | jq '.verdict'
    """
    from geopol_cli.query.profile import country_profile
    from geopol_cli.render.table import render_profile

    facts = open_facts(ctx, facts_path)
    profile = country_profile(facts, find_actor(facts, name))
    show(profile, as_json, lambda console, p: render_profile(console, p, excerpts=excerpts))
