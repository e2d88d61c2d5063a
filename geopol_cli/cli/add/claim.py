"""`geopol add claim`: what someone asserts, and about whom."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from geopol_cli.cli.add.form import (
    Asker,
    GainOption,
    LossOption,
    WriteRequest,
    citation_of,
    finish,
    record_id_of,
    stakes_of,
    write_options,
)
from geopol_cli.cli.complete import complete_actor
from geopol_cli.cli.output import Output
from geopol_cli.core.vocabulary import (
    STANCE_MEANINGS,
)


@write_options(cited=True)
def add_claim(
    ctx: typer.Context,
    request: WriteRequest,
    by: Annotated[
        str | None, typer.Option("--by", metavar="ID", help="Who asserts it: a person's id, or the source's.")
    ] = None,
    attributed_to: Annotated[
        str | None,
        typer.Option(
            "--attributed-to", metavar="TEXT", help="Unnamed speakers as the source reports them ('Russian officials')."
        ),
    ] = None,
    about: Annotated[
        list[str] | None,
        typer.Option("--about", metavar="ID", autocompletion=complete_actor, help="Whom it is about (repeatable)."),
    ] = None,
    stance: Annotated[
        str | None,
        typer.Option(
            "--stance", metavar="STANCE", help="; ".join(f"{k}: {v}" for k, v in STANCE_MEANINGS.items()) + "."
        ),
    ] = None,
    event: Annotated[
        list[str] | None, typer.Option("--event", metavar="ID", help="An event it comments on (repeatable).")
    ] = None,
    context: Annotated[
        str | None, typer.Option("--context", metavar="TEXT", help="Where in the source it is said.")
    ] = None,
    gain: GainOption = None,
    loss: LossOption = None,
) -> Output:
    """Add a claim: one distinct judgement, who made it, and the source that reports it.

    A claim's gains and losses are stated ones only: a claim makes no move
    to infer a counterpart from.

    \b
    Examples:
      geopol --facts my-facts.json add claim --source russiavsworld-2023 \\
        --excerpt "Ankara benefited the most from Moscow’s hesitation" --by russiavsworld-2023 \\
        --about turkey --stance gain --summary "Turkey gained most." --no-input --dry-run
    """
    asker = Asker(ctx, "claim", request, complete=bool(request.cited and by and about and stance and request.summary))
    chosen, citation = citation_of(asker, request)
    fields: dict[str, Any] = {
        "by": asker.value(
            "--by",
            by,
            "Who asserts it (a person's id, or the source's)",
            required=True,
            default=chosen if asker.asking else None,
            candidates=[*asker.ids("person"), *asker.ids("source")],
        ),
        "attributed_to": asker.value(
            "--attributed-to", attributed_to, "Unnamed speakers, as the source reports them", required=False
        ),
        "about": asker.values(
            "--about", about, "About whom (actor ids)", required=True, name="about", candidates=asker.ids("actor")
        ),
        "stance": asker.value(
            "--stance",
            stance,
            "Stance (" + ", ".join(STANCE_MEANINGS) + ")",
            required=True,
            candidates=tuple(STANCE_MEANINGS),
        ),
        "summary": asker.value("--summary", request.summary, "The claim, in your own words", required=True),
        "events": asker.values(
            "--event",
            event,
            "Events it comments on (ids)",
            required=False,
            name="events",
            candidates=asker.ids("event"),
        ),
        "context": asker.value("--context", context, "Where in the source it is said", required=False),
        **stakes_of(asker, gain, loss, "claim"),
        "citations": [citation],
    }
    asker.done()
    fields = {"id": record_id_of(asker, request.record_id, fields), **fields}
    return finish(ctx, asker, fields)
