"""Keys given twice in one JSON object: JSON parsers keep the last silently; `geopol validate` says so."""

from __future__ import annotations

import json
from typing import Any

from geopol_cli.facts.checks import Finding, Loc


class _Kept(dict[str, Any]):
    """An object kept by the duplicate-key parse: it repeats a key, or holds one that does."""

    repeated: tuple[str, ...] = ()


def _holds_kept(value: Any) -> bool:
    if isinstance(value, _Kept):
        return True
    return isinstance(value, list) and any(_holds_kept(item) for item in value if item is not None)


def duplicate_keys(data: bytes) -> list[Finding]:
    """Every key given twice in one object, at its second occurrence.

    The json module's ``object_pairs_hook`` sees each object's keys before
    they are merged. An object that repeats none, and holds no object that
    does, becomes None at once, so the parse keeps almost nothing of a clean
    file (a whole Python copy of a 100 000-event file took more memory than
    the validated facts); lists keep their length, so indices stay right.
    Only then is what was kept walked for the objects' paths.
    """

    def pairs_hook(pairs: list[tuple[str, Any]]) -> _Kept | None:
        keys = [key for key, _ in pairs]
        unique = set(keys)
        inner = {key: value for key, value in pairs if value is not None and _holds_kept(value)}
        if len(unique) == len(keys) and not inner:
            return None
        kept = _Kept(inner)
        if len(unique) != len(keys):
            seen: set[str] = set()
            kept.repeated = tuple(dict.fromkeys(k for k in keys if k in seen or seen.add(k)))  # type: ignore[func-returns-value]
        return kept

    try:
        document = json.loads(data, object_pairs_hook=pairs_hook)
    except (ValueError, RecursionError):
        return []  # not JSON at all: reported as such by the schema check
    findings: list[Finding] = []
    stack: list[tuple[Loc, Any]] = [((), document)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, _Kept):
            message = "key {!r} is given more than once in this object; JSON keeps only the last"
            findings += [((*loc, key), message.format(key)) for key in value.repeated]
            stack += [((*loc, k), v) for k, v in value.items()]
        elif isinstance(value, list):
            stack += [((*loc, i), v) for i, v in enumerate(value) if v is not None and _holds_kept(v)]
    return sorted(findings, key=lambda finding: [(isinstance(p, int), p) for p in finding[0]])
