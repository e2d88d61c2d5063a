"""The options commands share, each defined once; the vocabularies come from core/vocabulary.py.

Typer reads these ``Annotated`` types from the command signatures, so
validation, help and completion of a vocabulary (kinds, stances, formats)
all come from the one tuple that defines it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from geopol_cli.cli.complete import complete_actor
from geopol_cli.core.errors import UsageProblem
from geopol_cli.core.vocabulary import DIRECTIONS, EVENT_KINDS, RECORD_TYPES, STANCES, choice_enum, describe

if TYPE_CHECKING:
    from geopol_cli.facts.load import Facts
    from geopol_cli.facts.models import Actor
    from geopol_cli.query.filters import EventFilter

# Enum types built from the vocabulary: Typer checks a value against them,
# lists them in --help and offers them on Tab.
EventKindChoice = choice_enum("EventKindChoice", EVENT_KINDS)
DirectionChoice = choice_enum("DirectionChoice", DIRECTIONS)
RecordTypeChoice = choice_enum("RecordTypeChoice", RECORD_TYPES)
StanceChoice = choice_enum("StanceChoice", STANCES)

FactsOption = Annotated[
    str | None,
    typer.Option(
        "--facts",
        metavar="PATH",
        help="Facts file to read. Default: $GEOPOL_FACTS, else the facts bundled with geopol.",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout (as --format json).")]
ExcerptsOption = Annotated[
    bool,
    typer.Option("--excerpts", help="Show under each event and claim the source's words that support it."),
]
CountryFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--country",
        "-c",
        autocompletion=complete_actor,
        metavar="NAME",
        help="Only what involves this actor (repeatable: any of them).",
        show_default=False,
    ),
]
KindFilter = Annotated[
    list[EventKindChoice] | None,  # type: ignore[valid-type]
    typer.Option(
        "--kind",
        "-k",
        metavar="KIND",
        help=f"Only events of this kind: {describe(EVENT_KINDS)} (repeatable: any of them).",
        show_default=False,
    ),
]
StanceFilter = Annotated[
    list[StanceChoice] | None,  # type: ignore[valid-type]
    typer.Option(
        "--stance",
        metavar="STANCE",
        help=f"Only claims of this stance: {describe(STANCES)} (repeatable: any of them).",
        show_default=False,
    ),
]


def format_option(view: str) -> Any:
    """The --format/-f option of a command whose result type is named ``view``: its formats from the registry."""
    from geopol_cli.render.registry import formats_for

    formats = formats_for(view)

    def check(value: str | None) -> str | None:
        if value is not None and value not in formats_for(view):  # read now: a writer may have been added
            raise typer.BadParameter(f"{value!r} is not a format of this command; use {describe(formats_for(view))}")
        return value

    def complete(incomplete: str) -> list[str]:
        return [f for f in formats_for(view) if f.startswith(incomplete)]

    return typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        callback=check,
        autocompletion=complete,
        help=f"Output format: {describe(formats)} (default: {formats[0]}).",
        show_default=False,
    )


def values(choices: Sequence[Any] | None) -> list[str]:
    """The plain strings of a repeatable vocabulary option (Enum members) or of a text option."""
    return [str(getattr(choice, "value", choice)) for choice in choices or []]


def required_argument(value: str | None, metavar: str, command: str) -> str:
    """A required argument, as given. The lowest Typer geopol supports (0.16) hands a missing argument that
    has completion in as None instead of refusing it; this refuses it the way later releases do."""
    if value is None:
        raise UsageProblem(f"Missing argument '{metavar}'. (see geopol {command} --help)")
    return value


def _at_least_one(value: int | None, option: str) -> int | None:
    # A check of our own, not click's IntRange, whose "[x>=1]" would end the help line.
    if value is not None and value < 1:
        raise typer.BadParameter(f"{value} is not a number of records: give 1 or more")
    return value


def actors_named(facts: Facts, names: Sequence[str] | None, option: str) -> list[Actor]:
    """The actors a repeatable filter option names (a name that matches nothing is a usage error)."""
    from geopol_cli.query.resolve import resolve_actors

    return resolve_actors(facts, list(names or []), option)


def at_least(count: int, names: Sequence[str], what: str) -> None:
    if len(names) < count:
        raise UsageProblem(f"give at least {count} {what}")


LimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit",
        "-L",
        metavar="N",
        callback=lambda value: _at_least_one(value, "--limit"),
        help="Show at most N records (of each list), N at least 1.",
        show_default=False,
    ),
]
ReverseOption = Annotated[
    bool, typer.Option("--reverse", "-r", help="Reverse the order (the timeline then runs newest first).")
]


def sort_option(view: str) -> Any:
    """--sort FIELD for a list view; the fields come from its records (completion and the error list them)."""

    def complete(incomplete: str) -> list[str]:
        from geopol_cli.render.registry import sort_fields

        return [f for f in sort_fields(view) if f.startswith(incomplete)]

    return typer.Option(
        "--sort",
        metavar="FIELD",
        autocompletion=complete,
        help="Sort by this field of the records (any plain field of the JSON; Tab lists them).",
        show_default=False,
    )


def fields_option(view: str) -> Any:
    """--fields a,b,c: the JSON keys to keep (of each record, for a list view); Tab completes the last one."""

    def complete(incomplete: str) -> list[str]:
        from geopol_cli.render.registry import field_names

        done, _, last = incomplete.rpartition(",")
        prefix = f"{done}," if done else ""
        return [prefix + f for f in field_names(view) if f.startswith(last)]

    return typer.Option(
        "--fields",
        metavar="FIELDS",
        autocompletion=complete,
        help="Keep only these JSON keys, comma-separated (of each record, in a list); implies --json. "
        "An unknown one is an error that lists them all.",
        show_default=False,
    )


def partial_date(value: str | None, option: str) -> str | None:
    """A --since/--until value, checked: YYYY, YYYY-MM or YYYY-MM-DD."""
    if value is None:
        return None
    from geopol_cli.core.dates import parse_partial_date

    try:
        parse_partial_date(value)
    except ValueError as bad:
        forms = "" if "YYYY" in str(bad) else "; use YYYY, YYYY-MM or YYYY-MM-DD"  # say the forms once
        raise UsageProblem(f"{bad}{forms} (for example 2022, 2022-06 or 2022-06-15)", option) from None
    return value


def date_range(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """--since and --until, each checked, and in order."""
    partial_date(since, "--since")
    partial_date(until, "--until")
    if since is not None and until is not None:
        from geopol_cli.core.dates import first_day, last_day

        if last_day(until) < first_day(since):
            raise UsageProblem(f"--until {until} is before --since {since}", "--until")
    return since, until


SinceOption = Annotated[
    str | None,
    typer.Option(
        metavar="DATE",
        help="Only events overlapping this date or later: 2022, 2022-06, 2022-06-15.",
        show_default=False,
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option(
        metavar="DATE",
        help="Only events overlapping this date or earlier (partial dates as --since).",
        show_default=False,
    ),
]

DirectionFilter = Annotated[
    list[DirectionChoice] | None,  # type: ignore[valid-type]
    typer.Option(
        "--direction",
        "-d",
        metavar="DIRECTION",
        help=f"Only events of this direction, {describe(DIRECTIONS)}, relative to the fact base's focus (Russia in "
        "the bundled facts; repeatable: any of them).",
        show_default=False,
    ),
]
WithinOption = Annotated[
    bool,
    typer.Option(
        "--within", help="With --since/--until: only events whose whole span lies inside the range, not just overlaps."
    ),
]


def event_filter(
    facts: Facts,
    countries: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    kinds: Sequence[Any] | None = None,
    directions: Sequence[Any] | None = None,
    within: bool = False,
) -> EventFilter:
    """The event filter the shared options ask for, its countries resolved (an unknown one is a usage error)."""
    from geopol_cli.query.filters import EventFilter

    if within and since is None and until is None:
        raise UsageProblem("--within goes with --since or --until", "--within")
    return EventFilter(
        countries=tuple(a.id for a in actors_named(facts, countries, "--country")),
        since=since,
        until=until,
        kinds=tuple(values(kinds)),
        directions=tuple(values(directions)),
        within=within,
    )


JqOption = Annotated[
    str | None,
    typer.Option(
        "--jq",
        "-q",
        metavar="EXPR",
        help="Filter the JSON document with a jq expression (implies --json); text results print as text. "
        "Needs the optional jq binding: pip install jq (from a source checkout: pip install '.[jq]').",
        show_default=False,
    ),
]

DryRunOption = Annotated[
    bool,
    typer.Option("--dry-run", help="Run every check a real write runs, show the change, and write nothing."),
]


def single_command(name: str, command: Any, short_help: str | None) -> Any:
    """One Click command built from ``command`` with geopol's help settings: for the groups (add, edit) that
    build a kind's command only when it is asked for, so that no other command's start-up reads the models."""
    import typer.main

    # Plain help, as geopol's own (cli/app.py): rich's help costs start-up time.
    single = typer.Typer(
        rich_markup_mode=None, add_completion=False, context_settings={"help_option_names": ["-h", "--help"]}
    )
    single.command(name, short_help=short_help)(command)
    built = typer.main.get_command(single)
    built.name = name
    return built
