"""`geopol extract`: records proposed from a held text, with their words and reasons; nothing enters unconfirmed.

The texts here are written for the tests (never a page's text): each names
its states in the ways news does (names, adjectives, seats of government,
a leader's surname) and dates its acts relative to the source's date.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pexpect
import pytest

from geopol_cli.core.vocabulary import EVENT_KINDS, STANCES
from geopol_cli.edit.extract import words
from geopol_cli.edit.extract.names import build_names
from geopol_cli.edit.extract.propose import propose
from geopol_cli.edit.extract.text import sentences
from geopol_cli.facts.load import load_facts
from geopol_cli.facts.texts import normalise

from .conftest import REPO, geopol

TEXT = """Kazakhstan looks west

Kazakhstan signed a transit agreement with Georgia last month. The Kremlin responded by suspending Kazakh grain \
exports through Novorossiysk in June.

Tokayev later met Turkish officials in Ankara, and also agreed to expand defence ties with Turkey.

“We will not be anyone's vassal,” said Tokayev. According to Jane Roe, a researcher at the Example Institute, \
Moscow is losing influence in the region.
"""


def base(folder: Path, text: str | None = TEXT, **extra: Any) -> Path:
    """A fact base about Kazakhstan and Russia, its one source dated 2023-03-15, with ``text`` held."""
    data: dict[str, Any] = {
        "schema_version": 2,
        "focus": "russia",
        "sources": [{"id": "wire", "title": "A report", "publisher": "Wire Press", "date": "2023-03-15"}],
        "actors": [
            {"id": "kazakhstan", "name": "Kazakhstan", "kind": "country", "iso2": "KZ", "iso3": "KAZ"},
            {"id": "russia", "name": "Russia", "kind": "country", "iso2": "RU", "iso3": "RUS"},
        ],
        "people": [{"id": "tokayev", "name": "Kassym-Jomart Tokayev", "actor": "kazakhstan", "leader": True}],
        **extra,
    }
    folder.mkdir(parents=True, exist_ok=True)
    if text is not None:
        (folder / "texts").mkdir(exist_ok=True)
        (folder / "texts" / "report.txt").write_text(text, encoding="utf-8")
        data["sources"][0]["text"] = "texts/report.txt"
    path = folder / "facts.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


@pytest.fixture
def proposed(tmp_path: Path) -> dict[str, Any]:
    facts = load_facts(base(tmp_path))
    found = propose(facts, "wire", TEXT).candidates
    return {"all": found, **{c.id: c for c in found}}


def one(proposed: dict[str, Any], kind: str, *words_in_excerpt: str) -> Any:
    found = [c for c in proposed["all"] if c.type == kind and all(w in (c.excerpt or "") for w in words_in_excerpt)]
    assert len(found) == 1, [(c.type, c.excerpt) for c in proposed["all"]]
    return found[0]


def test_an_event_names_its_actors_targets_and_date_from_the_sentence(proposed: dict[str, Any]) -> None:
    signed = one(proposed, "event", "signed")
    assert signed.actors == ["kazakhstan"] and signed.targets == ["georgia"]
    assert signed.excerpt == "Kazakhstan signed a transit agreement with Georgia last month."
    # "last month", against the source's date (2023-03-15), with the inference said
    assert (signed.date.start, signed.date.end, signed.date.text) == ("2023-02", None, "last month")
    assert "2023-03-15" in signed.date.inferred
    assert signed.kind == "diplomatic" and signed.direction == "away"
    assert any("a guess" in r for r in signed.reasons if r.startswith("direction"))
    assert signed.needs == ["georgia"]  # a new actor the base lacks: accepted with it


def test_a_seat_an_adjective_and_a_month_are_read_as_news_writes_them(proposed: dict[str, Any]) -> None:
    suspended = one(proposed, "event", "suspending")
    assert suspended.actors == ["russia"]  # "The Kremlin"
    assert suspended.targets == ["kazakhstan"]  # "Kazakh grain"
    assert suspended.kind == "trade"  # "exports": the verb says no kind of its own
    assert (suspended.date.start, suspended.date.text) == ("2022-06", "in June")  # the latest June by 2023-03-15
    assert suspended.direction == "counter"


def test_a_surname_stands_for_its_actor_and_a_coordinated_verb_keeps_the_subject(proposed: dict[str, Any]) -> None:
    met = one(proposed, "event", "met")
    assert met.actors == ["kazakhstan"] and met.people == ["tokayev"] and met.targets == ["turkey"]
    assert met.excerpt == "Tokayev later met Turkish officials in Ankara"
    agreed = one(proposed, "event", "agreed")
    assert agreed.actors == ["kazakhstan"] and agreed.targets == ["turkey"] and agreed.kind == "security"
    # No date in the sentence: an open start ending on the source's date, said so.
    assert (agreed.date.start, agreed.date.end) == (None, "2023-03-15")
    assert "no date" in agreed.date.inferred


def test_claims_name_their_speaker_a_known_person_or_a_new_one(proposed: dict[str, Any]) -> None:
    quoted = one(proposed, "claim", "vassal")
    assert quoted.by == "tokayev" and quoted.quote == "We will not be anyone's vassal,"
    losing = one(proposed, "claim", "losing influence")
    assert losing.about == ["russia"] and losing.stance == "decline"
    person = proposed[losing.by]
    assert person.type == "person" and person.name == "Jane Roe"
    assert person.record["role"] == "researcher at the Example Institute"
    assert losing.needs == [person.id]


def test_new_actors_come_with_their_iso_codes_and_known_ones_are_not_proposed(proposed: dict[str, Any]) -> None:
    actors = {c.id: c.record for c in proposed["all"] if c.type == "actor"}
    assert set(actors) == {"georgia", "turkey"}
    assert (actors["georgia"]["iso2"], actors["georgia"]["iso3"]) == ("GE", "GEO")
    assert actors["turkey"]["kind"] == "country"


def test_every_excerpt_stands_in_the_text_within_one_sentence(proposed: dict[str, Any]) -> None:
    spans = [normalise(TEXT[s.start : s.end]) for s in sentences(TEXT)]
    for candidate in proposed["all"]:
        if candidate.type in ("event", "claim"):
            assert any(normalise(candidate.excerpt) in span for span in spans), candidate.excerpt


def test_the_headline_is_the_source_s_own_claim(proposed: dict[str, Any]) -> None:
    headline = one(proposed, "claim", "looks west")
    assert headline.by == "wire" and headline.excerpt == "Kazakhstan looks west"


def test_an_ambiguous_adjective_names_no_one(tmp_path: Path) -> None:
    facts = load_facts(base(tmp_path))
    names = build_names(facts)
    assert "congolese" in names.ambiguous  # the Republic of the Congo's and the DR Congo's
    text = "Congolese troops attacked Kazakhstan in June."
    events = [c for c in propose(facts, "wire", text).candidates if c.type == "event"]
    assert [(e.actors, e.targets) for e in events] == [(["kazakhstan"], [])] or not events


def test_records_the_base_already_cites_are_not_proposed_again(tmp_path: Path) -> None:
    citation = {"source": "wire", "excerpt": "Kazakhstan signed a transit agreement with Georgia last month."}
    event = {"id": "kz-signs", "date": {"start": "2023-02"}, "actors": ["kazakhstan"], "kind": "diplomatic",
             "direction": "away", "summary": "A pact.", "citations": [citation]}  # fmt: skip
    facts = load_facts(base(tmp_path, events=[event]))
    proposals = propose(facts, "wire", TEXT)
    assert not any("signed" in (c.excerpt or "") for c in proposals.candidates)
    assert proposals.already == 1


def test_the_word_lists_speak_the_format_s_vocabulary() -> None:
    assert {t.kind for t in words.TRIGGERS if t.kind} <= set(EVENT_KINDS)
    assert {kind for kind, _ in words.TOPICS} <= set(EVENT_KINDS) and words.DEFAULT_KIND in EVENT_KINDS
    assert {stance for stance, _ in words.STANCE_WORDS} <= set(STANCES) and words.DEFAULT_STANCE in STANCES


def test_the_names_file_holds_every_un_member_state_the_country_library_knows() -> None:
    import pycountry

    data = json.loads((REPO / "geopol_cli" / "edit" / "extract" / "names.json").read_text(encoding="utf-8"))
    assert len(data["states"]) == 193
    assert all(pycountry.countries.get(alpha_2=code) is not None for code in data["states"])
    assert {o["id"] for o in data["organisations"]} >= {"eu", "nato", "csto", "sco", "eaeu", "cis", "un"}


def test_the_readme_lists_the_word_lists_extract_reads() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### How extract reads a text", 1)[1].split("\n## ", 1)[0]
    for trigger in words.TRIGGERS:
        for word in trigger.words:
            assert word in section, word
    for stance, said in words.STANCE_WORDS:
        assert stance in section and all(w in section for w in said), stance


# --- the command -----------------------------------------------------------------------------------------


def test_listing_writes_nothing_and_json_is_a_list_of_candidates(tmp_path: Path) -> None:
    facts = base(tmp_path)
    before = facts.read_bytes()
    ran = geopol("extract", "wire", "--facts", str(facts), "--json")
    assert ran.exit_code == 0, ran.stderr
    listed = json.loads(ran.stdout)
    assert {c["type"] for c in listed} == {"actor", "person", "event", "claim"}
    keys = {"type", "id", "excerpt", "quote", "actors", "targets", "people", "date", "kind", "direction", "by",
            "attributed_to", "about", "stance", "name", "needs", "reasons", "record"}  # fmt: skip
    assert all(set(c) == keys for c in listed)
    event = next(c for c in listed if c["type"] == "event")
    assert set(event["date"]) == {"start", "end", "text", "inferred"}
    assert facts.read_bytes() == before
    table = geopol("extract", "wire", "--facts", str(facts), width=120)
    assert table.exit_code == 0 and "Kazakhstan signed a transit agreement" in table.stdout


def test_accept_all_writes_every_record_in_one_change_that_undo_takes_back(tmp_path: Path) -> None:
    facts = base(tmp_path)
    before = facts.read_bytes()
    dry = geopol("extract", "wire", "--facts", str(facts), "--accept-all", "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    assert "would be" in dry.stdout and facts.read_bytes() == before
    ran = geopol("extract", "wire", "--facts", str(facts), "--accept-all", "--json")
    assert ran.exit_code == 0, ran.stderr
    written = json.loads(facts.read_text(encoding="utf-8"))
    assert {a["id"] for a in written["actors"]} >= {"georgia", "turkey"}
    assert len(written["events"]) == 4 and len(written["claims"]) == 3
    assert geopol("validate", "--facts", str(facts)).exit_code == 0  # every excerpt checked against the text
    log = json.loads(geopol("log", "--facts", str(facts), "--json").stdout)
    assert len(log) == 1 and log[0]["action"] == "extract"
    again = json.loads(geopol("extract", "wire", "--facts", str(facts), "--json").stdout)
    assert again == []  # what the base holds is not proposed twice
    assert geopol("undo", "--facts", str(facts)).exit_code == 0
    after = {k: v for k, v in json.loads(facts.read_text(encoding="utf-8")).items() if v != []}
    assert after == json.loads(before)  # an emptied section may stay as []


def test_a_file_given_for_a_source_is_held_as_its_text_with_what_is_accepted(tmp_path: Path) -> None:
    facts = base(tmp_path / "base", text=None)
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    ran = geopol("extract", str(article), "--source", "wire", "--facts", str(facts), "--accept-all")
    assert ran.exit_code == 0, ran.stderr
    source = json.loads(facts.read_text(encoding="utf-8"))["sources"][0]
    assert source["text"] == "texts/article.txt" and len(source["sha256"]) == 64
    assert (facts.parent / "texts" / "article.txt").read_text(encoding="utf-8") == TEXT
    assert geopol("validate", "--facts", str(facts)).exit_code == 0


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["nope"], 1, "no source matches 'nope'"),
        (["wire", "--source", "wire"], 2, "already holds a text"),
        (["missing.txt", "--source", "wire"], 2, "cannot read missing.txt"),
    ],
)
def test_mistakes_are_told_plainly(tmp_path: Path, args: list[str], code: int, needle: str) -> None:
    facts = base(tmp_path, text=None if "missing.txt" in args else TEXT)
    ran = geopol("extract", *args, "--facts", str(facts))
    assert ran.exit_code == code and needle in ran.stderr and "Traceback" not in ran.stderr


def test_a_source_without_a_text_says_how_to_give_one(tmp_path: Path) -> None:
    facts = base(tmp_path, text=None)
    ran = geopol("extract", "wire", "--facts", str(facts))
    assert ran.exit_code == 2 and "geopol extract FILE --source wire" in ran.stderr


def test_the_review_accepts_edits_skips_and_quits_then_writes_what_was_accepted(tmp_path: Path) -> None:
    facts = base(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(REPO), "GEOPOL_FACTS": "", "TERM": "xterm"}
    child = pexpect.spawn(sys.executable, ["-m", "geopol_cli", "extract", "wire", "--facts", str(facts)], env=env,
                          cwd=str(tmp_path), dimensions=(40, 200), encoding="utf-8", timeout=30)  # fmt: skip
    order = [c["id"] for c in json.loads(geopol("extract", "wire", "--facts", str(facts), "--json").stdout)]
    child.expect_exact(f"[1/{len(order)}] actor {order[0]}")
    child.expect_exact("Accept, edit, skip or quit?")
    child.sendline("s")  # georgia skipped: the event naming it brings it back
    child.expect_exact(f"[2/{len(order)}]")
    child.expect_exact("Accept, edit, skip or quit?")
    child.sendline("maybe")
    child.expect_exact("answer accept, edit, skip or quit")
    child.sendline("s")
    for _ in range(2):  # the person, the headline
        child.expect_exact("Accept, edit, skip or quit?")
        child.sendline("s")
    child.expect_exact("event kazakhstan-signed-georgia")
    child.expect_exact("Accept, edit, skip or quit?")
    child.sendline("e")
    child.expect_exact("Enter keeps a value")
    for _ in range(40):  # the summary rewritten; every other question keeps its value
        index = child.expect(["Accept, edit, skip or quit\\?", r"Summary \[", r"\]: |\): "])
        if index == 0:
            break
        child.sendline("Kazakhstan signs a transit pact with Georgia." if index == 1 else "")
    child.sendline("a")
    child.expect_exact("Accept, edit, skip or quit?")
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    written = json.loads(facts.read_text(encoding="utf-8"))
    assert [e["summary"] for e in written["events"]] == ["Kazakhstan signs a transit pact with Georgia."]
    assert [a["id"] for a in written["actors"]][-1] == "georgia"  # the new actor the event names, added with it
    assert "claims" not in written or written["claims"] == []


WIRE = """ASTANA. March 14 (Wire) - Kazakhstan and Turkey signed a grain pact on Tuesday.

"We are partners. Our trade will grow," the presidential press service quoted Tokayev as saying.

"Ties are deep," Tokayev said at a briefing in Astana. Turkey hosted talks on trade and opening of borders.

For his part, Tokayev spoke warmly of Ankara and expressed support for Turkish investors.
"""


def test_newswire_habits_a_dateline_quotes_across_sentences_and_speech_tags(tmp_path: Path) -> None:
    facts = load_facts(base(tmp_path, text=WIRE))
    found = propose(facts, "wire", WIRE).candidates
    events = {c.excerpt: c for c in found if c.type == "event"}
    claims = {c.excerpt: c for c in found if c.type == "claim"}
    pact = next(c for e, c in events.items() if "signed a grain pact" in e)
    # "March 14 (Wire) -" is when the report was filed: the act is dated by "on Tuesday" (2023-03-14 by the
    # source's date, 2023-03-15, a Wednesday).
    assert pact.actors == ["kazakhstan", "turkey"] and pact.date.start == "2023-03-14"
    quoted = next(c for e, c in claims.items() if "We are partners" in e)
    assert quoted.by == "tokayev" and "Our trade will grow" in quoted.excerpt  # one quotation, two sentences
    briefing = next(c for e, c in claims.items() if "Ties are deep" in e)
    assert briefing.by == "tokayev"
    hosted = [e for e in events if "hosted" in e or "opening" in e]
    # "opening of borders": a noun in -ing, not a second act after "and"
    assert hosted == ["Turkey hosted talks on trade and opening of borders."]
    support = next(c for e, c in events.items() if "expressed support" in e)
    assert support.actors == ["kazakhstan"] and support.people == ["tokayev"] and support.targets == ["turkey"]


def test_the_source_completes_from_the_facts_in_use() -> None:
    import typer

    from geopol_cli.cli.app import app

    group = typer.main.get_command(app)
    ctx = group.make_context("geopol", ["extract"], resilient_parsing=True)
    command = group.get_command(ctx, "extract")  # type: ignore[attr-defined]
    sub = command.make_context("extract", [], resilient_parsing=True)
    for param in (p for p in command.params if p.name in ("given", "source")):
        values = [item.value for item in param.shell_complete(sub, "russiavs")]
        assert values == ["russiavsworld-2023"], param.name
        assert [item.value for item in param.shell_complete(sub, "eeas")] == ["eeas-2022-07-06"]
