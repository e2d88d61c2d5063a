"""`geopol person NAME`: one person's profile."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from geopol_cli.cli.common import ExcerptsOption, FactsOption, JsonOption, not_found, open_facts, show
from geopol_cli.cli.complete import complete_person
from geopol_cli.errors import ExitCode, GeopolError

if TYPE_CHECKING:
    from rich.console import Console


def person(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            help="Id, name or any other spelling; case and accents ignored.", autocompletion=complete_person
        ),
    ],
    facts_path: FactsOption = None,
    as_json: JsonOption = False,
    excerpts: ExcerptsOption = False,
) -> None:
    """A person's profile: role, claims and events.

    NAME matches the id, the name or an alias, ignoring case and accents; a
    word of a name is enough when it names one person only ('schulmann'
    finds Kateryna Shulman, also spelt Ekaterina Schulmann). An unknown NAME
    exits 1 with the closest names.

    \b
    Examples:
      geopol person schulmann
      geopol person tokayev --json | jq '.events[].id'
    """
    from geopol_cli.query.people import person_profile, resolve_person
    from geopol_cli.query.resolve import Ambiguous, NotFound

    facts = open_facts(ctx, facts_path)
    try:
        found = resolve_person(facts, name)
    except NotFound as missing:
        raise not_found(f"no person matches {name!r}", missing.suggestions) from None
    except Ambiguous as many:
        raise GeopolError(f"{name!r} matches several people: {', '.join(many.matches)}", ExitCode.NOT_FOUND) from None
    profile = person_profile(facts, found)

    def table(console: Console) -> None:
        from geopol_cli.render.table import render_person

        render_person(console, profile, excerpts=excerpts)

    show(profile, as_json, table)
