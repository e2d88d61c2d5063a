"""Shared helpers: small fact bases built by hand, written to files, and a CLI runner."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "facts.json"


@pytest.fixture(autouse=True, scope="session")
def _index_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The indexes of the tests' large bases in a folder of the run's own, not the user's cache."""
    import os

    saved = os.environ.get("GEOPOL_CACHE")
    os.environ["GEOPOL_CACHE"] = str(tmp_path_factory.mktemp("geopol-cache"))
    yield
    if saved is None:
        os.environ.pop("GEOPOL_CACHE", None)
    else:
        os.environ["GEOPOL_CACHE"] = saved


def event(id: str, start: str | None, end: str | None = None, **fields: Any) -> dict[str, Any]:
    """A valid event record; override any field by keyword."""
    date: dict[str, Any] = {"start": start}
    if end is not None:
        date["end"] = end
    record: dict[str, Any] = {
        "id": id,
        "date": date,
        "actors": ["aland"],
        "kind": "diplomatic",
        "direction": "away",
        "summary": f"Summary of {id}.",
        "citations": [{"source": "src", "excerpt": f"Excerpt of {id}."}],
    }
    # The version-1 spelling (one source and excerpt) is still accepted here, as geopol reads it.
    moved = {key: fields.pop(key) for key in ("source", "excerpt") if key in fields}
    if moved:
        record["citations"] = [{**record["citations"][0], **moved}]
    record.update(fields)
    return record


def small_facts(**overrides: Any) -> dict[str, Any]:
    """A tiny, valid fact base of invented actors (so tests never lean on the bundled data)."""
    base: dict[str, Any] = {
        "schema_version": 2,
        "sources": [{"id": "src", "title": "A report", "publisher": "Press", "date": "2023-01-31"}],
        "actors": [
            {"id": "aland", "name": "Åland", "kind": "country", "iso2": "AX", "iso3": "ALA", "aliases": ["Ahvenanmaa"]},
            {"id": "borduria", "name": "Borduria", "kind": "country", "iso2": "BO", "iso3": "BOR"},
            {"id": "syldavia", "name": "Syldavia", "kind": "country", "iso2": "SY", "iso3": "SYL"},
            {"id": "russia", "name": "Russia", "kind": "country", "iso2": "RU", "iso3": "RUS"},
            {"id": "union", "name": "The Union", "kind": "bloc", "aliases": ["TU"]},
        ],
        "people": [{"id": "ruler", "name": "Ruler Person", "role": "Head of state", "actor": "aland", "leader": True}],
        "events": [
            event(
                "e-away",
                "2022-06",
                targets=["borduria"],
                beneficiaries=[{"actor": "borduria", "what": "a pact", "basis": "counterpart"}],
                losers=[{"actor": "russia", "what": "a client", "basis": "stated"}],
            ),
            event(
                "e-counter",
                "2022-07-04",
                actors=["russia"],
                targets=["aland"],
                kind="energy",
                direction="counter",
                answers=["e-away"],
                losers=[{"actor": "aland", "what": "an export route", "basis": "stated"}],
            ),
        ],
        "claims": [
            {
                "id": "c-union-gains",
                "by": "src",
                "about": ["union", "aland"],
                "stance": "gain",
                "summary": "The Union gains.",
                "beneficiaries": [{"actor": "union", "what": "influence", "basis": "stated", "biggest": True}],
                "citations": [{"source": "src", "excerpt": "The Union gains."}],
            }
        ],
    }
    base.update(copy.deepcopy(overrides))
    return base


@pytest.fixture
def write_facts(tmp_path: Path) -> Callable[..., Path]:
    """Write a facts dict (or raw text/bytes) to a file and return its path."""

    def write(data: dict[str, Any] | str | bytes, name: str = "facts.json") -> Path:
        path = tmp_path / name
        if isinstance(data, bytes):
            path.write_bytes(data)
        elif isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        return path

    return write


@pytest.fixture
def bundled() -> dict[str, Any]:
    return json.loads(BUNDLED.read_text(encoding="utf-8"))


def synthetic_facts(n_events: int) -> dict[str, Any]:
    """A valid fact base of ``n_events`` events over the small actors, for size and pipe tests."""
    data = small_facts()
    actors = [a["id"] for a in data["actors"]]
    events = []
    for i in range(n_events):
        year = 2000 + i % 20
        events.append(
            event(
                f"ev-{i:07d}",
                f"{year}-{1 + i % 12:02d}",
                actors=[actors[i % len(actors)]],
                targets=[actors[(i + 1) % len(actors)]],
                summary=f"Synthetic event number {i}, with a summary long enough to wrap in a table cell.",
            )
        )
    data["events"] = events
    data["claims"] = []
    return data


@dataclass
class Ran:
    """What one in-process run of geopol printed, and its exit code."""

    exit_code: int
    stdout_bytes: bytes
    stderr_bytes: bytes

    @property
    def stdout(self) -> str:
        return self.stdout_bytes.decode("utf-8")

    @property
    def stderr(self) -> str:
        return self.stderr_bytes.decode("utf-8")

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def invoke(args: list[str], env: dict[str, str | None] | None = None, stdin: str = "") -> Ran:
    """Run geopol's entry point in this process, as the `geopol` script does, capturing both streams.

    Goes through geopol_cli.main.run, so the one error handler, the exporter
    and the exit codes are those a user gets. Streams are binary-backed text
    wrappers, as a real pipe is (the JSON writer writes bytes).
    """
    import io
    import os
    import sys

    from geopol_cli.main import run

    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)
    saved_env = dict(os.environ)
    saved = sys.stdin, sys.stdout, sys.stderr
    try:
        for key, value in (env or {}).items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        # Binary-backed, as a real pipe is: `--facts -` reads the bytes.
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8")
        sys.stdout, sys.stderr = out, err
        code = run(args)
        out.flush()
        err.flush()
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
        os.environ.clear()
        os.environ.update(saved_env)
    return Ran(exit_code=code, stdout_bytes=out.buffer.getvalue(), stderr_bytes=err.buffer.getvalue())  # type: ignore[attr-defined]


def geopol(*args: str, width: int = 80, env: dict[str, str | None] | None = None, input: str = "") -> Ran:
    """geopol with these arguments, a terminal of ``width`` columns, no $GEOPOL_FACTS, and ``input`` on stdin."""
    return invoke(list(args), env={"COLUMNS": str(width), "GEOPOL_FACTS": None, **(env or {})}, stdin=input)


URL_LINE = re.compile(r"\s*https?://\S+\s*")


def text_lines(out: str) -> list[str]:
    """The lines of a view that must fit the terminal: all but a line that is one URL, which stands whole."""
    return [line for line in out.splitlines() if not URL_LINE.fullmatch(line)]
