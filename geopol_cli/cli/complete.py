"""Shell completion of names, ids and people, from the facts file in use.

Kinds, stances and formats complete from their option types (cli/options.py),
which read core/vocabulary.py and the render registry.

Completion runs on every Tab, so it reads the file with the standard JSON
parser only (no validation, no pydantic): a file that cannot be read simply
offers nothing. The file is the one the command line names so far (--facts,
before or after the command), else $GEOPOL_FACTS, else the bundled facts.
"""

from __future__ import annotations

import json
from typing import Any

import typer

from geopol_cli.core.folding import normalize
from geopol_cli.core.paths import choose_facts_path


def _facts_option(ctx: typer.Context | None) -> str | None:
    while ctx is not None:
        value = (ctx.params or {}).get("facts_path")
        if value:
            return str(value)
        ctx = ctx.parent  # type: ignore[assignment]
    return None


def _raw_facts(ctx: typer.Context) -> dict[str, Any]:
    try:
        data = json.loads(choose_facts_path(_facts_option(ctx)).read_bytes())
    except (OSError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def _offer(records: Any, incomplete: str, label: str = "name") -> list[tuple[str, str]]:
    """(id, label) of each record one of whose spellings has a word starting with what was typed."""
    wanted = normalize(incomplete)
    offers = []
    for record in records if isinstance(records, list) else []:
        if not isinstance(record, dict) or not isinstance(record.get("id"), str):
            continue
        aliases: list[Any] = record["aliases"] if isinstance(record.get("aliases"), list) else []
        spellings = [record["id"], *(str(record.get(key) or "") for key in (label, "iso2", "iso3")), *map(str, aliases)]
        if any(word.startswith(wanted) for s in spellings for word in [normalize(s), *normalize(s).split()]):
            offers.append((record["id"], str(record.get(label) or "")))
    return offers


def complete_actor(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _offer(_raw_facts(ctx).get("actors"), incomplete)


def complete_person(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _offer(_raw_facts(ctx).get("people"), incomplete)


def complete_record(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    facts = _raw_facts(ctx)
    return _offer(facts.get("events"), incomplete, "summary") + _offer(facts.get("claims"), incomplete, "summary")
