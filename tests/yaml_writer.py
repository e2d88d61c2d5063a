"""A YAML writer, as a new format's author would add one: this module and one registry line (test_boundary).

Block style for objects and lists, every string double-quoted with JSON's
escapes (valid YAML), numbers, booleans and nulls as YAML spells them.
"""

from __future__ import annotations

import json
from typing import Any

import pydantic_core

from geopol_cli.render.jsonout import document


def to_yaml(result: Any) -> str:
    lines: list[str] = []
    _emit(pydantic_core.to_jsonable_python(document(result)), 0, lines)
    return "\n".join(lines) + "\n"


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False)  # a YAML double-quoted string


def _emit(value: Any, indent: int, lines: list[str], prefix: str = "") -> None:
    pad = " " * indent
    if isinstance(value, dict) and value:
        for i, (key, item) in enumerate(value.items()):
            head = prefix if i == 0 else " " * len(prefix)
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{head}{json.dumps(key)}:")
                _emit(item, indent + len(prefix) + 2, lines)
            else:
                lines.append(f"{pad}{head}{json.dumps(key)}: {_leaf(item)}")
    elif isinstance(value, list) and value:
        for item in value:
            if isinstance(item, (dict, list)) and item:
                _emit(item, indent, lines, "- ")
            else:
                lines.append(f"{pad}- {_leaf(item)}")
    else:
        lines.append(pad + prefix + _leaf(value))


def _leaf(value: Any) -> str:
    """A scalar, or an empty object or list."""
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return _scalar(value)
