"""The pager, driven as a person meets it: the real program in a pseudo-terminal."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest

from .conftest import REPO

GEOPOL = [sys.executable, "-c", "from geopol_cli.main import main; main()"]


def recording_pager(tmp_path: Path) -> tuple[str, Path]:
    """A pager that records what it was given (and the LESS it saw), then shows nothing."""
    record = tmp_path / "paged.txt"
    script = tmp_path / "pager.sh"
    script.write_text(f'#!/bin/sh\necho "LESS=$LESS" > {record}\ncat >> {record}\n', encoding="utf-8")
    script.chmod(0o755)
    return str(script), record


def in_terminal(args: list[str], env: dict[str, str], columns: int = 100) -> tuple[int, str]:
    """Run geopol in a pseudo-terminal; its exit status and what the terminal showed."""
    child = pexpect.spawn(
        GEOPOL[0], [*GEOPOL[1:], *args], env={**os.environ, **env}, cwd=str(REPO), dimensions=(40, columns)
    )
    child.expect(pexpect.EOF, timeout=60)
    child.close()
    return child.exitstatus or 0, child.before.decode("utf-8", errors="replace")


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GEOPOL_PAGER", "PAGER", "LESS", "GEOPOL_FACTS", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)


def test_a_table_in_a_terminal_goes_through_the_pager(tmp_path: Path) -> None:
    pager, record = recording_pager(tmp_path)
    status, screen = in_terminal(["timeline"], {"GEOPOL_PAGER": pager, "TERM": "xterm-256color"})
    assert status == 0
    paged = record.read_text(encoding="utf-8")
    assert paged.startswith("LESS=FRX\n")  # less's defaults, when the user set none
    assert "kz-rejects-war-justification" in paged and "events" in paged
    assert "\x1b[" in paged  # drawn for the terminal: colours go through to the pager
    assert "kz-rejects-war-justification" not in screen  # it went to the pager, not past it


def test_no_pager_when_asked_or_for_json(tmp_path: Path) -> None:
    pager, record = recording_pager(tmp_path)
    for args in (["--no-pager", "timeline"], ["timeline", "--json"], ["timeline", "--format", "csv"]):
        status, screen = in_terminal(args, {"GEOPOL_PAGER": pager})
        assert status == 0 and "kz-rejects-war-justification" in screen
        assert not record.exists(), args
    status, screen = in_terminal(["timeline"], {"GEOPOL_PAGER": "", "PAGER": pager})
    assert status == 0 and not record.exists()  # an empty GEOPOL_PAGER means none, before $PAGER


def test_pager_from_pager_variable_and_a_missing_program(tmp_path: Path) -> None:
    pager, record = recording_pager(tmp_path)
    assert in_terminal(["countries"], {"PAGER": pager})[0] == 0
    assert "Kazakhstan" in record.read_text(encoding="utf-8")
    status, screen = in_terminal(["countries"], {"GEOPOL_PAGER": "no-such-pager-program"})
    assert status == 0 and "Kazakhstan" in screen


def test_quitting_the_pager_early_is_not_an_error(tmp_path: Path) -> None:
    script = tmp_path / "quit.sh"
    script.write_text("#!/bin/sh\nhead -c 10 > /dev/null\n", encoding="utf-8")  # reads a little, then quits
    script.chmod(0o755)
    facts = tmp_path / "big.json"
    import json

    from .conftest import synthetic_facts

    facts.write_text(json.dumps(synthetic_facts(3000)), encoding="utf-8")
    status, screen = in_terminal(["timeline", "--facts", str(facts)], {"GEOPOL_PAGER": str(script)})
    assert status == 0
    assert "Traceback" not in screen and "error" not in screen.lower()


def test_piped_output_is_never_paged(tmp_path: Path) -> None:
    import subprocess

    pager, record = recording_pager(tmp_path)
    ran = subprocess.run(
        [*GEOPOL, "timeline"], env={**os.environ, "GEOPOL_PAGER": pager}, capture_output=True, cwd=str(REPO)
    )
    assert ran.returncode == 0 and b"kz-rejects-war-justification" in ran.stdout and not record.exists()
