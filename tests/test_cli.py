"""Every command and option through geopol's entry point, checked against the facts themselves."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import BUNDLED, Ran, geopol, small_facts, text_lines

ANSI = re.compile(r"\x1b\[")


def run(*args: str, width: int = 80, env: dict[str, str | None] | None = None) -> Ran:
    return geopol(*args, width=width, env=env)


def run_json(*args: str) -> Any:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def involved(event: dict[str, Any], actor: str) -> bool:
    stakes = [s["actor"] for s in event.get("beneficiaries", []) + event.get("losers", [])]
    return actor in event["actors"] or actor in event.get("targets", []) or actor in stakes


# --- country -------------------------------------------------------------------------------------


def test_country_json_matches_the_facts(bundled: dict[str, Any]) -> None:
    profile = run_json("country", "kazakhstan")
    assert (profile["id"], profile["name"], profile["iso2"], profile["iso3"]) == (
        "kazakhstan",
        "Kazakhstan",
        "KZ",
        "KAZ",
    )
    expected = {e["id"] for e in bundled["events"] if involved(e, "kazakhstan")}
    assert {e["id"] for e in profile["events"]} == expected
    raw = {e["id"]: e for e in bundled["events"]}
    for entry in profile["events"]:
        source = raw[entry["id"]]
        assert entry["summary"] == source["summary"]
        assert entry["excerpt"] == source["citations"][0]["excerpt"]
        assert [c["source"] for c in entry["citations"]] == [c["source"] for c in source["citations"]]
        assert entry["date"] == source["date"]["start"]
        assert [a["id"] for a in entry["actors"]] == source["actors"]
    assert profile["verdict"]["moves_away"] == sum(
        1 for e in bundled["events"] if "kazakhstan" in e["actors"] and e["direction"] == "away"
    )
    assert [m["id"] for m in profile["counter_moves_against"]] == [
        e["id"] for e in bundled["events"] if e["direction"] == "counter" and "kazakhstan" in e.get("targets", [])
    ]
    assert {p["actor"] for p in profile["partners"]} == {"turkey", "azerbaijan"}
    assert [p["name"] for p in profile["leaders"]] == ["Kassym-Jomart Tokayev"]


@pytest.mark.parametrize("name", ["kazakhstan", "Kazakhstan", "KZ", "kaz", "Қазақстан", "KAZAKHSTAN"])
def test_country_name_forms(name: str) -> None:
    assert run_json("country", name)["id"] == "kazakhstan"


@pytest.mark.parametrize("name", ["russia", "eu", "csto", "central-asia", "chatham-house"])
def test_country_works_for_every_kind_of_actor(name: str) -> None:
    result = run("country", name)
    assert result.exit_code == 0, result.stderr
    assert run_json("country", name)["id"] == name


def test_russia_profile_has_setbacks_and_counter_moves() -> None:
    profile = run_json("country", "russia")
    assert profile["setbacks"] and profile["counter_moves_made"]
    assert "setback" in profile["verdict"]["text"]


def test_unknown_country_says_so_on_stderr_only() -> None:
    result = run("country", "kazakstan")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "kazakstan" in result.stderr and "did you mean kazakhstan" in result.stderr


def test_country_table_shows_everything_the_json_has() -> None:
    profile = run_json("country", "kazakhstan")
    for width in (80, 160):
        out = run("country", "kazakhstan", width=width).stdout
        assert max(len(line) for line in text_lines(out)) <= width
        flat = " ".join(out.split())
        assert profile["verdict"]["text"] in flat
        for entry in profile["events"]:
            assert entry["id"] in out
        for claim in profile["claims"]:
            assert claim["id"] in out


def test_country_excerpts_option() -> None:
    plain = " ".join(run("country", "kazakhstan").stdout.split())
    with_excerpts = " ".join(run("country", "kazakhstan", "--excerpts").stdout.split())
    excerpt = "blocking the export of Kazakh oil to the EU through the terminal in Novorossiysk"
    assert excerpt not in plain
    assert excerpt in with_excerpts


# --- countries -------------------------------------------------------------------------------------


def test_countries_json_lists_every_actor(bundled: dict[str, Any]) -> None:
    rows = run_json("countries")
    assert [(r["id"], r["name"]) for r in rows] == [(a["id"], a["name"]) for a in bundled["actors"]]
    by_id = {r["id"]: r for r in rows}
    assert by_id["kazakhstan"]["events"] == sum(involved(e, "kazakhstan") for e in bundled["events"])


def test_countries_table() -> None:
    out = run("countries").stdout
    for name in ("Kazakhstan", "Uzbekistan", "Armenia", "European Union"):
        assert name in out


# --- timeline --------------------------------------------------------------------------------------


def test_timeline_json_items(bundled: dict[str, Any]) -> None:
    items = run_json("timeline")
    assert {i["id"] for i in items} == {e["id"] for e in bundled["events"]}
    for item in items:
        for key in ("id", "date", "summary", "actors", "source"):
            assert key in item
        assert item["date"] is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", item["date"])
    assert items[0]["date"] is None  # "even before the war" opens the timeline


def test_timeline_is_in_order_and_answers_come_after_what_they_answer() -> None:
    items = run_json("timeline")
    position = {item["id"]: i for i, item in enumerate(items)}
    # The earliest moment orders the timeline: the one derived along answers/follows where it is later.
    starts = [(item["date_bound"] or {}).get("earliest") or item["date"] or "0000" for item in items]
    assert starts == sorted(starts, key=lambda d: d.ljust(10, "0"))
    for item in items:
        for earlier in item["answers"] + item["follows"]:
            if items[position[earlier]]["date_label"] == item["date_label"]:
                assert position[earlier] < position[item["id"]]


def test_timeline_table_is_grouped_by_month_and_span() -> None:
    out = run("timeline", width=120).stdout
    for heading in ("October 2022", "December 2022", "2022-09-13 – 2022-11-23", "before 2022-02-24"):
        assert re.search(rf"^{re.escape(heading)} ─", out, re.MULTILINE), heading
    assert "February 2022" in out  # the invasion, a single day
    assert "May 2022" in out  # the defence ties, two days in May


def test_timeline_tables_fit_80_and_use_160() -> None:
    narrow = run("timeline", width=80).stdout.splitlines()
    wide = run("timeline", width=160).stdout.splitlines()
    assert max(map(len, narrow)) <= 80
    assert 80 < max(map(len, wide)) <= 160
    assert len(wide) < len(narrow)  # the extra width is used, so fewer lines


def test_timeline_country_filter(bundled: dict[str, Any]) -> None:
    items = run_json("timeline", "--country", "armenia", "--country", "UZ")
    expected = {e["id"] for e in bundled["events"] if involved(e, "armenia") or involved(e, "uzbekistan")}
    assert {i["id"] for i in items} == expected


def test_timeline_date_and_kind_filters() -> None:
    items = run_json("timeline", "--since", "2022-10", "--until", "2022-12", "--kind", "diplomatic")
    assert [i["id"] for i in items] == ["tr-am-leaders-meet", "us-backs-uz-trade-routes"]
    # The CSTO's refusal (2022-09-13 – 2022-11-23) overlaps the range; --within keeps only what lies inside it.
    wide = run_json("timeline", "--since", "2022-10", "--until", "2022-12", "--kind", "security")
    assert [i["id"] for i in wide] == ["csto-refuses-armenia"]
    assert run_json("timeline", "--since", "2022-10", "--until", "2022-12", "--kind", "security", "--within") == []


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--since", "2022-13"], "YYYY"),
        (["--until", "yesterday"], "YYYY"),
        (["--since", "2023", "--until", "2022"], "before"),
        (["--kind", "espionage"], "diplomatic"),
        (["--country", "atlantis"], "atlantis"),
    ],
)
def test_bad_filter_values_are_usage_errors(args: list[str], needle: str) -> None:
    result = run("timeline", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert needle in result.stderr


def test_filter_matching_nothing_is_not_an_error() -> None:
    result = run("timeline", "--since", "2030")
    assert (result.exit_code, result.stdout) == (0, "")
    assert "no events match" in result.stderr
    result = run("timeline", "--since", "2030", "--json")
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


def test_timeline_excerpts() -> None:
    out = " ".join(run("timeline", "--excerpts").stdout.split())
    assert "Uzbekistan tried to become less dependent on trade relations with Russia even before the war" in out


# --- benefits ---------------------------------------------------------------------------------------


def test_benefits_json_shape_and_order() -> None:
    ranking = run_json("benefits")
    top = ranking["beneficiaries"][0]
    assert (top["actor"], top["name"], top["biggest"]) == ("turkey", "Turkey", True)
    keys = [(-b["stated"], -b["counterpart"], b["name"].casefold()) for b in ranking["beneficiaries"]]
    assert keys == sorted(keys)
    assert [b["rank"] for b in ranking["beneficiaries"]] == list(range(1, len(keys) + 1))
    loser_keys = [(-b["stated"], -b["counterpart"], b["name"].casefold()) for b in ranking["losers"]]
    assert loser_keys == sorted(loser_keys)
    # No source states a loss for Russia (the Caspian order says only that oil would bypass it): Russia's are inferred.
    russia = next(b for b in ranking["losers"] if b["actor"] == "russia")
    assert russia["stated"] == 0 and russia["counterpart"] >= 1
    top = ranking["beneficiaries"][0]
    assert [s["words"] for s in top["stated_words"] if s["biggest"]] == [
        "Ankara benefited the most from Moscow’s hesitation"
    ]
    for entry in ranking["beneficiaries"] + ranking["losers"]:
        assert (
            entry["evidence"] == len(entry["events"]) + len(entry["claims"]) == entry["stated"] + entry["counterpart"]
        )


def test_benefits_for_a_country(bundled: dict[str, Any]) -> None:
    ranking = run_json("benefits", "--country", "kazakhstan")
    assert ranking["country"] == {"id": "kazakhstan", "name": "Kazakhstan"}
    kz_moves = {e["id"] for e in bundled["events"] if "kazakhstan" in e["actors"]}
    kz_claims = {c["id"] for c in bundled["claims"] if "kazakhstan" in c["about"]}
    for entry in ranking["beneficiaries"] + ranking["losers"]:
        assert set(entry["events"]) <= kz_moves and set(entry["claims"]) <= kz_claims
    assert {b["actor"] for b in ranking["beneficiaries"]} == {"turkey", "azerbaijan"}


def test_benefits_table_has_bars_and_the_biggest_mark() -> None:
    out = run("benefits").stdout
    assert "█" in out and "▒" in out
    assert "★" in out
    assert max(len(line) for line in out.splitlines()) <= 80


# --- validate ----------------------------------------------------------------------------------------


def test_validate_bundled_summary() -> None:
    result = run("validate")
    assert result.exit_code == 0
    assert "OK" in result.stdout and "14 events" in result.stdout and "13 claims" in result.stdout


def test_validate_json(write_facts: Callable[..., Path]) -> None:
    report = run_json("validate", str(write_facts(small_facts())))
    assert (report["valid"], report["problems"]) == (True, [])
    assert (report["counts"]["events"], report["counts"]["claims"], report["counts"]["actors"]) == (2, 1, 5)


def test_bad_facts_file_exit_code_and_problem_lines(write_facts: Callable[..., Path]) -> None:
    data = small_facts()
    data["events"][0]["actors"] = ["atlantis"]
    path = write_facts(data)
    line = rf"{re.escape(str(path))}:\d+:\d+: events\[0\]\.actors\[0\]: 'atlantis'"
    for args in (["timeline", "--facts", str(path)], ["--facts", str(path), "countries"]):
        result = run(*args)
        assert result.exit_code == 3
        assert result.stdout == ""
        assert re.search(line, result.stderr)
    # For validate the problems are its data: stdout, then a count.
    result = run("validate", str(path))
    assert result.exit_code == 3
    assert re.search(line, result.stdout)
    assert result.stdout.strip().splitlines()[-1] == f"1 problem in {path}"


def test_many_problems_are_capped_at_twenty_with_a_count(write_facts: Callable[..., Path]) -> None:
    data = small_facts()
    data["events"][0]["targets"] = [f"ghost-{i}" for i in range(30)]
    result = run("timeline", "--facts", str(write_facts(data)))
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 21 and "10 more problems" in lines[-1]


# --- choosing the file, global options ----------------------------------------------------------------


def test_facts_option_before_or_after_the_command_and_env(write_facts: Callable[..., Path]) -> None:
    path = str(write_facts(small_facts()))
    assert run_json("--facts", path, "countries")[0]["id"] == "aland"
    assert run_json("countries", "--facts", path)[0]["id"] == "aland"
    result = run("countries", "--json", env={"GEOPOL_FACTS": path})
    assert json.loads(result.stdout)[0]["id"] == "aland"
    # The command's own --facts wins over the global one and the environment.
    other = write_facts({**small_facts(), "actors": small_facts()["actors"][::-1]}, name="other.json")
    result = run("--facts", path, "countries", "--facts", str(other), "--json", env={"GEOPOL_FACTS": path})
    assert json.loads(result.stdout)[0]["id"] == "union"


def test_version() -> None:
    from geopol_cli import __version__

    result = run("--version")
    assert (result.exit_code, result.stdout.strip()) == (0, f"geopol {__version__}")


@pytest.mark.parametrize(
    "command",
    [
        "country",
        "countries",
        "timeline",
        "benefits",
        "validate",
        "schema",
        "search",
        "person",
        "claims",
        "sources",
        "cite",
        "compare",
        "graph",
    ],
)
def test_every_command_help_has_a_summary_and_two_examples(command: str) -> None:
    result = run(command, "--help", width=200)
    assert result.exit_code == 0
    examples = [line.strip(" │") for line in result.stdout.splitlines() if line.strip(" │").startswith("geopol ")]
    assert len(examples) >= 2, result.stdout


def test_help_documents_exit_codes() -> None:
    out = " ".join(run("--help", width=200).stdout.split())
    for code in ("1 nothing found", "2 usage error", "3 bad facts file", "130 interrupted", "141"):
        assert code in out


def test_no_colour_codes_when_piped() -> None:
    for args in (["country", "kazakhstan"], ["timeline"], ["benefits"], ["countries"]):
        assert not ANSI.search(run(*args).stdout)


def test_tables_and_json_come_from_the_same_results() -> None:
    """Every value the table shows for an event is the JSON's value for it."""
    items = run_json("timeline")
    out = run("timeline", width=400).stdout
    lines = out.splitlines()
    for item in items:
        at = next(i for i, line in enumerate(lines) if item["summary"] in line)
        row, below = lines[at], lines[at + 1]
        assert item["date_label"] in row
        assert item["kind"] in row and item["direction"] in below
        assert ", ".join(a["name"] for a in item["actors"]) in row


def test_bundled_file_is_the_default() -> None:
    assert Path(run_json("validate")["file"]).read_bytes() == BUNDLED.read_bytes()


@pytest.mark.parametrize(
    "args", [["country", "kazakhstan"], ["country", "russia"], ["countries"], ["timeline"], ["benefits"]]
)
def test_every_table_fits_80_columns_and_uses_160(args: list[str]) -> None:
    narrow = text_lines(run(*args, width=80).stdout)
    wide = text_lines(run(*args, width=160).stdout)
    assert max(map(len, narrow)) <= 80
    assert 80 < max(map(len, wide)) <= 160
    # The same words are shown at both widths: nothing is cropped away.
    assert sorted("".join(narrow).split()) != [] and "…" not in "".join(narrow)


def test_kind_help_lists_every_kind() -> None:
    from typing import get_args

    from geopol_cli.facts.models import EventKind

    out = " ".join(run("timeline", "--help", width=200).stdout.split())
    for kind in get_args(EventKind):
        assert kind in out


def test_the_collector_is_paused_only_while_a_command_runs() -> None:
    import gc

    assert gc.isenabled()
    seen: list[bool] = []
    from geopol_cli.query import timeline as timeline_module

    real = timeline_module.build_timeline

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    timeline_module.build_timeline = spy  # type: ignore[assignment]
    try:
        assert run("timeline", "--json").exit_code == 0
        assert run("country", "nowhere").exit_code == 1  # an error on the way out restores it too
    finally:
        timeline_module.build_timeline = real  # type: ignore[assignment]
    assert seen == [False]
    assert gc.isenabled()


@pytest.mark.parametrize("value", ["yesterday", "2022-13", "2022-02-30"])
def test_a_bad_date_names_the_forms_once(value: str) -> None:
    assert run("timeline", "--since", value).stderr.count("YYYY-MM-DD") == 1


def test_a_file_named_by_the_environment_says_so(tmp_path: Path) -> None:
    missing = str(tmp_path / "gone.json")
    for args in (["countries"], ["validate"]):
        ran = run(*args, env={"GEOPOL_FACTS": missing})
        assert ran.exit_code == 3 and "named by $GEOPOL_FACTS" in ran.output
    assert "named by" not in run("countries", "--facts", missing).stderr


def test_one_letter_finds_no_person_by_part_of_a_name() -> None:
    ran = run("person", "a")
    assert ran.exit_code == 1 and "Annette" not in ran.stdout
    assert run("person", "ann").exit_code == 0  # three letters are enough


def test_counts_are_in_words() -> None:
    assert "1 problem in" in run("validate", "/nonexistent-geopol-file").stdout
    assert "4 people" in run("validate").stdout


def test_h_is_help_and_help_takes_a_command() -> None:
    assert run("-h").stdout == run("--help").stdout
    assert run("timeline", "-h").stdout == run("timeline", "--help").stdout
    assert run("help", "timeline").stdout.strip() == run("timeline", "--help").stdout.strip()
    assert run("help").stdout.strip() == run("--help").stdout.strip()
    unknown = run("help", "nope")
    assert unknown.exit_code == 2 and "nope" in unknown.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "--since", "2022", "--since", "2023"],
        ["timeline", "--until=2022", "--until", "2023"],
        ["country", "kz", "--format", "json", "-f", "table"],
        ["search", "oil", "--limit", "1", "-L", "2"],
        ["--color", "never", "--color", "always", "countries"],
    ],
)
def test_an_option_of_one_value_given_twice_is_a_usage_error(args: list[str]) -> None:
    ran = run(*args)
    assert ran.exit_code == 2 and "given more than once" in ran.stderr and ran.stdout == ""


def test_repeatable_options_and_flags_may_repeat() -> None:
    assert run("timeline", "-c", "kz", "-c", "uz", "--kind", "energy", "--kind", "trade").exit_code == 0
    assert run("timeline", "--json", "--json").exit_code == 0
    assert run("--facts", str(BUNDLED), "timeline", "--facts", str(BUNDLED)).exit_code == 0  # two scopes


def test_the_entry_points_spelling_of_the_broken_pipe_code_is_the_contracts() -> None:
    from geopol_cli import main
    from geopol_cli.core.errors import ExitCode

    assert main._BROKEN_PIPE == ExitCode.BROKEN_PIPE


# --- the small things a careful reader expects (issue: one output boundary, views and messages) -----------


def test_help_takes_a_subcommand_path() -> None:
    ran = geopol("help", "add", "event")
    assert ran.exit_code == 0 and ran.stdout.startswith("Usage: geopol add event")
    wrong = geopol("help", "add", "evnt")
    assert wrong.exit_code == 2 and "'evnt' is not a command of geopol add" in wrong.stderr


def test_output_flags_are_accepted_after_the_command() -> None:
    before = geopol("--no-pager", "--color", "never", "timeline", "--limit", "2")
    after = geopol("timeline", "--limit", "2", "--no-pager", "--color=never")
    assert after.exit_code == 0 and after.stdout == before.stdout
    # After "--" they are words, not options.
    from geopol_cli.main import global_options_first

    assert global_options_first(["search", "--", "--no-pager"]) == ["search", "--", "--no-pager"]
    assert global_options_first(["timeline", "--color", "always", "-L", "1"]) == [
        "--color",
        "always",
        "timeline",
        "-L",
        "1",
    ]


def test_schema_takes_json_like_every_command() -> None:
    plain, as_json = geopol("schema"), geopol("schema", "--json")
    assert as_json.exit_code == 0 and as_json.stdout == plain.stdout and json.loads(as_json.stdout)["$schema"]


def test_sort_by_date_puts_an_open_start_first() -> None:
    dates = [e["date"] for e in json.loads(geopol("timeline", "--sort", "date", "--json").stdout)]
    assert dates[0] is None and dates[1:] == sorted(d for d in dates[1:] if d is not None)
    # Any other missing value still sorts last: a source that prints no date is not "earliest".
    sources = json.loads(geopol("sources", "--sort", "date", "--json").stdout)
    assert sources[-1]["date"] is None and sources[0]["date"] is not None


def test_fields_choose_the_columns_of_csv_and_markdown() -> None:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(geopol("timeline", "-f", "csv", "--fields", "id,disputed,date").stdout)))
    assert rows[0] == ["id", "disputed", "date"]
    items = json.loads(geopol("timeline", "--json").stdout)
    assert [r[0] for r in rows[1:]] == [e["id"] for e in items]
    assert [r[1] for r in rows[1:]] == ["; ".join(e["disputed"]) for e in items]  # the CSV column's JSON twin
    table = geopol("benefits", "-f", "markdown", "--fields", "name,evidence_ids").stdout.splitlines()
    assert table[0] == "| name | evidence_ids |" and len(table) > 3
    nested = geopol("timeline", "-f", "csv", "--fields", "citations")
    assert nested.exit_code == 2 and "not a column of this table" in nested.stderr
    document = geopol("country", "kazakhstan", "-f", "markdown", "--fields", "name")
    assert document.exit_code == 2 and "a document" in document.stderr


def test_every_csv_column_has_a_json_twin_of_the_same_name() -> None:
    import csv
    import io

    for args in (["timeline"], ["countries"], ["benefits"], ["claims"], ["search", "oil"], ["sources"], ["disputes"]):
        columns = next(csv.reader(io.StringIO(geopol(*args, "--format", "csv").stdout)))
        document = json.loads(geopol(*args, "--json").stdout)
        records = (
            document
            if isinstance(document, list)
            else next(v for v in document.values() if isinstance(v, list) and v and isinstance(v[0], dict))
        )
        assert set(columns) <= set(records[0]), (args, set(columns) - set(records[0]))


def test_an_empty_fact_base_gets_one_note_from_every_view(tmp_path: Path) -> None:
    assert geopol("init", str(tmp_path / "base")).exit_code == 0
    facts = str(tmp_path / "base" / "facts.json")
    note = f"geopol: {facts} holds no records yet (geopol add source, actor, event and claim add them)\n"
    for args in (["timeline"], ["countries"], ["benefits"], ["claims"], ["sources"], ["disputes"], ["graph"]):
        ran = geopol("--facts", facts, *args)
        assert (ran.exit_code, ran.stdout, ran.stderr) == (0, "", note), args
        as_json = geopol("--facts", facts, *args, "--json")
        assert as_json.stderr == note and json.loads(as_json.stdout) is not None  # still a document
    # The next run, on the bundled facts in the same process, says nothing of it.
    assert geopol("timeline", "--limit", "1").stderr == ""


@pytest.mark.parametrize("extra", [[], ["-r"], ["--country", "kazakhstan"], ["--since", "2022-07", "-r"]])
def test_a_limited_timeline_is_the_first_records_of_the_whole_one(extra: list[str]) -> None:
    """--limit builds only the entries it shows: they must be exactly those of the whole timeline."""
    whole = json.loads(geopol("timeline", *extra, "--json").stdout)
    for n in (1, 3, len(whole), len(whole) + 5):
        limited = json.loads(geopol("timeline", *extra, "--limit", str(n), "--json").stdout)
        assert limited == whole[:n]


def test_usage_errors_are_one_line_in_geopols_form_with_did_you_mean() -> None:
    cases = [
        (["timeline", "--kind", "militray"], "geopol: --kind: 'militray' is not one of", "did you mean 'military'?"),
        (["claims", "--stance", "gian"], "geopol: --stance: 'gian' is not one of", "did you mean 'gain'?"),
        (["timeline", "-L", "0"], "geopol: --limit: 0 is not a number of records", "(see geopol timeline --help)"),
        (["country"], "geopol: Missing argument 'NAME'", "(see geopol country --help)"),
    ]
    for args, start, end in cases:
        ran = geopol(*args)
        assert ran.exit_code == 2
        assert ran.stderr.count("\n") == 1 and ran.stderr.startswith(start) and end in ran.stderr, ran.stderr


def test_the_command_list_reads_in_order_with_full_summaries() -> None:
    shown = geopol("--help", width=80).stdout
    assert "Start here: geopol country kazakhstan" in shown
    listed = [line.split()[0] for line in shown.split("Commands:", 1)[1].splitlines() if line.startswith("  ")]
    writing = ["init", "add", "import", "extract", "edit", "rename", "remove", "log", "undo", "fmt", "validate"]
    assert listed[listed.index("init") : listed.index("init") + len(writing)] == writing
    commands = shown.split("Commands:", 1)[1].split("\n\n", 1)[0]
    assert "..." not in commands  # no summary cut short
    assert "<list[" not in geopol("timeline", "--help").stdout and "[x>=1]" not in geopol("timeline", "--help").stdout


@pytest.mark.parametrize(
    ("args", "metavar"), [(["country"], "NAME"), (["person"], "NAME"), (["cite"], "ID"), (["add", "citation"], "ID")]
)
def test_a_missing_argument_is_a_usage_error_at_both_ends_of_typers_range(args: list[str], metavar: str) -> None:
    # Typer 0.16 (the lowest supported) hands these in as None; later releases refuse them themselves.
    ran = geopol(*args)
    assert ran.exit_code == 2 and ran.stderr.startswith(f"geopol: Missing argument '{metavar}'."), ran.stderr
