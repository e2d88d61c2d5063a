"""The command line of this run, as the person typed it (the journal records it). Standard library only."""

from __future__ import annotations

import shlex
import sys

_typed: list[str] | None = None


def remember(argv: list[str]) -> None:
    """The entry point hands in the arguments of this run (tests run geopol many times in one process)."""
    global _typed
    _typed = list(argv)


def command_line() -> str:
    return shlex.join(["geopol", *(_typed if _typed is not None else sys.argv[1:])])
