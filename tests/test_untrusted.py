"""Broken and hostile input: exact errors, never a traceback, never a raw escape."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from geopol_cli.render.safe import json_safe, visible

from .conftest import BUNDLED, Ran, event, geopol, small_facts, text_lines

# Characters that must never reach a terminal raw: C0 (bar newline), DEL, C1, bidi and invisible format characters.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
HOSTILE = [
    "[bold red]x[/]",
    "[/]",
    ":warning:",
    "\x1b[31mRED\x1b[0m",
    "bell\x07here",
    "del\x7fhere",
    "csi\x9b31m",
    "evil\u202eobgnoc\u202c",
    "iso\u2066late\u2069",
    "tab\there\nnewline",
    "zero\u200bwidth",
]


def run(*args: str, width: int = 100) -> Ran:
    return geopol(*args, width=width)


def assert_clean(result: Any) -> None:
    assert result.exit_code != 70, result.stderr
    assert "Traceback" not in result.stderr
    assert not RAW_CONTROL.search(result.stdout), repr(result.stdout[:200])
    assert not RAW_CONTROL.search(result.stderr), repr(result.stderr[:200])


# --- 4. every broken file is one clean problem ---------------------------------------------------


def _validate(path: Path) -> Any:
    result = run("validate", str(path))
    assert_clean(result)
    return result


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"", "empty"),
        (b"not json at all", "invalid JSON"),
        (b'{"schema_version": 1, "sources": [', "invalid JSON"),
        (b'{"schema_version": 1, "x": "\xff\xfe"}', "invalid"),
        (b"[]", "top level must be a JSON object"),
        (b'{"schema_version": "one", "sources": {}, "actors": 3}', "schema_version"),
        (b"[" * 100_000 + b"]" * 100_000, "recursion limit"),
        (b'{"a": ' * 100_000 + b"1" + b"}" * 100_000, "recursion limit"),
    ],
    ids=["empty", "not-json", "truncated", "invalid-utf8", "array", "wrong-types", "deep-array", "deep-object"],
)
def test_broken_files(write_facts: Callable[..., Path], content: bytes, needle: str) -> None:
    result = _validate(write_facts(content))
    assert result.exit_code == 3
    assert needle in result.stdout


def test_missing_path_and_directory(tmp_path: Path) -> None:
    for path, needle in ((tmp_path / "missing.json", "no such file"), (tmp_path, "folder with no facts files")):
        result = _validate(path)
        assert result.exit_code == 3 and needle in result.stdout
        other = run("timeline", "--facts", str(path))
        assert other.exit_code == 3 and needle in other.stderr and other.stdout == ""


def test_bom_is_accepted(write_facts: Callable[..., Path]) -> None:
    assert _validate(write_facts(b"\xef\xbb\xbf" + BUNDLED.read_bytes())).exit_code == 0


@pytest.mark.parametrize(
    ("mutate", "path", "needle"),
    [
        (lambda d: d["actors"][0].update(colour="red"), "actors[0].colour", "unknown key 'colour'"),
        (lambda d: d["actors"][1].update(id="aland"), "actors[1].id", "duplicate id 'aland'"),
        (lambda d: d["events"][0].update(targets=["ghost"]), "events[0].targets[0]", "'ghost' is not the id"),
        (lambda d: d["events"][0]["date"].update(start="2022-13-45"), "events[0].date.start", "'2022-13-45'"),
        (lambda d: d["events"][0]["date"].update(start="2022-02-30"), "events[0].date.start", "no day 30"),
        (lambda d: d["events"][0]["date"].update(start="2022-10", end="2022-09"), "events[0].date", "ends"),
        (lambda d: d["events"][0].update(kind=["trade"]), "events[0].kind", "must be one of diplomatic"),
    ],
    ids=["unknown-key", "duplicate-id", "dangling", "impossible-date", "feb-30", "span-backwards", "wrong-type"],
)
def test_bad_records(
    write_facts: Callable[..., Path], mutate: Callable[[dict[str, Any]], None], path: str, needle: str
) -> None:
    data = small_facts()
    mutate(data)
    file = write_facts(data)
    result = _validate(file)
    assert result.exit_code == 3
    [line] = [line for line in result.stdout.splitlines() if f": {path}: " in line]
    assert needle in line
    assert re.match(rf"{re.escape(str(file))}:\d+:\d+: ", line)


def test_cross_references_checked_among_records_that_passed(write_facts: Callable[..., Path]) -> None:
    data = small_facts()
    data["events"][0]["kind"] = "bogus"  # a schema problem...
    data["events"][1]["actors"] = ["ghost"]  # ...and, in a record that passed, a dangling reference
    data["events"][1]["answers"] = ["e-away"]  # a reference to the failing record is not reported again
    report = json.loads(run("validate", str(write_facts(data)), "--json").stdout)
    assert [p["path"] for p in report["problems"]] == ["events[0].kind", "events[1].actors[0]"]
    assert all(p["line"] and p["column"] for p in report["problems"])
    assert report["valid"] is False and report["counts"] is None


def test_very_large_string_field(write_facts: Callable[..., Path]) -> None:
    data = small_facts()
    data["events"][0]["summary"] = "word " * 1_000_000  # 5 MB in one field
    path = write_facts(data)
    assert _validate(path).exit_code == 0
    result = run("timeline", "--facts", str(path), "--json")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)[0]["summary"]) == 5_000_000


def test_hundred_megabyte_file_is_read(tmp_path: Path) -> None:
    data = small_facts()
    data["events"] = [event(f"ev-{i}", "2022", summary="s" * 2000, excerpt="x" * 2000) for i in range(25_000)]
    path = tmp_path / "big.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert path.stat().st_size > 100_000_000
    env = {**os.environ}
    env.pop("GEOPOL_FACTS", None)
    result = subprocess.run(
        [sys.executable, "-m", "geopol_cli", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "25000 events" in result.stdout


# --- 2. schema -------------------------------------------------------------------------------------


def test_schema_validates_the_bundled_file_and_rejects_a_bad_one() -> None:
    import jsonschema

    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    validator = jsonschema.Draft202012Validator(schema)
    validator.check_schema(schema)
    bundled = json.loads(BUNDLED.read_text(encoding="utf-8"))
    assert list(validator.iter_errors(bundled)) == []
    bundled["events"][0]["direction"] = "sideways"
    bundled["actors"][0]["colour"] = "red"
    assert len(list(validator.iter_errors(bundled))) == 2


def test_schema_key_in_a_facts_file_is_accepted(write_facts: Callable[..., Path]) -> None:
    data = {"$schema": "./geopol.schema.json", **small_facts()}
    assert _validate(write_facts(data)).exit_code == 0


# --- 5. text is data ----------------------------------------------------------------------------------


def hostile_facts() -> dict[str, Any]:
    data = small_facts()
    for i, name in enumerate(HOSTILE):
        data["actors"].append({"id": f"h{i}", "name": name, "kind": "country", "aliases": [name]})
    data["events"][0]["summary"] = " ".join(HOSTILE)
    data["events"][0]["targets"] = [f"h{i}" for i in range(len(HOSTILE))]
    data["events"][0]["beneficiaries"] = [{"actor": "h0", "what": HOSTILE[3], "basis": "counterpart"}]
    data["claims"][0]["summary"] = HOSTILE[1] + HOSTILE[7]
    return data


@pytest.mark.parametrize(
    "args",
    [
        ["country", "aland"],
        ["country", "aland", "--excerpts"],
        ["countries"],
        ["timeline"],
        ["timeline", "--excerpts"],
        ["benefits"],
        ["country", "h0"],
    ],
)
@pytest.mark.parametrize("width", [20, 80, 160, 400])
def test_hostile_text_is_shown_literally_and_safely(
    write_facts: Callable[..., Path], args: list[str], width: int
) -> None:
    path = write_facts(hostile_facts())
    result = run(*args, "--facts", str(path), width=width)
    assert result.exit_code == 0, result.stderr
    assert_clean(result)
    if width in (20, 400):
        # Where no two cells share a line (stacked at 20, unwrapped at 400), check the words themselves.
        flat = "".join(result.stdout.split())
        shown = HOSTILE[:1] if args[0] == "benefits" else HOSTILE[:3]
        for name in shown:
            assert "".join(name.split()) in flat  # markup and emoji codes show exactly as written
        assert "\\x1b[31mRED\\x1b[0m" in flat  # ESC is shown as an escape


def test_control_characters_become_visible_escapes() -> None:
    assert visible("a\x1bb\x07c\x7fd\x9be\u202ef\u2066g") == "a\\x1bb\\x07c\\x7fd\\x9be\\u202ef\\u2066g"
    assert visible("tab\tnew\nline\r") == "tab new line "
    assert visible("plain – “text” Қазақстан") == "plain – “text” Қазақстан"


def test_arguments_echoed_in_errors_are_data() -> None:
    for args in (
        ["country", "[red]x\x1b[2J"],
        ["timeline", "--kind", "[bold]\x07"],
        ["timeline", "--since", "\u202e2022"],
    ):
        result = run(*args)
        assert result.exit_code in (1, 2)
        assert_clean(result)
    assert "[red]x\\x1b[2J" in run("country", "[red]x\x1b[2J").stderr


def test_json_is_exact_and_terminal_safe(write_facts: Callable[..., Path]) -> None:
    path = write_facts(hostile_facts())
    result = run("timeline", "--json", "--facts", str(path))
    assert not RAW_CONTROL.search(result.stdout.replace("\n", ""))
    assert "\\u202e" in result.stdout and "\\u009b" in result.stdout and "\\u007f" in result.stdout
    [first] = [e for e in json.loads(result.stdout) if e["id"] == "e-away"]
    assert first["summary"] == " ".join(HOSTILE)  # decoding gives back the original text
    assert [t["name"] for t in first["targets"]] == HOSTILE


def test_json_safe_round_trips_astral_format_characters() -> None:
    original = {"tag": "flag\U000e0067\U000e0062"}
    text = json_safe(json.dumps(original, ensure_ascii=False))
    assert "\\udb40\\udc67" in text
    assert json.loads(text) == original


# --- 6. the terminal side ----------------------------------------------------------------------------


def test_narrow_terminal_shows_every_word() -> None:
    items = json.loads(run("timeline", "--json").stdout)
    for args in (["timeline"], ["country", "kazakhstan"], ["benefits"], ["countries"]):
        out = run(*args, width=20).stdout
        assert max(len(line) for line in text_lines(out)) <= 20
        assert "…" not in out
    flat = "".join(run("timeline", width=20).stdout.split())
    for item in items:
        assert "".join(item["summary"].split()) in flat
        assert item["id"] in flat


def test_ascii_only_stdout_gets_replacements_not_a_crash() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    env.pop("GEOPOL_FACTS", None)
    for args in (["country", "kazakhstan"], ["timeline"], ["benefits"]):
        result = subprocess.run(
            [sys.executable, "-m", "geopol_cli", *args], capture_output=True, env=env, timeout=60, check=False
        )
        assert result.returncode == 0, result.stderr
        result.stdout.decode("ascii")
    result = subprocess.run(
        [sys.executable, "-m", "geopol_cli", "country", "kazakhstan", "--json"],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert "Қазақстан" in json.loads(result.stdout.decode("ascii"))["aliases"]  # exact, via \\u escapes


def test_the_utf8_check_matches_exactly_the_characters_the_text_check_does() -> None:
    # Every code point (surrogates cannot be encoded): the bytes pattern that
    # guards large JSON documents must agree with the one that defines "unsafe".
    from geopol_cli.render import safe

    for code in (*range(0xD800), *range(0xE000, 0x110000)):
        char = chr(code)
        assert bool(safe._UNSAFE.fullmatch(char)) == bool(safe._UNSAFE_UTF8.fullmatch(char.encode("utf-8"))), hex(code)


def test_large_json_with_a_hidden_character_is_still_escaped(write_facts: Any) -> None:
    data = small_facts()
    data["events"][0]["summary"] = "right\u202eleft and zero\u200bwidth"
    out = run("timeline", "--json", "--facts", str(write_facts(data))).stdout
    assert "\\u202e" in out and "\\u200b" in out and "\u202e" not in out
    assert json.loads(out)[0]["summary"] == "right\u202eleft and zero\u200bwidth"
