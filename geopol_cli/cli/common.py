"""What every command shares: the --facts/--json/--excerpts options, loading, resolving, showing.

Heavy modules (pydantic models, rich) are imported inside these helpers, so
that `geopol --help` never pays for them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from geopol_cli.errors import ExitCode, GeopolError

if TYPE_CHECKING:
    from rich.console import Console

    from geopol_cli.load import Facts
    from geopol_cli.models import Actor

FactsOption = Annotated[
    str | None,
    typer.Option(
        "--facts",
        metavar="PATH",
        help="Facts file to read. Default: $GEOPOL_FACTS, else the facts bundled with geopol.",
        show_default=False,
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print one JSON document on stdout instead of a table.", show_default=False)
]
ExcerptsOption = Annotated[
    bool,
    typer.Option(
        "--excerpts", help="Show under each event and claim the source's words that support it.", show_default=False
    ),
]


FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="Output format: table (default), json, jsonl, csv or markdown.",
        show_default=False,
    ),
]
FORMATS = ("table", "json", "jsonl", "csv", "markdown")


def output_format(as_json: bool, fmt: str | None) -> str:
    """The format asked for; --json is the short form of --format json, and the two must agree."""
    if fmt is not None and fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not a format; use one of: {', '.join(FORMATS)}", param_hint="--format")
    if as_json and fmt not in (None, "json"):
        raise typer.BadParameter(f"--json asks for json but --format asks for {fmt}; give one", param_hint="--format")
    return "json" if as_json else fmt or "table"


def stop_on_empty(empty: bool, note: str, output: str) -> bool:
    """A filter that matched nothing is not an error: note it on stderr; a table then prints nothing.

    Returns whether the command should stop (JSON and flat formats still print their empty document).
    """
    if not empty:
        return False
    from geopol_cli.cli.group import say

    say(f"geopol: {note}")
    return output == "table"


def open_facts(ctx: typer.Context, option: str | None) -> Facts:
    """Load the facts file chosen by the command's --facts, the global --facts, $GEOPOL_FACTS or the default."""
    from geopol_cli.load import choose_facts_path, load_facts

    chosen = option or (ctx.obj or {}).get("facts")
    return load_facts(choose_facts_path(chosen))


def not_found(message: str, suggestions: Sequence[str], code: ExitCode = ExitCode.NOT_FOUND) -> GeopolError:
    """The error for a name or id that matched nothing, with the closest ones when there are any."""
    hint = f"; did you mean {' or '.join(suggestions)}?" if suggestions else ""
    return GeopolError(message + hint, code)


def check_choices(values: Sequence[str] | None, known: Sequence[str], what: str, option: str) -> None:
    """A usage error for any value outside a fixed vocabulary (kinds, stances), listing the vocabulary."""
    for value in values or []:
        if value not in known:
            raise typer.BadParameter(f"{value!r} is not a {what}; use one of: {', '.join(known)}", param_hint=option)


def find_actor(facts: Facts, name: str, code: ExitCode = ExitCode.NOT_FOUND) -> Actor:
    """The actor ``name`` designates, or a GeopolError saying what was not found and what is close."""
    from geopol_cli.query.resolve import Ambiguous, NotFound, resolve_actor

    try:
        return resolve_actor(facts, name)
    except NotFound as missing:
        raise not_found(f"no country or other actor matches {name!r}", missing.suggestions, code) from None
    except Ambiguous as many:
        raise GeopolError(f"{name!r} matches several actors: {', '.join(many.matches)}; use an id", code) from None


def show(
    result: Any,
    fmt: str | bool,
    draw_table: Callable[[Console], None],
    rows: Callable[[], list[dict[str, Any]]] | None = None,
) -> None:
    """Hand a result to the one JSON exporter, the flat writer, or the command's table.

    ``fmt`` is a format name, or for views without flat formats the --json flag.
    ``draw_table`` imports its renderer itself, so that --json never loads rich.
    """
    if fmt is True:
        fmt = "json"
    if fmt == "json":
        from geopol_cli.render.jsonout import write_json

        write_json(result)
        return
    if fmt in ("jsonl", "csv", "markdown"):
        from geopol_cli.render.flat import write_rows

        assert rows is not None
        write_rows(str(fmt), rows())
        return
    from geopol_cli.render.table import make_console

    draw_table(make_console())
