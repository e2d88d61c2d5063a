"""The Typer application: the command group and its commands.

Each command lives in its own module with its options, its docstring (the
help, with examples) and its body (options -> query -> result). The group
imports a command's module only when that command runs (``COMMANDS`` names
each one's module), so a run pays for its own command and no other; heavy
imports also happen inside the command that needs them. Errors and output
are not handled here: the entry point (geopol_cli.main) does both, for
every command.
"""

from __future__ import annotations

from typing import Annotated, Any, NamedTuple

import typer
from typer.core import TyperGroup

from geopol_cli import __version__
from geopol_cli.cli.options import FactsOption
from geopol_cli.core.vocabulary import choice_enum

ColourChoice = choice_enum("ColourChoice", ("auto", "always", "never"))

EPILOG = (
    "Exit codes: 0 ok (also an empty filter result), 1 nothing found (or, for fmt --check, a file to "
    "reformat), 2 usage error, "
    "3 bad facts file, 70 internal error, 74 the system refused a read or write, "
    "75 the facts changed while read (run again), 130 interrupted, 141 output pipe closed."
)


class Command(NamedTuple):
    """Where one command lives: its module under geopol_cli.cli, the function (or Typer group) in it, and the
    one line `geopol --help` lists it with (None: the first line of its docstring)."""

    module: str
    name: str
    short_help: str | None = None


# Every command, in the order a reader needs them: reading, then writing.
COMMANDS: dict[str, Command] = {
    "country": Command("country", "country"),
    "countries": Command("countries", "countries"),
    "timeline": Command("timeline", "timeline"),
    "benefits": Command("benefits", "benefits"),
    "search": Command("search", "search"),
    "person": Command("person", "person"),
    "compare": Command("compare", "compare", "Countries side by side: direction, kinds, partners."),
    "graph": Command("graph", "graph", "The relations graph: who acted towards whom."),
    "claims": Command("claims", "claims"),
    "sources": Command("sources", "sources"),
    "cite": Command("sources", "cite"),
    "disputes": Command("sources", "disputes", "Every disagreement among the sources."),
    "init": Command("init", "init", "Start a fact base of your own: facts, schema, texts/."),
    "add": Command("add", "add_app", "Add a source, actor, person, event or claim."),
    "import": Command("importing", "import_table", "Add the events of a table (CSV, TSV, JSON), all or nothing."),
    "extract": Command("extract", "extract", "Propose records from a source's text, for you to review."),
    "edit": Command("edit", "edit_app", "Change any field of a record, checked and journaled."),
    "rename": Command("rename", "rename", "Give a record a new id, and every reference to it."),
    "remove": Command("remove", "remove", "Remove a record that nothing else names."),
    "log": Command("history", "log", "The changes geopol made to the fact base."),
    "undo": Command("history", "undo", "Take back the last change (or N)."),
    "fmt": Command("fmt", "fmt"),
    "validate": Command("validate", "validate"),
    "schema": Command("schema", "schema"),
    "help": Command("app", "help_command", "The help of geopol, or of one command."),
}


class _Listed(TyperGroup):
    """The command group: it lists ``COMMANDS`` in their order, and builds a command (importing its module)
    only when it is asked for, once per run."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, name: str) -> Any:
        built = self.commands.get(name)
        if built is None and name in COMMANDS:
            built = self.commands[name] = _build(name, COMMANDS[name])
        return built


def _build(name: str, where: Command) -> Any:
    """One command (or group, for add and edit) as Click runs it, from its module."""
    import importlib

    import typer.main

    from geopol_cli.cli.options import single_command

    target = getattr(importlib.import_module(f"geopol_cli.cli.{where.module}"), where.name)
    if isinstance(target, typer.Typer):
        group = typer.main.get_group(target)
        group.name = name
        if where.short_help:
            group.short_help = where.short_help
        return group
    return single_command(name, target, where.short_help)


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


def repeated_option(argv: list[str], group: Any | None = None) -> str | None:
    """The first option on the command line that takes one value and is given twice, or None.

    Click keeps the last value of such an option without a word (`--since 2022
    --since 2023` meant 2023); geopol refuses it instead. Options that take
    several values (--country, --kind) combine, and flags may be repeated.
    """
    # The click group geopol runs (built once per run by the entry point, which passes it in).
    current = group if group is not None else typer.main.get_command(app)
    params = list(current.params)
    seen: set[str] = set()
    i = 0
    while i < len(argv):
        word = argv[i]
        if word == "--":
            break
        command = _subcommand(current, word)
        if command is not None:  # from here on, the command's own options (and a group's commands)
            current, params, seen = command, list(command.params), set()
            i += 1
            continue
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


def _subcommand(group: Any, word: str) -> Any | None:
    """The command ``word`` names in ``group`` (built, as when it runs), or None: a word that is not one of
    its commands, or any word after a command that has no subcommands."""
    if word.startswith("-") or not hasattr(group, "list_commands") or word not in group.list_commands(None):
        return None
    return group.get_command(None, word)
