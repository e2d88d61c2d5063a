"""pydantic's validation errors in geopol's words: the one place that turns one into a message.

pydantic says "Tuple should have at least 1 item after validation, not 0" and
"String should match pattern '^[A-Z]{2}$'"; a person editing a facts file
needs to hear what the field must be. Every reader of a ValidationError (the
loader, `geopol add`'s checks) asks :func:`plain_message`, so the wording is
the same wherever a problem is reported. What is not listed here keeps
pydantic's own message, less its "Value error, " prefix (geopol's own
validators already speak plainly).
"""

from __future__ import annotations

import re
from difflib import get_close_matches
from typing import Any

from geopol_cli.core.dates import PARTIAL_DATE_PATTERN

# What each pattern of the format (facts/models.py) asks for, in words.
_PATTERNS = {
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$": "is not an id: letters, digits, '.', '_' and '-', starting with a letter or digit",
    r"\S": "must not be blank",
    PARTIAL_DATE_PATTERN: "is not a date: give YYYY, YYYY-MM or YYYY-MM-DD",
    r"^[0-9a-f]{64}$": "is not a SHA-256: 64 lowercase hexadecimal digits",
    r"^[A-Z]{2}$": "must be two capital letters (an ISO 3166-1 alpha-2 code, like 'KZ')",
    r"^[A-Z]{3}$": "must be three capital letters (an ISO 3166-1 alpha-3 code, like 'KAZ')",
}
_MISSING = ("missing", "missing_keyword_only_argument", "missing_argument")
_QUOTED = re.compile(r"'([^']*)'")


def is_missing(error: Any) -> bool:
    return error["type"] in _MISSING


def plain_message(error: Any, value: Any = None) -> str:
    """The message for one of pydantic's error dicts (``exc.errors()``); ``value`` is the input, when known."""
    kind: str = error["type"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    loc = tuple(error.get("loc") or ())
    if kind in _MISSING:
        return f"required key {loc[-1]!r} is missing" if loc else "required value is missing"
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return f"unknown key {loc[-1]!r} (not part of the facts format; a typo?)"
    if kind == "too_short":
        least, has = ctx.get("min_length", 1), ctx.get("actual_length", 0)
        return f"needs at least {least} {'item' if least == 1 else 'items'}; it has {has}"
    if kind == "too_long":
        return f"takes at most {ctx.get('max_length')} items; it has {ctx.get('actual_length')}"
    if kind == "string_pattern_mismatch":
        return _PATTERNS.get(str(ctx.get("pattern")), f"does not have the required form ({ctx.get('pattern')})")
    if kind == "string_too_long":
        return f"is longer than {ctx.get('max_length')} characters"
    if kind == "string_too_short":
        return "must not be empty"
    if kind in ("literal_error", "enum"):
        allowed = _QUOTED.findall(str(ctx.get("expected", "")))
        close = get_close_matches(str(value), allowed, n=1) if isinstance(value, str) else []
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return f"must be one of {', '.join(allowed)}{hint}"
    if kind in ("string_type", "string_unicode"):
        return "must be text (a JSON string)"
    if kind in ("list_type", "tuple_type"):
        return "must be a list (a JSON array)"
    if kind in ("dict_type", "model_type", "dataclass_type", "model_attributes_type", "dataclass_exact_type"):
        return "must be an object (with keys)"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "must be a whole number"
    if kind in ("bool_type", "bool_parsing"):
        return "must be true or false"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "")
        words = {"greater_than_equal": "at least", "greater_than": "more than"}
        return f"must be {words.get(kind, 'at most' if kind == 'less_than_equal' else 'less than')} {bound}"
    return str(error["msg"]).removeprefix("Value error, ")
