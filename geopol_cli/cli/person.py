"""`geopol person NAME`: one person's profile."""

from __future__ import annotations

from typing import Annotated

import typer

from geopol_cli.cli.complete import complete_person
from geopol_cli.cli.options import (
    required_argument,
)
from geopol_cli.cli.output import Output, ViewRequest, view_options


@view_options("PersonProfile", excerpts=True)
def person(
    ctx: typer.Context,
    request: ViewRequest,
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="Id, name or any other spelling; case and accents ignored.",
            autocompletion=complete_person,
        ),
    ],
) -> Output:
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
    name = required_argument(name, "NAME", "person")
    from geopol_cli.query.people import person_profile, resolve_person

    out = request.choose()
    facts = request.load()
    return out.of(person_profile(facts, resolve_person(facts, name)))
