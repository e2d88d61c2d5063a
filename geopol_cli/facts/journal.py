"""The journal: every change geopol writes to a fact base, each record before and after, so it can be undone.

One JSON object a line, appended under the base's lock to
``.geopol/journal.jsonl`` (a folder base) or ``.geopol/NAME.journal.jsonl``
(beside a facts file). An entry holds the time, the command line, what was
done, and for each record it changed its file, section and place, and the
record before (null: it was added) and after (null: it was removed), in
canonical form. For each file it wrote, the SHA-256 of its bytes before and
after: `geopol undo` compares them with the files as they are now, so a
file changed by hand since geopol last wrote it is never overwritten.

An entry whose write did not land is never left behind: the entry is
appended after every file is in place, and a journal line cut short by a
crash is skipped on reading (the files it describes were written; only
undoing that one change is then refused).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geopol_cli.core.errors import SystemFailure, UsageProblem
from geopol_cli.facts.write import facts_folder, make_state_folder, state_path

JOURNAL = "journal.jsonl"


@dataclass
class RecordChange:
    """One record as it was before a change and after it (None: it did not exist)."""

    file: str  # relative to the fact base's folder
    section: str  # "sources", "actors", "people", "events" or "claims"
    index: int  # its place in the file's section (after the change; before it, for a removal)
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @property
    def id(self) -> str:
        record = self.after if self.after is not None else self.before
        return str((record or {}).get("id", ""))


@dataclass
class FileChange:
    """A file's bytes before and after a write, by hash; ``text_before`` where no record changed (fmt)."""

    file: str
    sha256_before: str | None
    sha256: str
    text_before: str | None = None


@dataclass
class Entry:
    time: str
    command: str
    action: str  # add, edit, rename, remove, fmt, undo
    summary: str
    changes: list[RecordChange] = field(default_factory=list)
    files: list[FileChange] = field(default_factory=list)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_hash(path: Path) -> str | None:
    try:
        return sha256(path.read_bytes())
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise SystemFailure("read", str(path), exc) from None


def relative(base: Path, file: str | Path) -> str:
    """A file of the fact base as the journal names it: relative to the base's folder."""
    folder = facts_folder(base).resolve()
    real = Path(file).resolve()
    return str(real.relative_to(folder)) if real.is_relative_to(folder) else real.name


def command_line() -> str:
    """The command as the person typed it (for the log)."""
    from geopol_cli.core.invocation import command_line as typed

    return typed()


def record_write(
    base: Path, action: str, summary: str, changes: list[RecordChange], files: dict[str, tuple[bytes, bytes]]
) -> None:
    """Journal a write that has landed: ``files`` maps each file written to its bytes before and after."""
    written = [
        FileChange(relative(base, name), sha256(before), sha256(after), before.decode("utf-8") if not changes else None)
        for name, (before, after) in files.items()
    ]
    append(base, Entry(now(), command_line(), action, summary, changes, written))


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def append(base: Path, entry: Entry) -> None:
    """Add ``entry`` to the base's journal: one line, written whole and flushed (call it under the lock)."""
    make_state_folder(base)
    path = state_path(base, JOURNAL)
    import pydantic_core

    # pydantic_core's encoder, straight from the dataclasses (their fields are the entry's keys, in order):
    # the same compact UTF-8 JSON as json.dumps(ensure_ascii=False) of them, written by Rust, with no copy
    # of the records on the way; the entry of a 100 000-event import took 0.5 s to encode with json.
    data = pydantic_core.to_json(entry) + b"\n"
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags, 0o644)
    except OSError as exc:
        raise SystemFailure("write the journal", str(path), exc) from None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise UsageProblem(f"{path} is not a regular file; geopol keeps its journal in a file of its own")
        while data:
            written = os.write(descriptor, data)
            data = data[written:]
        os.fsync(descriptor)
    except OSError as exc:
        raise SystemFailure("write the journal", str(path), exc) from None
    finally:
        os.close(descriptor)


def read(base: Path, last: int | None = None) -> list[Entry]:
    """Every entry of the base's journal, oldest first (none if it has none); ``last``: only the last few."""
    path = state_path(base, JOURNAL)
    try:
        if os.path.islink(path):
            raise UsageProblem(f"{path} is a symbolic link; geopol reads its journal from a file of its own")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise SystemFailure("read the journal", str(path), exc) from None
    entries = []
    lines = text.splitlines()
    for line in lines[-last:] if last else lines:
        try:
            data = json.loads(line)
            entries.append(
                Entry(
                    time=data["time"],
                    command=data["command"],
                    action=data["action"],
                    summary=data["summary"],
                    changes=[RecordChange(**c) for c in data.get("changes", [])],
                    files=[FileChange(**f) for f in data.get("files", [])],
                )
            )
        except (ValueError, KeyError, TypeError):
            continue  # a line cut short by a crash: its change cannot be undone, the others can
    return entries
