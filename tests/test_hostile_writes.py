"""Writers on someone else's base and on a failing machine: nothing written outside the base, every OS
refusal a message with its path (exit 74), concurrent writers taking turns, interrupted writes leaving
nothing behind. OS failures are made at the OS boundary (a mock of the call that fails), since CI runs
as root, for whom a read-only folder is writable."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from geopol_cli.core.errors import ExitCode

from .conftest import REPO, geopol, small_facts

ENV = {**os.environ, "PYTHONPATH": str(REPO)}
ENV.pop("GEOPOL_FACTS", None)


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """A fact base made by geopol init, with the small facts in it."""
    assert geopol("init", str(tmp_path / "base")).exit_code == 0
    facts = tmp_path / "base" / "facts.json"
    facts.write_text(json.dumps(small_facts(), indent=2), encoding="utf-8")
    assert geopol("fmt", str(facts)).exit_code == 0
    return facts


def add_actor(facts: Path | str, *extra: str, name: str = "Armenia") -> Any:
    return geopol("--facts", str(facts), "add", "actor", "--name", name, "--kind", "country", "--no-input", *extra)


def files_in(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


# --- writes outside the base -----------------------------------------------------------------------------


def test_a_dangling_link_in_texts_is_not_written_through(base: Path, tmp_path: Path) -> None:
    target = tmp_path / "outside.txt"
    (base.parent / "texts" / "report.txt").symlink_to(target)  # dangling: its target does not exist
    article = tmp_path / "report.txt"
    article.write_text("A report.\n", encoding="utf-8")
    ran = geopol("--facts", str(base), "add", "source", "--title", "T", "--publisher", "P", "--text", str(article))
    assert ran.exit_code == ExitCode.USAGE and "symbolic link" in ran.stderr
    assert not target.exists()


def test_a_linked_texts_folder_is_not_written_through(base: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (base.parent / "texts").rmdir()
    (base.parent / "texts").symlink_to(elsewhere)
    article = tmp_path / "report.txt"
    article.write_text("A report.\n", encoding="utf-8")
    ran = geopol("--facts", str(base), "add", "source", "--title", "T", "--publisher", "P", "--text", str(article))
    assert ran.exit_code == ExitCode.USAGE and "symbolic link" in ran.stderr
    assert list(elsewhere.iterdir()) == []


def test_a_linked_lock_is_refused_and_a_check_needs_no_lock(base: Path, tmp_path: Path) -> None:
    target = tmp_path / "created-outside"
    (base.parent / ".geopol").mkdir(exist_ok=True)
    (base.parent / ".geopol" / "facts.json.lock").unlink(missing_ok=True)
    (base.parent / ".geopol" / "facts.json.lock").symlink_to(target)
    ran = geopol("fmt", "--check", str(base))
    assert ran.exit_code == 0, ran.stderr  # a check takes no lock at all
    ran = add_actor(base)
    assert ran.exit_code == ExitCode.USAGE and "symbolic link" in ran.stderr
    assert not target.exists()


def test_checks_and_dry_runs_create_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    data = small_facts()
    (folder / "a.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    for i in range(50):
        (folder / f"part-{i:02d}.json").write_text(json.dumps({"schema_version": 2}), encoding="utf-8")
    before = files_in(folder)
    assert geopol("fmt", "--check", str(folder)).exit_code == ExitCode.WOULD_CHANGE
    assert add_actor(folder, "--dry-run").exit_code == 0
    assert files_in(folder) == before


def test_a_symlinked_facts_file_is_written_through(base: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(base)
    assert add_actor(link).exit_code == 0
    assert link.is_symlink()
    assert "Armenia" in base.read_text(encoding="utf-8")


def test_a_hard_linked_facts_file_is_refused(base: Path, tmp_path: Path) -> None:
    other = tmp_path / "other-name.json"
    os.link(base, other)
    before = base.read_bytes()
    ran = add_actor(other)
    assert ran.exit_code == ExitCode.USAGE and "hard links" in ran.stderr
    assert base.read_bytes() == before and other.read_bytes() == before


def test_a_fact_base_inside_the_installed_package_is_never_written(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from geopol_cli.core import paths

    monkeypatch.setattr(paths, "_PACKAGE_DIR", base.parent)  # as if this folder were geopol's own package
    before = base.read_bytes()
    for ran in (add_actor(base), geopol("--facts", str(base), "fmt", str(base))):
        assert ran.exit_code == ExitCode.USAGE and "installed package" in ran.stderr
    assert base.read_bytes() == before


# --- concurrency and interruption ----------------------------------------------------------------------


def spawn_add(facts: Path, *args: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "geopol_cli", "--facts", str(facts), "add", "actor", "--kind", "country"]
    return subprocess.Popen(
        [*command, "--no-input", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV
    )


def test_twenty_writers_of_one_id_into_different_files_of_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "base"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps(small_facts()), encoding="utf-8")
    for i in range(4):
        (folder / f"part-{i}.json").write_text(json.dumps({"schema_version": 2}), encoding="utf-8")
    writers = [spawn_add(folder, "--id", "same", "--name", f"N{i}", "--into", f"part-{i % 4}.json") for i in range(20)]
    codes = [w.wait(timeout=300) for w in writers]
    assert codes.count(0) == 1, [w.stderr.read() for w in writers if w.stderr]  # type: ignore[union-attr]
    assert set(codes) <= {0, ExitCode.USAGE}
    assert geopol("validate", str(folder)).exit_code == 0


def test_concurrent_adds_without_an_id_all_land(base: Path) -> None:
    writers = [spawn_add(base, "--name", "Same Name") for _ in range(10)]
    codes = [w.wait(timeout=300) for w in writers]
    assert codes == [0] * 10
    ids = [a["id"] for a in json.loads(base.read_text(encoding="utf-8"))["actors"]]
    assert len([i for i in ids if i.startswith("same-name")]) == 10
    assert geopol("validate", str(base)).exit_code == 0


def test_an_interrupted_text_copy_leaves_nothing_and_the_retry_works(
    base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "report.txt"
    article.write_text("A report of some length.\n" * 1000, encoding="utf-8")
    texts = base.parent / "texts"
    before = files_in(base.parent)
    real_fsync = os.fsync

    def interrupted(descriptor: int) -> None:
        raise KeyboardInterrupt  # Ctrl-C while the text is being flushed to disk

    monkeypatch.setattr(os, "fsync", interrupted)
    args = ["--facts", str(base), "add", "source", "--title", "T", "--publisher", "P", "--text", str(article)]
    ran = geopol(*args)
    assert ran.exit_code == ExitCode.INTERRUPTED
    assert files_in(base.parent) == before and list(texts.iterdir()) == []
    monkeypatch.setattr(os, "fsync", real_fsync)
    ran = geopol(*args)
    assert ran.exit_code == 0, ran.stderr
    assert (texts / "report.txt").read_bytes() == article.read_bytes()


def test_leftovers_of_dead_writers_are_swept_and_a_live_ones_kept(base: Path) -> None:
    folder = base.parent
    dead = 2**22 + 7  # above any process id Linux gives (pid_max is at most 2**22)
    stale = [folder / f".facts.json.{dead}.abc_123.tmp", folder / ".facts.json.k2j4x9q1.tmp"]
    stale.append(folder / "texts" / f".report.txt.{dead}.zz9.tmp")
    live = folder / f".facts.json.{os.getppid()}.live1.tmp"
    for path in [*stale, live]:
        path.write_text("half a file", encoding="utf-8")
    assert add_actor(base).exit_code == 0
    assert [p for p in stale if p.exists()] == []
    assert live.exists()


# --- failing machines --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error"),
    [
        ("mkstemp", PermissionError(errno.EACCES, "Permission denied")),  # a read-only folder
        ("fsync", OSError(errno.ENOSPC, "No space left on device")),  # a full disk
        ("fsync", OSError(errno.EFBIG, "File too large")),  # ulimit -f
        ("replace", PermissionError(errno.EPERM, "Operation not permitted")),  # an immutable file
    ],
)
def test_an_os_refusal_while_writing_is_a_message_and_exit_74(
    base: Path, monkeypatch: pytest.MonkeyPatch, call: str, error: OSError
) -> None:
    import tempfile

    owner = tempfile if call == "mkstemp" else os

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise error

    before = base.read_bytes()
    monkeypatch.setattr(owner, call, refuse)
    ran = add_actor(base)
    assert ran.exit_code == ExitCode.SYSTEM, ran.stderr
    assert ran.stderr.startswith(f"geopol: cannot write {base}: {error.strerror}")
    assert "bug" not in ran.stderr
    monkeypatch.undo()
    assert base.read_bytes() == before
    assert [p.name for p in base.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_a_lock_that_cannot_be_taken_is_a_message(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def refuse_lock(path: Any, flags: int, *args: Any) -> int:
        if str(path).endswith(".lock"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refuse_lock)
    ran = add_actor(base)
    assert ran.exit_code == ExitCode.SYSTEM
    assert "cannot take the lock" in ran.stderr and ".geopol/facts.json.lock: Permission denied" in ran.stderr


def test_init_over_a_file_on_the_path(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    ran = geopol("init", str(tmp_path / "a-file" / "base"))
    assert ran.exit_code == ExitCode.SYSTEM
    assert "cannot create the folder" in ran.stderr and "Not a directory" in ran.stderr


def test_a_folder_where_the_facts_file_should_be(tmp_path: Path) -> None:
    (tmp_path / "facts.json").mkdir()
    ran = add_actor(tmp_path / "facts.json")
    assert ran.exit_code == ExitCode.BAD_FACTS and "internal error" not in ran.stderr


def run_geopol(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "geopol_cli", *args], capture_output=False, env=ENV, **kwargs)


def test_a_closed_stdout(tmp_path: Path) -> None:
    ran = run_geopol("timeline", "--json", stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1))
    assert ran.returncode == ExitCode.SYSTEM
    assert ran.stderr.decode().startswith("geopol: cannot write standard output: it is closed")


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown", "table"])
def test_a_full_stdout(fmt: str) -> None:
    with open("/dev/full", "wb") as full:
        ran = run_geopol("timeline", "--format", fmt, stdout=full, stderr=subprocess.PIPE)
    assert ran.returncode == ExitCode.SYSTEM
    assert ran.stderr.decode().startswith("geopol: cannot write standard output: No space left on device")
    assert "Exception ignored" not in ran.stderr.decode()


@pytest.mark.parametrize("fmt", ["csv", "markdown"])
def test_csv_and_markdown_into_a_closed_pipe_exit_141(tmp_path: Path, fmt: str) -> None:
    from .conftest import synthetic_facts

    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps(synthetic_facts(3000)), encoding="utf-8")  # far more than a pipe holds
    process = subprocess.Popen(
        [sys.executable, "-m", "geopol_cli", "--facts", str(facts), "timeline", "--format", fmt],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(10)
    process.stdout.close()  # the reader goes, as `| head -1` does
    assert process.wait(timeout=120) == ExitCode.BROKEN_PIPE
    assert process.stderr.read() == b""


def jq_process(program: str) -> subprocess.Popen[bytes]:
    """`geopol timeline --jq PROGRAM` in a child process, Ctrl-C at its default (as at a terminal)."""
    pytest.importorskip("jq")
    return subprocess.Popen(
        [sys.executable, "-m", "geopol_cli", "timeline", "--jq", program],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def test_ctrl_c_ends_a_jq_program_that_never_yields_again() -> None:
    """`--jq '1, last(range(1e10))'`: the 1 is the sign that the program runs; Ctrl-C must end it at once."""
    process = jq_process("1, last(range(1e10))")
    assert process.stdout is not None
    assert process.stdout.readline() == b"1\n"  # streamed before the endless part: not piled up
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == ExitCode.INTERRUPTED
    assert b"geopol: interrupted" in stderr


def test_an_endless_jq_program_streams_into_a_closed_pipe() -> None:
    process = jq_process("repeat(1)")
    assert process.stdout is not None
    assert process.stdout.readline() == b"1\n"
    process.stdout.close()
    assert process.wait(timeout=120) == ExitCode.BROKEN_PIPE


def test_a_jq_error_is_still_a_usage_error() -> None:
    pytest.importorskip("jq")
    ran = geopol("timeline", "--jq", ".[0].id | tonumber")
    assert ran.exit_code == ExitCode.USAGE and "cannot be parsed as a number" in ran.stderr


@pytest.mark.parametrize(("pager", "needle"), [('less "', "cannot be split into words"), ("{script}", "cannot be run")])
def test_a_bad_pager_is_a_warning_and_the_output_still_comes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], pager: str, needle: str
) -> None:
    from geopol_cli.cli import terminal

    script = tmp_path / "pager"
    script.write_text("#!/no/such/interpreter\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PAGER", pager.format(script=script))
    monkeypatch.delenv("GEOPOL_PAGER", raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setattr(terminal, "_enabled", True)  # an earlier in-process run may have said --no-pager
    words = terminal.pager()
    if words is not None:
        with terminal.paged(words):
            print("the output")
    else:
        print("the output")
    out, err = capsys.readouterr()
    assert "the output" in out
    assert needle in err and "writing without" in err


def test_init_where_the_file_system_has_no_hard_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(source: Any, target: Any) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")  # as on FAT or some network mounts

    monkeypatch.setattr(os, "link", no_links)
    ran = geopol("init", str(tmp_path / "base"))
    assert ran.exit_code == 0, ran.stderr
    assert geopol("validate", str(tmp_path / "base" / "facts.json")).exit_code == 0
    assert [p.name for p in (tmp_path / "base").iterdir() if p.name.endswith(".tmp")] == []
    again = geopol("init", str(tmp_path / "base"))
    assert again.exit_code == ExitCode.USAGE and "already exists" in again.stderr


def test_a_linked_state_folder_is_refused(base: Path, tmp_path: Path) -> None:
    # A committed .geopol link would make geopol write its lock and journal outside the base.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(base.parent / ".geopol", ignore_errors=True)
    (base.parent / ".geopol").symlink_to(elsewhere)
    ran = add_actor(base)
    assert ran.exit_code == ExitCode.USAGE and "link" in ran.stderr
    assert list(elsewhere.iterdir()) == []
