"""The benchmark generator writes fact bases that geopol accepts (timings themselves are not tests)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geopol_cli.facts.load import load_facts

from .conftest import REPO


def test_generated_fact_base_validates(tmp_path: Path) -> None:
    path = tmp_path / "facts-500.json"
    with path.open("w", encoding="utf-8") as out:
        subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), "500"], stdout=out, check=True)
    facts = load_facts(path)
    assert len(facts.base.events) == 500
    assert len(facts.base.claims) == 50
    assert "kazakhstan" in facts.actors
    raw = json.loads(path.read_text(encoding="utf-8"))
    starts = [e["date"]["start"] for e in raw["events"]]
    assert None in starts and any(s and len(s) == 10 for s in starts)  # open starts and days both occur
    assert any(e.get("answers") for e in raw["events"])  # references between events occur


def test_bundled_copies_validate_with_fresh_ids(tmp_path: Path) -> None:
    path = tmp_path / "copies.json"
    bundled = REPO / "facts.json"
    with path.open("w", encoding="utf-8") as out:
        subprocess.run(
            [sys.executable, str(REPO / "benchmarks" / "generate.py"), "100", "--from-bundled", str(bundled)],
            stdout=out,
            check=True,
        )
    facts = load_facts(path)  # unique ids, references inside each copy
    assert len(facts.base.events) == 100
    originals = json.loads(bundled.read_text(encoding="utf-8"))["events"]
    assert {e.excerpt for e in facts.base.events} == {e["citations"][0]["excerpt"] for e in originals}


def test_the_sqlite_yardstick_for_benefits_makes_the_very_document_geopol_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # benchmarks/run.py times `benefits --json` against it as "the same query": it must be the same answer.
    from geopol_cli.facts import store

    from .conftest import geopol

    monkeypatch.setenv(store.CACHE_ENV, str(tmp_path / "cache"))
    path = tmp_path / "facts-800.json"
    with path.open("w", encoding="utf-8") as out:
        subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), "800"], stdout=out, check=True)
    ours = geopol("--facts", str(path), "benefits", "--json", env={store.CACHE_ENV: str(tmp_path / "cache")})
    assert ours.exit_code == 0, ours.stderr
    reference = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "sqlite_reference.py"), str(store.index_path(path)),
         "benefits-document"], capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    document = json.loads(ours.stdout)
    assert json.loads(reference) == document and len(document["beneficiaries"]) > 3
