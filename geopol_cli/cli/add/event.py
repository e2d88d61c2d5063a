"""`geopol add event`: who did what, when, towards whom, on whose word."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from geopol_cli.cli.add.form import (
    Asker,
    GainOption,
    LossOption,
    WriteRequest,
    citation_of,
    date_of,
    finish,
    record_id_of,
    stakes_of,
    write_options,
)
from geopol_cli.cli.complete import complete_actor
from geopol_cli.cli.output import Output
from geopol_cli.cli.prompts import interactive
from geopol_cli.core.vocabulary import (
    DIRECTION_MEANINGS,
    EVENT_KINDS,
    describe,
)


@write_options(cited=True)
def add_event(
    ctx: typer.Context,
    request: WriteRequest,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help="When: the source's own words ('in October', 'last summer', 'on 6 July', 'even before the war'), "
            "resolved against the source's date, or an ISO date or span (2022-07-06, 2022-06..2022-08).",
        ),
    ] = None,
    date_text: Annotated[
        str | None,
        typer.Option(
            "--date-text",
            metavar="WORDS",
            help="The source's own words for the date, kept beside an ISO --date ('on Wednesday'): its wording is "
            "never lost.",
        ),
    ] = None,
    actor: Annotated[
        list[str] | None,
        typer.Option("--actor", metavar="ID", autocompletion=complete_actor, help="Who acted (repeatable)."),
    ] = None,
    target: Annotated[
        list[str] | None,
        typer.Option("--target", metavar="ID", autocompletion=complete_actor, help="Towards whom (repeatable)."),
    ] = None,
    person: Annotated[
        list[str] | None, typer.Option("--person", metavar="ID", help="People who acted (repeatable).")
    ] = None,
    kind: Annotated[str | None, typer.Option("--kind", metavar="KIND", help=f"One of {describe(EVENT_KINDS)}.")] = None,
    direction: Annotated[
        str | None,
        typer.Option(
            "--direction",
            metavar="DIRECTION",
            help="Relative to the fact base's focus: "
            + "; ".join(f"{k}: {v}" for k, v in DIRECTION_MEANINGS.items())
            + ". Required only when the fact base has a focus.",
        ),
    ] = None,
    answers: Annotated[
        list[str] | None, typer.Option("--answers", metavar="ID", help="An event this one answers (repeatable).")
    ] = None,
    follows: Annotated[
        list[str] | None,
        typer.Option("--follows", metavar="ID", help="An event the source says it came after (repeatable)."),
    ] = None,
    gain: GainOption = None,
    loss: LossOption = None,
) -> Output:
    """Add an event: one distinct action, who did it, when, towards whom, and the source that says so.

    On a terminal, for a source whose text is held, type a few words and pick
    the sentence: the excerpt is then the text's own, word for word. A date
    may be the source's own words; geopol resolves them against the source's
    date and shows the span for you to confirm.

    \b
    Examples:
      geopol --facts my-facts.json add event --source russiavsworld-2023 \\
        --excerpt "the first official meeting of the leaders of Armenia and Turkey in 13 years" \\
        --summary "Armenia's and Turkey's leaders meet." --date "In October" \\
        --actor armenia --actor turkey --kind diplomatic --direction away --no-input --dry-run
    """
    asker = Asker(ctx, "event", request, complete=bool(request.cited and request.summary and date and actor and kind))
    if asker.facts.base.focus is not None and direction is None:
        asker.asking = interactive() and not request.no_input  # the focus makes the direction required
    chosen, citation = citation_of(asker, request)
    summary = asker.value("--summary", request.summary, "What happened, in your own words", required=True)
    when = date_of(asker, date, chosen or None)
    if date_text and when is not None:
        when = {**when, "text": " ".join(date_text.split())}
    focus = asker.facts.base.focus
    # The required fields first; then, behind one "add now, or more fields?", the optional ones.
    actors = asker.values(
        "--actor", actor, "Who acted (actor ids)", required=True, name="actors", candidates=asker.ids("actor")
    )
    kind = asker.value("--kind", kind, f"Kind ({describe(EVENT_KINDS)})", required=True, candidates=EVENT_KINDS)
    direction = asker.value(
        "--direction",
        direction,
        f"Direction relative to {focus} (away, towards, counter, other)"
        if focus
        else "Direction (away, towards, counter, other)",
        required=focus is not None,
        candidates=tuple(DIRECTION_MEANINGS),
    )
    fields: dict[str, Any] = {
        "date": when,
        "actors": actors,
        "targets": asker.values(
            "--target",
            target,
            "Towards whom (actor ids)",
            required=False,
            name="targets",
            candidates=asker.ids("actor"),
        ),
        "people": asker.values(
            "--person", person, "People who acted (ids)", required=False, name="people", candidates=asker.ids("person")
        ),
        "kind": kind,
        "direction": direction,
        "answers": asker.values(
            "--answers",
            answers,
            "Events it answers (ids)",
            required=False,
            name="answers",
            candidates=asker.ids("event"),
        ),
        "follows": asker.values(
            "--follows",
            follows,
            "Events it came after (ids)",
            required=False,
            name="follows",
            candidates=asker.ids("event"),
        ),
        **stakes_of(asker, gain, loss, "event"),
        "summary": summary,
        "citations": [citation],
    }
    asker.done()
    fields = {"id": record_id_of(asker, request.record_id, fields), **fields}
    return finish(ctx, asker, fields)
