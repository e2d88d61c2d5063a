"""A stated gain or loss carries the words that state it, and its party is one those words or the record name.

The checks (facts/conflicts.py stated_findings, facts/load.py for excerpts
in held texts), what benefits shows of them, and which source cite says
gave a date.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from geopol_cli.core.errors import ExitCode

from .conftest import event, geopol, small_facts


def base(stakes: dict[str, list[dict[str, Any]]], **fields: Any) -> dict[str, Any]:
    data = small_facts(claims=[])
    data["events"] = [event("e", "2022-06", actors=["aland"], targets=["borduria"], **stakes, **fields)]
    return data


def warnings(tmp_path: Path, data: dict[str, Any], *args: str) -> tuple[int, list[dict[str, Any]]]:
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    ran = geopol("validate", str(path), "--json", *args)
    return ran.exit_code, json.loads(ran.stdout)["warnings"]


def test_a_stated_stake_without_words_is_reported(tmp_path: Path) -> None:
    data = base({"losers": [{"actor": "borduria", "what": "a port", "basis": "stated"}]})
    code, found = warnings(tmp_path, data)
    assert code == 0 and [w["path"] for w in found] == ["events[0].losers[0]"]
    assert "shows no words that state it" in found[0]["message"]
    assert warnings(tmp_path, data, "--strict")[0] == ExitCode.BAD_FACTS
    data["events"][0]["losers"][0]["account"] = "The report says Borduria lost the port."
    assert warnings(tmp_path, data, "--strict") == (0, [])


def test_a_stated_party_that_neither_the_record_nor_the_words_name(tmp_path: Path) -> None:
    # Russia is neither actor nor target, and the words say only that the oil bypasses... someone else.
    stake = {"actor": "russia", "what": "transit", "basis": "stated", "excerpt": "Oil will go around the north."}
    code, found = warnings(tmp_path, base({"losers": [stake]}))
    assert code == 0  # a warning, not a problem
    assert [w["path"] for w in found] == ["events[0].losers[0].actor"]
    assert "no source states this gain or loss" in found[0]["message"]
    # Named in the words (by name, or by an alias), it stands.
    for words in ("Oil will go around Russia.", "The Union says TU gains."):
        named = {**stake, "excerpt": words, "actor": "russia" if "Russia" in words else "union"}
        assert warnings(tmp_path, base({"losers": [named]}))[1] == []


def test_a_stake_excerpt_is_checked_against_the_held_text(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "report.txt").write_text("Borduria lost its only port. Nothing else.\n", encoding="utf-8")
    data = base(
        {"losers": [{"actor": "borduria", "what": "a port", "basis": "stated", "excerpt": "Borduria lost its port"}]},
        citations=[{"source": "src", "excerpt": "Borduria lost its only port."}],
    )
    data["sources"][0]["text"] = "texts/report.txt"
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    ran = geopol("validate", str(path))
    assert ran.exit_code == ExitCode.BAD_FACTS
    assert "events[0].losers[0].excerpt: not found word for word" in ran.stdout
    assert 'the closest passage is "Borduria lost its' in ran.stdout
    data["events"][0]["losers"][0]["excerpt"] = "Borduria lost its only port"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert geopol("validate", str(path), "--strict").exit_code == 0


def test_benefits_shows_each_stated_entry_with_its_words_and_the_star_with_its_limits() -> None:
    ranking = json.loads(geopol("benefits", "--json").stdout)
    turkey = next(b for b in ranking["beneficiaries"] if b["actor"] == "turkey")
    star = next(s for s in turkey["stated_words"] if s["biggest"])
    assert star == {
        "what": "the most, of all who gained from Moscow's hesitation",
        "source": "russiavsworld-2023",
        "words": "Ankara benefited the most from Moscow’s hesitation",
        "quoted": True,
        "biggest": True,
        "record": "ankara-benefited-most",
    }
    shown = geopol("--no-pager", "benefits", width=160).stdout
    table = " ".join(shown.split())
    assert "★ “Ankara benefited the most from" in shown  # the star, in the actor's column, with the source's words
    assert "named the biggest winner" not in table  # the bare star would drop the source's qualifier
    # Every stated entry shows its words: Kazakhstan's loss at Novorossiysk, in the Moscow Times' account.
    assert "companies working in western Kazakhstan" in table


def test_no_stated_loss_for_russia_and_the_caspian_order_in_november() -> None:
    ranking = json.loads(geopol("benefits", "--json").stdout)
    russia = next(b for b in ranking["losers"] if b["actor"] == "russia")
    assert russia["stated_words"] == [] and "kz-oil-via-caspian-btc" not in russia["events"]
    order = next(e for e in json.loads(geopol("timeline", "--json").stdout) if e["id"] == "kz-oil-via-caspian-btc")
    assert order["date"] == "2022-11-07" and "20 million tons" in order["summary"]
    assert geopol("validate", "--strict").exit_code == 0


def test_cite_says_which_source_gave_the_date(tmp_path: Path) -> None:
    data = base(
        {},
        date={"start": "2022-06-07", "inferred": "From the wire.", "sources": ["context"]},
        citations=[
            {"source": "src", "excerpt": "Excerpt of e."},
            {"source": "wire", "account": "It happened on 7 June.", "date": {"start": "2022-06-07"}},
        ],
    )
    data["sources"] += [
        {"id": "wire", "title": "Wire report", "publisher": "Wire", "date": "2022-06-08"},
        {"id": "context", "title": "Background", "publisher": "Archive", "date": "2022"},
    ]
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    cited = json.loads(geopol("--facts", str(path), "cite", "e", "--json").stdout)
    assert [s["id"] for s in cited["date_sources"]] == ["wire", "context"]  # the citation that gives the date first
    shown = geopol("--no-pager", "--facts", str(path), "cite", "e", width=120).stdout
    assert "Date from: Wire report" in shown
