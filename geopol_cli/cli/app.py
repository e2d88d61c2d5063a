"""The Typer application: the command group and its commands.

Each command lives in its own module with its options, its docstring (the
help, with examples) and its body (options -> query -> result); heavy
imports happen inside the command that needs them, so `geopol --help` and
`geopol --version` stay fast. Errors and output are not handled here: the
entry point (geopol_cli.main) does both, for every command.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from geopol_cli import __version__
from geopol_cli.cli import (
    add,
    benefits,
    claims,
    compare,
    countries,
    country,
    edit,
    extract,
    fmt,
    graph,
    history,
    importing,
    init,
    person,
    remove,
    rename,
    schema,
    search,
    sources,
    timeline,
    validate,
)
from geopol_cli.cli.options import FactsOption
from geopol_cli.core.vocabulary import choice_enum

ColourChoice = choice_enum("ColourChoice", ("auto", "always", "never"))

EPILOG = (
    "Exit codes: 0 ok (also an empty filter result), 1 nothing found (or, for fmt --check, a file to "
    "reformat), 2 usage error, "
    "3 bad facts file, 70 internal error, 74 the system refused a read or write, 130 interrupted, "
    "141 output pipe closed."
)


class _Listed(TyperGroup):
    """The command group, listing its commands in the order a reader needs them: reading, then writing."""

    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        return sorted(names, key=lambda name: _ORDER.index(name) if name in _ORDER else len(_ORDER))


_ORDER = (
    *("country", "countries", "timeline", "benefits", "search", "person", "compare", "graph"),
    *("claims", "sources", "cite", "disputes", "init", "add", "import", "edit", "rename", "remove", "log", "undo"),
    *("fmt", "validate", "schema", "help"),
)

app = typer.Typer(
    name="geopol",
    cls=_Listed,
    help="Explore structured geopolitical facts: country profiles, timelines and who benefits.\n\n"
    "Start here: geopol country kazakhstan, geopol timeline, geopol benefits (geopol help COMMAND for more).\n\n"
    "Reads a facts file (the bundled one by default) and prints rich tables, or JSON with --json. "
    "Your own fact base: geopol init, then geopol add, or geopol extract from a text, geopol import from a table.",
    epilog=EPILOG,
    invoke_without_command=True,
    # -h as well as --help, on every command (child contexts inherit it).
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=True,
    pretty_exceptions_enable=False,
    # Plain help: Typer's rich help imports rich and markdown-it on every
    # `--help`, more than doubling its start-up time (see README, Performance).
    rich_markup_mode=None,
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"geopol {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    facts_path: FactsOption = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
    colour: Annotated[
        ColourChoice,  # type: ignore[valid-type]
        typer.Option(
            "--color",
            help="Colour in tables: auto (a terminal, unless NO_COLOR is set), always (even piped) or never.",
        ),
    ] = "auto",
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Never page (otherwise tables taller than the terminal go through $GEOPOL_PAGER, $PAGER or less).",
        ),
    ] = False,
) -> None:
    """Explore structured geopolitical facts: country profiles, timelines and who benefits."""
    from geopol_cli.cli import terminal
    from geopol_cli.cli.context import Session

    ctx.obj = Session(facts=facts_path, colour=str(getattr(colour, "value", colour)), pager=not no_pager)
    terminal.colour = ctx.obj.colour
    if not ctx.obj.pager:
        terminal.disable()
    if ctx.invoked_subcommand is None:
        # `geopol` alone: the help, on stdout, and success (as gh and git do).
        typer.echo(ctx.get_help())
        raise typer.Exit()


def help_command(
    ctx: typer.Context,
    command: Annotated[
        list[str] | None,
        typer.Argument(metavar="COMMAND...", help="The command to explain (add event: with its subcommand)."),
    ] = None,
) -> None:
    """Show the help of geopol, or of one command (the same as COMMAND --help).

    \b
    Examples:
      geopol help
      geopol help timeline
      geopol help add event
    """
    context = ctx.parent
    assert context is not None
    if not command:
        typer.echo(context.get_help())
        return
    path: list[str] = []
    for word in command:
        found = getattr(context.command, "get_command", lambda *_: None)(context, word)
        if found is None:
            where = " ".join(["geopol", *path])
            raise typer.BadParameter(f"{word!r} is not a command of {where}; {where} --help lists them")
        path.append(word)
        context = found.make_context(word, [], parent=context, resilient_parsing=True)
    typer.echo(context.command.get_help(context))


app.command("country")(country.country)
app.command("countries")(countries.countries)
app.command("timeline")(timeline.timeline)
app.command("benefits")(benefits.benefits)
app.command("search")(search.search)
app.command("person")(person.person)
app.command("compare", short_help="Countries side by side: direction, kinds, partners.")(compare.compare)
app.command("graph", short_help="The relations graph: who acted towards whom.")(graph.graph)
app.command("claims")(claims.claims)
app.command("sources")(sources.sources)
app.command("cite")(sources.cite)
app.command("disputes", short_help="Every disagreement among the sources.")(sources.disputes)
app.command("validate")(validate.validate)
app.command("fmt")(fmt.fmt)
app.command("init", short_help="Start a fact base of your own: facts, schema, texts/.")(init.init)
app.add_typer(add.add_app, name="add", short_help="Add a source, actor, person, event or claim.")
app.add_typer(edit.edit_app, name="edit", short_help="Change any field of a record, checked and journaled.")
app.command("rename", short_help="Give a record a new id, and every reference to it.")(rename.rename)
app.command("remove", short_help="Remove a record that nothing else names.")(remove.remove)
app.command("import", short_help="Add the events of a table (CSV, TSV, JSON), all or nothing.")(importing.import_table)
app.command("extract", short_help="Propose events, claims and actors from a source's text, for review.")(
    extract.extract
)
app.command("log", short_help="The changes geopol made to the fact base.")(history.log)
app.command("undo", short_help="Take back the last change (or N).")(history.undo)
app.command("schema")(schema.schema)
app.command("help", short_help="The help of geopol, or of one command.")(help_command)


def repeated_option(argv: list[str], group: Any | None = None) -> str | None:
    """The first option on the command line that takes one value and is given twice, or None.

    Click keeps the last value of such an option without a word (`--since 2022
    --since 2023` meant 2023); geopol refuses it instead. Options that take
    several values (--country, --kind) combine, and flags may be repeated.
    """
    # The click group geopol runs (built once per run by the entry point, which passes it in).
    group = group if group is not None else typer.main.get_command(app)
    commands: dict[str, Any] = getattr(group, "commands", {})
    params = list(group.params)
    taken: dict[str, str] = {}  # option spelling -> the option's main name
    seen: set[str] = set()
    i = 0
    while i < len(argv):
        word = argv[i]
        if word == "--":
            break
        if word in commands and not taken.get(word):
            params = list(commands[word].params)  # from here on, the command's own options
            seen = set()
            commands = getattr(commands[word], "commands", None) or commands  # a group: its commands next
        name, _, inline = word.partition("=")
        option = next((p for p in params if name in getattr(p, "opts", ()) and not getattr(p, "is_flag", False)), None)
        if option is not None and getattr(option, "param_type_name", "") == "option":
            if not option.multiple:
                key = str(option.opts[0])
                if key in seen:
                    return key
                seen.add(key)
            i += 1 if inline else 2
            continue
        i += 1
    return None
