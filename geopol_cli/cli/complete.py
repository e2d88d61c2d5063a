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
from geopol_cli.core.paths import choose_facts


def _facts_option(ctx: typer.Context | None) -> str | None:
    while ctx is not None:
        value = (ctx.params or {}).get("facts_path")
        if value:
            return str(value)
        ctx = ctx.parent  # type: ignore[assignment]
    return None


def _raw_facts(ctx: typer.Context) -> dict[str, Any]:
    try:
        data = json.loads(choose_facts(_facts_option(ctx)).path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def _offer(records: Any, incomplete: str, label: str = "name", keys: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(value, label) for each record one of whose spellings has a word starting with what was typed.

    Typer keeps only values that start with what was typed, so the value is
    the record's id where that does, else the matching word finished in the
    user's own case ('shu' -> 'shulman', 'KZ' -> 'KZ'), which every command
    resolves to the same record. The label says which record it is.
    """
    wanted = normalize(incomplete)
    offers: dict[str, str] = {}
    for record in records if isinstance(records, list) else []:
        if not isinstance(record, dict) or not isinstance(record.get("id"), str):
            continue
        aliases: list[Any] = record["aliases"] if isinstance(record.get("aliases"), list) else []
        named = str(record.get(label) or "")
        spellings = [*(str(record.get(key) or "") for key in (label, "iso2", "iso3", *keys)), *map(str, aliases)]
        if record["id"].startswith(incomplete):
            offers.setdefault(record["id"], named)
            continue
        for spelling in spellings:
            words = [normalize(spelling), *normalize(spelling).split()]
            word = next((w for w in words if w.startswith(wanted) and " " not in w), None)
            if word is not None and wanted:
                offers.setdefault(incomplete + word[len(wanted) :], named or record["id"])
                break
    return list(offers.items())


def complete_actor(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _offer(_raw_facts(ctx).get("actors"), incomplete)


def complete_person(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _offer(_raw_facts(ctx).get("people"), incomplete)


def complete_speaker(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """People, and sources by id or publisher (a claim a source makes has the source as its speaker)."""
    facts = _raw_facts(ctx)
    return _offer(facts.get("people"), incomplete) + _offer(
        facts.get("sources"), incomplete, label="publisher", keys=("title",)
    )


def complete_source(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Sources, by id, publisher or title (extract reads one's text)."""
    return _offer(_raw_facts(ctx).get("sources"), incomplete, label="publisher", keys=("title",))


def complete_record(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    facts = _raw_facts(ctx)
    return _offer(facts.get("events"), incomplete, "summary") + _offer(facts.get("claims"), incomplete, "summary")


def complete_any_record(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Any record's id (edit, rename, remove): every section, labelled by its name, title or summary."""
    facts = _raw_facts(ctx)
    return [
        *_offer(facts.get("sources"), incomplete, "title"),
        *_offer(facts.get("actors"), incomplete),
        *_offer(facts.get("people"), incomplete),
        *_offer(facts.get("events"), incomplete, "summary"),
        *_offer(facts.get("claims"), incomplete, "summary"),
    ]
