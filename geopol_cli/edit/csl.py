"""References from a CSL-JSON export (Zotero, Mendeley, pandoc) as source records.

CSL-JSON (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html)
is an array of items, each with an id, a type and variables such as title,
publisher, container-title, issued (date-parts), URL, language and note.
The publisher falls back to the container title (a newspaper's name) or the
first author. Writing sources as CSL-JSON is render/csl.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from geopol_cli.core.dates import parse_partial_date
from geopol_cli.core.errors import UsageProblem
from geopol_cli.facts.load import Facts


def sources_from_csl(path: Path, facts: Facts) -> list[dict[str, Any]]:
    """The references of a CSL-JSON file as source records (ids kept where free, else made from them)."""
    from geopol_cli.edit.add import slug, suggest_id

    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise UsageProblem(f"cannot read {path}: {exc.strerror or exc}", option="--from-csl") from None
    except RecursionError:
        raise UsageProblem(f"{path} is not usable JSON: nested too deeply", option="--from-csl") from None
    except ValueError as exc:  # UnicodeDecodeError and a number of over 4 300 digits included
        raise UsageProblem(f"{path} is not JSON: {exc}", option="--from-csl") from None
    items = document if isinstance(document, list) else [document]
    taken = {*facts.sources, *facts.actors, *facts.people, *facts.events, *facts.claims}
    records = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not str(item.get("title") or "").strip():
            raise UsageProblem(f"reference {number} of {path} has no title", option="--from-csl")
        record: dict[str, Any] = {
            "title": str(item["title"]).strip(),
            "publisher": _publisher(item) or "unknown publisher",
            "date": _date(item.get("issued")),
            "url": item.get("URL") or None,
            "language": item.get("language") or None,
            "note": item.get("note") or None,
        }
        wanted = slug(str(item.get("id") or "")) if item.get("id") else ""
        record_id = wanted if wanted and wanted not in taken else suggest_id(facts, "source", record, taken)
        while record_id in taken:
            record_id += "-2"
        taken.add(record_id)
        records.append({"id": record_id, **{k: v for k, v in record.items() if v is not None}})
    return records


def _publisher(item: dict[str, Any]) -> str | None:
    for key in ("publisher", "container-title"):
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    authors = item.get("author")
    if isinstance(authors, list) and authors and isinstance(authors[0], dict):
        first = authors[0]
        name = first.get("literal") or " ".join(str(first.get(k) or "") for k in ("given", "family")).strip()
        return name or None
    return None


_NUMBER = re.compile(r"-?[0-9]{1,6}")


def _date(issued: Any) -> str | None:
    if not isinstance(issued, dict):
        return None
    parts = issued.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        # ASCII digits only, and a year's worth of them: "²" is a digit to str.isdigit, not to int().
        numbers = [int(p) for p in parts[0][:3] if _NUMBER.fullmatch(str(p))]
        if numbers:
            text = f"{numbers[0]:04d}" + "".join(f"-{n:02d}" for n in numbers[1:])
            try:
                parse_partial_date(text)
            except ValueError:
                return None
            return text
    raw = issued.get("raw") or issued.get("literal")
    if isinstance(raw, str):
        try:
            parse_partial_date(raw.strip())
        except ValueError:
            return None
        return raw.strip()
    return None
