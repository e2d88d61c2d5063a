"""`geopol add actor`: a country, bloc, alliance, region or organisation."""

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
from geopol_cli.cli.output import Output
from geopol_cli.cli.prompts import ask, split_names
from geopol_cli.core.vocabulary import (
    ACTOR_KINDS,
    describe,
)


@write_options()
def add_actor(
    ctx: typer.Context,
    request: WriteRequest,
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
) -> Output:
    """Add an actor: a country, bloc, alliance, region or organisation.

    \b
    Examples:
      geopol --facts my-facts.json add actor --name Georgia --kind country --iso2 GE --iso3 GEO --no-input
    """
    asker = Asker(ctx, "actor", request, complete=bool(name and kind))
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
    fields = {"id": record_id_of(asker, request.record_id, fields), **fields}
    return finish(ctx, asker, fields, focus=focus)
