"""Reading a fact base's bytes: a file, every *.json of a folder, or standard input, within bounds.

Only bytes here: validation is facts/load.py's. A file that cannot be read,
a folder with no facts files, a link out of a folder base, standard input
past its bound: each is a FactsError naming the file.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from geopol_cli.core.errors import FactsError, Problem


@dataclass(frozen=True)
class Part:
    """One file of a fact base: its name for messages and its bytes."""

    name: str
    data: bytes


def read_parts(path: Path, origin: str | None = None) -> list[Part]:
    """The files that make up a fact base, each with its bytes, checked as every read checks them (for the
    writers, which change the files themselves)."""
    return read_parts_with_root(path, origin)[0]


def read_parts_with_root(path: Path, origin: str | None) -> tuple[list[Part], Path | None]:
    """The files that make up the fact base (a file, every *.json of a folder, or standard input), and its root."""
    if str(path) == "-":
        import sys

        data = _read_stream(sys.stdin.buffer.read, "<stdin>")
        return [Part("<stdin>", _checked_bytes("<stdin>", data))], Path.cwd()
    if path.is_dir():
        files = sorted(f for f in path.glob("*.json") if not f.name.endswith(".schema.json") and f.is_file())
        if not files:
            named = f" (named by {origin})" if origin else ""
            message = f"is a folder with no facts files (*.json) in it{named}"
            raise FactsError([Problem(file=str(path), path="$", message=message)])
        folder = Path(os.path.realpath(path))
        outside = [f for f in files if Path(os.path.realpath(f)).parent != folder]
        if outside:
            # A file of someone else's fact base that is a link out of it: geopol neither reads nor writes there.
            message = "is a link to a file outside the fact base's folder; geopol reads only the folder's own files"
            raise FactsError([Problem(file=str(f), path="$", message=message) for f in outside])
        return [Part(str(f), read_file_bytes(f, origin)) for f in files], path
    return [Part(str(path), read_file_bytes(path, origin))], path.parent


# The largest facts file (or standard input) geopol reads (README, "What geopol promises").
MAX_FACTS_BYTES = 2 * 1024 * 1024 * 1024


def _read_stream(read: Callable[[int], bytes], name: str) -> bytes:
    """All of a pipe or device, in blocks (so that Ctrl-C is seen between them), up to MAX_FACTS_BYTES."""
    blocks: list[bytes] = []
    total = 0
    while True:
        block = read(1 << 20)
        if not block:
            return b"".join(blocks)
        total += len(block)
        if total > MAX_FACTS_BYTES:
            message = f"is over the {MAX_FACTS_BYTES:,}-byte limit of a fact base; geopol stopped reading it"
            raise FactsError([Problem(file=name, path="$", message=message)])
        blocks.append(block)


def read_file_bytes(path: Path, origin: str | None = None) -> bytes:
    name = str(path)
    named = f" (named by {origin})" if origin else ""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        try:
            status = os.fstat(descriptor)
            if stat.S_ISDIR(status.st_mode):
                raise IsADirectoryError(errno.EISDIR, "is a folder")
            if not stat.S_ISREG(status.st_mode):
                # A pipe (geopol --facts <(...)) or a device: read in blocks, bounded.
                data = _read_stream(lambda size: os.read(descriptor, size), name)
            elif status.st_size > MAX_FACTS_BYTES:
                message = f"is {status.st_size:,} bytes, over the {MAX_FACTS_BYTES:,}-byte limit of a fact base"
                raise FactsError([Problem(file=name, path="$", message=message)])
            else:
                with os.fdopen(os.dup(descriptor), "rb") as file:
                    data = file.read()
        finally:
            os.close(descriptor)
    except FileNotFoundError:
        raise FactsError([Problem(file=name, path="$", message=f"no such file{named}")]) from None
    except OSError as exc:
        message = f"cannot read: {exc.strerror or exc}{named}"
        raise FactsError([Problem(file=name, path="$", message=message)]) from None
    return _checked_bytes(name, data)


def _checked_bytes(name: str, data: bytes) -> bytes:
    if data.startswith(b"\xef\xbb\xbf"):
        # A UTF-8 byte order mark, as some editors write: harmless, so accepted.
        data = data[3:]
    if data.isspace() or not data:
        raise FactsError([Problem(file=name, path="$", message="the file is empty: a facts file is one JSON object")])
    return data
