"""Several sources per fact: version-1 files, derived dates, disagreements, counterpart rules, `disputes`."""

from __future__ import annotations

import json
from typing import Any

from geopol_cli.facts.load import load_facts

from .conftest import event, geopol, small_facts


def cite(source: str, **fields: Any) -> dict[str, Any]:
    return {"source": source, "account": f"What {source} says.", **fields}


def facts_with(events: list[dict[str, Any]], **overrides: Any) -> dict[str, Any]:
    data = small_facts(events=events, claims=[], **overrides)
    data["sources"].append({"id": "other", "title": "Another", "publisher": "Wire", "date": "2022", "url": "https://x"})
    return data


def warnings_of(path: Any, *args: str) -> tuple[int, list[dict[str, Any]]]:
    ran = geopol("validate", str(path), "--json", *args)
    return ran.exit_code, json.loads(ran.stdout)["warnings"]


# --- version 1 ---------------------------------------------------------------------------------------


def v1(data: dict[str, Any]) -> dict[str, Any]:
    data["schema_version"] = 1
    for record in data["events"] + data["claims"]:
        [citation] = record.pop("citations")
        record.update(citation)
    return data


def test_a_version_1_file_loads_converted_and_validate_says_so(write_facts: Any) -> None:
    path = write_facts(v1(small_facts()))
    facts = load_facts(path)
    assert facts.version == 1
    assert [c.source for c in facts.events["e-away"].citations] == ["src"]
    assert facts.claims["c-union-gains"].excerpt == "The Union gains."
    assert "version 1 of the format, converted on reading" in geopol("validate", str(path)).stdout
    assert json.loads(geopol("validate", str(path), "--json").stdout)["version"] == 1
    assert (
        json.loads(geopol("--facts", str(path), "cite", "e-away", "--json").stdout)["excerpt"] == "Excerpt of e-away."
    )


def test_a_version_1_problem_is_placed_at_the_key_the_file_has(write_facts: Any) -> None:
    data = v1(small_facts())
    data["events"][1]["source"] = "nowhere"
    del data["events"][0]["excerpt"]
    ran = geopol("validate", str(write_facts(data)), "--json")
    assert ran.exit_code == 3
    paths = {p["path"]: p for p in json.loads(ran.stdout)["problems"]}
    assert "events[1].source" in paths and paths["events[1].source"]["line"] is not None
    assert "events[0]" in paths or "events[0].excerpt" in paths


def test_a_version_2_record_needs_citations_that_say_something(write_facts: Any) -> None:
    bare = event("e", "2022", citations=[{"source": "src"}])
    ran = geopol("validate", str(write_facts(small_facts(events=[bare], claims=[]))))
    assert ran.exit_code == 3 and "needs an excerpt" in ran.stdout
    none = event("e", "2022", citations=[])
    assert geopol("validate", str(write_facts(small_facts(events=[none], claims=[])))).exit_code == 3


# --- derived dates ---------------------------------------------------------------------------------------


def chain() -> list[dict[str, Any]]:
    # a (2022-09-21) <- b follows a (2022 wide) <- c answers b (2022-02 .. 2023-01 wide)
    return [
        event("a", "2022-09-21"),
        event("b", "2022-03", "2022-12", follows=["a"]),
        event("c", "2022-02-24", "2023-01-31", answers=["b"]),
    ]


def test_bounds_are_derived_along_a_chain_and_say_why(write_facts: Any) -> None:
    path = write_facts(facts_with(chain()))
    bounds = load_facts(path).derived.bounds
    assert (bounds["b"].earliest.isoformat(), bounds["b"].because) == ("2022-09-21", "a")
    assert (bounds["c"].earliest.isoformat(), bounds["c"].because, bounds["c"].origin) == ("2022-09-21", "b", "a")
    entries = {e["id"]: e for e in json.loads(geopol("--facts", str(path), "timeline", "--json").stdout)}
    assert entries["c"]["date_bound"]["label"] == "not before 2022-09-21: answers b (dated by a)"
    # Ordered by the derived start: the wide events come after what they answer and follow.
    assert list(entries) == ["a", "b", "c"]
    assert "not before 2022-09-21" in " ".join(geopol("--facts", str(path), "timeline", width=120).stdout.split())


def test_bounds_are_linear_in_the_links() -> None:
    from geopol_cli.facts.derive import derive_bounds
    from geopol_cli.facts.models import FactBase

    n = 20_000
    events = [event(f"e{i}", "2022-01-01", "2023-12-31", follows=[f"e{i - 1}"] if i else []) for i in range(n)]
    events[0]["date"] = {"start": "2022-06-01"}
    base = FactBase.model_validate(small_facts(events=events, claims=[]))
    derived = derive_bounds(base.events)  # a chain of 20 000: recursion or a quadratic walk would show
    assert len(derived.bounds) == n - 1 and derived.bounds[f"e{n - 1}"].origin == "e0"


def test_a_contradicted_link_is_a_warning_until_a_dispute_records_it(write_facts: Any) -> None:
    events = [event("late", "2022-09-27"), event("early", "2022-07-05", "2022-07-11", answers=["late"])]
    path = write_facts(facts_with(events))
    facts = load_facts(path)
    assert "early" not in facts.derived.bounds  # never silently resolved either way
    assert [c.event for c in facts.derived.contradictions] == ["early"]
    code, warnings = warnings_of(path)
    assert code == 0 and [w["path"] for w in warnings] == ["events[1].answers"]
    assert "disagreement not recorded (order)" in warnings[0]["message"]
    assert warnings_of(path, "--strict")[0] == 3
    events[1]["citations"].append(cite("other", date={"start": "2022-07-05"}))
    events[1]["disputes"] = [{"point": "order", "sources": ["src", "other"], "follows": "other", "why": "Dates."}]
    assert warnings_of(write_facts(facts_with(events), name="recorded.json"), "--strict") == (0, [])


# --- disagreements among citations ------------------------------------------------------------------------------


def test_citations_that_cannot_both_hold_are_warned_of(write_facts: Any) -> None:
    dates = event("d", "2022-06", "2022-08")
    dates["citations"] = [
        {"source": "src", "excerpt": "In the summer", "date": {"start": "2022-06", "end": "2022-08"}},
        cite("other", date={"start": "2022-10-18"}),
    ]
    acts = event("a", "2022-07-06")
    acts["citations"] = [{"source": "src", "excerpt": "signed", "act": "signed"}, cite("other", act="initialled")]
    agree = event("ok", "2022-07-06")
    agree["citations"] = [{"source": "src", "excerpt": "x", "act": "Signed"}, cite("other", act="signed")]
    _, warnings = warnings_of(write_facts(facts_with([dates, acts, agree])))
    messages = {w["path"]: w["message"] for w in warnings}
    assert set(messages) == {"events[0].citations", "events[1].citations"}
    assert "(date)" in messages["events[0].citations"] and "2022-10-18" in messages["events[0].citations"]
    assert "(act)" in messages["events[1].citations"] and "'initialled'" in messages["events[1].citations"]


def test_a_dispute_must_name_cited_sources(write_facts: Any) -> None:
    record = event("d", "2022")
    record["disputes"] = [{"point": "act", "sources": ["other"], "follows": "src", "why": "Because."}]
    ran = geopol("validate", str(write_facts(facts_with([record]))), "--json")
    problems = {p["path"]: p["message"] for p in json.loads(ran.stdout)["problems"]}
    assert ran.exit_code == 3
    assert problems == {
        "events[0].disputes[0].sources[0]": "'other' is not cited by this record",
        "events[0].disputes[0].follows": "'src' is not one of the dispute's sources",
    }


def test_disputes_lists_every_disagreement_and_views_mark_the_record(write_facts: Any) -> None:
    record = event("d", "2022-07-06", summary="They initial a pact.")
    record["citations"] = [{"source": "src", "excerpt": "signed", "act": "signed"}, cite("other", act="initialled")]
    record["disputes"] = [{"point": "act", "sources": ["src", "other"], "follows": "other", "why": "The release."}]
    path = str(write_facts(facts_with([record, event("calm", "2022")])))
    listed = json.loads(geopol("--facts", path, "disputes", "--json").stdout)["disputes"]
    assert [(d["id"], d["point"], d["follows"]) for d in listed] == [("d", "act", "other")]
    assert [c["act"] for c in listed[0]["citations"]] == ["signed", "initialled"]
    table = " ".join(geopol("--facts", path, "disputes", width=160).stdout.split())
    assert "initialled" in table and "The release." in table
    timeline = geopol("--facts", path, "timeline", width=160).stdout
    assert "2 sources · ⚑ disputed: act" in timeline and timeline.count("⚑") == 1
    cited = " ".join(geopol("--facts", path, "cite", "d", width=160).stdout.split())
    assert "⚑ Disputed (act): src, other" in cited and "Its act: initialled" in cited
    csv = geopol("--facts", path, "timeline", "--format", "csv").stdout.splitlines()
    rows = {line.split(",")[0]: line for line in csv[1:]}
    assert csv[0].endswith("sources_count,disputed") and rows["d"].endswith(",2,act") and rows["calm"].endswith(",1,")


def test_no_disputes_is_an_empty_list_with_a_note(write_facts: Any) -> None:
    ran = geopol("--facts", str(write_facts(small_facts())), "disputes", "--json")
    assert (ran.exit_code, json.loads(ran.stdout)) == (0, {"disputes": []})


# --- counterparts ------------------------------------------------------------------------------------------


def test_counterpart_stakes_name_a_target_never_the_mover_nor_an_outsider(write_facts: Any) -> None:
    stakes = [
        event(
            "e",
            "2022",
            actors=["aland"],
            targets=["borduria"],
            beneficiaries=[
                {"actor": "borduria", "what": "partner in the move", "basis": "counterpart"},
                {"actor": "aland", "what": "itself", "basis": "counterpart"},
            ],
            losers=[
                {"actor": "russia", "what": "an outsider", "basis": "counterpart"},
                {"actor": "russia", "what": "what a source says", "basis": "stated", "account": "Russia lost it."},
            ],
        )
    ]
    data = facts_with(stakes)
    data["claims"] = [
        {
            "id": "c",
            "by": "src",
            "about": ["aland"],
            "stance": "gain",
            "summary": "S.",
            "beneficiaries": [{"actor": "union", "what": "x", "basis": "counterpart"}],
            "citations": [{"source": "src", "excerpt": "E."}],
        }
    ]
    code, warnings = warnings_of(write_facts(data))
    assert code == 0
    assert [w["path"] for w in warnings] == [
        "events[0].beneficiaries[1].actor",
        "events[0].losers[0].actor",
        "claims[0].beneficiaries[0].basis",
    ]


def test_counterpart_entries_are_labelled_inferred(write_facts: Any) -> None:
    path = str(
        write_facts(
            small_facts(
                events=[
                    event(
                        "e",
                        "2022",
                        targets=["borduria"],
                        beneficiaries=[{"actor": "borduria", "what": "partner", "basis": "counterpart"}],
                    )
                ],
                claims=[],
            )
        )
    )
    [entry] = json.loads(geopol("--facts", path, "timeline", "--json").stdout)
    assert entry["beneficiaries"][0]["inferred"] is True and entry["beneficiaries"][0]["source"] is None
    assert "(counterpart, inferred)" in geopol("--facts", path, "timeline", width=160).stdout
    assert "above any amount of counterpart evidence" in " ".join(
        geopol("benefits", "--help", width=200).stdout.split()
    )
    [gain] = json.loads(geopol("--facts", path, "benefits", "--json").stdout)["beneficiaries"]
    assert (gain["gains"], gain["gains_inferred"]) == (["partner"], ["partner"])
    assert "partner (counterpart, inferred)" in geopol("--facts", path, "benefits", width=160).stdout


def test_a_stated_stake_names_the_source_that_states_it(write_facts: Any) -> None:
    record = event("e", "2022", losers=[{"actor": "russia", "what": "x", "basis": "stated", "source": "other"}])
    record["citations"].append(cite("other"))
    path = str(write_facts(facts_with([record])))
    [entry] = json.loads(geopol("--facts", path, "timeline", "--json").stdout)
    assert entry["losers"][0]["source"] == "other" and entry["losers"][0]["inferred"] is False
    record["citations"].pop()
    ran = geopol("validate", str(write_facts(facts_with([record]), name="uncited.json")), "--json")
    assert ran.exit_code == 3 and json.loads(ran.stdout)["problems"][0]["path"] == "events[0].losers[0].source"


# --- the bundled base ------------------------------------------------------------------------------------------


def test_the_bundled_timeline_shows_the_novorossiysk_halt_with_its_court_dates_and_the_disagreement() -> None:
    out = " ".join(geopol("timeline", "--country", "kazakhstan", width=200).stdout.split())
    assert "2022-07-05 – 2022-07-11" in out and "⚑ disputed: act, date, order" in out
    cited = " ".join(geopol("cite", "uz-eu-partnership-agreement", width=200).stdout.split())
    assert "In the summer, he signed" in cited and "initialled" in cited and "2022-07-06" in cited


def test_markdown_notes_every_source_marks_disputes_and_inferred_gains() -> None:
    text = geopol("country", "uzbekistan", "--format", "markdown").stdout
    row = next(line for line in text.splitlines() if "uz-eu" in line or "initial it in Brussels" in line)
    assert "[^eeas-2022-07-06]" in row and "⚑ disputed: act" in row and "counterpart, inferred" in row
    assert "[^eeas-2022-07-06]: Uzbekistan: The European Union" in text  # the footnote itself
