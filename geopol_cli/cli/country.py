"""`geopol country NAME`: one actor's profile."""

from __future__ import annotations

from typing import Annotated

import typer

from geopol_cli.cli.complete import complete_actor
from geopol_cli.cli.options import (
    required_argument,
)
from geopol_cli.cli.output import Output, ViewRequest, view_options


@view_options("CountryProfile", excerpts=True)
def country(
    ctx: typer.Context,
    request: ViewRequest,
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="Id, name, ISO code (KZ, KAZ) or alias; case and accents ignored.",
            autocompletion=complete_actor,
        ),
    ],
) -> Output:
    """A country's profile: identity, moves, partners, claims.

    Works for blocs, alliances, regions and organisations too.

    Shows its identity and leaders, a verdict counted from its events, its
    events in time order, the partners it moved towards and what they gained,
    the focus's counter-moves against it (Russia's, in the bundled facts), the
    claims made about it, and its sources.
    An unknown NAME exits 1 with the closest names.

    \b
    Examples:
      geopol country kazakhstan
      geopol country KZ --excerpts
      geopol country russia --json | jq '.verdict'
    """
    name = required_argument(name, "NAME", "country")
    from geopol_cli.facts.store import Need
    from geopol_cli.query.profile import country_profile
    from geopol_cli.query.resolve import resolve_actor

    out = request.choose()
    # A large base's index reads only the events and claims that concern the actor.
    facts = request.load(need=lambda known: Need("match", "concerning", (resolve_actor(known, name).id,)))
    return out.of(country_profile(facts, resolve_actor(facts, name)))
