"""`geopol claims`: the assessments, filtered."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, get_args

import typer

from geopol_cli.cli.common import (
    ExcerptsOption,
    FactsOption,
    FormatOption,
    JsonOption,
    check_choices,
    find_actor,
    open_facts,
    output_format,
    show,
    stop_on_empty,
)
from geopol_cli.cli.complete import complete_actor, complete_person, complete_stance
from geopol_cli.errors import ExitCode

if TYPE_CHECKING:
    from rich.console import Console


def claims(
    ctx: typer.Context,
    about: Annotated[
        str | None,
        typer.Option(
            autocompletion=complete_actor,
            metavar="NAME",
            help="Only claims about this actor (or naming it as gaining or losing).",
            show_default=False,
        ),
    ] = None,
    speaker: Annotated[
        str | None,
        typer.Option(
            autocompletion=complete_person,
            metavar="NAME",
            help="Only claims by this person, or by this source (publisher or id).",
            show_default=False,
        ),
    ] = None,
    stance: Annotated[
        list[str] | None,
        typer.Option(
            metavar="STANCE",
            autocompletion=complete_stance,
            help="Only claims of this stance (repeatable): decline, dominance, diversifying, limits, gain, reaction.",
            show_default=False,
        ),
    ] = None,
    facts_path: FactsOption = None,
    as_json: JsonOption = False,
    fmt: FormatOption = None,
    excerpts: ExcerptsOption = False,
) -> None:
    """The assessments: who said what, about whom, with what stance.

    A claim made by a source itself, or by unnamed speakers it reports, has
    that source as its speaker (--speaker bloomberg).

    \b
    Examples:
      geopol claims
      geopol claims --about russia --stance decline
      geopol claims --speaker shulman --json | jq -r '.claims[].quote'
    """
    from geopol_cli.folding import normalize
    from geopol_cli.models import Stance
    from geopol_cli.query.claims import list_claims
    from geopol_cli.query.people import resolve_person

    output = output_format(as_json, fmt)
    check_choices(stance, get_args(Stance), "stance", "--stance")
    facts = open_facts(ctx, facts_path)
    actor = find_actor(facts, about, ExitCode.USAGE) if about is not None else None
    speakers: list[str] = []
    if speaker is not None:
        wanted = normalize(speaker)
        speakers = [s.id for s in facts.base.sources if wanted in (normalize(s.id), normalize(s.publisher))]
        if not speakers:
            try:
                speakers = [resolve_person(facts, speaker).id]
            except LookupError:
                raise typer.BadParameter(
                    f"no person or source matches {speaker!r} (geopol sources lists the sources)",
                    param_hint="--speaker",
                ) from None
    result = list_claims(facts, actor, speakers, stance or [])
    if stop_on_empty(not result.claims, "no claims match these filters", output):
        return

    def table(console: Console) -> None:
        from geopol_cli.render.table import render_claims

        render_claims(console, result, excerpts=excerpts)

    def rows() -> list[dict[str, object]]:
        from geopol_cli.render.flat import claims_rows

        return claims_rows(result)

    show(result, output, table, rows)
