"""`geopol init`: start a fact base of your own."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from geopol_cli.cli.options import JsonOption
from geopol_cli.cli.output import Output, choose


def init(
    folder: Annotated[
        Path,
        typer.Argument(metavar="DIR", help="The folder for the new fact base (made if need be).", show_default=False),
    ] = Path("."),
    as_json: JsonOption = False,
) -> Output:
    """Start a new fact base: an empty facts file, its schema and a texts/ folder.

    Writes DIR/facts.json (schema_version 2, empty lists, and a "$schema"
    key pointing at DIR/geopol.schema.json, so that editors check and
    complete the file as you type), the schema itself, and DIR/texts/ for the
    texts of your sources. Refuses (exit 2) if a facts file or schema is
    already there: it writes over nothing. Then prints the next commands to
    run.

    \b
    Examples:
      geopol init my-facts
      geopol init
    """
    from geopol_cli.edit.init import init_fact_base

    return choose("InitReport", as_json, None).of(init_fact_base(folder))
