"""`geopol sources --format csl-json`: the sources as CSL-JSON, for Zotero, Mendeley and pandoc.

A source becomes a "webpage" item when it has an address, else a
"document", with its title, publisher, issued date (date-parts, as precise
as known), URL, language and note; the report it retells is named in the
note. Standard library only.
"""

from __future__ import annotations

import json
from typing import Any

from geopol_cli.core.dates import parse_partial_date
from geopol_cli.query.results import SourceList


def csl_items(result: SourceList) -> list[dict[str, Any]]:
    items = []
    for source in result.sources:
        item: dict[str, Any] = {
            "id": source.id,
            "type": "webpage" if source.url else "document",
            "title": source.title,
            "publisher": source.publisher,
        }
        if source.date:
            year, month, day = parse_partial_date(source.date)
            item["issued"] = {"date-parts": [[part for part in (year, month, day) if part is not None]]}
        if source.url:
            item["URL"] = source.url
        if source.language:
            item["language"] = source.language
        notes = [n for n in (source.note, f"Retells: {source.retells}" if source.retells else None) if n]
        if notes:
            item["note"] = " ".join(notes)
        items.append(item)
    return items


def csl_text(result: SourceList) -> str:
    from geopol_cli.render.safe import json_safe

    return json_safe(json.dumps(csl_items(result), indent=2, ensure_ascii=False)) + "\n"
