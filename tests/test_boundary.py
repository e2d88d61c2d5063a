"""Every format of every view, and the prompts, against one hostile fact base: no raw control or bidi character.

The fixture puts ESC sequences (a colour, a terminal hyperlink, a title
change), a C1 CSI, BEL, DEL, a right-to-left override and a zero-width
space into every kind of string a view shows: names, aliases, summaries,
excerpts, URLs, titles. The formats come from the registry itself, so a
writer added later is covered with no change here.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from geopol_cli.render.registry import RENDERERS, TEXT_TABLES, formats_for
from geopol_cli.render.safe import _UNSAFE

from .conftest import geopol, small_facts

EVIL = (
    "\x1b[31mred\x1b[0m \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ "
    "\x9b2J \x07 \x7f \u202egnp.exe \u200b \x1b]0;title\x07"
)


def hostile_facts() -> dict[str, Any]:
    data = small_facts(focus="russia")  # titles then name the focus: "Counter-moves by Russia… against it"
    for actor in data["actors"]:
        actor["name"] += EVIL
        actor["aliases"] = [*actor.get("aliases", []), "alias" + EVIL]
    data["people"][0]["name"] += EVIL
    data["people"][0]["role"] += EVIL
    source = data["sources"][0]
    source.update(title="Title" + EVIL, publisher="Press" + EVIL, url="https://example.org/" + EVIL, note="n" + EVIL)
    for record in data["events"] + data["claims"]:
        record["summary"] += EVIL
        record["citations"][0]["excerpt"] += EVIL
        for side in ("beneficiaries", "losers"):
            for stake in record.get(side, []):
                stake["what"] += EVIL
                if stake["basis"] == "stated":
                    stake["account"] = f"{stake['actor']} said so {EVIL}"
    # A second source that disagrees, so that the disputes view has something to show.
    data["sources"].append({"id": "wire", "title": "Wire" + EVIL, "publisher": "Wire" + EVIL, "date": "2022-07"})
    counter = data["events"][1]
    counter["citations"].append({"source": "wire", "account": "It was later" + EVIL, "act": "delayed" + EVIL})
    counter["disputes"] = [{"point": "act", "sources": ["src", "wire"], "follows": "src", "why": "Why" + EVIL}]
    return data


# One command line for each result type the registry knows, on the hostile base.
COMMANDS = {
    "Timeline": ["timeline"],
    "CountryList": ["countries"],
    "BenefitRanking": ["benefits", "--country", "aland"],
    "ClaimList": ["claims"],
    "SearchResult": ["search", "summary"],
    "SourceList": ["sources"],
    "DisputeList": ["disputes"],
    "CountryProfile": ["country", "russia"],
    "PersonProfile": ["person", "ruler"],
    "Comparison": ["compare", "aland", "borduria"],
    "Citation": ["cite", "e-away"],
    "Graph": ["graph"],
    "ChangeLog": ["log"],
    # A held text is someone else's words too: its sentences become excerpts, quotes and reasons.
    "Proposals": ["extract", "HOSTILE_TEXT", "--source", "src"],
}
HOSTILE_TEXT = (
    f"Kazakhstan{EVIL} signed a pact with Georgia in June.{EVIL} “We are free{EVIL},” said Jane{EVIL} Roe.\n\n"
    f"The Kremlin responded by blocking{EVIL} Kazakh oil last month."
)


def test_every_result_type_with_formats_has_a_command_here() -> None:
    # Report types (plain text: validate, fmt, init, add, edit, import) have their own tests below.
    reports = set(TEXT_TABLES)
    assert set(RENDERERS) - reports == set(COMMANDS)


def command_line(hostile: Path, args: list[str]) -> list[str]:
    """The command, with the hostile text's path where it reads one."""
    return [str(hostile.parent / "hostile.txt") if word == "HOSTILE_TEXT" else word for word in args]


def raw_unsafe(text: str) -> list[str]:
    return sorted({f"U+{ord(c):04X}" for c in _UNSAFE.findall(text)})


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "facts.json"
    path.write_text(json.dumps(hostile_facts(), ensure_ascii=False), encoding="utf-8")
    # A journal is someone else's data too: one entry with hostile text in every field `geopol log` shows.
    edited = geopol("--facts", str(path), "edit", "event", "e-away", "--kind", "trade")
    assert edited.exit_code == 0, edited.stderr
    journal = path.parent / ".geopol" / "facts.json.journal.jsonl"
    entry = json.loads(journal.read_text(encoding="utf-8").splitlines()[-1])
    entry.update(summary="Edited" + EVIL, command="geopol edit " + EVIL, time="2026" + EVIL)
    journal.write_text(journal.read_text(encoding="utf-8") + json.dumps(entry) + "\n", encoding="utf-8")
    (path.parent / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("view", "fmt"), [(view, fmt) for view in sorted(COMMANDS) for fmt in formats_for(view)], ids=lambda v: str(v)
)
def test_no_raw_control_character_in_any_format(hostile: Path, view: str, fmt: str) -> None:
    ran = geopol("--no-pager", "--facts", str(hostile), *command_line(hostile, COMMANDS[view]), "--format", fmt,
                 width=100)  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    assert raw_unsafe(ran.stdout) == [], ran.stdout[:2000]
    assert raw_unsafe(ran.stderr) == []
    if fmt in ("json", "csl-json"):
        assert "gnp.exe" in json.dumps(json.loads(ran.stdout), ensure_ascii=False)  # escaped, not dropped


def test_reports_and_a_dry_run_are_safe(hostile: Path, tmp_path: Path) -> None:
    for args in (
        ["validate", str(hostile)],
        ["--facts", str(hostile), "add", "actor", "--name", "New" + EVIL, "--kind", "country", "--dry-run"],
        ["--facts", str(hostile), "add", "actor", "--name", "New" + EVIL, "--kind", "country", "--dry-run", "--json"],
        ["fmt", "--check", str(hostile)],
        ["--facts", str(hostile), "edit", "event", "e-away", "--summary", "S" + EVIL, "--dry-run"],
        ["--facts", str(hostile), "edit", "event", "e-away", "--summary", "S" + EVIL, "--dry-run", "--json"],
        ["--facts", str(hostile), "rename", "actor", "aland", "aland-2", "--dry-run"],
        ["--facts", str(hostile), "import", str(_hostile_table(tmp_path)), "--source", "src", "--dry-run"],
        ["init", str(tmp_path / ("base" + EVIL.replace("/", "")))],
    ):
        ran = geopol(*args)
        assert raw_unsafe(ran.stdout) == [] and raw_unsafe(ran.stderr) == [], args


def _hostile_table(folder: Path) -> Path:
    table = folder / "hostile.csv"
    table.write_text(f"date,actors,kind,summary,account\n2022-10,aland,trade,S{EVIL},A{EVIL}\n", encoding="utf-8")
    return table


def test_a_table_title_that_names_an_actor_is_safe(hostile: Path) -> None:
    shown = geopol("--no-pager", "--facts", str(hostile), "country", "aland", width=120).stdout
    title = next(line for line in shown.splitlines() if line.startswith("Counter-moves by Russia"))
    assert "\\x1b[31mred" in title and raw_unsafe(title) == []


def test_a_url_with_control_characters_is_never_a_terminal_hyperlink() -> None:
    from rich.console import Console

    from geopol_cli.render.console import link

    console = Console(file=io.StringIO(), force_terminal=True, color_system="standard", width=200)
    assert console.is_terminal and not console.no_color
    safe = link("https://example.org/a?b=c", console)
    assert any(span.style and getattr(span.style, "link", None) for span in safe.spans)
    hostile = link("https://example.org/\x1b]8;;https://evil\x1b\\", console)
    assert not any(getattr(span.style, "link", None) for span in hostile.spans if span.style)
    console.print(hostile)
    printed = console.file.getvalue()
    assert "\x1b]8;;https://evil" not in printed and "\\x1b]8;;https://evil" in printed


def test_prompts_show_held_text_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    from geopol_cli.cli.prompts import say

    say("1. A sentence with " + EVIL)
    err = capsys.readouterr().err
    assert raw_unsafe(err) == [] and "\\u202e" in err


def test_the_text_writer_is_a_net_for_what_a_writer_let_through(capsys: pytest.CaptureFixture[str]) -> None:
    from geopol_cli.render.jsonout import write_text

    write_text("a,b\r\n\x1b[2Jc,\u202ed\r\n")
    out = capsys.readouterr().out
    assert raw_unsafe(out) == [] and re.search(r"\\x1b\[2J", out) and "\r\n" in out


def test_a_new_format_is_one_registry_entry_and_one_module(hostile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A YAML writer (tests/yaml_writer.py) registered with one line: every command offers it, it reads back as
    the JSON document does, and on the hostile base it lets no raw control character through."""
    yaml = pytest.importorskip("yaml")
    from geopol_cli.render import registry

    monkeypatch.setitem(registry.EVERY_TYPE, "yaml", ("text", "tests.yaml_writer:to_yaml"))
    for view, args in COMMANDS.items():
        assert "yaml" in formats_for(view)
        ran = geopol("--facts", str(hostile), *command_line(hostile, args), "--format", "yaml")
        assert ran.exit_code == 0, (view, ran.stderr)
        assert raw_unsafe(ran.stdout) == [] and raw_unsafe(ran.stderr) == [], view
    for args in (["timeline"], ["country", "kazakhstan"], ["benefits"]):
        as_yaml = yaml.safe_load(geopol(*args, "--format", "yaml").stdout)
        assert as_yaml == json.loads(geopol(*args, "--json").stdout)
