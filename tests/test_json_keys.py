"""The JSON documents' keys: scripts rely on them, so none is ever renamed or removed.

tests/snapshots/json_keys.json holds every key path of every command's
``--json`` document on the bundled facts (lists collapsed to ``[]``), as
first recorded. A key may be added (add it to the snapshot in the same
change); a key that disappears fails here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import geopol

SNAPSHOT = Path(__file__).resolve().parent / "snapshots" / "json_keys.json"
COMMANDS = {
    "country": ["country", "kazakhstan"],
    "countries": ["countries"],
    "timeline": ["timeline"],
    "benefits": ["benefits"],
    "search": ["search", "oil"],
    "person": ["person", "shulman"],
    "compare": ["compare", "kz", "uz"],
    "graph": ["graph"],
    "claims": ["claims"],
    "sources": ["sources"],
    "cite_event": ["cite", "csto-refuses-armenia"],
    "cite_disputed": ["cite", "ru-blocks-kz-oil-novorossiysk"],
    "cite_claim": ["cite", "ankara-benefited-most"],
    "validate": ["validate"],
    "disputes": ["disputes"],
}


def key_paths(value: Any, path: str = "$", out: set[str] | None = None) -> set[str]:
    out = set() if out is None else out
    if isinstance(value, dict):
        for key, child in value.items():
            out.add(f"{path}.{key}")
            key_paths(child, f"{path}.{key}", out)
    elif isinstance(value, list):
        for child in value:
            key_paths(child, f"{path}[]", out)
    return out


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_no_json_key_is_renamed_or_removed(name: str) -> None:
    snapshot = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    ran = geopol(*COMMANDS[name], "--json")
    assert ran.exit_code == 0, ran.stderr
    now = key_paths(json.loads(ran.stdout))
    missing = sorted(set(snapshot[name]) - now)
    assert not missing, f"keys gone from `geopol {' '.join(COMMANDS[name])} --json`: {missing}"
    added = sorted(now - set(snapshot[name]))
    assert not added, f"new keys (add them to {SNAPSHOT.name} if meant): {added}"
