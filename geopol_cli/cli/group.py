"""The command group that turns every failure into a message and an exit code.

Typer's own ``main`` would print usage errors as rich panels, turn Ctrl-C
into "Aborted!" and a broken pipe into exit 1. Overriding ``main`` here puts
one error contract (errors.py) in force for the real process and for tests
through Typer's CliRunner alike, since both call this method.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

from typer import Abort, Exit
from typer._click import Context
from typer._click.exceptions import ClickException, UsageError
from typer.core import TyperCommand, TyperGroup

from geopol_cli.errors import ExitCode, FactsError, GeopolError
from geopol_cli.render.safe import visible

MAX_PROBLEMS_SHOWN = 20


def say(message: str) -> None:
    """A message for the user, on stderr, with any untrusted text in it made visible."""
    sys.stderr.write("\n".join(visible(line) for line in message.split("\n")) + "\n")


def report_problems(error: FactsError) -> None:
    """The first problems of a bad facts file, one per line, then how many more."""
    lines = [str(p) for p in error.problems[:MAX_PROBLEMS_SHOWN]]
    hidden = len(error.problems) - len(lines)
    if hidden:
        lines.append(f"... and {hidden} more problems ({len(error.problems)} in all; geopol validate lists every one)")
    say("\n".join(lines))


def _usage_error(error: UsageError) -> int:
    if type(error).__name__ == "NoArgsIsHelpError":
        error.show()  # `geopol` alone: the help, as a usage error
        return ExitCode.USAGE
    if error.ctx is not None:
        say(error.ctx.get_usage())
        say(f"Try '{error.ctx.command_path} --help' for help.\n")
    say(f"Error: {error.format_message()}")
    return ExitCode.USAGE


def _replace_unencodable() -> None:
    """A terminal that cannot show a character (PYTHONIOENCODING=ascii, a legacy code page) gets '?', not a crash."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower()
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and "utf" not in encoding:
            reconfigure(errors="replace")


def _pass_through(param: Any) -> None:
    """Let a text or flag parameter through as the plain value the shell gave.

    Typer (0.2x) builds a pydantic TypeAdapter for every parameter of a
    command on every run, even one left at its default; for geopol, whose
    options are all text (checked by the commands themselves) or flags, that
    is pure start-up cost (about 40 ms of 260). Where Typer has that mechanism,
    give such a parameter a coercion that returns the value unchanged;
    elsewhere there is nothing to do.
    """
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or getattr(param, "_runtime_param", "absent") is not None:
        return
    if descriptor.annotation in (str, bool, list[str]):
        param._runtime_param = _PassThrough(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation)


try:
    from typer._coercion import RuntimeParam

    class _PassThrough(RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            return list(value) if isinstance(value, tuple) else value

except ImportError:  # an older Typer: no per-run adapters to avoid
    pass


class _PassThroughParams:
    """Mixed into geopol's command classes: every parameter, --help included, skips Typer's adapters."""

    params: list[Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            _pass_through(param)

    def get_help_option(self, ctx: Context) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            _pass_through(option)
        return option


class GeopolCommand(_PassThroughParams, TyperCommand):
    pass


class _OutputClosed(Exception):
    """Stdout's reader went away. Not an OSError, so Typer's own EPIPE handling (exit 1) lets it through."""


class GeopolGroup(_PassThroughParams, TyperGroup):
    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise _OutputClosed from None

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code = self.run(args, prog_name or "geopol", complete_var, **extra)
        if standalone_mode:
            sys.exit(code)
        return code

    def run(self, args: Sequence[str] | None, prog_name: str, complete_var: str | None, **extra: Any) -> int:
        """Run one command line; return its exit code, having reported any failure."""
        _replace_unencodable()
        try:
            result = super().main(
                args=args, prog_name=prog_name, complete_var=complete_var, standalone_mode=False, **extra
            )
            sys.stdout.flush()
            return int(result) if isinstance(result, int) else int(ExitCode.OK)
        except FactsError as error:
            report_problems(error)
            return ExitCode.BAD_FACTS
        except GeopolError as error:
            say(f"geopol: {error.message}")
            return error.code
        except UsageError as error:
            return _usage_error(error)
        except ClickException as error:
            say(f"Error: {error.format_message()}")
            return error.exit_code
        except Exit as exit_:
            return exit_.exit_code
        except (KeyboardInterrupt, Abort):
            say("\ngeopol: interrupted")
            return ExitCode.INTERRUPTED
        except (BrokenPipeError, _OutputClosed):
            from geopol_cli.main import silence_stdout

            silence_stdout()
            return ExitCode.BROKEN_PIPE
        except Exception as error:  # the last line of defence: never a traceback
            if os.environ.get("GEOPOL_DEBUG"):
                raise  # for geopol's developers: the traceback, on request
            say(
                f"geopol: internal error ({type(error).__name__}: {str(error)[:500]}).\n"
                "This is a bug in geopol; please report it with the command you ran."
            )
            return ExitCode.INTERNAL
