"""The JSON Schema of the facts format, built from the models."""

from __future__ import annotations

from typing import Any

from geopol_cli.facts.models import FactBase


def json_schema() -> dict[str, Any]:
    """Draft 2020-12, for editors and validators; vocabularies come from core/vocabulary.py through the models."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **FactBase.model_json_schema(mode="validation")}
