"""`geopol claims`: the assessments, filtered."""

from __future__ import annotations

from typing import Annotated

import typer

from geopol_cli.cli.complete import complete_actor, complete_speaker
from geopol_cli.cli.options import (
    CountryFilter,
    StanceFilter,
    actors_named,
    values,
)
from geopol_cli.cli.output import Output, ViewRequest, view_options


@view_options("ClaimList", lists=True, excerpts=True)
def claims(
    ctx: typer.Context,
    request: ViewRequest,
    about: Annotated[
        list[str] | None,
        typer.Option(
            autocompletion=complete_actor,
            metavar="NAME",
            help="Only claims about this actor, or naming it as gaining or losing (repeatable: any of them).",
            show_default=False,
        ),
    ] = None,
    speaker: Annotated[
        list[str] | None,
        typer.Option(
            autocompletion=complete_speaker,
            metavar="NAME",
            help="Only claims by this person, or by this source (publisher or id) (repeatable: any of them).",
            show_default=False,
        ),
    ] = None,
    country: CountryFilter = None,
    stance: StanceFilter = None,
) -> Output:
    """The assessments: who said what, about whom, with what stance.

    A claim made by a source itself, or by unnamed speakers it reports, has
    that source as its speaker (--speaker bloomberg).

    \b
    Examples:
      geopol claims
      geopol claims --about russia --stance decline
      geopol claims -c kazakhstan   # --country is --about, as in the other views
      geopol claims --speaker shulman --json | jq -r '.claims[].quote'
    """
    from geopol_cli.query.claims import list_claims, resolve_speakers

    out = request.choose()
    facts = request.load()
    actors = actors_named(facts, [*(about or []), *(country or [])], "--about" if about else "--country")
    speakers = resolve_speakers(facts, speaker or [], "--speaker")
    return out.of(list_claims(facts, actors, speakers, values(stance)))
