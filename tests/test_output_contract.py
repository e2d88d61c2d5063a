"""Issue 11's output contract: JSON Lines that are JSON, headers that are always there, cells that stay data."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest

from .conftest import event, geopol, small_facts

LIST_VIEWS = {
    "timeline": lambda doc: doc,
    "countries": lambda doc: doc,
    "sources": lambda doc: doc,
    "claims": lambda doc: doc["claims"],
    "benefits": lambda doc: doc["beneficiaries"] + doc["losers"],
}


@pytest.mark.parametrize("view", sorted(LIST_VIEWS))
def test_each_json_lines_line_is_an_element_of_the_json_document(view: str) -> None:
    document = json.loads(geopol(view, "--json").stdout)
    lines = [json.loads(line) for line in geopol(view, "--format", "jsonl").stdout.splitlines()]
    assert lines == LIST_VIEWS[view](document)
    assert lines  # the bundled facts have some of each


def test_search_json_lines_are_its_hits() -> None:
    hits = json.loads(geopol("search", "oil", "--json").stdout)["hits"]
    assert [json.loads(line) for line in geopol("search", "oil", "--format", "jsonl").stdout.splitlines()] == hits


@pytest.mark.parametrize(
    ("args", "first_column"),
    [
        (["timeline", "--since", "2099"], "id"),
        (["claims", "--stance", "gain", "--about", "armenia", "--speaker", "shulman"], "id"),
        (["search", "zzzzqqq"], "type"),
    ],
)
def test_an_empty_result_still_has_its_header(args: list[str], first_column: str) -> None:
    out = geopol(*args, "--format", "csv")
    assert out.exit_code == 0
    reader = csv.reader(io.StringIO(out.stdout, newline=""))
    header = next(reader)
    assert header[0] == first_column and list(reader) == []
    markdown = geopol(*args, "--format", "markdown").stdout.splitlines()
    assert len(markdown) == 2 and markdown[0].startswith(f"| {first_column} |") and "---" in markdown[1]


def hostile(write_facts: Any, summary: str) -> Path:
    return write_facts(small_facts(events=[event("e1", "2022", summary=summary)], claims=[]))


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_never_hands_a_spreadsheet_a_formula(write_facts: Any, start: str) -> None:
    summary = f'{start}HYPERLINK("http://example.invalid","click")'
    text = geopol("timeline", "--facts", str(hostile(write_facts, summary)), "--format", "csv").stdout
    [row] = list(csv.DictReader(io.StringIO(text, newline="")))
    assert row["summary"].startswith("'")
    assert row["summary"][1:].replace("\\x0d", "\r").replace("\\x09", "\t") == summary


def test_markdown_cells_show_as_written(write_facts: Any) -> None:
    summary = "<b>bold</b> and *stars* and [link](http://x) & `code` | pipe"
    text = geopol("timeline", "--facts", str(hostile(write_facts, summary)), "--format", "markdown").stdout
    row = text.splitlines()[2]
    assert "<b>" not in row and "&lt;b&gt;bold&lt;/b&gt;" in row
    assert "\\*stars\\*" in row and "\\[link\\]\\(http://x\\)" in row and "\\`code\\`" in row and "\\|" in row
    assert "&amp;" in row


def test_json_stays_exact(write_facts: Any) -> None:
    summary = '=cmd|"/c calc"!A0 <b>*x*</b>'
    out = geopol("timeline", "--facts", str(hostile(write_facts, summary)), "--json").stdout
    assert json.loads(out)[0]["summary"] == summary


@pytest.mark.parametrize(
    ("args", "code", "kind"),
    [
        (["country", "nowhere", "--json"], 1, "not-found"),
        (["timeline", "--kind", "sports", "--format", "json"], 2, "usage"),
        (["timeline", "-c", "atlantis", "-f", "json"], 2, "not-found"),
        (["timeline", "--json", "--facts", "/nonexistent-geopol"], 3, "bad-facts"),
        (["compare", "kz", "--json"], 2, "usage"),
    ],
)
def test_a_failure_with_json_also_prints_a_json_error(args: list[str], code: int, kind: str) -> None:
    ran = geopol(*args)
    assert ran.exit_code == code and ran.stdout == ""
    error = json.loads(ran.stderr.strip().splitlines()[-1])["error"]
    assert (error["code"], error["kind"]) == (code, kind) and error["message"]
    if kind == "bad-facts":
        assert error["problems"][0]["message"] == "no such file"


def test_a_failure_without_json_prints_no_json() -> None:
    ran = geopol("country", "nowhere")
    assert ran.exit_code == 1 and "{" not in ran.stderr


def test_limit_sort_and_reverse_shape_the_records_as_the_full_json_would() -> None:
    full = json.loads(geopol("timeline", "--json").stdout)
    assert json.loads(geopol("timeline", "--json", "--limit", "3").stdout) == full[:3]
    assert json.loads(geopol("timeline", "--json", "--reverse").stdout) == full[::-1]
    by_kind = json.loads(geopol("timeline", "--json", "--sort", "kind").stdout)
    assert by_kind == sorted(full, key=lambda e: e["kind"])  # stable: time order within a kind
    countries = json.loads(geopol("countries", "--json", "--sort", "events", "-r", "-L", "2").stdout)
    every = json.loads(geopol("countries", "--json").stdout)
    assert (
        countries == sorted(every, key=lambda c: c["events"], reverse=True)[:2]
        or [c["events"] for c in countries] == sorted((c["events"] for c in every), reverse=True)[:2]
    )


def test_limit_cuts_each_list_of_benefits_and_every_format_agrees() -> None:
    doc = json.loads(geopol("benefits", "--json", "--limit", "1").stdout)
    assert len(doc["beneficiaries"]) == 1 and len(doc["losers"]) == 1
    rows = list(csv.DictReader(io.StringIO(geopol("benefits", "-f", "csv", "-L", "1").stdout, newline="")))
    assert [r["actor"] for r in rows] == [doc["beneficiaries"][0]["actor"], doc["losers"][0]["actor"]]
    table = geopol("timeline", "--limit", "2", width=120).stdout
    assert "2 events" in table


def test_sort_by_an_unknown_field_lists_the_fields() -> None:
    ran = geopol("sources", "--sort", "colour")
    assert ran.exit_code == 2 and "publisher" in ran.stderr


@pytest.mark.parametrize("command", ["timeline", "countries", "benefits", "claims", "sources"])
def test_every_list_view_takes_limit(command: str) -> None:
    assert geopol(command, "--limit", "1").exit_code == 0


def test_fields_keep_only_those_keys_of_each_record() -> None:
    full = json.loads(geopol("timeline", "--json").stdout)
    picked = json.loads(geopol("timeline", "--fields", "id,date_label,summary").stdout)
    assert picked == [{k: e[k] for k in ("id", "date_label", "summary")} for e in full]
    claims = json.loads(geopol("claims", "--json").stdout)
    some = json.loads(geopol("claims", "--fields", "id,stance").stdout)
    assert some["query"] == claims["query"]
    assert some["claims"] == [{"id": c["id"], "stance": c["stance"]} for c in claims["claims"]]
    lines = [json.loads(line) for line in geopol("claims", "--fields", "id", "-f", "jsonl").stdout.splitlines()]
    assert lines == [{"id": c["id"]} for c in claims["claims"]]


def test_fields_of_a_single_document_are_its_top_level_keys() -> None:
    whole = json.loads(geopol("country", "kazakhstan", "--json").stdout)
    assert json.loads(geopol("country", "kazakhstan", "--fields", "name,verdict").stdout) == {
        "name": whole["name"],
        "verdict": whole["verdict"],
    }


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["timeline", "--fields", "id,colour"], "date_label"),  # the error lists the fields
        (["timeline", "--fields", "id", "--format", "chart"], "--fields"),  # a chart has no columns
        (["timeline", "--fields", ","], "none given"),
    ],
)
def test_bad_fields_are_usage_errors(args: list[str], needle: str) -> None:
    ran = geopol(*args)
    assert ran.exit_code == 2 and needle in ran.stderr and ran.stdout == ""


def test_every_view_shows_a_date_by_its_label_and_says_when_it_is_undated(write_facts: Any) -> None:
    # An event no source dates keeps only the span it must fall in, and every view says so.
    undated = event("e-undated", "2022-02-24", "2023-01-31", summary="Aland rejects the war.")
    path = str(write_facts(small_facts(events=[undated], claims=[])))
    label = "undated, between 2022-02-24 and 2023-01-31"
    [entry] = json.loads(geopol("--facts", path, "timeline", "--json").stdout)
    assert entry["date_label"] == label and entry["date"] == "2022-02-24"  # the JSON keeps the bounds too
    hits = json.loads(geopol("--facts", path, "search", "rejects", "--json").stdout)["hits"]
    assert [h["date_label"] for h in hits] == [label]
    assert label in " ".join(geopol("--facts", path, "search", "rejects", width=200).stdout.split())
    assert json.loads(geopol("--facts", path, "cite", "e-undated", "--json").stdout)["date_label"] == label
    # A source that dates it (its wording, or a cited date) makes it dated: the span is then shown as is.
    worded = event("e-undated", "2022-06", "2022-08", date={"start": "2022-06", "end": "2022-08", "text": "summer"})
    path = str(write_facts(small_facts(events=[worded], claims=[]), name="worded.json"))
    [entry] = json.loads(geopol("--facts", path, "timeline", "--json").stdout)
    assert entry["date_label"] == "2022-06 – 2022-08"
    cited = event("e-undated", "2022-07-05", "2022-07-11")
    cited["citations"].append(
        {"source": "src", "account": "A court order, then its reversal.", "date": {"start": "2022-07-05"}}
    )
    path = str(write_facts(small_facts(events=[cited], claims=[]), name="cited.json"))
    [entry] = json.loads(geopol("--facts", path, "timeline", "--json").stdout)
    assert entry["date_label"] == "2022-07-05 – 2022-07-11"


@pytest.mark.parametrize("command", [["countries"], ["timeline"], ["timeline", "--chart"], ["graph"]])
def test_color_always_and_never_decide_whatever_the_terminal(command: list[str]) -> None:
    always = geopol("--color", "always", *command, env={"TERM": "xterm-256color"}).stdout
    assert "\x1b[" in always  # piped, and still coloured
    never = geopol("--color", "never", *command, env={"FORCE_COLOR": "1", "TERM": "xterm-256color"}).stdout
    assert "\x1b[" not in never
    assert geopol("--color", "sometimes", *command).exit_code == 2


def _ids_and_urls() -> set[str]:
    data = json.loads(Path(__file__).resolve().parent.parent.joinpath("facts.json").read_text(encoding="utf-8"))
    found = {r["id"] for key in ("events", "claims", "sources") for r in data[key] if "-" in r["id"]}
    return found | {s["url"] for s in data["sources"] if s.get("url")}


@pytest.mark.parametrize("width", [60, 80, 100, 160])
@pytest.mark.parametrize(
    "command",
    [
        ["compare", "kazakhstan", "uzbekistan", "armenia"],
        ["country", "kazakhstan"],
        ["claims"],
        ["sources"],
        ["cite", "ankara-benefited-most"],
        ["timeline"],
        ["benefits"],
        ["search", "oil"],
    ],
)
def test_ids_and_urls_are_never_broken(command: list[str], width: int) -> None:
    # A token is broken when a line has a word that starts it and the next
    # line, at the same column, has the rest. What fits on one line of the
    # terminal must never be (a longer URL cannot help it).
    lines = geopol(*command, width=width).stdout.splitlines()
    fitting = [token for token in _ids_and_urls() if len(token) < width - 12]
    broken = []
    for line, following in itertools.pairwise(lines):
        for match in re.finditer(r"\S+", line):
            word = match.group().rstrip(",;")
            rest_at = following[match.start() :].split(" ")[0] if len(following) > match.start() else ""
            for token in fitting:
                if (
                    word != token
                    and len(word) >= 4
                    and token.startswith(word)
                    and rest_at.startswith(token[len(word) :][:4])
                ):
                    broken.append(token)
    assert not broken, broken


@pytest.mark.parametrize(
    "command", [["countries"], ["claims"], ["sources"], ["compare", "kz", "uz"], ["country", "kz"]]
)
def test_piped_tables_have_no_leading_blank_line_and_no_padding(command: list[str]) -> None:
    out = geopol(*command, width=120).stdout
    assert not out.startswith("\n") and out.strip()
    assert all(line == line.rstrip(" ") for line in out.splitlines())


def test_urls_are_hyperlinks_only_on_a_terminal_and_without_no_color() -> None:
    osc8 = "\x1b]8;"
    assert osc8 not in geopol("sources").stdout  # piped
    assert osc8 in geopol("--color", "always", "sources", env={"TERM": "xterm-256color"}).stdout
    assert osc8 not in geopol("--color", "always", "sources", env={"NO_COLOR": "1"}).stdout


def test_jq_filters_the_json_document() -> None:
    full = json.loads(geopol("timeline", "--json").stdout)
    away = geopol("timeline", "--jq", '.[] | select(.direction == "away") | .id')
    assert away.exit_code == 0
    assert away.stdout.splitlines() == [e["id"] for e in full if e["direction"] == "away"]  # text, not quoted
    pairs = geopol("benefits", "-q", ".beneficiaries[] | {actor, evidence}").stdout.splitlines()
    doc = json.loads(geopol("benefits", "--json").stdout)
    assert [json.loads(p) for p in pairs] == [
        {"actor": b["actor"], "evidence": b["evidence"]} for b in doc["beneficiaries"]
    ]
    # after --fields, --limit and the rest, as a script would chain them
    assert geopol("timeline", "--limit", "2", "--fields", "id", "--jq", "length").stdout == "2\n"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["countries", "--jq", ".["], "syntax error"),
        (["countries", "--jq", ".foo"], "Cannot index array"),
        (["countries", "--jq", ".", "--format", "csv"], "--jq"),
    ],
)
def test_a_bad_jq_expression_is_a_usage_error(args: list[str], needle: str) -> None:
    ran = geopol(*args)
    assert ran.exit_code == 2 and needle in ran.stderr and ran.stdout == ""


def test_jq_without_the_optional_binding_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "jq", None)  # as if the extra were not installed
    ran = geopol("countries", "--jq", ".")
    assert ran.exit_code == 2 and "pip install jq" in ran.stderr and "'.[jq]'" in ran.stderr


def _footnote_check(document: str) -> None:
    used = set(re.findall(r"\[\^([^\]]+)\](?!:)", document))
    defined = set(re.findall(r"^\[\^([^\]]+)\]:", document, re.M))
    assert used and used <= defined, (used, defined)


@pytest.mark.parametrize(
    ("args", "heading"),
    [
        (["country", "kazakhstan"], "# Kazakhstan"),
        (["person", "shulman"], "# Kateryna Shulman"),
        (["cite", "ru-blocks-kz-oil-novorossiysk"], "## event ru"),
    ],
)
def test_single_views_in_markdown_cite_their_sources_as_footnotes(args: list[str], heading: str) -> None:
    document = geopol(*args, "--format", "markdown").stdout
    assert document.startswith(heading)
    _footnote_check(document)


def test_a_profile_in_markdown_has_one_row_per_event_and_renders_as_a_table() -> None:
    from markdown_it import MarkdownIt

    profile = json.loads(geopol("country", "kazakhstan", "--json").stdout)
    document = geopol("country", "kazakhstan", "-f", "markdown").stdout
    html = MarkdownIt("commonmark").enable("table").render(document)
    events_table = html.split("<h2>Events</h2>", 1)[1].split("</table>", 1)[0]
    assert events_table.count("<tr>") == len(profile["events"]) + 1  # and the header
    compare = geopol("compare", "kz", "uz", "-f", "markdown").stdout
    assert MarkdownIt("commonmark").enable("table").render(compare).count("<tr>") == 10


def test_markdown_documents_show_hostile_text_as_written(write_facts: Any) -> None:
    from markdown_it import MarkdownIt

    data = small_facts()
    data["actors"][0]["name"] = "<script>x</script> *Åland* [a](http://x)\n# not a heading"
    data["events"][0]["summary"] = "- not a list | <b>not bold</b>"
    html = (
        MarkdownIt("commonmark")
        .enable("table")
        .render(geopol("country", "aland", "--facts", str(write_facts(data)), "-f", "markdown").stdout)
    )
    assert (
        "<script>" not in html and "<b>" not in html and "<em>Åland</em>" not in html and 'href="http://x"' not in html
    )
    assert "&lt;script&gt;" in html and "<h1>" in html and html.count("<h1>") == 1


@pytest.mark.parametrize(
    "args", [["timeline"], ["countries"], ["sources"], ["benefits"], ["search", "russia"], ["claims"], ["disputes"]]
)
def test_a_json_document_written_in_parts_is_byte_for_byte_the_whole_document(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches of one element exercise every join: the bytes must be those of the document written at once
    (an array in batches of elements; a list view's object a field, and a list's element, at a time)."""
    import pydantic_core

    from geopol_cli.query import spill
    from geopol_cli.render import jsonout
    from geopol_cli.render.safe import json_safe_utf8

    def at_once(result: object) -> None:
        jsonout.write_bytes(json_safe_utf8(pydantic_core.to_json(result, indent=2)) + b"\n")

    with monkeypatch.context() as whole_documents:
        whole_documents.setattr(jsonout, "_write_json_object", at_once)
        # The files read: from the index, a timeline is a stream, always written in batches.
        whole = geopol(*args, "--json", env={"GEOPOL_INDEX": "never"}).stdout_bytes
    for batch, budget in ((jsonout._BATCH, spill.BUDGET), (1, spill.BUDGET), (1, 1), (3, 2)):
        # A budget of 1: every list of a benefits entry is a stream read back from its spill file.
        monkeypatch.setattr(jsonout, "_BATCH", batch)
        monkeypatch.setattr(spill, "BUDGET", budget)
        for index in ("never", "auto"):
            in_parts = geopol(*args, "--json", env={"GEOPOL_INDEX": index}).stdout_bytes
            assert in_parts == whole, (batch, budget, index)
    document = json.loads(whole)
    assert len(document) > 2 if isinstance(document, list) else any(len(v) > 2 for v in document.values() if v)


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
@pytest.mark.parametrize(("args", "reads"), [(["timeline"], 1), (["search", "russia"], 2), (["benefits"], 2)])
def test_a_view_read_as_a_stream_is_written_without_ever_being_held(
    fmt: str, args: list[str], reads: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The JSON writers pass over a stream once: asking its length or holding it would hold every entry (and
    for benefits, every list of an entry: here each is read back from its spill file)."""
    from geopol_cli.facts import store
    from geopol_cli.query import spill
    from geopol_cli.query.stream import Stream

    plain = geopol(*args, "--format", fmt, env={"GEOPOL_INDEX": "never"}).stdout_bytes
    geopol(*args, "--format", fmt, env={"GEOPOL_INDEX": "auto"})  # the index built, if this run is the first
    # Passes over the index's records: the timeline's events once (its empty-view check's first record and
    # its writing are one pass); search's events and claims once each (the hits are then read by position).
    passes: list[int] = []
    read = store._RecordStream.__call__

    def counted(self: store._RecordStream) -> object:
        passes.append(1)
        return read(self)

    def refused(self: Stream[object]) -> list[object]:
        raise AssertionError("a JSON writer held the whole stream")

    monkeypatch.setattr(Stream, "held", refused)
    monkeypatch.setattr(store._RecordStream, "__call__", counted)
    monkeypatch.setattr(spill, "BUDGET", 1)
    streamed = geopol(*args, "--format", fmt, env={"GEOPOL_INDEX": "auto"})
    assert streamed.exit_code == 0, streamed.stderr
    assert streamed.stdout_bytes == plain and len(passes) == reads
    assert len(plain.splitlines()) > 5
    if args == ["benefits"]:
        monkeypatch.setattr(spill, "BUDGET", 10**9)
        assert geopol(*args, "--format", fmt, env={"GEOPOL_INDEX": "auto"}).stdout_bytes == plain
