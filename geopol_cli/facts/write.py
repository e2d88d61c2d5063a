"""Writing a facts file: one canonical form, written atomically, under a lock.

The canonical form is what `geopol fmt` and `geopol add` write: the format's
own key order (the order of the fields in facts/models.py), two-space
indent, UTF-8 without escapes, one trailing newline, and no key whose value
is its default (an empty list, a null, a false). It is stable: formatting a
formatted file changes nothing, so a version-control diff of an `add` shows
the new record and nothing else.

A write never leaves a half-written file: the text goes to a temporary file
in the same folder, is flushed to disk, then renamed over the old file (an
atomic step on POSIX and Windows). A symlinked facts file is written through
to its target. A lock file in the base's hidden ``.geopol/`` folder
(``.geopol/NAME.lock`` for a facts file, ``.geopol/lock`` for a folder base;
left in place: removing it would race) makes concurrent writers take turns,
so that two `add`s both land; whoever takes it removes what writers killed
mid-write left behind. The same folder holds the journal of changes
(facts/journal.py). Checks and dry runs take no lock and create nothing.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from geopol_cli.core.errors import SystemFailure
from geopol_cli.facts.models import FactBase


def canonical_text(base: FactBase) -> str:
    """The fact base in canonical form."""
    return document_text(base.model_dump(mode="json", by_alias=True, exclude_defaults=True))


def document_text(document: dict[str, Any]) -> str:
    """A facts document as geopol writes it: its head keys, then the five lists, always written, empty or not,
    so a reader sees every section. Canonical when each record is (``ordered_record``)."""
    return document_bytes(document).decode("utf-8")


def document_bytes(document: dict[str, Any]) -> bytes:
    """:func:`document_text` as the UTF-8 bytes written (no text in between: 60 MB at 100 000 events)."""
    import pydantic_core

    ordered: dict[str, Any] = {key: document[key] for key in _HEAD if key in document}
    ordered.update({section: document.get(section, []) for section in _SECTIONS})
    # The same text as json.dumps(ordered, indent=2, ensure_ascii=False), byte for byte (tests/test_fmt.py
    # compares them), written by pydantic-core: Python's encoder has no C path with an indent, and took
    # 0.25 s of a 10 000-event write (2.4 s at 100 000) where this takes a sixth of that.
    return pydantic_core.to_json(ordered, indent=2) + b"\n"


def ordered_record(model: type[Any], record: dict[str, Any]) -> dict[str, Any]:
    """A record of ``model`` in canonical form without a pass through pydantic: its keys in field order,
    recursively, and no key whose value is its default. Keys the model does not know stay, at the end, for
    the check that follows to refuse; a value of the wrong shape is left for it too.

    The same as the model's own dump of the record, once the model accepts it, for a model whose
    validators check values and change none: true of events and claims and their parts
    (tests/test_change.py compares the two). A tenth of the time of pydantic's round trip, which took
    0.8 s of an import of 100 000 events.
    """
    from geopol_cli.facts.models import REQUIRED, field_shapes

    out: dict[str, Any] = {}
    fields = field_shapes(model)
    for name, (default, nested, many, _) in fields.items():
        if name not in record:
            continue
        value = record[name]
        if default is not REQUIRED and (value == default or (default == () and value == [])):
            continue
        if nested is not None:
            if many and isinstance(value, list):
                value = [ordered_record(nested, v) if isinstance(v, dict) else v for v in value]
            elif not many and isinstance(value, dict):
                value = ordered_record(nested, value)
        out[name] = value
    if len(out) < len(record):  # defaults dropped, or keys the model does not know: those stay, last
        out.update({k: v for k, v in record.items() if k not in fields})
    return out


_HEAD = ("$schema", "schema_version", "focus")
_SECTIONS = ("sources", "actors", "people", "events", "claims")


# The hidden folder beside the facts (inside a folder base) that holds geopol's own state: the lock and
# the journal. A folder base has one lock for all its files, so that writers to different files of one
# base still take turns (two `add --into` of one id cannot both land).
STATE_FOLDER = ".geopol"


def real_target(path: Path) -> Path:
    """The file a write to ``path`` really changes: a symlink is written through to its target.

    Refused (UsageProblem) inside geopol's installed package (the bundled facts
    are never written), and for a file with other hard links (replacing it
    would part it from its other names, which would keep the old text).
    """
    from geopol_cli.core.errors import UsageProblem
    from geopol_cli.core.paths import inside_package

    if inside_package(path):
        raise UsageProblem(f"{path} is inside geopol's installed package; the bundled facts are never written")
    real = Path(os.path.realpath(path))
    try:
        links = os.stat(real).st_nlink
    except FileNotFoundError:
        return real
    except OSError as exc:
        raise SystemFailure("read", str(path), exc) from None
    if links > 1:
        raise UsageProblem(
            f"{path} has {links} hard links: writing it would part it from its other names, which would keep the old "
            "text; geopol refuses (use a symbolic link, or copy the file)"
        )
    return real


def state_path(base: Path, what: str) -> Path:
    """Where a fact base keeps ``what`` ("lock", "journal.jsonl"): in the hidden ``.geopol/`` folder inside a
    folder base, or beside a facts file (its name first, so that two files of one folder keep theirs apart)."""
    if base.is_dir():
        return base / STATE_FOLDER / what
    real = Path(os.path.realpath(base))
    return real.parent / STATE_FOLDER / f"{real.name}.{what}"


def facts_folder(base: Path) -> Path:
    """The folder a fact base's files (and their temporary files) live in."""
    return base if base.is_dir() else Path(os.path.realpath(base)).parent


def make_state_folder(base: Path) -> Path:
    """The base's ``.geopol/`` folder, made if missing; refused if it is a link or not a folder (a committed
    link in its place would otherwise make geopol write its lock and journal outside the base)."""
    from geopol_cli.core.errors import UsageProblem

    folder = state_path(base, "x").parent
    try:
        os.mkdir(folder, 0o755)
    except FileExistsError:
        pass
    except OSError as exc:
        raise SystemFailure("make the folder", str(folder), exc) from None
    if not stat.S_ISDIR(os.lstat(folder).st_mode):
        raise UsageProblem(
            f"{folder} is a symbolic link or not a folder; geopol keeps its state in a folder of its own"
        )
    return folder


def lock_path(base: Path) -> Path:
    """Where the lock of a fact base is: ``.geopol/lock`` in a folder base, ``.geopol/NAME.lock`` beside a file."""
    return state_path(base, "lock")


@contextlib.contextmanager
def locked(base: Path) -> Iterator[None]:
    """Hold the lock of a fact base (a file or a folder) while reading, changing and writing it.

    The lock file is opened without following a symlink (a committed link in
    its place would otherwise make geopol create or write a file outside the
    base); a link, or anything but a regular file, is refused. Once the lock
    is held, temporary files that dead writers left behind are removed.
    """
    make_state_folder(base)
    path = lock_path(base)
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags, 0o644)
    except OSError as exc:
        if exc.errno == getattr(errno, "ELOOP", None):
            from geopol_cli.core.errors import UsageProblem

            raise UsageProblem(f"{path} is a symbolic link; geopol takes no lock through a link") from None
        raise SystemFailure("take the lock", str(path), exc) from None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            from geopol_cli.core.errors import UsageProblem

            raise UsageProblem(f"{path} is not a regular file; geopol takes its lock on a file of its own")
        _lock(descriptor)
        try:
            sweep_leftovers(facts_folder(base))
            yield
        finally:
            _unlock(descriptor)
    finally:
        os.close(descriptor)


# Temporary files: ".NAME.PID.RANDOM.tmp", beside the file they will replace. The writer's
# process id in the name tells a leftover (its writer is gone) from a write under way.
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.(?P<pid>[0-9]+)\.[a-z0-9_]+\.tmp$")
# Written by geopol before its temporary files carried a process id (under the lock, so now stale).
_OLD_TEMPORARY = re.compile(r"^\.(?P<name>.+\.json)\.[a-z0-9_]{8}\.tmp$")


def temporary_prefix(path: Path) -> str:
    return f".{path.name}.{os.getpid()}."


def sweep_leftovers(folder: Path) -> int:
    """Remove the temporary files of dead writers (SIGKILL, power loss) in ``folder`` and its texts/; count them."""
    if os.name != "posix":
        return 0  # a process id cannot be asked about safely elsewhere (os.kill ends a process on Windows)
    removed = 0
    for place in (folder, folder / "texts"):
        try:
            entries = list(os.scandir(place))
        except OSError:
            continue
        for entry in entries:
            match = _TEMPORARY.match(entry.name)
            stale = False
            if match is not None:
                stale = not _alive(int(match.group("pid")))
            elif place == folder and _OLD_TEMPORARY.match(entry.name):
                stale = True
            if stale and not entry.is_dir(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed += 1
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


def write_atomically(path: Path, text: str) -> None:
    """Replace the file's content with ``text`` in one step: the old file stays whole until the new one is.

    A symlink is written through to its target (real_target); the operating
    system's refusals (read-only, full, no permission) become SystemFailure
    with the path and the cause, and leave the old file whole.
    """
    write_bytes_atomically(path, text.encode("utf-8"))


def write_bytes_atomically(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Write ``data`` as ``path`` in one step (see write_atomically); ``exclusive`` refuses an existing file."""
    real = real_target(path)
    folder = real.parent
    if exclusive and os.path.lexists(real):
        raise FileExistsError(errno.EEXIST, "already there", str(real))
    try:
        mode = real.stat().st_mode & 0o7777 if real.exists() else _new_file_mode()
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=temporary_prefix(real), suffix=".tmp")
    except OSError as exc:
        raise SystemFailure("write", str(path), exc) from None
    try:
        with os.fdopen(handle, "wb") as file:
            remaining = memoryview(data)
            while remaining:
                remaining = remaining[file.write(remaining) :]
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)  # mkstemp makes 0600; the file keeps its mode, or a new one gets umask's
        if exclusive:
            _link_exclusively(temporary, real)
        else:
            os.replace(temporary, real)
    except BaseException as error:
        # Interrupted (Ctrl-C) or failed before the rename: the old file is untouched; leave no litter.
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError) and not isinstance(error, FileExistsError):
            raise SystemFailure("write", str(path), error) from None
        raise
    _sync_folder(folder)


def _link_exclusively(temporary: str, real: Path) -> None:
    """Put the temporary file in place only if nothing is there yet (a file, or a link, that appeared meanwhile).

    A hard link does it in one step. A file system without hard links (FAT, some network mounts) gets the
    name reserved with O_EXCL, then the whole file renamed over it.
    """
    try:
        os.link(temporary, real)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        os.close(os.open(real, flags, 0o600))
        os.replace(temporary, real)
        return
    os.unlink(temporary)


def _new_file_mode() -> int:
    """The mode open() would give a new file: 0666 less the umask (which can only be read by setting it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


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
