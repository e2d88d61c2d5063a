"""Someone else's fact base: it cannot make geopol read or write outside its folder, hang, or blow up.

Each test builds its hostile base itself (a link out, /proc/self/environ, a
FIFO, /dev/zero, a huge text, a slow excerpt) and checks what geopol does
with it; the slow excerpt is measured by a counter of steps, never a clock.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from geopol_cli.core.errors import ExitCode
from geopol_cli.facts import texts
from geopol_cli.facts.texts import HeldText, Work

from .conftest import REPO, geopol, small_facts

SECRET = "CI_DEPLOY_TOKEN=s3cr3t-value"


def base_with_text(folder: Path, text_name: str, excerpt: str = "The Union gains.") -> Path:
    """A fact base in ``folder`` whose source holds ``text_name`` and whose claim quotes ``excerpt`` from it."""
    folder.mkdir(parents=True, exist_ok=True)
    data = small_facts()
    data["sources"][0]["text"] = text_name
    data["claims"][0]["citations"][0]["excerpt"] = excerpt
    facts = folder / "facts.json"
    facts.write_text(json.dumps(data), encoding="utf-8")
    return facts


def all_views(facts: Path) -> list[list[str]]:
    return [
        ["validate", str(facts)],
        ["--facts", str(facts), "timeline", "--json"],
        ["--facts", str(facts), "cite", "c-union-gains", "--json"],
        ["--facts", str(facts), "claims", "--json"],
    ]


@pytest.mark.parametrize("how", ["absolute", "dotdot", "symlink", "symlinked-folder"])
def test_a_text_outside_the_base_is_refused_and_never_read(tmp_path: Path, how: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(f"{SECRET}\nThe Union gains.\n", encoding="utf-8")
    folder = tmp_path / "base"
    (folder / "texts").mkdir(parents=True)
    name = {"absolute": str(secret), "dotdot": "../secret.txt"}.get(how, "texts/report.txt")
    if how == "symlink":
        (folder / "texts" / "report.txt").symlink_to(secret)
    elif how == "symlinked-folder":
        (folder / "texts").rmdir()
        (folder / "texts").symlink_to(tmp_path)
        name = "texts/secret.txt"
    facts = base_with_text(folder, name, excerpt=SECRET.split("=")[0] + "=")
    for args in all_views(facts):
        ran = geopol(*args)
        assert ran.exit_code == ExitCode.BAD_FACTS, (args, ran.output)
        assert "s3cr3t" not in ran.output
        assert "sources[0].text" in ran.output  # validate reports on stdout, a view on stderr
        assert "outside the fact base" in ran.output or "absolute path" in ran.output


def test_proc_self_environ_is_no_oracle(tmp_path: Path) -> None:
    facts = base_with_text(tmp_path / "base", "/proc/self/environ", excerpt="CI_DEPLOY_TOKEN=")
    ran = geopol("validate", str(facts), env={"CI_DEPLOY_TOKEN": "s3cr3t-value"})
    assert ran.exit_code == ExitCode.BAD_FACTS
    assert "s3cr3t" not in ran.output and "verified" not in ran.stdout


def test_a_text_inside_the_base_through_a_link_is_still_read(tmp_path: Path) -> None:
    folder = tmp_path / "base"
    (folder / "archive").mkdir(parents=True)
    (folder / "archive" / "report.txt").write_text("Intro. The Union gains. End.\n", encoding="utf-8")
    (folder / "texts").mkdir()
    (folder / "texts" / "report.txt").symlink_to(folder / "archive" / "report.txt")
    facts = base_with_text(folder, "texts/report.txt")
    ran = geopol("--facts", str(facts), "cite", "c-union-gains", "--json")
    assert ran.exit_code == 0, ran.stderr
    assert json.loads(ran.stdout)["verified"] is True


def test_a_fifo_or_device_is_refused_without_waiting(tmp_path: Path) -> None:
    folder = tmp_path / "base"
    (folder / "texts").mkdir(parents=True)
    os.mkfifo(folder / "texts" / "pipe.txt")  # nobody ever writes to it: opening it for reading would wait forever
    facts = base_with_text(folder, "texts/pipe.txt")
    # In a child process, so that a regression hangs that process, not the test run (the bound only ends a hang).
    ran = subprocess.run(
        [sys.executable, "-m", "geopol_cli", "--facts", str(facts), "timeline", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert ran.returncode == ExitCode.BAD_FACTS
    assert "not a regular file" in ran.stderr


def test_dev_zero_through_a_link_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "base"
    (folder / "texts").mkdir(parents=True)
    (folder / "texts" / "zero.txt").symlink_to("/dev/zero")
    facts = base_with_text(folder, "texts/zero.txt")
    ran = geopol("--facts", str(facts), "timeline", "--json")
    assert ran.exit_code == ExitCode.BAD_FACTS and "outside the fact base" in ran.stderr


def test_a_text_over_the_limit_is_a_problem_not_a_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(texts, "MAX_TEXT_BYTES", 1000)
    folder = tmp_path / "base"
    (folder / "texts").mkdir(parents=True)
    (folder / "texts" / "big.txt").write_text("The Union gains. " * 100, encoding="utf-8")
    facts = base_with_text(folder, "texts/big.txt")
    ran = geopol("validate", str(facts))
    assert ran.exit_code == ExitCode.BAD_FACTS
    assert "over the 1,000-byte limit" in ran.stdout


@pytest.mark.parametrize("quote", ['"', "“"], ids=["ascii", "curly-quotes"])
def test_a_held_text_costs_a_few_times_its_size_not_fifty(quote: str) -> None:
    line = f"Officials said the talks in Astana went well, and {quote}more would follow{quote}.\n"
    raw = (line * 80_000)[:5_000_000]
    tracemalloc.start()
    try:
        held = HeldText.of(raw)
        assert held.contains("the talks in Astana went well")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # The written and compared copies (a byte a character, two with curly quotes) and the work of making
    # them; a list of one int per character, as before, cost about 53 times the text.
    assert peak < 8 * len(raw.encode("utf-8")), peak


def test_the_closest_passage_is_found_in_work_linear_in_the_text() -> None:
    words = [f"word{i % 5000}" for i in range(130_000)]  # ~0.8 MB, many repeated words
    text = HeldText.of(" ".join(words))
    missing = " ".join(f"absent{i}" for i in range(300))  # a 2 KB excerpt none of whose words are there
    for excerpt in (missing, "word17 word18 word19 missing word21"):
        work = Work()
        text.closest(excerpt, work)
        excerpt_words = len(excerpt.split())
        bound = len(words) + 45 * (excerpt_words + 2) * excerpt_words
        assert work.steps <= bound, (work.steps, bound)
    # And twice the text is twice the work, not four times.
    double = HeldText.of(" ".join(words * 2))
    once, twice = Work(), Work()
    text.closest(missing, once)
    double.closest(missing, twice)
    assert twice.steps <= 2 * once.steps + 10


def test_the_closest_passage_is_still_the_right_one() -> None:
    text = HeldText.of("First sentence here. The envoy initialled the new agreement in Brussels. Last one.")
    passage, differs = text.closest("The envoy signed the new agreement in Brussels.")
    assert passage == "The envoy initialled the new agreement in Brussels."
    assert 'the text has "initialled" where the excerpt has "signed"' in differs


def test_a_folder_file_that_links_out_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.json"
    outside.write_text(json.dumps(small_facts()), encoding="utf-8")
    folder = tmp_path / "base"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps({"schema_version": 2}), encoding="utf-8")
    (folder / "b.json").symlink_to(outside)
    ran = geopol("--facts", str(folder), "timeline", "--json")
    assert ran.exit_code == ExitCode.BAD_FACTS
    assert "b.json" in ran.stderr and "outside the fact base" in ran.stderr


def test_a_duplicate_id_in_a_folder_names_the_file_of_its_first_use(tmp_path: Path) -> None:
    data = small_facts()
    folder = tmp_path / "base"
    folder.mkdir()
    first = {"schema_version": 2, "sources": data["sources"], "actors": data["actors"]}
    second = {"schema_version": 2, "actors": [{"id": "x1", "name": "X", "kind": "bloc"}, data["actors"][1]]}
    (folder / "a.json").write_text(json.dumps(first, indent=2), encoding="utf-8")
    (folder / "b.json").write_text(json.dumps(second, indent=2), encoding="utf-8")
    ran = geopol("validate", str(folder))
    assert ran.exit_code == ExitCode.BAD_FACTS
    line = next(line for line in ran.stdout.splitlines() if "duplicate id" in line)
    assert line.startswith(f"{folder / 'b.json'}:") and "actors[1].id" in line
    assert f"first used at {folder / 'a.json'}: actors[1].id" in line


def test_a_five_thousand_digit_schema_version_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    text = json.dumps(small_facts()).replace('"schema_version": 2', '"schema_version": ' + "2" * 5000)
    facts = tmp_path / "facts.json"
    facts.write_text(text, encoding="utf-8")
    ran = geopol("validate", str(facts))
    assert ran.exit_code == ExitCode.BAD_FACTS, ran.stderr
    assert "internal error" not in ran.stderr


def test_standard_input_is_bounded_like_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    from geopol_cli.facts import read

    monkeypatch.setattr(read, "MAX_FACTS_BYTES", 4 << 20)  # where the bound is read
    ran = geopol("--facts", "-", "timeline", input="y\n" * (3 << 20))  # 6 MiB, as `yes |` would send
    assert ran.exit_code == ExitCode.BAD_FACTS
    assert "over the 4,194,304-byte limit" in ran.stderr


def test_ctrl_c_while_reading_endless_standard_input(tmp_path: Path) -> None:
    """`yes | geopol --facts - timeline`: Ctrl-C ends it at once, exit 130.

    The sign that geopol is reading: more has been written to its stdin than
    a pipe holds (64 KiB), so it has taken at least that much.
    """
    import signal
    import threading

    process = subprocess.Popen(
        [sys.executable, "-m", "geopol_cli", "--facts", "-", "timeline"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert process.stdin is not None
    taken = threading.Event()

    def feed() -> None:
        written = 0
        block = b"y\n" * (1 << 15)
        try:
            while True:
                assert process.stdin is not None
                process.stdin.write(block)
                process.stdin.flush()
                written += len(block)
                if written >= 4 << 20:
                    taken.set()
        except (BrokenPipeError, ValueError, OSError):
            taken.set()

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    assert taken.wait(timeout=120)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == ExitCode.INTERRUPTED, stderr
    assert b"geopol: interrupted" in stderr


def test_a_table_cell_is_cut_before_it_is_laid_out(tmp_path: Path) -> None:
    data = small_facts()
    data["events"][0]["summary"] = "long words " * 2_000_000  # 22 MB in one cell
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps(data), encoding="utf-8")
    ran = geopol("--no-pager", "--facts", str(facts), "timeline")
    assert ran.exit_code == 0
    assert "(22,000,000 characters in all; --json shows every one)" in " ".join(ran.stdout.split())
    assert len(ran.stdout) < 100_000
    whole = geopol("--facts", str(facts), "timeline", "--json")
    assert len(json.loads(whole.stdout)[0]["summary"]) == 22_000_000


def hostile_csl(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "text",
    [
        json.dumps([{"id": "a", "title": "T", "issued": {"date-parts": [["2²"]]}}]),
        json.dumps([{"id": "a", "title": "T", "issued": {"date-parts": [["9" * 5000]]}}]),
        '[{"id": "a", "title": "T", "issued": {"date-parts": [[' + "9" * 5000 + "]]}}]",
        "[" * 100_000 + "]" * 100_000,
    ],
    ids=["superscript-digit", "5000-digit-string", "5000-digit-number", "deep-nesting"],
)
def test_hostile_csl_is_a_clear_error_or_a_plain_date(tmp_path: Path, text: str) -> None:
    geopol("init", str(tmp_path / "base"))
    facts = tmp_path / "base" / "facts.json"
    csl = hostile_csl(tmp_path, "refs.json", text)
    ran = geopol("--facts", str(facts), "add", "source", "--from-csl", str(csl), "--dry-run", "--json")
    assert ran.exit_code in (0, ExitCode.USAGE), ran.stderr
    assert "internal error" not in ran.stderr
    if ran.exit_code == 0:
        assert "date" not in json.loads(ran.stdout)["added"][0]["record"]  # no date read from it


def test_from_csl_is_linear(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Counting the scans of every id in the base: once, not once per reference (20 000 took 446 s)."""
    from geopol_cli.edit import add

    calls = 0
    real = add.known_ids

    def counted(facts: Any) -> set[str]:
        nonlocal calls
        calls += 1
        return real(facts)

    monkeypatch.setattr(add, "known_ids", counted)
    geopol("init", str(tmp_path / "base"))
    refs = [
        {"title": f"Report {i}", "publisher": "Press", "issued": {"date-parts": [[2022, 1, 1]]}} for i in range(500)
    ]
    csl = hostile_csl(tmp_path, "refs.json", json.dumps(refs))
    facts = tmp_path / "base" / "facts.json"
    ran = geopol("--facts", str(facts), "add", "source", "--from-csl", str(csl), "--json")
    assert ran.exit_code == 0, ran.stderr
    assert len(json.loads(ran.stdout)["added"]) == 500
    assert calls <= 2
