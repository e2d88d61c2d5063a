"""`geopol add` as a person meets it: the real program in a pseudo-terminal, answering its questions."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
from pathlib import Path

import pexpect
import pytest

from .conftest import REPO
from .test_add import walkthrough

GEOPOL = [sys.executable, "-m", "geopol_cli"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return walkthrough(tmp_path_factory.mktemp("interactive")).parent.parent


@pytest.fixture
def facts(built: Path, tmp_path: Path) -> Path:
    shutil.copytree(built, tmp_path, dirs_exist_ok=True)
    return tmp_path / "base" / "facts.json"


def spawn(facts: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "PYTHONPATH": str(REPO), "GEOPOL_FACTS": "", "TERM": "xterm"}
    return pexpect.spawn(
        GEOPOL[0], [*GEOPOL[1:], "--facts", str(facts), *args], env=env, cwd=str(facts.parent), dimensions=(40, 200),
        encoding="utf-8", timeout=30,
    )  # fmt: skip


def answer(child: pexpect.spawn, question: str, reply: str) -> None:
    child.expect_exact(question)
    child.sendline(reply)


def test_an_event_by_answering_questions_with_a_wrong_answer_asked_again(facts: Path) -> None:
    child = spawn(facts, "add", "event")
    answer(child, "Source (id)", "nope")
    child.expect_exact("'nope' is not the id of any source")  # checked at once, and asked again
    answer(child, "Source (id)", "eunews")
    answer(child, "A few words of the passage", "summer leaders")
    child.expect_exact("1. In the summer, EU leaders said it could become a candidate once it carried out reforms.")
    answer(child, "The shortest part of it", "EU leaders said it could become a candidate")  # one sentence: no choice
    answer(child, "What happened, in your own words", "EU leaders open a path to candidate status.")
    answer(child, "When", "sometime")
    child.expect_exact("not a date wording geopol understands")
    answer(child, "When", "In the summer")
    child.expect_exact("2022-06 – 2022-08")  # shown, not asked
    answer(child, "Who acted (actor ids)", "european-union")
    answer(child, "Kind (", "diplomatic")
    answer(child, "Direction relative to russia", "other")
    answer(child, "or give more fields first?", "m")  # the optional ones come after the required, behind one question
    answer(child, "Towards whom (actor ids)", "georgia")
    answer(child, "People who acted", "")
    answer(child, "Events it answers", "ge-applies-eu")
    answer(child, "Events it came after", "")
    answer(child, "Who gained what?", "")
    answer(child, "Who lost what?", "")
    answer(child, "Id [eu-leaders-open-a-path-to]", "")  # made from the summary's first words
    answer(child, "Add this event?", "y")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    [event] = [e for e in json.loads(facts.read_text(encoding="utf-8"))["events"] if e["id"].startswith("eu-leaders")]
    assert event["citations"] == [{"source": "eunews", "excerpt": "EU leaders said it could become a candidate"}]
    assert event["date"]["start"] == "2022-06" and event["date"]["text"] == "In the summer"
    assert event["answers"] == ["ge-applies-eu"]


def test_ctrl_c_at_any_question_writes_nothing(facts: Path) -> None:
    before = facts.read_bytes()
    child = spawn(facts, "add", "actor")
    answer(child, "Name", "Armenia")
    child.expect_exact("Kind (")
    # A Ctrl-C that lands in the instant before readline starts waiting is only acted on at the next
    # key (a race inside CPython's readline, seen on a loaded CI machine): press it again, as a person would.
    for _ in range(5):
        child.sendintr()
        if child.expect_exact(["geopol: interrupted", pexpect.TIMEOUT], timeout=3) == 0:
            break
    else:
        pytest.fail("Ctrl-C was not acted on")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130 or child.signalstatus == signal.SIGINT
    assert facts.read_bytes() == before


def test_completion_of_known_ids(facts: Path) -> None:
    child = spawn(facts, "add", "person")
    answer(child, "Name", "Irakli Kobakhidze")
    answer(child, "or give more fields first?", "more")
    answer(child, "Role", "Prime Minister")
    child.expect_exact("Actor they belong to (id)")
    child.send("geo\t")
    child.expect_exact("georgia")
    child.sendline("")
    answer(child, "A head of state or government?", "y")
    answer(child, "Id [irakli-kobakhidze]", "")
    answer(child, "Add this person?", "y")
    child.expect(pexpect.EOF)
    child.close()
    people = json.loads(facts.read_text(encoding="utf-8"))["people"]
    assert people[-1] == {"id": "irakli-kobakhidze", "name": "Irakli Kobakhidze", "role": "Prime Minister",
                          "actor": "georgia", "leader": True}  # fmt: skip


def test_a_command_giving_every_required_field_asks_nothing_even_on_a_terminal(facts: Path) -> None:
    child = spawn(facts, "add", "actor", "--name", "Armenia", "--kind", "country")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0 and "added actor armenia" in (child.before or "")
    shown = child.before or ""
    assert "[Y/n]" not in shown and "(Enter to skip)" not in shown  # no question, no confirmation


def test_a_second_citation_by_answering_questions(facts: Path) -> None:
    child = spawn(facts, "add", "citation", "ge-agents-law")
    answer(child, "Source (id)", "civil-ge")
    answer(child, "What the source says, in your own words", "Parliament adopted the law.")
    answer(child, "When, as this source dates it", "in December")
    child.expect_exact("2022-12")
    answer(child, "Add this citation to ge-agents-law?", "y")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    [event] = [e for e in json.loads(facts.read_text(encoding="utf-8"))["events"] if e["id"] == "ge-agents-law"]
    assert event["citations"][-1]["source"] == "civil-ge" and event["citations"][-1]["date"]["start"] == "2022-12"


def test_optional_fields_wait_behind_one_question_and_the_last_source_is_the_default(facts: Path) -> None:
    # Enter at "add now, or more fields?" skips every optional field and the id; the source just used is offered first.
    child = spawn(facts, "add", "event")
    answer(child, "Source (id) [", "")  # the default: the source the last add used
    answer(child, "A few words of the passage", "parliament passed")
    answer(child, "The shortest part of it", "")
    answer(child, "What happened, in your own words", "The law is passed.")
    answer(child, "When", "In December")
    answer(child, "Who acted (actor ids)", "georgia")
    answer(child, "Kind (", "political")
    answer(child, "Direction relative to russia", "towards")
    answer(child, "Add this event now, or give more fields first? [Add/more]", "")  # Enter adds it, as shown
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    added = json.loads(facts.read_text(encoding="utf-8"))["events"][-1]
    assert added["summary"] == "The law is passed." and "targets" not in added


def test_edit_with_no_option_asks_each_field_with_its_current_value(facts: Path) -> None:
    child = spawn(facts, "--no-pager", "edit", "actor", "georgia")
    answer(child, "Name [Georgia]", "")  # Enter keeps it
    answer(child, "Kind [country]", "")
    answer(child, "Iso2 [GE]", "")
    answer(child, "Iso3 [GEO]", "")
    answer(child, "Region", "Caucasus")
    answer(child, "Aliases [Sakartvelo]", "Sakartvelo, Republic of Georgia")  # names split on commas only
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    [georgia] = [a for a in json.loads(facts.read_text(encoding="utf-8"))["actors"] if a["id"] == "georgia"]
    assert georgia["region"] == "Caucasus" and georgia["aliases"] == ["Sakartvelo", "Republic of Georgia"]


def test_import_asks_for_a_column_no_name_matched(facts: Path) -> None:
    table = facts.parent / "sheet.csv"
    table.write_text("Day,Who,Kind,Direction,Happened,Source,Said\n"
                     "2022-12,georgia,political,towards,It passed.,civil-ge,It says it passed.\n")  # fmt: skip
    child = spawn(facts, "import", str(table))
    answer(child, "Which column holds the date?", "Day")
    answer(child, "Which column holds the summary?", "Happened")
    answer(child, "Which column holds the excerpt?", "")  # Enter: none
    answer(child, "Which column holds the account?", "Said")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    added = json.loads(facts.read_text(encoding="utf-8"))["events"][-1]
    assert added["summary"] == "It passed." and added["date"]["start"] == "2022-12"
