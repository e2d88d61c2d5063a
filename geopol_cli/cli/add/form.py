"""The one form every `geopol add` command fills: options given, the rest asked, each answer checked.

Every field is an option, for scripts; on a terminal, what no option gave
is asked for in turn (cli/prompts.py), each answer checked at once by the
model's own rule (edit/add.py model_problem). Required fields come first;
the optional ones and the id wait behind one "add now, or more fields?".
A field of the model that a kind's module does not handle itself gets an
option and a question from its description (facts/fields.py). The record
is then written by the change engine (edit/change.py), checked against
the whole fact base, or, with --dry-run, checked and printed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from geopol_cli.cli.options import DryRunOption, FactsOption, JsonOption
from geopol_cli.cli.output import Output, choose
from geopol_cli.cli.prompts import ask, ask_list, choose_one, confirm, interactive, say, split_names
from geopol_cli.core.errors import UsageProblem

_Command = TypeVar("_Command", bound=Callable[..., Any])

IdOption = Annotated[
    str | None, typer.Option("--id", metavar="ID", help="The new record's id (default: made from its name or summary).")
]
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


@dataclass(frozen=True)
class WriteRequest:
    """What the options every `add` command shares asked for, handed in one piece by :func:`write_options`."""

    facts: str | None = None
    dry_run: bool = False
    no_input: bool = False
    as_json: bool = False
    record_id: str | None = None  # a new record's --id
    into: str | None = None  # a folder base's file to add to
    # A cited record's (an event's, a claim's) one citation, and its summary.
    source: str | None = None
    excerpt: str | None = None
    account: str | None = None
    quote: str | None = None
    summary: str | None = None

    @property
    def cited(self) -> bool:
        """The options give the citation whole: its source, and its words or an account of them."""
        return bool(self.source and (self.excerpt or self.account))


def write_options(new_record: bool = True, cited: bool = False) -> Callable[[_Command], _Command]:
    """Give an `add` command its shared options in one line: --facts, --dry-run, --no-input and --json; for a
    new record, --id and --into too; for a citation (``cited``: an event's, a claim's, or one added to a record)
    its --source, --excerpt, --account and --quote, first, with a new record's --summary. The command declares
    ``request: WriteRequest`` instead."""
    import functools
    import inspect

    shared: dict[str, tuple[Any, Any]] = {
        "facts_path": (FactsOption, None),
        "dry_run": (DryRunOption, False),
        "no_input": (NoInputOption, False),
        "as_json": (JsonOption, False),
    }
    if new_record:
        shared = {"record_id": (IdOption, None), **shared, "into": (IntoOption, None)}
    first: dict[str, tuple[Any, Any]] = {}
    if cited:
        first = {
            "source": (SourceOption, None),
            "excerpt": (ExcerptOption, None),
            "account": (AccountOption, None),
            "quote": (QuoteOption, None),
        }
        if new_record:
            first["summary"] = (SummaryOption, None)

    def decorate(command: _Command) -> _Command:
        own = inspect.signature(command, eval_str=True)
        kept = [p for p in own.parameters.values() if p.name != "request"]

        def parameters(options: dict[str, tuple[Any, Any]]) -> list[inspect.Parameter]:
            return [
                inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
                for name, (annotation, default) in options.items()
            ]

        @functools.wraps(command)
        def run(**given: Any) -> Any:
            asked = {name: given.pop(name) for name in (*first, *shared)}
            asked["facts"] = asked.pop("facts_path")
            return command(request=WriteRequest(**asked), **given)

        # The citation's options come first in --help (after the context and any argument), the shared ones last.
        lead = 1 + max((i for i, p in enumerate(kept) if p.default is inspect.Parameter.empty), default=0)
        leading = [p.replace(kind=inspect.Parameter.POSITIONAL_OR_KEYWORD) for p in parameters(first)]
        signature = own.replace(parameters=[*kept[:lead], *leading, *kept[lead:], *parameters(shared)])
        run.__signature__ = signature  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in signature.parameters.values()}
        return run  # type: ignore[return-value]

    return decorate


class Asker:
    """Fills a record from the options given, asking a person for the rest, or listing what is missing."""

    def __init__(self, ctx: typer.Context, kind: str, request: WriteRequest, complete: bool = False) -> None:
        """``complete``: the options give every required field, so nothing is asked (a script, or a README line)."""
        from geopol_cli.cli.context import session

        self.kind = kind
        self.request = request
        self.facts = session(ctx).load(request.facts, viewing=False)
        self.asking = interactive() and not request.no_input and not complete
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


def record_id_of(asker: Asker, given: str | None, fields: dict[str, Any]) -> str:
    from geopol_cli.edit.add import suggest_id

    suggested = suggest_id(asker.facts, asker.kind, fields)
    chosen = asker.value("--id", given, "Id", required=True, default=suggested, hint=None)
    assert chosen is not None
    asker.suggested_id = given is None and not asker.asking
    return chosen


def finish(
    ctx: typer.Context, asker: Asker, record: dict[str, Any], *, text_file: Path | None = None, focus: bool = False
) -> Output:
    """The record, shown and confirmed on a terminal, then written (checked against the whole base)."""
    from geopol_cli.cli.context import session
    from geopol_cli.edit.add import add_record

    request = asker.request
    dry_run = request.dry_run

    record = {**record, **model_fields_given(ctx, asker)}
    record = {k: v for k, v in record.items() if v not in (None, [], ())}
    if asker.asking and not dry_run:
        say(json.dumps(record, indent=2, ensure_ascii=False))
        # Asked once already when the person chose "add" over more fields; otherwise asked here.
        if asker.more is not False and not confirm(f"Add this {asker.kind}?"):
            raise UsageProblem("not added; nothing was written")
    chosen = session(ctx).to_write(request.facts, command="add")
    report = add_record(
        chosen.path,
        asker.kind,
        record,
        dry_run=dry_run,
        into=request.into,
        text_file=text_file,
        focus=focus,
        origin=chosen.origin,
        renumber=asker.suggested_id,
    )
    for warning in report.warnings:
        say(f"geopol: warning: {warning.path}: {warning.message}")
    return choose("AddReport", request.as_json, None).of(report)


def publication(value: str | None) -> str | None:
    """A source's date as ISO ('October 2022' -> 2022-10); already checked, so it converts."""
    if value is None:
        return None
    from geopol_cli.edit.add import publication_date

    return publication_date(value)


def citation_of(asker: Asker, request: WriteRequest) -> tuple[str, dict[str, Any]]:
    """The record's one citation: its source, then its words (picked from the held text) or an account."""
    source, excerpt, account, quote = request.source, request.excerpt, request.account, request.quote
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
            excerpt = pick_excerpt(text)
        else:
            account = ask(
                "What the source says, in your own words (its text is not held, so it is not quoted)", required=True
            )
    if excerpt is None and account is None and not asker.asking:
        asker.missing.append("--excerpt or --account")
    citation.update(excerpt=excerpt, account=account)
    if quote is None and asker.asking and asker.kind == "claim" and excerpt is not None:
        in_excerpt = part_of(excerpt)
        quote = ask(
            "The speaker's own words inside it",
            required=False,
            check=lambda q: None if in_excerpt(q) is None else "the quote must be part of the excerpt, word for word",
        )
    citation["quote"] = quote
    return chosen, {k: v for k, v in citation.items() if v is not None}


def pick_excerpt(text: Any) -> str:
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
            pick = ask("Which one (its number; Enter for 1)", default="1", check=number_up_to(len(found)))
            assert pick is not None
            sentence = found[int(pick) - 1]
        shorter = ask(
            "The shortest part of it that supports the record",
            required=False,
            empty="Enter: the whole sentence",
            check=part_of(sentence),
        )
        return shorter or sentence


def number_up_to(most: int) -> Callable[[str], str | None]:
    def check(answer: str) -> str | None:
        return None if answer.isdigit() and 1 <= int(answer) <= most else f"a number from 1 to {most}"

    return check


def part_of(whole: str) -> Callable[[str], str | None]:
    """A part of ``whole``, compared as validate compares an excerpt with its text (facts/texts.py normalise):
    straight or curly quotes, dashes and runs of spaces alike."""
    from geopol_cli.facts.texts import normalise

    compared = normalise(whole)

    def check(part: str) -> str | None:
        wanted = normalise(part)
        return None if wanted and wanted in compared else "type a part of the sentence, word for word"

    return check


def date_of(asker: Asker, given: str | None, source: str | None, required: bool = True) -> dict[str, Any] | None:
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


def stakes_of(asker: Asker, gains: list[str] | None, losses: list[str] | None, kind: str) -> dict[str, Any]:
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
                check=stake_check(asker, option),
            )
            if answer:
                out[key] = parse_stakes([part.strip() for part in answer.split(";") if part.strip()], option)
    return out


def stake_check(asker: Asker, option: str) -> Callable[[str], str | None]:
    def check(answer: str) -> str | None:
        return stake_problem(asker, answer, option)

    return check


def stake_problem(asker: Asker, answer: str, option: str) -> str | None:
    from geopol_cli.edit.add import parse_stakes

    try:
        stakes = parse_stakes([part.strip() for part in answer.split(";") if part.strip()], option)
    except UsageProblem as exc:
        return exc.message.removeprefix(f"{option}: ")
    unknown = [s["actor"] for s in stakes if s["actor"] not in asker.facts.actors]
    return f"{unknown[0]!r} is not the id of any actor" if unknown else None


# --- the five commands ------------------------------------------------------------------------------------------


def finish_part(ctx: typer.Context, asker: Asker, record: str, part: str, value: dict[str, Any]) -> Output:
    """A citation or dispute for a record already there, shown and confirmed on a terminal, then written."""
    from geopol_cli.cli.context import session
    from geopol_cli.edit.add import add_to_record

    request = asker.request
    dry_run = request.dry_run

    value = {k: v for k, v in value.items() if v not in (None, [], ())}
    if asker.asking and not dry_run:
        say(json.dumps(value, indent=2, ensure_ascii=False))
        if not confirm(f"Add this {part} to {record}?"):
            raise UsageProblem("not added; nothing was written")
    chosen = session(ctx).to_write(request.facts, command="add")
    report = add_to_record(chosen.path, record, part, value, dry_run=dry_run, origin=chosen.origin)
    for warning in report.warnings:
        say(f"geopol: warning: {warning.path}: {warning.message}")
    return choose("AddReport", request.as_json, None).of(report)


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


def model_fields_given(ctx: typer.Context, asker: Asker) -> dict[str, Any]:
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
