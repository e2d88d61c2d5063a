"""person, claims, sources, cite, and the flat output formats of the list views."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import Ran, geopol, small_facts


def run(*args: str, width: int = 100) -> Ran:
    return geopol(*args, width=width)


def run_json(*args: str) -> Any:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# --- person ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["schulmann", "Ekaterina Schulmann", "kateryna-shulman", "SHULMAN", "Шульман"])
def test_person_by_any_spelling(name: str) -> None:
    assert run_json("person", name)["id"] == "kateryna-shulman"


def test_person_profile_matches_the_facts(bundled: dict[str, Any]) -> None:
    profile = run_json("person", "tokayev")
    assert profile["actor"] == {"id": "kazakhstan", "name": "Kazakhstan"}
    expected = {e["id"] for e in bundled["events"] if "kassym-jomart-tokayev" in e.get("people", [])}
    assert {e["id"] for e in profile["events"]} == expected
    shulman = run_json("person", "shulman")
    assert {c["id"] for c in shulman["claims"]} == {c["id"] for c in bundled["claims"] if c["by"] == "kateryna-shulman"}
    table = " ".join(run("person", "shulman").stdout.split())
    assert "veto player" in table and "Ekaterina Schulmann" in table


def test_unknown_person() -> None:
    result = run("person", "nobody-at-all")
    assert (result.exit_code, result.stdout) == (1, "")
    assert "no person matches" in result.stderr


# --- claims ------------------------------------------------------------------------------------------


def test_claims_filters(bundled: dict[str, Any]) -> None:
    everything = run_json("claims")
    assert [c["id"] for c in everything["claims"]] == [c["id"] for c in bundled["claims"]]
    decline = run_json("claims", "--about", "russia", "--stance", "decline")
    assert {c["id"] for c in decline["claims"]} == {
        c["id"] for c in bundled["claims"] if "russia" in c["about"] and c["stance"] == "decline"
    }
    by_bohr = run_json("claims", "--speaker", "bohr")
    assert {c["by"] for c in by_bohr["claims"]} == {"annette-bohr"}
    by_source = run_json("claims", "--speaker", "Bloomberg")
    assert by_source["claims"] and {c["by"] for c in by_source["claims"]} == {"bloomberg-2023-01-31"}
    assert any(c["attributed_to"] for c in by_source["claims"])


@pytest.mark.parametrize(
    "args", [["--stance", "vibes"], ["--speaker", "nobody-at-all"], ["--about", "atlantis"], ["--format", "xml"]]
)
def test_claims_bad_filters_are_usage_errors(args: list[str]) -> None:
    result = run("claims", *args)
    assert (result.exit_code, result.stdout) == (2, "")


def test_claims_table_shows_quotes_and_roles() -> None:
    out = " ".join(run("claims", "--speaker", "shulman").stdout.split())
    assert "political scientist" in out and "it will be at least difficult" in out


# --- sources and cite ------------------------------------------------------------------------------------


def test_sources_count_what_rests_on_each(bundled: dict[str, Any]) -> None:
    rows = {r["id"]: r for r in run_json("sources")}
    assert rows["russiavsworld-2023"]["events"] == len(bundled["events"])
    assert rows["russiavsworld-2023"]["claims"] == len(bundled["claims"])
    assert rows["bloomberg-2023-01-31"]["retold_by"] == ["russiavsworld-2023"]
    narrowed = sum("kremlin-2022-02-24" in e["date"].get("sources", []) for e in bundled["events"])
    assert rows["kremlin-2022-02-24"]["dates"] == narrowed > 0


def test_cite_an_event_and_a_claim(bundled: dict[str, Any]) -> None:
    event = run_json("cite", "am-cancels-csto-exercises")
    raw = next(e for e in bundled["events"] if e["id"] == "am-cancels-csto-exercises")
    primary = raw["citations"][0]
    assert (event["type"], event["excerpt"], event["summary"]) == ("event", primary["excerpt"], raw["summary"])
    assert event["source"]["url"].startswith("https://russiavsworld.org/")
    assert event["retells"]["publisher"] == "Bloomberg" and event["retells"]["date"] == "2023-01-31"
    # Every citation, the primary first, each with its whole source and what it says.
    assert [c["source"]["id"] for c in event["citations"]] == [c["source"] for c in raw["citations"]]
    assert [c["account"] for c in event["citations"][1:]] == [c["account"] for c in raw["citations"][1:]]
    assert event["citations"][1]["source"]["url"].startswith("https://")
    table = " ".join(run("cite", "am-cancels-csto-exercises", width=200).stdout.split())
    assert "Source 1 of 3 (primary)" in table and "What it says (paraphrased):" in table
    claim = run_json("cite", "shulman-hard-to-dictate")
    assert claim["type"] == "claim" and claim["quote"]
    table = " ".join(run("cite", "shulman-hard-to-dictate").stdout.split())
    assert "which retells" in table and "bloomberg.com" in table


def test_cite_unknown_id_suggests_the_closest() -> None:
    result = run("cite", "ankara")
    assert (result.exit_code, result.stdout) == (1, "")
    assert "did you mean ankara-benefited-most" in result.stderr


# --- flat formats ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "count"),
    [(["timeline"], "events"), (["countries"], "actors"), (["claims"], "claims"), (["sources"], "sources")],
)
def test_csv_jsonl_markdown_carry_every_item(bundled: dict[str, Any], command: list[str], count: str) -> None:
    expected = len(bundled[count])
    csv_out = run(*command, "--format", "csv").stdout_bytes.decode("utf-8")
    assert csv_out.count("\r\n") == expected + 1  # RFC 4180 line ends (a summary has no line break)
    rows = list(csv.DictReader(io.StringIO(csv_out, newline="")))
    assert len(rows) == expected and "id" in rows[0]
    jsonl = [json.loads(line) for line in run(*command, "--format", "jsonl").stdout.splitlines()]
    assert [r["id"] for r in jsonl] == [r["id"] for r in rows]
    markdown = run(*command, "--format", "markdown").stdout.splitlines()
    assert len(markdown) == expected + 2 and markdown[1].startswith("| --- |")


def test_benefits_flat_rows_have_a_role() -> None:
    ranking = run_json("benefits")
    rows = list(csv.DictReader(io.StringIO(run("benefits", "--format", "csv").stdout, newline="")))
    assert [r["role"] for r in rows] == ["beneficiary"] * len(ranking["beneficiaries"]) + ["loser"] * len(
        ranking["losers"]
    )
    assert rows[0]["name"] == ranking["beneficiaries"][0]["name"]


def test_json_and_format_must_agree() -> None:
    assert run("timeline", "--json", "--format", "json").exit_code == 0
    result = run("timeline", "--json", "--format", "csv")
    assert result.exit_code == 2 and "give one" in result.stderr


def test_csv_and_markdown_keep_hostile_text_exact_or_visible(write_facts: Callable[..., Path]) -> None:
    data = small_facts()
    data["events"][0]["summary"] = 'pipe | comma, "quote"\nnew line \x1b[31m'
    path = str(write_facts(data))
    csv_text = run("timeline", "--facts", path, "--format", "csv").stdout_bytes.decode()
    [row] = [r for r in csv.DictReader(io.StringIO(csv_text, newline="")) if r["id"] == "e-away"]
    # CSV keeps the text, line break included, with the control character escaped.
    assert row["summary"] == 'pipe | comma, "quote"\nnew line \\x1b[31m'
    assert "\x1b" not in csv_text
    markdown = run("timeline", "--facts", path, "--format", "markdown").stdout
    assert "pipe \\| comma" in markdown and "\x1b" not in markdown and "\\x1b" in markdown
    assert len(markdown.splitlines()) == 4  # the newline did not break the row


# --- search ----------------------------------------------------------------------------------------


def test_search_every_word_must_match_and_names_rank_first() -> None:
    result = run_json("search", "csto")
    types = [(h["type"], h["id"], h["best"]) for h in result["hits"]]
    assert types[0] == ("actor", "csto", "name")  # found in a name before any summary
    tiers = [("name", "summary", "excerpt").index(h["best"]) for h in result["hits"]]
    assert tiers == sorted(tiers)
    both = {h["id"] for h in run_json("search", "csto", "exercises")["hits"]}
    assert both == {"am-cancels-csto-exercises"}


def test_search_ignores_case_accents_and_matches_word_starts() -> None:
    hits = run_json("search", "TURKIYE")["hits"]
    assert (hits[0]["id"], hits[0]["best"]) == ("turkey", "name")  # an alias, then sources that say "Türkiye"
    assert all(h["best"] == "excerpt" for h in hits[1:])
    assert "kazakhstan" in {h["id"] for h in run_json("search", "kaz")["hits"]}
    assert run_json("search", "schulmann")["hits"][0]["id"] == "kateryna-shulman"


def test_search_within_a_tier_orders_events_by_date(bundled: dict[str, Any]) -> None:
    hits = [h for h in run_json("search", "armenia")["hits"] if h["type"] == "event" and h["best"] == "summary"]
    starts = [h["date"] or "0000" for h in hits]
    assert starts == sorted(starts)


def test_search_highlights_and_nothing_found() -> None:
    from geopol_cli.render.tables.search import highlighted

    styled = highlighted("Türkiye and Turkey", ["turkiye"])
    assert [styled.plain[span.start : span.end] for span in styled.spans] == ["Türkiye"]
    result = run("search", "zzzzzz")
    assert (result.exit_code, result.stdout) == (0, "")
    assert "nothing matches" in result.stderr


# --- compare and graph --------------------------------------------------------------------------------


def test_compare_columns_match_the_profiles() -> None:
    comparison = run_json("compare", "kazakhstan", "UZ", "armenia")
    assert [c["id"] for c in comparison["countries"]] == ["kazakhstan", "uzbekistan", "armenia"]
    for column in comparison["countries"]:
        profile = run_json("country", column["id"])
        assert column["verdict"] == profile["verdict"]
        assert sum(column["events_by_kind"].values()) == len(profile["events"])
        assert column["counter_moves_against"] == [e["id"] for e in profile["counter_moves_against"]]
    out = run("compare", "kazakhstan", "armenia").stdout
    assert "Kazakhstan" in out and "Armenia" in out and "Partners" in out


def test_compare_needs_two_known_names() -> None:
    assert run("compare", "kazakhstan").exit_code == 2
    assert run("compare", "kazakhstan", "atlantis").exit_code == 1


def test_graph_edges_come_from_the_facts(bundled: dict[str, Any]) -> None:
    graph = run_json("graph")
    acts = {(e["source"], e["target"]) for e in graph["edges"] if e["relation"] == "acts"}
    expected = {(a, t) for e in bundled["events"] for a in e["actors"] for t in e.get("targets", []) if a != t}
    assert acts == expected
    gains = {(e["source"], e["target"]) for e in graph["edges"] if e["relation"] == "gains"}
    expected_gains = {
        (a, s["actor"]) for e in bundled["events"] for a in e["actors"] for s in e.get("beneficiaries", [])
        if s["actor"] != a
    }  # fmt: skip
    assert gains == expected_gains
    narrowed = run_json("graph", "--country", "armenia")
    assert all("armenia" in (e["source"], e["target"]) for e in narrowed["edges"])


def test_graph_dot_and_mermaid_are_well_formed() -> None:
    import re
    import shutil
    import subprocess

    dot = run("graph", "--format", "dot").stdout
    assert dot.startswith("digraph geopol {") and dot.rstrip().endswith("}")
    edge = re.compile(r'^  "[^"]+" -> "[^"]+" \[label="[^"]*", tooltip="[^"]*", style=(solid|dashed)\];$')
    assert all(edge.match(line) for line in dot.splitlines() if "->" in line)
    if shutil.which("dot"):
        subprocess.run(["dot", "-Tsvg"], input=dot, text=True, capture_output=True, check=True)
    mermaid = run("graph", "--format", "mermaid").stdout.splitlines()
    assert mermaid[0] == "flowchart LR"
    line = re.compile(r'^  n\d+(\["[^"]*"\]| (-->|-\.->)\|"[^"]*"\| n\d+)$')
    assert all(line.match(m) for m in mermaid[1:])
    tree = run("graph").stdout
    assert "Relations" in tree and "→" in tree and "⇢" in tree


def test_graph_labels_escape_hostile_names(write_facts: Callable[..., Path]) -> None:
    data = small_facts()
    data["actors"][1]["name"] = 'Bo"rd\\uria <b>\x1b'
    path = str(write_facts(data))
    dot = run("graph", "--facts", path, "--format", "dot").stdout
    assert 'label="Bo\\"rd\\\\uria <b>\\\\x1b"' in dot and "\x1b" not in dot
    mermaid = run("graph", "--facts", path, "--format", "mermaid").stdout
    assert "Bo#quot;rd\\uria #lt;b#gt;\\x1b" in mermaid


# --- timeline --chart ------------------------------------------------------------------------------------


def test_chart_lanes_marks_spans_and_open_starts() -> None:
    out = run("timeline", "--chart", width=80).stdout
    lines = out.splitlines()
    assert max(map(len, lines)) <= 80
    lane = {line[:16].strip(): line[17:] for line in lines if line[:16].strip()}
    assert lane["Uzbekistan"].startswith("◀")  # "even before the war": an open start
    # The CSTO's refusal, 2022-09-13 – 2022-11-23: a span of three months (its name takes a line of its own).
    csto = lines.index("Collective Security Treaty Organization")
    assert "━━━" in lines[csto + 1]
    assert lane["Turkey"].count("●") == 1  # one event within a month (October 2022)
    months = lines[1][17:]
    assert months.startswith("F") and len(months) == 12  # February 2022 to January 2023
    assert "◀ open start" in lines[-1]


def test_chart_compresses_months_to_fit_and_rejects_other_formats(write_facts: Callable[..., Path]) -> None:
    from .conftest import event

    data = small_facts(events=[event("old", "1990-01"), event("new", "2022-12")])
    out = run("timeline", "--chart", "--facts", str(write_facts(data)), width=40).stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 40
    assert "(a column: 18 months)" in " ".join(out.split())  # 396 months into 23 columns at most
    [lane] = [line for line in lines if line.startswith("Åland")]
    assert lane[17] == "●" and lane.rstrip().endswith("●")  # the first and the last column are both marked
    assert run("timeline", "--chart", "--json").exit_code == 2
