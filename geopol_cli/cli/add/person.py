"""`geopol add person`: someone who acts or speaks."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from geopol_cli.cli.add.form import (
    Asker,
    WriteRequest,
    finish,
    record_id_of,
    write_options,
)
from geopol_cli.cli.complete import complete_actor
from geopol_cli.cli.output import Output
from geopol_cli.cli.prompts import confirm


@write_options()
def add_person(
    ctx: typer.Context,
    request: WriteRequest,
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
) -> Output:
    """Add a person who acts or speaks in the facts.

    \b
    Examples:
      geopol --facts my-facts.json add person --name "Nikol Pashinyan" \\
        --role "Prime Minister of Armenia" --actor armenia --leader --no-input
    """
    asker = Asker(ctx, "person", request, complete=bool(name))
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
    fields = {"id": record_id_of(asker, request.record_id, fields), **fields}
    return finish(ctx, asker, fields)
