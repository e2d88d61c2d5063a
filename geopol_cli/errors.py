"""Exit codes, and the errors that carry them to the user.

Kept free of pydantic and rich, so that the command layer can catch these
without paying for either on `--help`.

The codes are part of geopol's contract with scripts (README, `geopol --help`):

====  ==========================================================
0     success (also: a filter that matched nothing)
1     nothing found: an unknown country, person or id
2     usage error: a bad option, argument or filter value
3     bad facts file: missing, unreadable, not valid, inconsistent
70    internal error: a bug in geopol (please report it)
130   interrupted (Ctrl-C)
141   output pipe closed (``geopol timeline | head -1``)
====  ==========================================================
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    NOT_FOUND = 1
    USAGE = 2
    BAD_FACTS = 3
    INTERNAL = 70
    INTERRUPTED = 130
    BROKEN_PIPE = 141


class GeopolError(Exception):
    """A failure to report on stderr as one message, ending the run with ``code``."""

    def __init__(self, message: str, code: ExitCode) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass
class Problem:
    """One thing wrong with a facts file: where (file, line, column, JSON path) and what."""

    file: str
    path: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        place = self.file if self.line is None else f"{self.file}:{self.line}:{self.column}"
        return f"{place}: {self.path}: {self.message}"


class FactsError(Exception):
    """A facts file could not be used; ``problems`` says why, one per line."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
