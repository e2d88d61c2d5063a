"""`geopol extract`: records proposed from a source's held text, reviewed one at a time, written together."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from geopol_cli.cli.complete import complete_source
from geopol_cli.cli.options import DryRunOption, required_argument
from geopol_cli.cli.output import Output, ViewRequest, choose, view_options
from geopol_cli.core.errors import UsageProblem

if TYPE_CHECKING:
    from geopol_cli.facts.load import Facts
    from geopol_cli.query.results import Candidate


@view_options("Proposals", lists=True)
def extract(
    ctx: typer.Context,
    request: ViewRequest,
    given: Annotated[
        str | None,
        typer.Argument(
            metavar="SOURCE|FILE",
            help="A source whose text the fact base holds; or, with --source, a text file to read as its text.",
            autocompletion=complete_source,
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            metavar="ID",
            autocompletion=complete_source,
            help="Read FILE as the text of this source; what is accepted is written with FILE held as its text.",
        ),
    ] = None,
    accept_all: Annotated[
        bool, typer.Option("--accept-all", help="Write every candidate, unreviewed (with --dry-run: show what).")
    ] = False,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="List the candidates, even on a terminal: no review, nothing written.")
    ] = False,
    dry_run: DryRunOption = False,
) -> Output | None:
    """Propose events, claims and actors from a source's text, for you to confirm.

    Each sentence is read for acts (who did what, to whom, when: the date
    resolved from the text's own words against the source's date), reported
    speech (who said what, about whom) and the states and organisations it
    names that the fact base lacks. Every candidate carries the words of the
    text it rests on and the reasons for each part; guesses say so.

    On a terminal each candidate is shown in turn: accept, edit (the
    questions of geopol edit), skip, or quit (the accepted ones are written).
    Elsewhere, or with --no-input, the candidates are listed (--json: a list,
    each with its reasons) and nothing is written. Accepted records are
    checked and written as geopol add writes them, in one journaled change:
    geopol undo takes back the whole review.

    \b
    Examples:
      geopol extract report.txt --source eeas-2022-07-06 --facts my-facts.json
      geopol extract report.txt --source eeas-2022-07-06 --json | jq '.[] | select(.type == "event")'
      geopol extract report.txt --source eeas-2022-07-06 --facts my-facts.json --accept-all --dry-run
    """
    from geopol_cli.cli.context import session
    from geopol_cli.cli.prompts import interactive
    from geopol_cli.edit.extract.propose import propose

    named = required_argument(given, "SOURCE|FILE", "extract")
    reviewing = interactive() and not (accept_all or no_input or request.as_json or request.format or request.jq)
    writing = accept_all or reviewing
    listing = request.choose()
    chosen = session(ctx).to_write(request.facts, command="extract") if writing else session(ctx).choose(request.facts)
    from geopol_cli.facts.load import load_facts

    facts = load_facts(chosen.path, origin=chosen.origin)
    source_id, text, file = _text(facts, named, source)
    proposals = propose(facts, source_id, text)
    if not writing:
        return listing.of(proposals)
    if not proposals.candidates and file is None:
        from geopol_cli.render.export import say

        say(f"geopol: {proposals.empty_note()}; nothing to review")
        return None
    accepted = proposals.candidates if accept_all else _review(facts, proposals.candidates)
    if accepted is None or (not accepted and file is None):
        from geopol_cli.render.export import say

        say("geopol: nothing accepted; nothing was written")
        return None
    from geopol_cli.edit.add import take_text
    from geopol_cli.edit.extract.accept import with_needs, write_accepted

    records, added = with_needs(accepted, proposals.candidates)
    if added and not accept_all:
        from geopol_cli.render.export import say

        say(f"geopol: added with what you accepted, since it names them: {', '.join(added)}")
    root = chosen.path if chosen.path.is_dir() else chosen.path.parent
    held = take_text(root, file) if file is not None else None
    report = write_accepted(
        chosen.path,
        source_id,
        [(c.type, c.record) for c in records],
        held=held,
        dry_run=dry_run,
        origin=chosen.origin,
    )
    return choose("ChangeReport", request.as_json, None).of(report)


def _text(facts: Facts, named: str, source: str | None) -> tuple[str, str, Path | None]:
    """The source's id, its text, and the file given for it (None: the text the base holds)."""
    from geopol_cli.core.errors import NotFound

    if source is None:
        if named not in facts.sources:
            if Path(named).is_file():
                raise UsageProblem(f"{named} is a file: say whose text it is with --source ID", option="--source")
            raise NotFound("source", named, _close(named, list(facts.sources)))
        held = facts.texts.get(named)
        if held is None:
            raise UsageProblem(
                f"source {named!r} holds no text to read"
                + (
                    " (its text file is missing or changed: geopol validate says which)"
                    if facts.sources[named].text
                    else f": give one as a file, geopol extract FILE --source {named}"
                )
            )
        return named, held.written, None
    if source not in facts.sources:
        raise NotFound("source", source, _close(source, list(facts.sources)), option="--source")
    if facts.sources[source].text:
        raise UsageProblem(
            f"source {source!r} already holds a text ({facts.sources[source].text}): geopol extract {source} reads it",
            option="--source",
        )
    from geopol_cli.facts.texts import MAX_TEXT_BYTES, HeldText

    path = Path(named)
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_TEXT_BYTES + 1)
    except OSError as error:
        raise UsageProblem(f"cannot read {path}: {error.strerror or error}") from None
    if len(data) > MAX_TEXT_BYTES:
        raise UsageProblem(f"{path} is over the {MAX_TEXT_BYTES:,}-byte limit of a held text")
    try:
        decoded = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageProblem(f"{path} is not UTF-8 text") from None
    return source, HeldText.of(decoded).written, path


def _close(wanted: str, ids: list[str]) -> list[str]:
    import difflib

    return difflib.get_close_matches(wanted, ids, n=3, cutoff=0.6)


def _review(facts: Facts, candidates: list[Candidate]) -> list[Candidate] | None:
    """Each candidate shown in turn, and what the person makes of it; None if they quit before accepting any."""
    from geopol_cli.cli.prompts import choose_letter, say
    from geopol_cli.render.tables.extract import candidate_lines

    accepted: list[Candidate] = []
    say(f"{len(candidates)} candidate(s). For each: a accept, e edit, s skip, q quit (the accepted ones are "
        "written; Ctrl-C stops with nothing written).")  # fmt: skip
    for number, candidate in enumerate(candidates, start=1):
        say("")
        say("\n".join(candidate_lines(candidate, number, len(candidates))))
        while True:
            answer = choose_letter("Accept, edit, skip or quit?", ("accept", "edit", "skip", "quit"))
            if answer == "edit":
                _edit(facts, candidate)
                say("\n".join(candidate_lines(candidate, number, len(candidates))))
                continue
            break
        if answer == "accept":
            from geopol_cli.edit.add import record_problems

            problems = record_problems(candidate.type, candidate.record)
            if problems:
                say("  ✗ not yet a valid record: " + "; ".join(problems) + " (edit it, or skip it)")
                answer = choose_letter("Edit or skip?", ("edit", "skip"))
                if answer == "edit":
                    _edit(facts, candidate)
                    if not record_problems(candidate.type, candidate.record):
                        accepted.append(candidate)
                continue
            accepted.append(candidate)
        elif answer == "quit":
            break
    say(f"accepted {len(accepted)} of {len(candidates)}")
    return accepted or None


def _edit(facts: Facts, candidate: Candidate) -> None:
    """The questions of geopol edit, asked of the proposed record; its id, excerpt and parts follow the answers."""
    from geopol_cli.cli.edit import ask_fields, update_for

    given = ask_fields(candidate.type, candidate.record)
    if not given:
        return
    record: dict[str, Any] = update_for(candidate.type, given)(dict(candidate.record), lambda: facts)
    candidate.record = record
    candidate.id = str(record.get("id", candidate.id))
    for name in ("actors", "targets", "people", "about"):
        if name in record:
            setattr(candidate, name, list(record[name]))
    for name in ("kind", "direction", "by", "stance", "name", "attributed_to"):
        if name in record:
            setattr(candidate, name, record[name])
