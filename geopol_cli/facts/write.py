"""Writing a facts file: one canonical form, written atomically, under a lock.

The canonical form is what `geopol fmt` and `geopol add` write: the format's
own key order (the order of the fields in facts/models.py), two-space
indent, UTF-8 without escapes, one trailing newline, and no key whose value
is its default (an empty list, a null, a false). It is stable: formatting a
formatted file changes nothing, so a version-control diff of an `add` shows
the new record and nothing else.

A write never leaves a half-written file: the text goes to a temporary file
in the same folder, is flushed to disk, then renamed over the old file (an
atomic step on POSIX and Windows). A lock file beside it (``.NAME.lock``,
left in place: removing it would race) makes concurrent writers take turns,
so that two `add`s both land.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from geopol_cli.facts.models import FactBase


def canonical_text(base: FactBase) -> str:
    """The fact base in canonical form."""
    document = base.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    # The five lists are always written, empty or not, so a reader sees every section.
    ordered: dict[str, Any] = {key: document[key] for key in _HEAD if key in document}
    ordered.update({section: document.get(section, []) for section in _SECTIONS})
    return json.dumps(ordered, indent=2, ensure_ascii=False) + "\n"


_HEAD = ("$schema", "schema_version", "focus")
_SECTIONS = ("sources", "actors", "people", "events", "claims")


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the lock of a facts file while reading, changing and writing it."""
    lock_path = path.with_name(f".{path.name}.lock")
    with open(lock_path, "a+b") as lock:
        _lock(lock.fileno())
        try:
            yield
        finally:
            _unlock(lock.fileno())


def write_atomically(path: Path, text: str) -> None:
    """Replace the file's content with ``text`` in one step: the old file stays whole until the new one is."""
    folder = path.parent
    mode = path.stat().st_mode & 0o7777 if path.exists() else None
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        # Interrupted (Ctrl-C) or failed before the rename: the old file is untouched; leave no litter.
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    # The rename itself reaches the disk only when the folder is synced (POSIX; not possible on Windows).
    with contextlib.suppress(OSError, AttributeError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


try:
    import fcntl

    def _lock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_EX)

    def _unlock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)

except ImportError:  # Windows
    import msvcrt

    def _lock(descriptor: int) -> None:
        while True:
            try:
                msvcrt.locking(descriptor, msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]
                return
            except OSError:  # LK_LOCK gives up after 10 s; keep waiting, as flock does
                continue

    def _unlock(descriptor: int) -> None:
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
