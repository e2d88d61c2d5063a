"""Exit codes and the errors that carry them to the user.

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
