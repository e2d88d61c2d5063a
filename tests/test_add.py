"""`geopol init` and `geopol add`: a fact base of one's own, built with geopol alone, never half-written."""

from __future__ import annotations

import difflib
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO, geopol

README = (REPO / "README.md").read_text(encoding="utf-8")
WALKTHROUGH = README.split("## Your own fact base in ten minutes", 1)[1].split("\n## ", 1)[0]
ARTICLE = re.search(r"```text\n(.*?)```", WALKTHROUGH, re.S).group(1)  # type: ignore[union-attr]
STEPS = [
    line.split("  #", 1)[0].strip()
    for line in re.search(r"```bash\n(.*?)```", WALKTHROUGH, re.S).group(1).splitlines()  # type: ignore[union-attr]
    if line.strip() and not line.startswith("#")
]


def run(*args: str, cwd: Path, input: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """geopol as a user runs it: a new process, in a folder of their own."""
    return subprocess.run(
        [sys.executable, "-m", "geopol_cli", *args],
        cwd=cwd,
        input=input,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO), "GEOPOL_FACTS": "", **(env or {})},
        check=False,
    )


def walkthrough(folder: Path, view: bool = False) -> Path:
    """The README's "Your own fact base in ten minutes", line by line, as a new user types it (options only)."""
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    env: dict[str, str] = {}
    for step in STEPS:
        if step.startswith("export "):
            name, _, value = step.removeprefix("export ").partition("=")
            env[name] = value
            continue
        words = shlex.split(step)
        assert words[0] == "geopol", step
        if words[1] in ("validate", "country", "timeline", "benefits", "cite") and not view:
            continue  # the views are tried by the tests below, on the built fact base
        ran = run(*words[1:], cwd=folder, env=env)
        assert ran.returncode == 0, (step, ran.stderr)
    return folder / env["GEOPOL_FACTS"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The walkthrough, run once for the module (each a new process: nine commands)."""
    return walkthrough(tmp_path_factory.mktemp("walkthrough")).parent.parent


@pytest.fixture
def base(built: Path, tmp_path: Path) -> Path:
    """A fresh copy of the walkthrough's result, for a test to change; its facts file."""
    shutil.copytree(built, tmp_path, dirs_exist_ok=True)
    return tmp_path / "base" / "facts.json"


def test_the_readme_walkthrough_runs_as_written(tmp_path: Path) -> None:
    assert len(STEPS) >= 14
    facts = walkthrough(tmp_path, view=True)  # every line, the views included, exits 0
    assert facts.is_file() and (tmp_path / "base" / "texts" / "article.txt").read_text() == ARTICLE
    # The corrections landed, and each is in the log.
    data = json.loads(facts.read_text(encoding="utf-8"))
    georgia = next(a for a in data["actors"] if a["id"] == "georgia")
    assert "Sakartvelo" in georgia["aliases"] and not any(a["id"] in ("eu", "testland") for a in data["actors"])
    law = next(e for e in data["events"] if e["id"] == "ge-agents-law")
    assert law["summary"] == "Georgia passes a 'foreign agents' law." and law["direction"] == "towards"
    ran = run("log", "--json", cwd=tmp_path, env={"GEOPOL_FACTS": str(facts)})
    actions = [e["action"] for e in json.loads(ran.stdout)]
    assert actions[:6] == ["remove", "undo", "remove", "add", "rename", "edit"]


def test_the_walkthrough_builds_a_two_source_fact_base_with_geopol_alone(base: Path) -> None:
    facts, tmp_path = base, base.parent.parent
    assert run("validate", str(facts), "--strict", cwd=tmp_path).returncode == 0
    timeline = json.loads(run("--facts", str(facts), "timeline", "--json", cwd=tmp_path).stdout)
    assert [(e["id"], e["date_label"]) for e in timeline] == [
        ("ge-applies-eu", "2022-03"),
        ("ge-agents-law", "2022-12"),
    ]
    assert timeline[1]["date_text"] == "In December" and "2023-01-15" in timeline[1]["date_inferred"]
    assert all(e["verified"] for e in timeline)  # excerpts found in the held text
    country = run("--facts", str(facts), "country", "georgia", cwd=tmp_path).stdout
    assert "ge-applies-eu" in country and "Georgia applies for EU" in country
    benefits = json.loads(run("--facts", str(facts), "benefits", "--json", cwd=tmp_path).stdout)
    assert [(b["actor"], b["gains_inferred"]) for b in benefits["beneficiaries"]] == [
        ("european-union", ["the state Georgia applied to join"])
    ]
    cite = json.loads(run("--facts", str(facts), "cite", "moscow-welcomes", "--json", cwd=tmp_path).stdout)
    assert cite["citations"][0]["account"].startswith("Commentators") and cite["source"]["publisher"] == "Civil.ge"
    cited = run("--facts", str(facts), "cite", "ge-agents-law", cwd=tmp_path).stdout
    assert "In context:" in " ".join(cited.split())
    sources = json.loads(run("--facts", str(facts), "sources", "--json", cwd=tmp_path).stdout)
    assert [(s["id"], s["text"]) for s in sources] == [("eunews", "texts/article.txt"), ("civil-ge", None)]
    assert run("fmt", str(facts), "--check", cwd=tmp_path).returncode == 0  # add writes the canonical form


def test_a_changed_word_in_an_excerpt_is_caught_with_its_place_and_the_closest_passage(base: Path) -> None:
    facts, tmp_path = base, base.parent.parent
    text = facts.read_text(encoding="utf-8").replace("Georgia applied to join the", "Georgia asked to join the")
    facts.write_text(text, encoding="utf-8")
    ran = run("validate", str(facts), cwd=tmp_path)
    line = next(i for i, line in enumerate(text.splitlines(), start=1) if "asked to join" in line)
    assert ran.returncode == 3
    assert f"{facts}:{line}:" in ran.stdout and "events[0].citations[0].excerpt: not found word for word" in ran.stdout
    assert 'the text has "applied" where the excerpt has "asked"' in ran.stdout


def test_init_writes_over_nothing(tmp_path: Path) -> None:
    assert run("init", "base", cwd=tmp_path).returncode == 0
    before = (tmp_path / "base" / "facts.json").read_bytes()
    ran = run("init", "base", cwd=tmp_path)
    assert ran.returncode == 2 and "already exists" in ran.stderr
    assert (tmp_path / "base" / "facts.json").read_bytes() == before
    made = json.loads(run("init", "other", "--json", cwd=tmp_path).stdout)
    assert made["created"][-2].endswith("texts/") and len(made["next"]) == 3
    # The lock is never committed: init's .gitignore says so.
    assert made["created"][-1].endswith(".gitignore")
    assert ".geopol/*lock" in (tmp_path / "other" / ".gitignore").read_text(encoding="utf-8")
    schema = json.loads((tmp_path / "other" / "geopol.schema.json").read_text())
    assert json.loads((tmp_path / "other" / "facts.json").read_text())["$schema"] == "./geopol.schema.json"
    assert "citations" in json.dumps(schema)


def test_no_input_lists_every_missing_field_and_writes_nothing(base: Path) -> None:
    facts, tmp_path = base, base.parent.parent
    before = facts.read_bytes()
    ran = run("--facts", str(facts), "add", "event", "--source", "eunews", "--no-input", cwd=tmp_path)
    assert ran.returncode == 2
    for missing in ("--excerpt or --account", "--summary", "--date", "--actor", "--kind", "--direction"):
        assert missing in ran.stderr
    assert facts.read_bytes() == before


def test_dry_run_prints_the_record_and_writes_nothing(base: Path) -> None:
    facts, tmp_path = base, base.parent.parent
    before = facts.read_bytes()
    ran = run("--facts", str(facts), "add", "actor", "--name", "Türkiye", "--kind", "country", "--dry-run",
              "--no-input", cwd=tmp_path)  # fmt: skip
    assert ran.returncode == 0 and json.loads(ran.stdout) == {"id": "turkiye", "name": "Türkiye", "kind": "country"}
    assert facts.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["add", "event", "--actor", "ghost"], "'ghost' is not the id of any actor"),
        (["add", "actor", "--name", "Georgia", "--id", "georgia", "--kind", "country"], "already the id"),
        (["add", "event", "--date", "at some point"], "not a date wording"),
        (["add", "event", "--excerpt", "Georgia applied to join NATO"], "not found word for word"),
        (["add", "event", "--gain", "russia:counterpart:something"], "counterpart"),
    ],
)
def test_a_record_that_would_make_the_fact_base_invalid_is_refused(base: Path, args: list[str], needle: str) -> None:
    facts, tmp_path = base, base.parent.parent
    before = facts.read_bytes()
    full = {
        "--source": "eunews", "--excerpt": "Georgia applied to join the European Union in March 2022.",
        "--summary": "Again.", "--date": "in March 2022", "--actor": "georgia", "--kind": "diplomatic",
        "--direction": "away",
    }  # fmt: skip
    given = dict(zip(args[2::2], args[3::2], strict=False))
    options = [w for key, value in {**full, **given}.items() for w in (key, value)] if args[1] == "event" else args[2:]
    ran = run("--facts", str(facts), *args[:2], *options, "--no-input", cwd=tmp_path)
    if "counterpart" in needle:
        # Not invalid, but a warning: a counterpart names a party of the move (russia is none here).
        assert ran.returncode == 0 and "is not a target of this event" in ran.stderr
        return
    assert ran.returncode == 2 and needle in ran.stderr, ran.stderr
    assert facts.read_bytes() == before


def test_an_add_changes_only_the_lines_of_the_new_record(base: Path) -> None:
    facts, tmp_path = base, base.parent.parent
    before = facts.read_text(encoding="utf-8").splitlines()
    run("--facts", str(facts), "add", "person", "--name", "Irakli Kobakhidze", "--actor", "georgia", "--no-input",
        cwd=tmp_path)  # fmt: skip
    after = facts.read_text(encoding="utf-8").splitlines()
    changes = [line for line in difflib.ndiff(before, after) if line[:2] in ("- ", "+ ")]
    # Nothing removed or rewritten, but the empty list the first person opens.
    assert [line for line in changes if line.startswith("- ")] == ['-   "people": [],']
    assert any('"name": "Irakli Kobakhidze"' in line for line in changes)


KILLED_BETWEEN_WRITE_AND_RENAME = """
import os, sys, time
real_replace = os.replace
def slow_replace(source, target):
    print("WRITTEN", source, flush=True)   # the new text is on disk, the rename not done
    time.sleep(60)
    real_replace(source, target)
os.replace = slow_replace
from geopol_cli.main import run
sys.exit(run(sys.argv[1:]))
"""


def test_killing_add_between_write_and_rename_leaves_the_old_file_whole(base: Path) -> None:
    facts, tmp_path = base, base.parent.parent
    before = facts.read_bytes()
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_BETWEEN_WRITE_AND_RENAME, "--facts", str(facts), "add", "actor",
         "--name", "Armenia", "--kind", "country", "--no-input"],
        cwd=tmp_path, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.startswith("WRITTEN")
    temporary = Path(line.split()[1])
    assert "Armenia" in temporary.read_text(encoding="utf-8")  # written, not yet renamed
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert facts.read_bytes() == before
    assert run("validate", str(facts), cwd=tmp_path).returncode == 0


def test_two_adds_at_once_both_land(base: Path) -> None:
    facts, tmp_path = base, base.parent.parent
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    names = [f"Actor {i}" for i in range(6)]
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "geopol_cli",
                "--facts",
                str(facts),
                "add",
                "actor",
                "--name",
                name,
                "--kind",
                "organisation",
                "--no-input",
            ],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]
    errors = [p.communicate()[1] for p in processes]
    assert [p.returncode for p in processes] == [0] * len(names), errors
    actors = json.loads(facts.read_text(encoding="utf-8"))["actors"]
    assert {a["name"] for a in actors} >= set(names)


def test_ctrl_c_during_a_write_leaves_no_temporary_file(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import geopol_cli.facts.write as write

    facts = base
    before = facts.read_bytes()

    def interrupted(*_: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(write.os, "replace", interrupted)
    ran = geopol("--facts", str(facts), "add", "actor", "--name", "Armenia", "--kind", "country", "--no-input")
    assert ran.exit_code == 130 and "interrupted" in ran.stderr
    assert facts.read_bytes() == before
    assert not [p for p in facts.parent.iterdir() if p.name.endswith(".tmp")]


# --- CSL-JSON ----------------------------------------------------------------------------------------------


def test_sources_as_csl_json_read_by_a_citation_processor() -> None:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    items = json.loads(geopol("sources", "--format", "csl-json").stdout)
    eeas = next(i for i in items if i["id"] == "eeas-2022-07-06")
    assert eeas["issued"] == {"date-parts": [[2022, 7, 6]]} and eeas["type"] == "webpage"
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)  # a style citeproc-py ships
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    bibliography.register(Citation([CitationItem("eeas-2022-07-06")]))
    [entry] = [str(e) for e in bibliography.bibliography()]
    assert "Uzbekistan: The European Union and Uzbekistan complete negotiations" in entry and "2022" in entry


def test_add_source_from_a_reference_manager_export(tmp_path: Path) -> None:
    run("init", "base", cwd=tmp_path)
    export = [
        {"id": "smith2022", "type": "article-newspaper", "title": "Court halts pipeline",
         "container-title": "The Daily", "issued": {"date-parts": [[2022, 7, 6]]}, "URL": "https://example.org/a"},
        {"id": "ITEM-2", "type": "report", "title": "Energy outlook", "author": [{"family": "Doe", "given": "Jo"}],
         "issued": {"date-parts": [[2022]]}},
    ]  # fmt: skip
    (tmp_path / "export.json").write_text(json.dumps(export), encoding="utf-8")
    ran = run("--facts", "base/facts.json", "add", "source", "--from-csl", "export.json", "--no-input", cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    sources = json.loads((tmp_path / "base" / "facts.json").read_text())["sources"]
    assert [(s["id"], s["publisher"], s.get("date"), s.get("url")) for s in sources] == [
        ("smith2022", "The Daily", "2022-07-06", "https://example.org/a"),
        ("item-2", "Jo Doe", "2022", None),
    ]
    again = run("--facts", "base/facts.json", "add", "source", "--from-csl", "export.json", "--no-input", cwd=tmp_path)
    assert again.returncode == 0  # the same references again get fresh ids, never a clash
    assert len(json.loads((tmp_path / "base" / "facts.json").read_text())["sources"]) == 4


def test_add_into_a_file_of_a_fact_base_folder(tmp_path: Path) -> None:
    from .conftest import small_facts

    data = small_facts()
    folder = tmp_path / "base"
    folder.mkdir()
    (folder / "a.json").write_text(
        json.dumps({"schema_version": 2, "sources": data["sources"], "actors": data["actors"]})
    )
    (folder / "b.json").write_text(json.dumps({"schema_version": 2, "events": data["events"]}))
    ran = run("--facts", "base", "add", "actor", "--name", "Ruritania", "--kind", "country", "--into", "a.json",
              "--no-input", cwd=tmp_path)  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    assert json.loads((folder / "a.json").read_text())["actors"][-1]["id"] == "ruritania"
    ran = run("--facts", "base", "add", "actor", "--name", "Elbonia", "--kind", "country", "--no-input", cwd=tmp_path)
    assert json.loads((folder / "b.json").read_text())["actors"] == [
        {"id": "elbonia", "name": "Elbonia", "kind": "country"}
    ]
    ran = run("--facts", "base", "add", "actor", "--name", "X", "--kind", "country", "--into", "c.json", "--no-input",
              cwd=tmp_path)  # fmt: skip
    assert ran.returncode == 2 and "is not a file of" in ran.stderr


def test_a_second_source_and_the_disagreement_it_brings_are_added_with_geopol(base: Path) -> None:
    facts, tmp_path = base, base.parent.parent
    ran = run("--facts", str(facts), "add", "citation", "ge-agents-law", "--source", "civil-ge",
              "--account", "The law passed its final reading in May 2023.", "--date", "2023-05",
              "--act", "adopted", "--no-input", cwd=tmp_path)  # fmt: skip
    assert ran.returncode == 0 and "disagreement not recorded (date)" in ran.stderr  # warned, not refused
    assert run("validate", str(facts), "--strict", cwd=tmp_path).returncode == 3
    ran = run("--facts", str(facts), "add", "dispute", "ge-agents-law", "--point", "date", "--source", "eunews",
              "--source", "civil-ge", "--follows", "eunews", "--why", "A first reading in December; the final in May.",
              "--no-input", cwd=tmp_path)  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    assert run("validate", str(facts), "--strict", cwd=tmp_path).returncode == 0
    disputes = json.loads(run("--facts", str(facts), "disputes", "--json", cwd=tmp_path).stdout)["disputes"]
    assert [(d["id"], d["point"], d["follows"]) for d in disputes] == [("ge-agents-law", "date", "eunews")]
    refused = run("--facts", str(facts), "add", "dispute", "ge-agents-law", "--point", "act", "--source", "nowhere",
                  "--why", "x", "--no-input", cwd=tmp_path)  # fmt: skip
    assert refused.returncode == 2 and "'nowhere' is not the id of any source" in refused.stderr
    unknown = run("--facts", str(facts), "add", "citation", "no-such-event", "--source", "civil-ge", "--account", "x",
                  "--no-input", cwd=tmp_path)  # fmt: skip
    assert unknown.returncode == 1 and "no-such-event" in unknown.stderr


def test_the_bundled_facts_are_never_written(tmp_path: Path) -> None:
    from .conftest import BUNDLED

    before = BUNDLED.read_bytes()
    ran = run("add", "actor", "--name", "Ruritania", "--kind", "country", "--no-input", cwd=tmp_path)
    assert ran.returncode == 2 and "the bundled facts are not changed" in ran.stderr
    assert run("fmt", cwd=tmp_path).returncode == 2
    assert BUNDLED.read_bytes() == before


def test_a_dry_run_of_a_source_with_its_text_checks_the_text_and_copies_nothing(base: Path) -> None:
    # The text is not in the base yet (a dry run copies nothing): it is read from memory for the check.
    facts, tmp_path = base, base.parent.parent
    (tmp_path / "report.txt").write_text("Kazakhstan signed a deal.\n", encoding="utf-8")
    before = facts.read_bytes()
    ran = run("--facts", str(facts), "add", "source", "--id", "held", "--title", "A report", "--publisher", "P",
              "--date", "2023-01-31", "--text", str(tmp_path / "report.txt"), "--dry-run", "--no-input",
              cwd=tmp_path)  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    assert json.loads(ran.stdout)["text"] == "texts/report.txt"
    assert facts.read_bytes() == before
    assert not (facts.parent / "texts" / "report.txt").exists()
