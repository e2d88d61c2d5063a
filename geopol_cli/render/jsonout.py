"""The one JSON exporter every `--json` uses.

It writes a single document to stdout: UTF-8, no colour, ISO dates, the keys
of the result models. Control, bidi and invisible characters are written as
``\\uXXXX`` escapes so that even a JSON document shown raw in a terminal is
safe (see :mod:`geopol_cli.render.safe`).
"""

from __future__ import annotations

import sys
from typing import Any

import pydantic_core

from geopol_cli.render.safe import json_safe


def to_json(value: Any) -> str:
    """A result model (or a list of them) as indented JSON text."""
    return json_safe(pydantic_core.to_json(value, indent=2).decode("utf-8"))


def write_json(value: Any) -> None:
    text = to_json(value)
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower()
    if "utf" not in encoding:
        # A stdout that cannot carry every character (PYTHONIOENCODING=ascii, a
        # legacy code page) gets pure-ASCII JSON, which decodes to the same data.
        import json

        text = json.dumps(json.loads(text), indent=2, ensure_ascii=True)
    sys.stdout.write(text + "\n")
