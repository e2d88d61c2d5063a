"""The Typer application: thin commands that parse options, query, and render.

Each command lives in its own module with its options, its docstring (the
help, with examples) and its body; heavy imports happen inside the command
that needs them, so `geopol --help` and `geopol --version` stay fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer

from geopol_cli import __version__
from geopol_cli.cli import (
    benefits,
    claims,
    compare,
    countries,
    country,
    graph,
    person,
    schema,
    search,
    sources,
    timeline,
    validate,
)
from geopol_cli.cli.common import FactsOption
from geopol_cli.cli.group import GeopolCommand, GeopolGroup

EPILOG = (
    "Exit codes: 0 ok (also an empty filter result), 1 nothing found, 2 usage error, "
    "3 bad facts file, 70 internal error, 130 interrupted, 141 output pipe closed."
)

app = typer.Typer(
    cls=GeopolGroup,
    name="geopol",
    help="Explore structured geopolitical facts: country profiles, timelines and who benefits.\n\n"
    "Reads a facts file (the bundled one by default) and prints rich tables, or JSON with --json.",
    epilog=EPILOG,
    no_args_is_help=True,
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
) -> None:
    """Explore structured geopolitical facts: country profiles, timelines and who benefits."""
    ctx.obj = {"facts": facts_path}


app.command("country", cls=GeopolCommand)(country.country)
app.command("countries", cls=GeopolCommand)(countries.countries)
app.command("timeline", cls=GeopolCommand)(timeline.timeline)
app.command("benefits", cls=GeopolCommand)(benefits.benefits)
app.command("search", cls=GeopolCommand)(search.search)
app.command("person", cls=GeopolCommand)(person.person)
app.command("compare", cls=GeopolCommand)(compare.compare)
app.command("graph", cls=GeopolCommand)(graph.graph)
app.command("claims", cls=GeopolCommand)(claims.claims)
app.command("sources", cls=GeopolCommand)(sources.sources)
app.command("cite", cls=GeopolCommand)(sources.cite)
app.command("validate", cls=GeopolCommand)(validate.validate)
app.command("schema", cls=GeopolCommand)(schema.schema)


def run(args: Sequence[str] | None = None) -> int:
    """Run one command line and return its exit code (see geopol_cli.errors)."""
    command = typer.main.get_command(app)
    assert isinstance(command, GeopolGroup)
    return command.run(args, "geopol", None)
