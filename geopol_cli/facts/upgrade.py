"""Version 1 of the facts format, read as version 2.

Version 1 gave each event and claim one ``source`` and ``excerpt`` (and a
claim its ``quote``); version 2 gives it a list of ``citations``. Every facts
file written before version 2 is version 1, so it is converted on reading:
those keys become the record's one citation. The file itself is never
changed here.

A problem found in the converted records is reported at the key the file
really has (``events[3].source``, not ``events[3].citations[0].source``):
:func:`v1_location` maps the one back to the other.
"""

from __future__ import annotations

import re
from typing import Any

from geopol_cli.facts.checks import Loc

# Keys that moved from a version-1 record into its one citation.
_MOVED = ("source", "excerpt", "quote")
_VERSION = re.compile(rb'"schema_version"\s*:\s*(\d+)')


def declared_version(data: bytes) -> int | None:
    """The schema_version the file declares, read without parsing it (None if it declares none).

    ``"schema_version"`` followed by a colon can only be a key: inside a JSON
    string its quotes would be escaped. The first is the top level's in every
    file geopol or its schema writes; a file that nests one elsewhere first is
    still validated in full, so a wrong guess costs a clear error, never a
    wrong answer.
    """
    match = _VERSION.search(data)
    if not match:
        return None
    digits = match.group(1)
    # A version of hundreds of digits is no version geopol knows; pydantic then reports the value
    # itself (int() of over 4 300 digits would raise).
    return int(digits) if len(digits) <= 9 else None


def upgrade_v1(document: Any) -> Any:
    """A version-1 document (parsed JSON) as version 2, changed in place; anything unexpected is left for validation."""
    if not isinstance(document, dict):
        return document
    if document.get("schema_version") == 1:
        document["schema_version"] = 2
    for section in ("events", "claims"):
        records = document.get(section)
        if not isinstance(records, list):
            continue
        for record in records:
            if isinstance(record, dict) and "citations" not in record:
                citation = {key: record.pop(key) for key in _MOVED if key in record}
                record["citations"] = [citation]
    return document


def v1_location(loc: Loc) -> Loc:
    """Where a problem found in a converted record stands in the version-1 file."""
    if len(loc) >= 3 and loc[0] in ("events", "claims") and loc[2] == "citations":
        rest = loc[3:]
        if not rest or rest == (0,):
            return loc[:2]
        if rest[0] == 0 and len(rest) >= 2 and rest[1] in _MOVED:
            return (*loc[:2], *rest[1:])
        return loc[:2]
    return loc
