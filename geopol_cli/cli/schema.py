"""`geopol schema`: the JSON Schema of the facts format, for editors and validators."""

from __future__ import annotations

from typing import Annotated

import typer

from geopol_cli.cli.output import Output
from geopol_cli.render.options import ViewOptions


def schema(
    as_json: Annotated[
        bool, typer.Option("--json", help="Accepted for symmetry with every other command: the schema is JSON.")
    ] = False,
) -> Output:
    """Print the JSON Schema of the facts format.

    The schema (draft 2020-12) is built from geopol's own types.

    Save it next to your facts file and point the file at it with a "$schema"
    key, and editors such as VS Code check the file as you type. The schema
    checks shapes and vocabularies; `geopol validate` also checks references,
    ids and impossible dates.

    \b
    Examples:
      geopol schema > geopol.schema.json
      geopol schema | jq '.properties | keys'
      geopol schema --json > geopol.schema.json
    """
    from geopol_cli.facts.schema import json_schema

    return Output(result=json_schema(), format="json", view=ViewOptions())
