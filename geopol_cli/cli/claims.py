"""`geopol claims`: the assessments, filtered."""

from __future__ import annotations

from typing import Annotated

import typer

from geopol_cli.cli.complete import complete_actor, complete_speaker
from geopol_cli.cli.options import (
    CountryFilter,
    ExcerptsOption,
    FactsOption,
    JqOption,
    JsonOption,
    LimitOption,
    ReverseOption,
    StanceFilter,
    actors_named,
    fields_option,
    format_option,
    listing,
    load,
    sort_option,
    values,
)
from geopol_cli.cli.output import Output, choose


def claims(
    ctx: typer.Context,
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
    facts_path: FactsOption = None,
    as_json: JsonOption = False,
    fmt: Annotated[str | None, format_option("ClaimList")] = None,
    fields: Annotated[str | None, fields_option("ClaimList")] = None,
    jq: JqOption = None,
    limit: LimitOption = None,
    sort: Annotated[str | None, sort_option("ClaimList")] = None,
    reverse: ReverseOption = False,
    excerpts: ExcerptsOption = False,
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

    out = choose(
        "ClaimList", as_json, fmt, excerpts=excerpts, listing=listing(limit, sort, reverse), fields=fields, jq=jq
    )
    facts = load(ctx, facts_path)
    actors = actors_named(facts, [*(about or []), *(country or [])], "--about" if about else "--country")
    speakers = resolve_speakers(facts, speaker or [], "--speaker")
    return out.of(list_claims(facts, actors, speakers, values(stance)))
