"""`geopol add source|actor|person|event|claim`: grow a fact base without writing JSON.

Every field is an option, for scripts; on a terminal, what no option gave
is asked for in turn (cli/prompts.py), each answer checked at once. The
record is then checked in the fact base it would join and written in one
atomic step (edit/add.py), or, with --dry-run, printed as JSON and not
written.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from geopol_cli.cli.complete import complete_actor, complete_record
from geopol_cli.cli.options import FactsOption, JsonOption, required_argument
from geopol_cli.cli.output import Output, choose
from geopol_cli.cli.prompts import ask, ask_list, choose_one, confirm, interactive, say, split_names
from geopol_cli.core.errors import UsageProblem
from geopol_cli.core.vocabulary import (
    ACTOR_KINDS,
    DIRECTION_MEANINGS,
    DISPUTE_POINTS,
    EVENT_KINDS,
    STANCE_MEANINGS,
    describe,
)


class _KindCommands(TyperGroup):
    """`add`'s commands, built only when one is asked for: each takes, beside its own options, one for every
    field of its model that it does not handle itself (facts/fields.py), which reads the models (pydantic)
    that no other command's start-up should pay for."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(_COMMANDS)

    def get_command(self, ctx: Any, name: str) -> Any:
        if name not in _COMMANDS:
            return None
        single = typer.Typer(
            rich_markup_mode=None, add_completion=False, context_settings={"help_option_names": ["-h", "--help"]}
        )
        command, short_help = _COMMANDS[name]
        single.command(name, short_help=short_help)(with_model_fields(name, command))
        built = typer.main.get_command(single)
        built.name = name
        return built


add_app = typer.Typer(
    cls=_KindCommands,
    name="add",
    help="Add a source, actor, person, event or claim to a fact base (asks for what options do not give).",
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    # Plain help, as geopol's own (cli/app.py): rich's help costs start-up time.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


@add_app.callback()
def add_group(ctx: typer.Context) -> None:
    """Add a source, actor, person, event or claim to a fact base (asks for what options do not give).

    \b
    Examples:
      geopol add event --help
    """
    if ctx.invoked_subcommand is None:  # `geopol add` alone: its help, as `geopol` alone shows geopol's
        typer.echo(ctx.get_help())
        raise typer.Exit()


IdOption = Annotated[
    str | None, typer.Option("--id", metavar="ID", help="The new record's id (default: made from its name or summary).")
]
DryRunOption = Annotated[bool, typer.Option("--dry-run", help="Print the record as JSON and write nothing.")]
NoInputOption = Annotated[
    bool,
    typer.Option("--no-input", help="Ask nothing: fail, listing every missing field (the default off a terminal)."),
]
IntoOption = Annotated[
    str | None,
    typer.Option("--into", metavar="FILE", help="For a fact base folder: the file to add to (default: its last)."),
]
SourceOption = Annotated[
    str | None, typer.Option("--source", metavar="ID", help="The id of the source the record rests on.")
]
ExcerptOption = Annotated[
    str | None, typer.Option("--excerpt", metavar="TEXT", help="The source's own words that support it, word for word.")
]
AccountOption = Annotated[
    str | None,
    typer.Option(
        "--account", metavar="TEXT", help="For a source whose words are not quoted: what it says, in your own words."
    ),
]
QuoteOption = Annotated[
    str | None, typer.Option("--quote", metavar="TEXT", help="A speaker's own words inside the excerpt.")
]
SummaryOption = Annotated[
    str | None, typer.Option("--summary", metavar="TEXT", help="What happened (or is claimed), in your words.")
]
GainOption = Annotated[
    list[str] | None,
    typer.Option(
        "--gain",
        metavar="ACTOR:BASIS:WHAT",
        help="A gain: the actor, stated (a source says it) or counterpart (a target the move turned towards), "
        "and what (repeatable).",
    ),
]
LossOption = Annotated[
    list[str] | None,
    typer.Option("--loss", metavar="ACTOR:BASIS:WHAT", help="A loss, as --gain (repeatable)."),
]


class _Asker:
    """Fills a record from the options given, asking a person for the rest, or listing what is missing."""

    def __init__(
        self, ctx: typer.Context, kind: str, facts_option: str | None, no_input: bool, complete: bool = False
    ) -> None:
        """``complete``: the options give every required field, so nothing is asked (a script, or a README line)."""
        from geopol_cli.cli.context import session

        self.kind = kind
        self.facts = session(ctx).load(facts_option, viewing=False)
        self.asking = interactive() and not no_input and not complete
        self.missing: list[str] = []
        # The id is geopol's suggestion (not given, not typed): another free one may replace it under the lock.
        self.suggested_id = False
        # Optional fields wait behind one "add now, or more fields?": None until it is asked, then whether "more".
        self.more: bool | None = None

    def last_source(self) -> str | None:
        """The source the last add used or added (the journal says), offered as the default: one `add source`
        and then its events, each with Enter at "Source"."""
        from geopol_cli.facts import journal

        for entry in reversed(journal.read(Path(self.facts.path), last=20)):
            for change in reversed(entry.changes):
                after = change.after or {}
                if change.section == "sources" and after.get("id") in self.facts.sources:
                    return str(after["id"])
                cited = (after.get("citations") or [{}])[0].get("source")
                if change.section in ("events", "claims") and cited in self.facts.sources:
                    return str(cited)
        return None

    def optional(self) -> bool:
        """Whether to ask the optional fields: once, the first time one would be asked."""
        if not self.asking:
            return False
        if self.more is None:
            # One question for two: Enter adds the record as it stands (shown, and undone with geopol undo if
            # it is wrong); "m" asks the optional fields and the id first, then asks before adding.
            self.more = choose_one(f"Add this {self.kind} now, or give more fields first?", "add", "more") == "more"
        return self.more

    def record_exists(self, record_id: str) -> None:
        """The event or claim a citation or dispute is for; NotFound with the closest ids otherwise."""
        if record_id in self.facts.events or record_id in self.facts.claims:
            return
        from geopol_cli.core.errors import NotFound
        from geopol_cli.query.resolve import suggest

        keys = {i: [i] for i in (*self.facts.events, *self.facts.claims)}
        raise NotFound("event or claim", record_id, suggest(record_id.casefold(), keys))

    def check(self, name: str) -> Any:
        from geopol_cli.edit.add import field_problem

        return lambda value: field_problem(self.facts, self.kind, name, value)

    def value(
        self,
        option: str,
        given: str | None,
        question: str,
        *,
        required: bool,
        name: str | None = None,
        default: str | None = None,
        candidates: list[str] | tuple[str, ...] = (),
        hint: str | None = None,
        gated: bool = True,
    ) -> str | None:
        """One field: as given, or asked (an optional one behind "add now, or more fields?", unless not ``gated``)."""
        name = name or option.removeprefix("--").replace("-", "_")
        if given is not None:
            problem = self.check(name)(given)
            if problem:
                raise UsageProblem(problem, option=option)
            return given
        if not self.asking:
            if required and default is None:
                self.missing.append(option)
            return default
        if gated and (not required or name == "id") and not self.optional():
            return default  # an optional field, or the id (geopol suggests one): behind "add now, or more fields?"
        return ask(
            question, default=default, required=required, check=self.check(name), candidates=candidates, hint=hint
        )

    def values(
        self,
        option: str,
        given: list[str] | None,
        question: str,
        *,
        required: bool,
        name: str,
        candidates: list[str] | tuple[str, ...] = (),
    ) -> list[str]:
        if given:
            for item in given:
                problem = self.check(name)(item)
                if problem:
                    raise UsageProblem(problem, option=option)
            return list(given)
        if not self.asking:
            if required:
                self.missing.append(option)
            return []
        if not required and not self.optional():
            return []
        return ask_list(question, required=required, check=self.check(name), candidates=candidates)

    def done(self) -> None:
        if self.missing:
            raise UsageProblem(
                "missing: " + ", ".join(self.missing) + " (give them as options, or run on a terminal to be asked)"
            )

    def ids(self, kind: str) -> list[str]:
        from geopol_cli.edit.add import ids_of

        return ids_of(self.facts, kind)


def _record_id(asker: _Asker, given: str | None, fields: dict[str, Any]) -> str:
    from geopol_cli.edit.add import suggest_id

    suggested = suggest_id(asker.facts, asker.kind, fields)
    chosen = asker.value("--id", given, "Id", required=True, default=suggested, hint=None)
    assert chosen is not None
    asker.suggested_id = given is None and not asker.asking
    return chosen


def _finish(
    ctx: typer.Context,
    asker: _Asker,
    record: dict[str, Any],
    *,
    facts_option: str | None,
    dry_run: bool,
    into: str | None,
    as_json: bool,
    text_file: Path | None = None,
    focus: bool = False,
) -> Output:
    from geopol_cli.cli.context import session
    from geopol_cli.edit.add import add_record

    record = {**record, **_model_fields_given(ctx, asker)}
    record = {k: v for k, v in record.items() if v not in (None, [], ())}
    if asker.asking and not dry_run:
        say(json.dumps(record, indent=2, ensure_ascii=False))
        # Asked once already when the person chose "add" over more fields; otherwise asked here.
        if asker.more is not False and not confirm(f"Add this {asker.kind}?"):
            raise UsageProblem("not added; nothing was written")
    chosen = session(ctx).to_write(facts_option, command="add")
    report = add_record(
        chosen.path,
        asker.kind,
        record,
        dry_run=dry_run,
        into=into,
        text_file=text_file,
        focus=focus,
        origin=chosen.origin,
        renumber=asker.suggested_id,
    )
    for warning in report.warnings:
        say(f"geopol: warning: {warning.path}: {warning.message}")
    return choose("AddReport", as_json, None).of(report)


def _publication(value: str | None) -> str | None:
    """A source's date as ISO ('October 2022' -> 2022-10); already checked, so it converts."""
    if value is None:
        return None
    from geopol_cli.edit.add import publication_date

    return publication_date(value)


def _citation(
    asker: _Asker, source: str | None, excerpt: str | None, account: str | None, quote: str | None
) -> tuple[str, dict[str, Any]]:
    """The record's one citation: its source, then its words (picked from the held text) or an account."""
    chosen = asker.value(
        "--source",
        source,
        "Source (id)",
        required=True,
        candidates=asker.ids("source"),
        default=asker.last_source() if asker.asking else None,
    )
    citation: dict[str, Any] = {"source": chosen}
    if chosen is None:
        return "", citation
    text = asker.facts.texts.get(chosen)
    if excerpt is None and account is None and asker.asking:
        if text is not None:
            excerpt = _pick_excerpt(text)
        else:
            account = ask(
                "What the source says, in your own words (its text is not held, so it is not quoted)", required=True
            )
    if excerpt is None and account is None and not asker.asking:
        asker.missing.append("--excerpt or --account")
    citation.update(excerpt=excerpt, account=account)
    if quote is None and asker.asking and asker.kind == "claim" and excerpt is not None:
        in_excerpt = _part_of(excerpt)
        quote = ask(
            "The speaker's own words inside it",
            required=False,
            check=lambda q: None if in_excerpt(q) is None else "the quote must be part of the excerpt, word for word",
        )
    citation["quote"] = quote
    return chosen, {k: v for k, v in citation.items() if v is not None}


def _pick_excerpt(text: Any) -> str:
    """A few words typed, the sentences holding them offered: the excerpt is the text's own, by construction."""
    from geopol_cli.edit.add import matching_sentences

    while True:
        words = ask("A few words of the passage (to find it in the source's text)", required=True)
        assert words is not None
        found = matching_sentences(text, words)
        if not found:
            say("  ✗ no sentence of the text holds all these words; try fewer or others")
            continue
        for number, sentence in enumerate(found, start=1):
            say(f"  {number}. {sentence}")
        if len(found) == 1:
            sentence = found[0]  # the one sentence that holds the words: nothing to choose
        else:
            pick = ask("Which one (its number; Enter for 1)", default="1", check=_number_up_to(len(found)))
            assert pick is not None
            sentence = found[int(pick) - 1]
        shorter = ask(
            "The shortest part of it that supports the record",
            required=False,
            empty="Enter: the whole sentence",
            check=_part_of(sentence),
        )
        return shorter or sentence


def _number_up_to(most: int) -> Callable[[str], str | None]:
    def check(answer: str) -> str | None:
        return None if answer.isdigit() and 1 <= int(answer) <= most else f"a number from 1 to {most}"

    return check


def _part_of(whole: str) -> Callable[[str], str | None]:
    """A part of ``whole``, compared as validate compares an excerpt with its text (facts/texts.py normalise):
    straight or curly quotes, dashes and runs of spaces alike."""
    from geopol_cli.facts.texts import normalise

    compared = normalise(whole)

    def check(part: str) -> str | None:
        wanted = normalise(part)
        return None if wanted and wanted in compared else "type a part of the sentence, word for word"

    return check


def _date(asker: _Asker, given: str | None, source: str | None, required: bool = True) -> dict[str, Any] | None:
    """The event's date, from the source's own words or ISO dates, resolved against the source's date."""
    from geopol_cli.core.wording import WordingError
    from geopol_cli.edit.add import date_object, resolve_date, source_reference_date

    def problem(words: str) -> str | None:
        try:
            resolve_date(asker.facts, words, source)
        except (WordingError, ValueError) as exc:
            return str(exc)
        return None

    if given is not None:
        message = problem(given)
        if message:
            raise UsageProblem(message, option="--date")
        return date_object(resolve_date(asker.facts, given, source))
    if not asker.asking:
        if required:
            asker.missing.append("--date")
        return None
    reference = source_reference_date(asker.facts, source) if source else None
    hint = "the source's own words ('in October', 'last summer', 'on 6 July', 'even before the war') or ISO dates"
    if reference:
        hint += f"; relative words count from the source's date, {reference}"
    words = ask("When" if required else "When, as this source dates it", required=required, check=problem, hint=hint)
    if words is None:
        return None
    resolved = resolve_date(asker.facts, words, source)
    # Shown, not asked: the record is shown whole before it is added, and geopol edit corrects it later.
    say(f"  → {resolved.label()}" + (f"  ({resolved.inferred})" if resolved.inferred else ""))
    return date_object(resolved)


def _stakes(asker: _Asker, gains: list[str] | None, losses: list[str] | None, kind: str) -> dict[str, Any]:
    from geopol_cli.edit.add import parse_stakes

    out: dict[str, Any] = {}
    for key, stakes, option, verb in (
        ("beneficiaries", gains, "--gain", "gained"),
        ("losers", losses, "--loss", "lost"),
    ):
        if stakes:
            out[key] = parse_stakes(stakes, option)
        elif asker.asking and asker.optional():
            basis = "stated" if kind == "claim" else "stated or counterpart"
            answer = ask(
                f"Who {verb} what? ACTOR:BASIS:WHAT, BASIS {basis}; several separated by ';'",
                required=False,
                candidates=asker.ids("actor"),
                check=_stake_check(asker, option),
            )
            if answer:
                out[key] = parse_stakes([part.strip() for part in answer.split(";") if part.strip()], option)
    return out


def _stake_check(asker: _Asker, option: str) -> Callable[[str], str | None]:
    def check(answer: str) -> str | None:
        return _stake_problem(asker, answer, option)

    return check


def _stake_problem(asker: _Asker, answer: str, option: str) -> str | None:
    from geopol_cli.edit.add import parse_stakes

    try:
        stakes = parse_stakes([part.strip() for part in answer.split(";") if part.strip()], option)
    except UsageProblem as exc:
        return exc.message.removeprefix(f"{option}: ")
    unknown = [s["actor"] for s in stakes if s["actor"] not in asker.facts.actors]
    return f"{unknown[0]!r} is not the id of any actor" if unknown else None


# --- the five commands ------------------------------------------------------------------------------------------


def add_source(
    ctx: typer.Context,
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT", help="Its title.")] = None,
    publisher: Annotated[str | None, typer.Option("--publisher", metavar="TEXT", help="Who published it.")] = None,
    url: Annotated[str | None, typer.Option("--url", metavar="URL", help="Where it can be read.")] = None,
    date: Annotated[
        str | None, typer.Option("--date", metavar="DATE", help="When it was published: 2023, 2023-01 or 2023-01-31.")
    ] = None,
    language: Annotated[
        str | None, typer.Option("--language", metavar="CODE", help="Its language (en, ru, ...).")
    ] = None,
    retells: Annotated[
        str | None, typer.Option("--retells", metavar="ID", help="The id of a source it retells.")
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="Anything a reader should know about it.")
    ] = None,
    text: Annotated[
        Path | None,
        typer.Option(
            "--text",
            metavar="FILE",
            help="Its text (UTF-8 plain text or Markdown): copied into the fact base's texts/ folder with its "
            "SHA-256, so that geopol validate checks every excerpt of it word for word.",
        ),
    ] = None,
    from_csl: Annotated[
        Path | None,
        typer.Option(
            "--from-csl",
            metavar="FILE",
            help="Take the source(s) from a CSL-JSON export (Zotero, Mendeley, pandoc): every reference in it.",
        ),
    ] = None,
    record_id: IdOption = None,
    facts_path: FactsOption = None,
    dry_run: DryRunOption = False,
    no_input: NoInputOption = False,
    into: IntoOption = None,
    as_json: JsonOption = False,
) -> Output:
    """Add a source: a publication that facts rest on.

    With --text, its text is kept in the fact base, and every excerpt that
    cites it is checked against it by geopol validate; geopol add event
    then offers its sentences to pick an excerpt from. With --from-csl, the
    references of a CSL-JSON file are added, one source each.

    \b
    Examples:
      geopol --facts my-facts.json add source --title "Russian court lifts suspension" \\
        --publisher "The Astana Times" --date 2022-07-11 --no-input
      geopol --facts my-facts.json add source --title "A report" --publisher Press \\
        --date 2023-01-31 --text report.txt --no-input --dry-run
    """
    if from_csl is not None:
        return _add_from_csl(ctx, from_csl, facts_path, dry_run, into, as_json)
    asker = _Asker(ctx, "source", facts_path, no_input, complete=bool(title and publisher))
    fields: dict[str, Any] = {
        "title": asker.value("--title", title, "Title", required=True),
        "publisher": asker.value("--publisher", publisher, "Publisher", required=True),
        "date": _publication(
            # Not behind "add now, or more fields?": the source's date is what its events' dates in words count from.
            asker.value(
                "--date", date, "Published on (2023-01-31, October 2022; Enter if none)", required=False, gated=False
            )
        ),
        "url": asker.value("--url", url, "Address (url)", required=False),
        "language": asker.value("--language", language, "Language (en, ru, ...)", required=False),
        "retells": asker.value(
            "--retells", retells, "Id of a source it retells", required=False, candidates=asker.ids("source")
        ),
        "note": asker.value("--note", note, "A note for readers", required=False),
    }
    if text is None and asker.asking:
        answer = ask(
            "Its text, a UTF-8 file to keep and check excerpts against",
            required=False,
            check=lambda p: None if Path(p).expanduser().is_file() else f"{p} is not a file",
        )
        text = Path(answer).expanduser() if answer else None
    asker.done()
    fields = {"id": _record_id(asker, record_id, fields), **fields}
    return _finish(
        ctx, asker, fields, facts_option=facts_path, dry_run=dry_run, into=into, as_json=as_json, text_file=text
    )


def add_actor(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option("--name", metavar="NAME", help="Its name.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", metavar="KIND", help=f"One of {describe(ACTOR_KINDS)}.")] = None,
    iso2: Annotated[str | None, typer.Option("--iso2", metavar="CODE", help="ISO 3166-1 alpha-2 code (KZ).")] = None,
    iso3: Annotated[str | None, typer.Option("--iso3", metavar="CODE", help="ISO 3166-1 alpha-3 code (KAZ).")] = None,
    region: Annotated[str | None, typer.Option("--region", metavar="TEXT", help="Its region (Central Asia).")] = None,
    alias: Annotated[
        list[str] | None,
        typer.Option("--alias", metavar="NAME", help="Another spelling or native-script name (repeatable)."),
    ] = None,
    focus: Annotated[
        bool, typer.Option("--focus", help="Make it the fact base's focus: directions are relative to it.")
    ] = False,
    record_id: IdOption = None,
    facts_path: FactsOption = None,
    dry_run: DryRunOption = False,
    no_input: NoInputOption = False,
    into: IntoOption = None,
    as_json: JsonOption = False,
) -> Output:
    """Add an actor: a country, bloc, alliance, region or organisation.

    \b
    Examples:
      geopol --facts my-facts.json add actor --name Georgia --kind country --iso2 GE --iso3 GEO --no-input
    """
    asker = _Asker(ctx, "actor", facts_path, no_input, complete=bool(name and kind))
    fields: dict[str, Any] = {
        "name": asker.value("--name", name, "Name", required=True),
        "kind": asker.value("--kind", kind, f"Kind ({describe(ACTOR_KINDS)})", required=True, candidates=ACTOR_KINDS),
        "iso2": asker.value("--iso2", iso2, "ISO alpha-2 code", required=False),
        "iso3": asker.value("--iso3", iso3, "ISO alpha-3 code", required=False),
        "region": asker.value("--region", region, "Region", required=False),
        "aliases": list(alias or [])
        or (
            split_names(ask("Other names, separated by commas", required=False) or "")
            if asker.asking and asker.optional()
            else []
        ),
    }
    asker.done()
    fields = {"id": _record_id(asker, record_id, fields), **fields}
    return _finish(
        ctx, asker, fields, facts_option=facts_path, dry_run=dry_run, into=into, as_json=as_json, focus=focus
    )


def add_person(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option("--name", metavar="NAME", help="Their name.")] = None,
    role: Annotated[
        str | None, typer.Option("--role", metavar="TEXT", help="Their role (President of Kazakhstan).")
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(
            "--actor", metavar="ID", autocompletion=complete_actor, help="The actor they belong to or speak from."
        ),
    ] = None,
    leader: Annotated[bool, typer.Option("--leader", help="A head of state or government of --actor.")] = False,
    alias: Annotated[
        list[str] | None, typer.Option("--alias", metavar="NAME", help="Another spelling (repeatable).")
    ] = None,
    record_id: IdOption = None,
    facts_path: FactsOption = None,
    dry_run: DryRunOption = False,
    no_input: NoInputOption = False,
    into: IntoOption = None,
    as_json: JsonOption = False,
) -> Output:
    """Add a person who acts or speaks in the facts.

    \b
    Examples:
      geopol --facts my-facts.json add person --name "Nikol Pashinyan" \\
        --role "Prime Minister of Armenia" --actor armenia --leader --no-input
    """
    asker = _Asker(ctx, "person", facts_path, no_input, complete=bool(name))
    fields: dict[str, Any] = {
        "name": asker.value("--name", name, "Name", required=True),
        "role": asker.value("--role", role, "Role", required=False),
        "actor": asker.value(
            "--actor", actor, "Actor they belong to (id)", required=False, candidates=asker.ids("actor")
        ),
        "leader": leader or (asker.asking and confirm("A head of state or government?", default=False)),
        "aliases": list(alias or []),
    }
    asker.done()
    fields = {"id": _record_id(asker, record_id, fields), **fields}
    return _finish(ctx, asker, fields, facts_option=facts_path, dry_run=dry_run, into=into, as_json=as_json)


def add_event(
    ctx: typer.Context,
    source: SourceOption = None,
    excerpt: ExcerptOption = None,
    account: AccountOption = None,
    quote: QuoteOption = None,
    summary: SummaryOption = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help="When: the source's own words ('in October', 'last summer', 'on 6 July', 'even before the war'), "
            "resolved against the source's date, or an ISO date or span (2022-07-06, 2022-06..2022-08).",
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
    record_id: IdOption = None,
    facts_path: FactsOption = None,
    dry_run: DryRunOption = False,
    no_input: NoInputOption = False,
    into: IntoOption = None,
    as_json: JsonOption = False,
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
    cited = bool(source and (excerpt or account))
    asker = _Asker(ctx, "event", facts_path, no_input, complete=bool(cited and summary and date and actor and kind))
    if asker.facts.base.focus is not None and direction is None:
        asker.asking = interactive() and not no_input  # the focus makes the direction required
    chosen, citation = _citation(asker, source, excerpt, account, quote)
    summary = asker.value("--summary", summary, "What happened, in your own words", required=True)
    when = _date(asker, date, chosen or None)
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
        **_stakes(asker, gain, loss, "event"),
        "summary": summary,
        "citations": [citation],
    }
    asker.done()
    fields = {"id": _record_id(asker, record_id, fields), **fields}
    return _finish(ctx, asker, fields, facts_option=facts_path, dry_run=dry_run, into=into, as_json=as_json)


def add_claim(
    ctx: typer.Context,
    source: SourceOption = None,
    excerpt: ExcerptOption = None,
    account: AccountOption = None,
    quote: QuoteOption = None,
    summary: SummaryOption = None,
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
    record_id: IdOption = None,
    facts_path: FactsOption = None,
    dry_run: DryRunOption = False,
    no_input: NoInputOption = False,
    into: IntoOption = None,
    as_json: JsonOption = False,
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
    cited = bool(source and (excerpt or account))
    asker = _Asker(ctx, "claim", facts_path, no_input, complete=bool(cited and by and about and stance and summary))
    chosen, citation = _citation(asker, source, excerpt, account, quote)
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
        "summary": asker.value("--summary", summary, "The claim, in your own words", required=True),
        "events": asker.values(
            "--event",
            event,
            "Events it comments on (ids)",
            required=False,
            name="events",
            candidates=asker.ids("event"),
        ),
        "context": asker.value("--context", context, "Where in the source it is said", required=False),
        **_stakes(asker, gain, loss, "claim"),
        "citations": [citation],
    }
    asker.done()
    fields = {"id": _record_id(asker, record_id, fields), **fields}
    return _finish(ctx, asker, fields, facts_option=facts_path, dry_run=dry_run, into=into, as_json=as_json)


def _add_from_csl(
    ctx: typer.Context, path: Path, facts_option: str | None, dry_run: bool, into: str | None, as_json: bool
) -> Output:
    from geopol_cli.cli.context import session
    from geopol_cli.edit.add import add_records
    from geopol_cli.edit.csl import sources_from_csl
    from geopol_cli.query.results import AddedReports

    run = session(ctx)
    chosen = run.to_write(facts_option, command="add")
    records = sources_from_csl(path, run.load(facts_option, viewing=False))
    # All the references in one write: every one of them lands, or (a problem) none does.
    reports = add_records(chosen.path, "source", records, dry_run=dry_run, into=into, origin=chosen.origin)
    return choose("AddedReports", as_json, None).of(AddedReports(added=reports))


RecordArgument = Annotated[
    str, typer.Argument(metavar="ID", autocompletion=complete_record, help="The event or claim to add to.")
]


def add_citation(
    ctx: typer.Context,
    record: RecordArgument,
    source: SourceOption = None,
    excerpt: ExcerptOption = None,
    account: AccountOption = None,
    quote: QuoteOption = None,
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="DATE", help="The date as this source gives it, in its words or ISO."),
    ] = None,
    act: Annotated[
        str | None, typer.Option("--act", metavar="TEXT", help="The act as this source names it ('initialled').")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="Anything a reader should know.")] = None,
    facts_path: FactsOption = None,
    dry_run: DryRunOption = False,
    no_input: NoInputOption = False,
    as_json: JsonOption = False,
) -> Output:
    """Add another source to an event or claim: what it says, and the date and act it gives.

    A second source corroborates the record, or disagrees with it: where the
    dates cannot both hold or the acts differ, geopol validate warns until a
    dispute says which reading the record follows (geopol add dispute).

    \b
    Examples:
      geopol --facts my-facts.json add citation uz-eu-partnership-agreement --source eeas-2022-07-06 \\
        --account "The chief negotiators initialled the agreement in Brussels." --date 2022-07-06 \\
        --act initialled --no-input --dry-run
    """
    record = required_argument(record, "ID", "add citation")
    asker = _Asker(ctx, "citation", facts_path, no_input, complete=bool(source and (excerpt or account)))
    asker.record_exists(record)  # before any question: a misspelt id loses no answers
    _, citation = _citation(asker, source, excerpt, account, quote)
    when = _date(asker, date, citation.get("source"), required=False) if date or asker.asking else None
    citation.update({k: v for k, v in {"date": when, "act": act, "note": note}.items() if v})
    asker.done()
    return _finish_part(ctx, asker, record, "citation", citation, facts_path, dry_run, as_json)


def add_dispute(
    ctx: typer.Context,
    record: RecordArgument,
    point: Annotated[
        str | None,
        typer.Option("--point", metavar="POINT", help="What is disputed: " + describe(DISPUTE_POINTS) + "."),
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option("--source", metavar="ID", help="A cited source whose account disagrees (repeatable)."),
    ] = None,
    follows: Annotated[
        str | None, typer.Option("--follows", metavar="ID", help="The source whose reading the record follows.")
    ] = None,
    why: Annotated[
        str | None, typer.Option("--why", metavar="TEXT", help="What each source says, and why the record reads it so.")
    ] = None,
    facts_path: FactsOption = None,
    dry_run: DryRunOption = False,
    no_input: NoInputOption = False,
    as_json: JsonOption = False,
) -> Output:
    """Record that the sources of an event or claim disagree, and which reading it follows.

    \b
    Examples:
      geopol --facts my-facts.json add dispute kz-oil-via-caspian-btc --point account \\
        --source russiavsworld-2023 --source kazinform-2022-11-07 \\
        --follows kazinform-2022-11-07 --why "Kazinform gives the figure as a target." --no-input --dry-run
    """
    record = required_argument(record, "ID", "add dispute")
    asker = _Asker(ctx, "dispute", facts_path, no_input, complete=bool(point and source and why))
    asker.record_exists(record)  # before any question: a misspelt id loses no answers
    fields: dict[str, Any] = {
        "point": asker.value(
            "--point", point, f"What is disputed ({describe(DISPUTE_POINTS)})", required=True,
            candidates=DISPUTE_POINTS,
        ),
        "sources": asker.values(
            "--source", source, "The sources that disagree (ids)", required=True, name="source",
            candidates=asker.ids("source"),
        ),
        "follows": asker.value(
            "--follows", follows, "The source the record follows (id)", required=False, name="source",
            candidates=asker.ids("source"),
        ),
        "why": asker.value("--why", why, "What each says, and why the record reads it so", required=True),
    }  # fmt: skip
    asker.done()
    return _finish_part(ctx, asker, record, "dispute", fields, facts_path, dry_run, as_json)


def _finish_part(
    ctx: typer.Context,
    asker: _Asker,
    record: str,
    part: str,
    value: dict[str, Any],
    facts_option: str | None,
    dry_run: bool,
    as_json: bool,
) -> Output:
    from geopol_cli.cli.context import session
    from geopol_cli.edit.add import add_to_record

    value = {k: v for k, v in value.items() if v not in (None, [], ())}
    if asker.asking and not dry_run:
        say(json.dumps(value, indent=2, ensure_ascii=False))
        if not confirm(f"Add this {part} to {record}?"):
            raise UsageProblem("not added; nothing was written")
    chosen = session(ctx).to_write(facts_option, command="add")
    report = add_to_record(chosen.path, record, part, value, dry_run=dry_run, origin=chosen.origin)
    for warning in report.warnings:
        say(f"geopol: warning: {warning.path}: {warning.message}")
    return choose("AddReport", as_json, None).of(report)


# --- every field of a model, in add: what a command does not handle itself comes from the model's description --

# The fields each command asks and checks with its own dialogue; any other field of the kind's model
# (one added to facts/models.py later) gets an option, a help line and a question from facts/fields.py.
HANDLED: dict[str, frozenset[str]] = {
    "source": frozenset({"title", "publisher", "url", "date", "language", "retells", "note", "text"}),
    "actor": frozenset({"name", "kind", "iso2", "iso3", "region", "aliases"}),
    "person": frozenset({"name", "role", "actor", "leader", "aliases"}),
    "event": frozenset({"date", "actors", "people", "targets", "kind", "direction", "answers", "follows", "summary"}),
    "claim": frozenset({"by", "attributed_to", "about", "stance", "summary", "events", "context"}),
}
_EXTRA = "geopol.model_fields"


def with_model_fields(kind: str, command: Callable[..., Output]) -> Callable[..., Output]:
    """``command`` with an option for each field of its model that it does not handle (HANDLED)."""
    if kind not in HANDLED:
        return command
    import functools
    import inspect

    from geopol_cli.facts.fields import KINDS, fields_of

    extra = [spec for spec in fields_of(KINDS[kind][0]) if spec.name not in HANDLED[kind]]
    if not extra:
        return command
    own = inspect.signature(command, eval_str=True)
    added = []
    for spec in extra:
        help_text = spec.description + (f" One of: {', '.join(spec.choices)}." if spec.choices else "")
        if spec.shape == "flag":
            annotation: Any = Annotated[bool, typer.Option(f"{spec.option}/--no-{spec.option[2:]}", help=help_text)]
            default: Any = False
        elif spec.shape == "list":
            annotation = Annotated[list[str] | None, typer.Option(spec.option, metavar="VALUE", help=help_text)]
            default = None
        else:
            annotation = Annotated[str | None, typer.Option(spec.option, metavar="TEXT", help=help_text)]
            default = None
        added.append(inspect.Parameter(f"field_{spec.name}", inspect.Parameter.KEYWORD_ONLY, default=default,
                                       annotation=annotation))  # fmt: skip

    @functools.wraps(command)
    def run(**given: Any) -> Output:
        values = {spec.name: given.pop(f"field_{spec.name}") for spec in extra}
        given["ctx"].meta[_EXTRA] = (extra, values)
        return command(**given)

    signature = own.replace(parameters=[*own.parameters.values(), *added])
    run.__signature__ = signature  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in signature.parameters.values()}
    return run


def _model_fields_given(ctx: typer.Context, asker: _Asker) -> dict[str, Any]:
    """The model's own fields the command does not handle: as given, or asked behind "add now, or more fields?"."""
    extra, values = ctx.meta.get(_EXTRA, ([], {}))
    out: dict[str, Any] = {}
    for spec in extra:
        value = values.get(spec.name)
        if value in (None, [], False) and asker.asking and asker.optional():
            answer = ask(spec.name.replace("_", " ").capitalize(), required=False, hint=spec.description)
            if answer is not None and spec.shape == "list":
                value = split_names(answer)
            elif answer is not None and spec.shape == "flag":
                value = answer.casefold() in ("y", "yes", "true")
            else:
                value = answer
        if value not in (None, [], False):
            out[spec.name] = value
    return out


_COMMANDS: dict[str, tuple[Callable[..., Output], str]] = {
    "source": (add_source, "Add a source: a publication that facts rest on."),
    "actor": (add_actor, "Add an actor: a country, bloc, alliance, region or organisation."),
    "person": (add_person, "Add a person who acts or speaks."),
    "event": (add_event, "Add an event: who did what, when, towards whom."),
    "claim": (add_claim, "Add a claim: what someone asserts, and about whom."),
    "citation": (add_citation, "Add what another source says of an event or claim."),
    "dispute": (add_dispute, "Record that the sources of a record disagree."),
}
