"""The entry point: `geopol` runs :func:`main`, tests run :func:`run`.

This is the one place that decides every exit code and error message
(the codes are listed in geopol_cli/core/errors.py and the README):

* the command line is parsed and the command run by Typer in non-standalone
  mode, so that every failure comes back here as an exception;
* the command returns an Output, which is written here, after Typer has
  finished (a closed pipe or Ctrl-C while writing is handled here too);
* nothing else catches an error to turn it into a message or a code.

No traceback ever reaches a user: anything unforeseen is an internal error
(exit 70), shown with its traceback only when GEOPOL_DEBUG is set.
"""

from __future__ import annotations

import errno
import gc
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

# How much of an untrusted value (an argument, a name from a file) an error
# message echoes: enough to recognise it, never a screenful.
MAX_ECHO = 300


def main() -> None:
    # pydantic looks for plugins in every installed distribution's metadata the
    # first time it builds a validator; geopol uses none, and the scan costs
    # start-up time on every run. Only this process is affected, and a user
    # who sets the variable keeps their own value.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    sys.exit(run())


# ExitCode.BROKEN_PIPE, spelt here so that run() needs no import before its handlers are in place.
_BROKEN_PIPE = 141


def run(args: Sequence[str] | None = None) -> int:
    """Run one command line and return its exit code, having reported any failure on stderr."""
    # Everything from the first statement on is inside the handlers: a Ctrl-C that lands before the
    # first import still says "geopol: interrupted" and exits 130.
    argv = list(sys.argv[1:] if args is None else args)
    from geopol_cli.core.invocation import remember

    remember(argv)
    try:
        _replace_unencodable()
        code = _run(argv)
        if sys.stdout is not None:
            sys.stdout.flush()
        return code
    except KeyboardInterrupt:
        return _interrupted(argv)
    except SystemExit as exit_:  # Typer's completion options exit the process themselves
        return exit_.code if isinstance(exit_.code, int) else 0 if exit_.code is None else 1
    except BrokenPipeError:
        _silence_stdout()
        return _BROKEN_PIPE
    except Exception as error:  # noqa: BLE001 - every error becomes a message and a code, here and only here
        return _reported(argv, error)


def _reported(argv: Sequence[str], error: Exception) -> int:
    """Report an error on stderr (and as JSON for scripts that asked for JSON); return its exit code."""
    from geopol_cli.core.errors import ExitCode

    try:
        code, kind, message, problems = _report(error)
        if _wants_json(argv):
            _json_error(code, kind, message, problems)
        return code
    except (OSError, ValueError, AttributeError):  # stderr itself closed or full: nothing more can be said
        return ExitCode.BROKEN_PIPE if isinstance(error, BrokenPipeError) else ExitCode.SYSTEM


def _wants_json(argv: Sequence[str]) -> bool:
    """Whether the command line asks for JSON (--json, --format json, -f json, --format=json)."""
    for i, arg in enumerate(argv):
        if arg == "--":
            return False
        if arg == "--json" or arg in ("--format=json", "-fjson"):
            return True
        if arg in ("--format", "-f") and i + 1 < len(argv) and argv[i + 1] == "json":
            return True
    return False


def _json_error(code: int, kind: str, message: str, problems: list[Any]) -> None:
    """The failure as one JSON object on stderr, after the message: for scripts that asked for JSON."""
    from dataclasses import asdict

    from geopol_cli.render.safe import json_safe

    error: dict[str, Any] = {"code": int(code), "kind": kind, "message": message}
    if problems:
        error["problems"] = [asdict(p) for p in problems]
    sys.stderr.write(json_safe(json.dumps({"error": error}, ensure_ascii=False)) + "\n")


def _run(args: Sequence[str]) -> int:
    import typer

    from geopol_cli.cli import terminal
    from geopol_cli.cli.app import app, repeated_option
    from geopol_cli.cli.output import Output, start_run
    from geopol_cli.core.errors import ExitCode, UsageProblem
    from geopol_cli.render.export import export

    start_run()  # what one run decided (an empty fact base, --no-pager) starts afresh with each run
    args = global_options_first(args)
    # Building the click command tree costs ~35 ms: once per run, shared with the check below.
    command = typer.main.get_command(app)
    repeated = repeated_option(list(args), command)
    if repeated is not None:
        raise UsageProblem(
            "given more than once; it takes one value (--country, --kind and the like combine)", repeated
        )

    # A command loads the facts and builds its result: millions of objects on
    # a large file, none of them cyclic garbage. The cyclic collector would
    # rescan them again and again as they pile up (a third of a large load,
    # half of building a 100 000-event timeline), so it is paused while the
    # command runs, and what the command built is frozen out of its reach
    # afterwards (it lives until the process ends). Writing the output runs
    # with the collector on, so a long table's memory stays bounded.
    collecting = gc.isenabled()
    gc.disable()
    try:
        returned: Any = command.main(args=list(args), prog_name="geopol", standalone_mode=False)
    except typer.Abort:  # Ctrl-C or end of input, as Typer (or Click) reports it
        return _interrupted(args)
    finally:
        if collecting:
            gc.enable()
    gc.freeze()
    if isinstance(returned, Output):
        if sys.stdout is None:  # started with stdout closed (geopol timeline >&-)
            from geopol_cli.core.errors import SystemFailure

            raise SystemFailure("write", "standard output", OSError(errno.EBADF, "it is closed"))
        try:
            return export(returned, page=terminal.page, colour=terminal.colour)
        except BrokenPipeError:
            raise
        except OSError as error:
            # A full disk or /dev/full, an output file over `ulimit -f`: the system's refusal, not a bug.
            _silence_stdout()  # what is still buffered must not fail again, noisily, at exit
            from geopol_cli.core.errors import SystemFailure

            raise SystemFailure("write", "standard output", error) from None
    if returned == ExitCode.INTERRUPTED:
        # Typer turns Ctrl-C into an exit with 130 and says nothing: say it.
        return _interrupted(args)
    # --help, --version, completion: Typer returns their exit code (None or 0 for success).
    return int(returned or 0)


# geopol's own options that say how output looks, not what a command does: accepted anywhere before
# "--" (`geopol timeline --no-pager`), as gh and git accept theirs, by moving them to the front.
_GLOBAL_FLAGS = ("--no-pager",)
_GLOBAL_VALUED = ("--color",)


def global_options_first(args: Sequence[str]) -> list[str]:
    """The command line with --no-pager and --color (and its value) moved before the command."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        word = args[i]
        if word == "--":
            rest += args[i:]
            break
        if word in _GLOBAL_FLAGS or word.startswith(tuple(f"{o}=" for o in _GLOBAL_VALUED)):
            front.append(word)
        elif word in _GLOBAL_VALUED and i + 1 < len(args):
            front += [word, args[i + 1]]
            i += 1
        else:
            rest.append(word)
        i += 1
    return [*front, *rest]


def _report(error: Exception) -> tuple[int, str, str, list[Any]]:
    """Tell the user what went wrong, on stderr; return (exit code, kind, message, problems) for scripts."""
    from geopol_cli.core.errors import PROBLEMS_SHOWN, ExitCode, FactsError, GeopolError

    if isinstance(error, FactsError):
        shown = [str(p) for p in error.problems[:PROBLEMS_SHOWN]]
        hidden = len(error.problems) - len(shown)
        if hidden:
            shown.append(
                f"... and {hidden} more problems ({len(error.problems)} in all; geopol validate lists every one)"
            )
        _say("\n".join(shown))
        return (
            error.code,
            error.kind,
            f"the facts file cannot be used: {len(error.problems)} problem(s)",
            error.problems,
        )
    if isinstance(error, OSError):
        # The operating system refused something no layer below named (every reader and writer of
        # facts and texts does): still its refusal, with the file it names, not a bug in geopol.
        from geopol_cli.core.errors import SystemFailure

        error = SystemFailure("read or write", error.filename or "a file", error)
    if isinstance(error, GeopolError):
        message = _cut(error.message)
        _say(f"geopol: {message}")
        return error.code, error.kind, message, []
    if _is_usage_error(error):
        # Typer's (Click's) own errors: a bad option, a missing argument, a
        # BadParameter raised by a command. Told in geopol's one-line form,
        # "geopol: --option: what is wrong (see geopol COMMAND --help)", as
        # geopol's own usage problems are.
        ctx = getattr(error, "ctx", None)
        param = getattr(error, "param", None)
        opts = getattr(param, "opts", None) or []
        own = getattr(error, "message", None)
        if opts and isinstance(own, str) and type(error).__name__ == "BadParameter":
            own = own.removeprefix("Value error, ").rstrip(".")
            message = f"{opts[0]}: {own}{_did_you_mean(own)}"
        else:
            message = error.format_message()  # type: ignore[attr-defined]
        # Typer 0.26 and later check option types with pydantic, whose messages start so.
        message = _cut(message.replace("Value error, ", ""))
        if ctx is not None:
            message += f" (see {ctx.command_path} --help)"
        _say(f"geopol: {message}")
        code: int = getattr(error, "exit_code", ExitCode.USAGE)
        return code, "usage", message, []
    if os.environ.get("GEOPOL_DEBUG"):
        raise error  # for geopol's developers: the traceback, on request
    message = f"internal error ({type(error).__name__}: {_cut(str(error))})"
    _say(
        f"geopol: {message}.\n"
        "This is a bug in geopol; please report it with the command you ran (GEOPOL_DEBUG=1 shows the traceback)."
    )
    return ExitCode.INTERNAL, "internal", message, []


def _did_you_mean(message: str) -> str:
    """'; did you mean 'military'?' when Click (or Typer) says a value "is not one of" a list close to it."""
    import re
    from difflib import get_close_matches

    given, _, allowed = message.partition(" is not one of ")
    if not allowed:
        return ""
    close = get_close_matches(given.strip("'"), re.findall(r"'([^']*)'", allowed), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def _is_usage_error(error: Exception) -> bool:
    # Typer's usage errors are Click's (vendored in Typer 0.26 and later, a
    # separate package before); both kinds carry these two public attributes,
    # which is how they are told apart without importing either's private path.
    return isinstance(getattr(error, "exit_code", None), int) and callable(getattr(error, "format_message", None))


def _interrupted(argv: Sequence[str]) -> int:
    from geopol_cli.core.errors import ExitCode

    try:
        sys.stderr.write("\ngeopol: interrupted\n")
        if _wants_json(argv):
            _json_error(ExitCode.INTERRUPTED, "interrupted", "interrupted", [])
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    return ExitCode.INTERRUPTED


def _cut(message: str) -> str:
    """An error message of a readable length: a 100 000-character argument is not echoed whole."""
    cut = [
        line if len(line) <= MAX_ECHO else f"{line[:MAX_ECHO]}… ({len(line)} characters)"
        for line in message.split("\n")
    ]
    return "\n".join(cut)


def _say(message: str) -> None:
    from geopol_cli.render.export import say

    say(message)


def _silence_stdout() -> None:
    # After EPIPE, Python would try (and fail, noisily) to flush stdout again at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _replace_unencodable() -> None:
    """A terminal that cannot show a character (PYTHONIOENCODING=ascii, a legacy code page) gets '?', not a crash."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower()
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and "utf" not in encoding:
            reconfigure(errors="replace")


if __name__ == "__main__":
    main()
