"""The bundled fact base: consistent, quoted word for word, and honest about what it infers."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from geopol_cli.facts.load import load_facts

from .conftest import BUNDLED, REPO

SHARED = REPO.parent / "shared"
CHECKER = SHARED / "tools" / "check_excerpts.py"
ARTICLE = SHARED / "source" / "article.txt"
needs_article = pytest.mark.skipif(not ARTICLE.is_file(), reason="../shared (the source article) is not here")


def test_bundled_facts_pass_every_check() -> None:
    load_facts(BUNDLED)


@pytest.mark.skipif(not CHECKER.is_file(), reason="../shared/tools/check_excerpts.py is not here")
def test_check_excerpts_reports_no_problems() -> None:
    result = subprocess.run([sys.executable, str(CHECKER), str(BUNDLED)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout
    assert ", 0 problems" in result.stdout


def _fold(text: str) -> str:
    table = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
    return re.sub(r"\s+", " ", text.translate(table)).strip()


@needs_article
def test_every_paragraph_of_the_article_is_covered(bundled: dict[str, Any]) -> None:
    """Each paragraph (bar the page's 'Related Posts' leftover) supports at least one event or claim."""
    paragraphs = [_fold(p) for p in ARTICLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    paragraphs = [p for p in paragraphs if p != "Related Posts"]
    excerpts = [_fold(r["excerpt"]) for r in bundled["events"] + bundled["claims"]]
    uncovered = [p[:60] for p in paragraphs if not any(e in p for e in excerpts)]
    assert uncovered == []


def test_every_record_rests_on_the_article_source(bundled: dict[str, Any]) -> None:
    article_source = next(s["id"] for s in bundled["sources"] if s.get("retells"))
    for record in bundled["events"] + bundled["claims"]:
        assert record["source"] == article_source, record["id"]


def test_every_date_says_how_it_was_inferred(bundled: dict[str, Any]) -> None:
    # The article prints no calendar date at all, so every date is inferred.
    for event in bundled["events"]:
        assert event["date"].get("inferred"), event["id"]


def test_dates_narrowed_by_context_cite_it(bundled: dict[str, Any]) -> None:
    context = {s["id"] for s in bundled["sources"] if not s.get("retells") and s.get("date") != "2023-01-31"}
    for event in bundled["events"]:
        date = event["date"]
        is_day = date["start"] is not None and len(date["start"]) == 10
        if is_day or date["start"] is None:
            # The article never names a day, nor "before 2022-02-24": those come from context sources.
            assert set(date.get("sources", [])) & context, event["id"]


def test_counterpart_stakes_are_really_counterparts(bundled: dict[str, Any]) -> None:
    """A counterpart gain goes to a partner of the move; a counterpart loss to the party moved away from."""
    for event in bundled["events"]:
        partners = set(event.get("targets", [])) | set(event["actors"])
        for stake in event.get("beneficiaries", []):
            if stake["basis"] == "counterpart":
                assert event["direction"] == "away", event["id"]
                assert stake["actor"] in partners, event["id"]
        for stake in event.get("losers", []):
            if stake["basis"] == "counterpart":
                assert event["direction"] == "away", event["id"]
                assert stake["actor"] in {"russia", *event.get("targets", [])}, event["id"]


def test_the_article_names_turkey_the_biggest_winner_in_the_armenia_context(bundled: dict[str, Any]) -> None:
    biggest = [(c, s) for c in bundled["claims"] for s in c.get("beneficiaries", []) if s.get("biggest")]
    assert [(c["id"], s["actor"]) for c, s in biggest] == [("ankara-benefited-most", "turkey")]
    claim = biggest[0][0]
    assert "armenia" in claim["about"] and "Armenia" in claim["context"]


def test_quotes_stand_inside_their_excerpts(bundled: dict[str, Any]) -> None:
    for claim in bundled["claims"]:
        if claim.get("quote"):
            assert _fold(claim["quote"]) in _fold(claim["excerpt"]), claim["id"]


def test_summaries_are_not_copies_of_excerpts(bundled: dict[str, Any]) -> None:
    for record in bundled["events"] + bundled["claims"]:
        assert _fold(record["summary"]).lower() != _fold(record["excerpt"]).lower(), record["id"]


def test_repository_file_is_what_ships(tmp_path: Path) -> None:
    from geopol_cli.facts.load import bundled_facts_path

    assert bundled_facts_path().read_bytes() == BUNDLED.read_bytes()
