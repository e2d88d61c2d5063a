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


def _excerpts(record: dict[str, Any]) -> list[str]:
    return [c["excerpt"] for c in record["citations"] if "excerpt" in c]


ARTICLE_ID = "russiavsworld-2023"


@needs_article
def test_every_paragraph_of_the_article_is_covered(bundled: dict[str, Any]) -> None:
    """Each paragraph (bar the page's 'Related Posts' leftover) supports at least one event or claim."""
    paragraphs = [_fold(p) for p in ARTICLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    paragraphs = [p for p in paragraphs if p != "Related Posts"]
    excerpts = [_fold(e) for r in bundled["events"] + bundled["claims"] for e in _excerpts(r)]
    uncovered = [p[:60] for p in paragraphs if not any(e in p for e in excerpts)]
    assert uncovered == []


def test_every_record_rests_on_the_article_first(bundled: dict[str, Any]) -> None:
    # The article is the primary citation of everything; other sources corroborate or correct it.
    for record in bundled["events"] + bundled["claims"]:
        primary = record["citations"][0]
        assert primary["source"] == ARTICLE_ID and primary.get("excerpt"), record["id"]


def test_only_the_article_is_quoted_and_every_other_source_is_paraphrased(bundled: dict[str, Any]) -> None:
    for record in bundled["events"] + bundled["claims"]:
        for citation in record["citations"]:
            if citation["source"] == ARTICLE_ID:
                assert "account" not in citation, record["id"]
            else:
                assert "excerpt" not in citation and "quote" not in citation, record["id"]
                assert citation["account"], record["id"]


def test_every_outside_source_has_a_publisher_a_date_and_a_url(bundled: dict[str, Any]) -> None:
    for source in bundled["sources"]:
        if source["id"] in (ARTICLE_ID, "bloomberg-2023-01-31"):
            continue  # the article (its text is held) and the report it retells (cited only through it)
        assert source.get("publisher") and source.get("date") and source.get("url"), source["id"]


def test_every_date_says_how_it_was_inferred(bundled: dict[str, Any]) -> None:
    # The article prints no calendar date at all, so every date is inferred.
    for event in bundled["events"]:
        assert event["date"].get("inferred"), event["id"]


def test_every_day_date_rests_on_a_source_that_gives_it(bundled: dict[str, Any]) -> None:
    """The article never names a day, nor "before 2022-02-24": those come from other sources, cited."""
    for event in bundled["events"]:
        date = event["date"]
        if date["start"] is None or len(date["start"]) == 10:
            cited = {c["source"] for c in event["citations"][1:] if c.get("date")}
            assert cited | set(date.get("sources", [])), event["id"]


def test_no_event_starts_before_what_it_answers_or_follows_unless_a_dispute_says_so() -> None:
    facts = load_facts(BUNDLED)
    order_disputed = {e.id for e in facts.base.events if any(d.point == "order" for d in e.disputes)}
    assert {c.event for c in facts.derived.contradictions} <= order_disputed
    assert order_disputed  # the article's "responded" and "later" are contradicted by the dates


def test_counterpart_stakes_name_a_target_and_never_the_mover(bundled: dict[str, Any]) -> None:
    """A counterpart gain or loss is inferred from the move: a party it involves, never its own actor."""
    for event in bundled["events"]:
        for stake in event.get("beneficiaries", []) + event.get("losers", []):
            if stake["basis"] == "counterpart":
                assert stake["actor"] not in event["actors"], event["id"]
                assert stake["actor"] in event.get("targets", []), event["id"]
    for claim in bundled["claims"]:
        assert all(s["basis"] == "stated" for s in claim.get("beneficiaries", []) + claim.get("losers", []))


def test_the_bundled_base_has_no_warnings() -> None:
    from geopol_cli.query.validation import validation_report

    report = validation_report(BUNDLED, strict=True)
    assert report.valid and report.warnings == [], [str(w) for w in report.warnings]


def test_the_issue_9_corrections_are_recorded(bundled: dict[str, Any]) -> None:
    events = {e["id"]: e for e in bundled["events"]}
    points = {i: {d["point"] for d in e.get("disputes", [])} for i, e in events.items()}
    # Initialled, not signed: the EU's release against the article's "signed".
    eu = events["uz-eu-partnership-agreement"]
    acts = {c["source"]: c.get("act") for c in eu["citations"]}
    assert acts[ARTICLE_ID] == "signed" and acts["eeas-2022-07-06"] == "initialled" and "act" in points[eu["id"]]
    assert eu["date"]["start"] == "2022-07-06"
    # The Novorossiysk halt: court dates, and the article's order disputed.
    halt = events["ru-blocks-kz-oil-novorossiysk"]
    assert (halt["date"]["start"], halt["date"]["end"]) == ("2022-07-05", "2022-07-11")
    assert {"act", "order"} <= points[halt["id"]]
    assert "order" in points["kz-defense-ties-turkey"]
    # No party outside the move, and no actor as its own counterpart.
    assert "actor" not in next(p for p in bundled["people"] if p["id"] == "kateryna-shulman")
    assert "uzbekistan" in events["us-backs-uz-trade-routes"]["actors"]


def test_the_article_names_turkey_the_biggest_winner_in_the_armenia_context(bundled: dict[str, Any]) -> None:
    biggest = [(c, s) for c in bundled["claims"] for s in c.get("beneficiaries", []) if s.get("biggest")]
    assert [(c["id"], s["actor"]) for c, s in biggest] == [("ankara-benefited-most", "turkey")]
    claim = biggest[0][0]
    assert "armenia" in claim["about"] and "Armenia" in claim["context"]


def test_quotes_stand_inside_their_excerpts(bundled: dict[str, Any]) -> None:
    for record in bundled["claims"] + bundled["events"]:
        for citation in record["citations"]:
            if citation.get("quote"):
                assert _fold(citation["quote"]) in _fold(citation["excerpt"]), record["id"]


def test_summaries_are_not_copies_of_excerpts(bundled: dict[str, Any]) -> None:
    for record in bundled["events"] + bundled["claims"]:
        for excerpt in _excerpts(record):
            assert _fold(record["summary"]).lower() != _fold(excerpt).lower(), record["id"]


def test_repository_file_is_what_ships(tmp_path: Path) -> None:
    from geopol_cli.facts.load import bundled_facts_path

    assert bundled_facts_path().read_bytes() == BUNDLED.read_bytes()
