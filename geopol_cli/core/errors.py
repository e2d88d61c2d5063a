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
74    the system refused: a file or stream could not be read or written
      (read-only, full, no permission, output closed); the message names it
75    try again: the fact base was written while a view was reading it
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
    WOULD_CHANGE = 1  # `geopol fmt --check`: a file is not in canonical form (for CI)
    USAGE = 2
    BAD_FACTS = 3
    INTERNAL = 70
    SYSTEM = 74  # sysexits.h EX_IOERR: the operating system refused a read or write
    AGAIN = 75  # sysexits.h EX_TEMPFAIL: the fact base changed under a view; the same command will work
    INTERRUPTED = 130
    BROKEN_PIPE = 141


# How many problems of a bad facts file a view shows (validate shows them all).
PROBLEMS_SHOWN = 20


class GeopolError(Exception):
    """A failure to report on stderr as one message, ending the run with ``code``.

    Every error geopol reports is one of these (or a FactsError); the entry
    point (geopol_cli.main) is the one place that turns them into a message
    and an exit code.
    """

    kind = "error"

    def __init__(self, message: str, code: ExitCode) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class UsageProblem(GeopolError):
    """A bad option, argument or filter value (exit 2). ``option`` names the option, where there is one."""

    kind = "usage"

    def __init__(self, message: str, option: str | None = None) -> None:
        super().__init__(f"{option}: {message}" if option else message, ExitCode.USAGE)
        self.option = option


class SystemFailure(GeopolError):
    """The operating system refused a read or write (exit 74): a full disk, a read-only folder, a closed stdout.

    Not a bug in geopol, and the user's data is intact: every write is
    atomic, so a refused one leaves the old file as it was.
    """

    kind = "system"

    def __init__(self, doing: str, path: str, error: OSError) -> None:
        cause = error.strerror or str(error) or type(error).__name__
        super().__init__(f"cannot {doing} {path}: {cause}", ExitCode.SYSTEM)
        self.path = path


class ChangedMeanwhile(GeopolError):
    """The fact base was written (by another geopol) while a view was reading it (exit 75): the view stops
    rather than mix two states of the base, and the same command run again answers from the new one."""

    kind = "changed"

    def __init__(self, path: str, why: str) -> None:
        super().__init__(f"{path} changed while it was read ({why}); run the command again", ExitCode.AGAIN)
        self.path = path


def echo(value: str, limit: int = 80) -> str:
    """A user's value quoted for a message, cut to a readable length (an argument can be 100 000 characters)."""
    if len(value) <= limit:
        return repr(value)
    return repr(value[:limit]) + f"… ({len(value)} characters)"


def _hint(suggestions: list[str]) -> str:
    return f"; did you mean {' or '.join(suggestions)}?" if suggestions else ""


class NotFound(GeopolError, LookupError):
    """Nothing matched ``query``; ``suggestions`` are the closest ids.

    Looked up for an argument (``geopol country NAME``) it means "nothing
    found" (exit 1); for an option that filters (``--country NAME``) it is a
    usage error (exit 2), and ``option`` names that option.
    """

    kind = "not-found"

    def __init__(self, what: str, query: str, suggestions: list[str], option: str | None = None) -> None:
        message = f"no {what} matches {echo(query)}{_hint(suggestions)}"
        super().__init__(f"{option}: {message}" if option else message, _code(option))
        self.what = what
        self.query = query
        self.suggestions = suggestions
        self.option = option


class Ambiguous(GeopolError, LookupError):
    """``query`` matched more than one record; ``matches`` are their ids."""

    kind = "ambiguous"

    def __init__(self, what: str, query: str, matches: list[str], option: str | None = None) -> None:
        many = "people" if what == "person" else f"{what}s"
        message = f"{echo(query)} matches several {many}: {', '.join(matches)}; use an id"
        super().__init__(f"{option}: {message}" if option else message, _code(option))
        self.what = what
        self.query = query
        self.matches = matches
        self.option = option


def _code(option: str | None) -> ExitCode:
    return ExitCode.USAGE if option else ExitCode.NOT_FOUND


@dataclass
class Problem:
    """One thing wrong with a facts file: where (file, line, column, JSON path) and what."""

    file: str
    path: str
    message: str
    line: int | None = None
    column: int | None = None
    # The same place named from its record's id ("e-away.citations[1]"), where the record has one.
    record: str | None = None

    def __str__(self) -> str:
        place = self.file if self.line is None else f"{self.file}:{self.line}:{self.column}"
        # The record's own name for the place ends the line: "path: message" stays one piece for scripts.
        named = f" [{self.record}]" if self.record and self.record != self.path else ""
        return f"{place}: {self.path}: {self.message}{named}"


class FactsError(Exception):
    """A facts file could not be used (exit 3); ``problems`` says why, one per line."""

    kind = "bad-facts"
    code = ExitCode.BAD_FACTS

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the facts file")
        self.problems = problems
