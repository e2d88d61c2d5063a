"""What a person at a terminal asked for: a pager, and colour (--no-pager, --color).

The pager, for output taller than the terminal, as git and gh have it.

Only when stdout is a terminal, and only for what is drawn for a person
(tables, the chart, the tree, the validation report); never for JSON, CSV or
anything piped. The pager is $GEOPOL_PAGER, else $PAGER, else `less -FRX`
(-F quits at once when the output fits on one screen, -R passes colours,
-X leaves it on the screen afterwards). An empty value or `cat` means none,
and so does `geopol --no-pager`. If the pager program cannot be found, the
output goes to the terminal as it would without one.
"""

from __future__ import annotations

import io
import os
import shlex
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress

DEFAULT = "less -FRX"
_enabled = True
# --color: "auto" follows rich's rules (a terminal, NO_COLOR, FORCE_COLOR); "always" and "never" decide.
colour = "auto"


def enable() -> None:
    """The default, at the start of every run: page when the output is taller than a terminal."""
    global _enabled
    _enabled = True


def disable() -> None:
    """`geopol --no-pager`: for this run, write straight to the terminal."""
    global _enabled
    _enabled = False


def pager() -> list[str] | None:
    """The pager to run, split into words, or None for none."""
    if not _enabled or not sys.stdout.isatty():
        return None
    chosen = os.environ.get("GEOPOL_PAGER")
    if chosen is None:
        chosen = os.environ.get("PAGER", DEFAULT)
    variable = "GEOPOL_PAGER" if os.environ.get("GEOPOL_PAGER") is not None else "PAGER"
    try:
        words = shlex.split(chosen)
    except ValueError as error:
        _warn(f"${variable} cannot be split into words ({error}); writing without a pager")
        return None
    if not words or words[0] == "cat" or shutil.which(words[0]) is None:
        return None
    return words


def _warn(message: str) -> None:
    from geopol_cli.cli.output import say

    say(f"geopol: warning: {message}")


@contextmanager
def page() -> Iterator[int | None]:
    """The pager for what is drawn for a person, if one is wanted: yields the width to draw for, or None."""
    words = pager()
    if words is None:
        yield None
        return
    with paged(words) as width:
        yield width


@contextmanager
def paged(words: list[str]) -> Iterator[int]:
    """Run the pager and point sys.stdout at it; yields the terminal's width for the output.

    The reader may quit the pager before everything is written: that is the
    end of the output, not an error. While the pager runs, Ctrl-C belongs to
    it (less uses it to stop a search), so this process ignores it, as git
    does; quitting the pager ends the run.
    """
    width = shutil.get_terminal_size().columns
    environment = {**os.environ, "LESS": os.environ.get("LESS", "FRX"), "LV": os.environ.get("LV", "-c")}
    try:
        process = subprocess.Popen(words, stdin=subprocess.PIPE, env=environment)
    except (OSError, ValueError) as error:
        # Found on the PATH but not runnable (no permission, a bad interpreter line): no pager, and say why.
        _warn(f"the pager {words[0]!r} cannot be run ({getattr(error, 'strerror', None) or error}); writing without it")
        yield width
        return
    assert process.stdin is not None
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    terminal = sys.stdout
    sys.stdout = io.TextIOWrapper(process.stdin, encoding="utf-8", errors="replace")
    try:
        yield width
    except BrokenPipeError:
        pass  # the reader quit the pager early
    finally:
        with suppress(BrokenPipeError):
            sys.stdout.close()
        sys.stdout = terminal
        process.wait()
        signal.signal(signal.SIGINT, previous)
