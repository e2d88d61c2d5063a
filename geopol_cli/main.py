"""The console-script entry point: `geopol` runs :func:`main`.

Everything that can go wrong at the edge of the process is handled here, so
that no traceback ever reaches a user: Ctrl-C at any moment (start-up
included, which is why the CLI is imported inside the ``try``), and a reader
that closes the pipe early (``geopol timeline | head -1``).
"""

from __future__ import annotations

import os
import sys


def silence_stdout() -> None:
    # After EPIPE, Python would try (and fail, noisily) to flush stdout again at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main() -> None:
    # pydantic looks for plugins in every installed distribution's metadata the
    # first time it builds a validator; geopol uses none, and the scan costs
    # start-up time on every run. Only this process is affected, and a user
    # who sets the variable keeps their own value.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from geopol_cli.errors import ExitCode

    try:
        from geopol_cli.cli import run

        code = run()
        sys.stdout.flush()
    except KeyboardInterrupt:
        sys.stderr.write("\ngeopol: interrupted\n")
        code = ExitCode.INTERRUPTED
    except BrokenPipeError:
        silence_stdout()
        code = ExitCode.BROKEN_PIPE
    except Exception as error:  # a broken install or a bug outside any command: still no traceback
        if os.environ.get("GEOPOL_DEBUG"):
            raise
        sys.stderr.write(f"geopol: internal error ({type(error).__name__}: {error}). Please report it.\n")
        code = ExitCode.INTERNAL
    sys.exit(int(code))


if __name__ == "__main__":
    main()
