"""Markdown documents' footnotes as pandoc reads them: no mark inside a note, every note cited, every mark defined."""

from __future__ import annotations

import json
import re

import pytest

from .conftest import BUNDLED, geopol

DATA = json.loads(BUNDLED.read_text(encoding="utf-8"))
DOCUMENTS = [
    *(["cite", r["id"]] for r in DATA["events"] + DATA["claims"]),
    ["country", "kazakhstan"],
    ["country", "armenia"],
    ["country", "russia"],
    ["person", "kassym-jomart-tokayev"],
    ["person", "kateryna-shulman"],
]
MARK = re.compile(r"\[\^([^\]\s]+)\]")


@pytest.mark.parametrize("args", DOCUMENTS, ids=" ".join)
def test_footnotes_are_well_formed(args: list[str]) -> None:
    ran = geopol(*args, "--format", "markdown")
    assert ran.exit_code == 0, ran.stderr
    body, notes = [], {}
    for line in ran.stdout.splitlines():
        definition = re.match(r"\[\^([^\]\s]+)\]: (.*)", line)
        if definition:
            notes[definition.group(1)] = definition.group(2)
        else:
            body.append(line)
    cited = set(MARK.findall("\n".join(body)))
    assert notes, "a document that cites sources defines their notes"
    assert all(not MARK.search(text) for text in notes.values()), "a footnote holds no footnote mark"
    assert set(notes) == cited, set(notes) ^ cited
