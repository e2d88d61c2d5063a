"""geopol as a real process: each command, the pipe and Ctrl-C contract, and an installed wheel."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import REPO, synthetic_facts


def geopol(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "COLUMNS": "80", **(env or {})}
    full_env.pop("GEOPOL_FACTS", None)
    return subprocess.run(
        [sys.executable, "-m", "geopol_cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=full_env,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "check"),
    [
        (["country", "kazakhstan", "--json"], lambda doc: doc["id"] == "kazakhstan"),
        (["countries", "--json"], lambda doc: any(r["id"] == "armenia" for r in doc)),
        (["timeline", "--json"], lambda doc: doc[0]["date"] is None),
        (["benefits", "--json"], lambda doc: doc["beneficiaries"][0]["actor"] == "turkey"),
        (["validate", "--json"], lambda doc: doc["valid"] and doc["counts"]["events"] > 0),
        (["schema"], lambda doc: "events" in doc["properties"]),
        (["search", "oil", "--json"], lambda doc: doc["hits"][0]["type"] == "event"),
        (["person", "schulmann", "--json"], lambda doc: doc["id"] == "kateryna-shulman"),
        (["claims", "--json"], lambda doc: len(doc["claims"]) > 0),
        (["sources", "--json"], lambda doc: doc[0]["events"] > 0),
        (["cite", "ankara-benefited-most", "--json"], lambda doc: doc["type"] == "claim"),
        (["compare", "kz", "uz", "--json"], lambda doc: len(doc["countries"]) == 2),
        (["graph", "--json"], lambda doc: len(doc["edges"]) > 0),
    ],
)
def test_each_command_as_a_process(args: list[str], check: Callable[[object], bool], tmp_path: Path) -> None:
    result = geopol(*args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert check(json.loads(result.stdout))


@pytest.mark.parametrize("args", [["country", "kazakhstan"], ["countries"], ["timeline"], ["benefits"], ["validate"]])
def test_each_table_as_a_process(args: list[str], tmp_path: Path) -> None:
    result = geopol(*args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() and "\x1b[" not in result.stdout


def test_errors_go_to_stderr_with_distinct_codes(tmp_path: Path) -> None:
    missing = geopol("country", "atlantis")
    assert (missing.returncode, missing.stdout) == (1, "")
    usage = geopol("timeline", "--since", "soon")
    assert (usage.returncode, usage.stdout) == (2, "")
    bad = geopol("countries", "--facts", str(tmp_path / "none.json"))
    assert (bad.returncode, bad.stdout) == (3, "")
    for result in (missing, usage, bad):
        assert "Traceback" not in result.stderr and result.stderr.strip()


@pytest.mark.parametrize("output", ["", "--json"])
def test_closed_pipe_ends_quietly_with_141(write_facts: Callable[..., Path], output: str) -> None:
    # Enough output to fill the pipe, so the write really fails once head exits.
    path = write_facts(synthetic_facts(3000))
    command = f'"{sys.executable}" -m geopol_cli timeline {output} --facts "{path}"'
    script = f'{command} | head -1 >/dev/null; echo "${{PIPESTATUS[0]}}"'
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert result.stdout.strip() == "141"
    assert result.stderr == ""


# Runs geopol as the `geopol` script does, saying READY on stderr as the command starts (inside the
# entry point, where Ctrl-C is geopol's to report) and LOADING as the facts are read: signs a test waits
# for before it presses Ctrl-C, instead of guessing a delay that a loaded machine overruns.
SIGNALLING_RUN = """
import sys
import geopol_cli.facts.load as load
import geopol_cli.main as entry
real_load, real_run = load.load_facts, entry._run
def loading(*args, **kwargs):
    sys.stderr.write("LOADING\\n"); sys.stderr.flush()
    return real_load(*args, **kwargs)
def starting(*args, **kwargs):
    sys.stderr.write("READY\\n"); sys.stderr.flush()
    return real_run(*args, **kwargs)
load.load_facts, entry._run = loading, starting
entry.main()
"""


def _interrupt_after(sign: str, args: list[str]) -> tuple[int, str]:
    """Run geopol with SIGNALLING_RUN, press Ctrl-C once it says ``sign``; its exit code and stderr."""
    env = {**os.environ}
    env.pop("GEOPOL_FACTS", None)
    process = subprocess.Popen(
        [sys.executable, "-c", SIGNALLING_RUN, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stderr is not None
    while (line := process.stderr.readline()) and line.strip() != sign:
        pass
    process.send_signal(signal.SIGINT)
    _, rest = process.communicate(timeout=120)
    return process.returncode, rest


def test_ctrl_c_ends_quietly_with_130(write_facts: Callable[..., Path]) -> None:
    path = write_facts(synthetic_facts(60000))
    code, stderr = _interrupt_after("LOADING", ["timeline", "--json", "--facts", str(path)])
    if code == 0:
        pytest.skip("the run finished before the signal came")
    assert code == 130, stderr
    assert "Traceback" not in stderr


def test_installed_wheel_runs_from_any_folder(tmp_path: Path) -> None:
    """Build the wheel, install it (not editable) and run the console script from another folder."""
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if build.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {build.stderr[-300:]}")
    [wheel] = wheels.glob("*.whl")
    # --target, not --prefix: pip would first uninstall the copy this test suite runs from.
    target = tmp_path / "target"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        timeout=300,
    )
    assert (target / "geopol_cli" / "facts.json").is_file()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("GEOPOL_FACTS", None)
    result = subprocess.run(
        [str(target / "bin" / "geopol"), "country", "kazakhstan", "--json"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "kazakhstan"
    version = subprocess.run(
        [str(target / "bin" / "geopol"), "--version"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        check=True,
    )
    assert version.stdout.startswith("geopol ")


def test_no_color_is_honoured_even_on_a_forced_terminal() -> None:
    colour = re.compile(r"\x1b\[[0-9;]*3[0-7]m|\x1b\[[0-9;]*38;")
    forced = geopol("timeline", env={"FORCE_COLOR": "1"})
    assert colour.search(forced.stdout)  # the test can fail: colour is there without NO_COLOR
    plain = geopol("timeline", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert not colour.search(plain.stdout)


def _complete(words: str, env: dict[str, str] | None = None) -> list[str]:
    full_env = {**os.environ, "_GEOPOL_COMPLETE": "complete_bash", "COMP_WORDS": words, **(env or {})}
    full_env["COMP_CWORD"] = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    full_env.pop("GEOPOL_FACTS", None) if "GEOPOL_FACTS" not in (env or {}) else None
    result = subprocess.run(
        [sys.executable, "-c", "from geopol_cli.main import main; main()"],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=60,
        check=False,
    )
    return result.stdout.split()


def test_completion_offers_ids_from_the_facts_in_use(write_facts: Callable[..., Path]) -> None:
    from .conftest import small_facts

    assert _complete("geopol country ka") == ["kazakhstan"]
    assert _complete("geopol cite ank") == ["ankara-benefited-most"]
    assert _complete("geopol person kat") == ["kateryna-shulman"]
    assert _complete("geopol timeline --kind e") == ["economic", "energy"]
    path = str(write_facts(small_facts()))
    assert _complete(f"geopol --facts {path} country ") == ["aland", "borduria", "syldavia", "russia", "union"]
    assert _complete("geopol country b", env={"GEOPOL_FACTS": path}) == ["borduria"]
    assert _complete("geopol country x", env={"GEOPOL_FACTS": str(Path(path).parent / "missing.json")}) == []


@pytest.mark.parametrize("sign", ["READY", "LOADING"])
def test_ctrl_c_always_says_interrupted(tmp_path: Path, sign: str) -> None:
    # Typer (0.26 and later) turns Ctrl-C during a command into a silent exit
    # 130; the entry point must still say it, at start-up, loading or writing.
    facts = tmp_path / "big.json"
    facts.write_text(json.dumps(synthetic_facts(30000)), encoding="utf-8")
    code, stderr = _interrupt_after(sign, ["timeline", "--json", "--facts", str(facts)])
    if code == 0:
        pytest.skip("the run finished before the signal came")
    assert code == 130
    assert "geopol: interrupted" in stderr
