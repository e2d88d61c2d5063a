"""`geopol schema`: the JSON Schema of the facts format, for editors and validators."""

from __future__ import annotations


def schema() -> None:
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
    """
    from geopol_cli.models import FactBase
    from geopol_cli.render.jsonout import write_json

    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **FactBase.model_json_schema(mode="validation"),
    }
    write_json(document)
