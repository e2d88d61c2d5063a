"""`geopol init`: a new, empty fact base that editors can check as one types."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

from geopol_cli.core.errors import SystemFailure, UsageProblem
from geopol_cli.facts.models import SCHEMA_VERSION, FactBase
from geopol_cli.facts.schema import json_schema
from geopol_cli.facts.write import canonical_text, write_bytes_atomically
from geopol_cli.query.results import InitReport

FACTS_NAME = "facts.json"
SCHEMA_NAME = "geopol.schema.json"
TEXTS_NAME = "texts"


def init_fact_base(folder: Path) -> InitReport:
    """Create ``folder`` (if need be) with an empty facts file, its schema and a texts/ folder.

    Refuses (a usage problem, exit 2) if a facts file or a schema file is
    already there: init never writes over anything. The files are created
    exclusively, so a second init racing this one fails rather than overwrites.
    """
    facts_path, schema_path, texts = folder / FACTS_NAME, folder / SCHEMA_NAME, folder / TEXTS_NAME
    for path in (facts_path, schema_path):
        if path.exists():
            raise UsageProblem(f"{path} already exists; geopol init writes over nothing (use another folder)")
    if folder.exists() and not folder.is_dir():
        raise UsageProblem(f"{folder} is a file, not a folder")
    created = []
    if not folder.exists():
        try:
            folder.mkdir(parents=True)
        except OSError as error:  # a file where a folder of the path should be, a read-only parent
            raise SystemFailure("create the folder", str(folder), error) from None
        created.append(str(folder) + "/")
    base = FactBase.model_validate({"$schema": f"./{SCHEMA_NAME}", "schema_version": SCHEMA_VERSION})
    _create(schema_path, json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
    created.append(str(schema_path))
    _create(facts_path, canonical_text(base))
    created.append(str(facts_path))
    if not texts.exists():
        try:
            texts.mkdir()
        except OSError as error:
            raise SystemFailure("create the folder", str(texts), error) from None
        created.append(str(texts) + "/")
    ignore = folder / ".gitignore"
    if not ignore.exists():
        # The lock is this machine's; the journal (.geopol/*journal.jsonl) is the base's undo history, kept
        # or committed as one likes. An existing .gitignore is the user's: left as it is.
        _create(ignore, "# geopol's lock: local to this machine, never committed\n.geopol/*lock\n")
        created.append(str(ignore))
    facts = shlex.quote(str(facts_path))
    return InitReport(
        folder=str(folder),
        created=created,
        next=[
            f"geopol --facts {facts} add source --text PATH/TO/ARTICLE.txt",
            f"geopol --facts {facts} add actor",
            f"geopol --facts {facts} add event",
        ],
    )


def _create(path: Path, text: str) -> None:
    """A new file, written whole or not at all, never over anything (a link included)."""
    try:
        write_bytes_atomically(path, text.encode("utf-8"), exclusive=True)
    except FileExistsError:
        raise UsageProblem(f"{path} already exists; geopol init writes over nothing") from None
