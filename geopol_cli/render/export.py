"""The one output boundary: a command's result, written in the format chosen, safely, to stdout.

A command returns an :class:`Output` (its result and how to write it); the
entry point hands it to :func:`export` once the command has finished. The
format's writer comes from the registry (render/registry.py) — JSON is an
entry there like any other — and every byte leaves through the writers of
render/jsonout.py, which keep untrusted text harmless (JSON-safe escapes for
JSON, visible escapes for every text document). Messages for the person go
to stderr through :func:`say`. As gh's Exporter serves ``--json`` for every
command, this serves every format for every command.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

from geopol_cli.core.errors import ExitCode, UsageProblem
from geopol_cli.render.options import ViewOptions

# The caller's pager: a context yielding the width to draw for (None: the terminal's own).
Paging = Callable[[], AbstractContextManager[int | None]] | None


@dataclass(frozen=True)
class Output:
    """What a command returns: its result, how to write it, and the exit code once written."""

    result: Any
    format: str
    view: ViewOptions
    exit_code: int = ExitCode.OK
    fields: tuple[str, ...] = ()  # --fields: the JSON keys (or CSV, Markdown columns) to keep
    jq: Any = None  # --jq: a compiled program the JSON document goes through


# Set when the fact base a view reads holds no records at all: its one note has been said.
_EMPTY_BASE: list[str] = []


def forget_run() -> None:
    """What one run noted starts afresh with the next (tests run geopol many times in one process)."""
    _EMPTY_BASE.clear()


def note_empty_base(path: str) -> None:
    """Say, once, that the fact base is empty; the view then adds no note of its own, and draws no table."""
    if not _EMPTY_BASE:
        _EMPTY_BASE.append(path)
        say(f"geopol: {path} holds no records yet (geopol add source, actor, event and claim add them)")


def say(message: str) -> None:
    """A message for the user, on stderr, with any untrusted text in it made visible."""
    from geopol_cli.render.safe import visible

    sys.stderr.write("\n".join(visible(line) for line in message.split("\n")) + "\n")


def export(output: Output, page: Paging = None, colour: str = "auto") -> int:
    """Write a command's result on stdout in its format; return the command's exit code.

    ``page`` is the caller's pager (a context that yields the width to lay out for, or None for the
    terminal's), used only for what is drawn for a person; ``colour`` is --color.
    """
    from geopol_cli.render.registry import kind_of, renderer

    result, fmt = output.result, output.format
    view = type(result).__name__
    kind = kind_of(view, fmt)
    if kind not in ("json", "jsonl") or output.fields or output.jq is not None:
        from geopol_cli.query.stream import held

        result = held(result)  # only the JSON writers write a stream of records as it is made
    empty_note = getattr(result, "empty_note", None)
    note = empty_note() if empty_note is not None else None
    if _EMPTY_BASE:
        # An empty fact base has had its one note: a document for scripts is still printed, empty.
        if kind == "console":
            return output.exit_code
        note = None
    if note:
        # An empty result is not an error: say so on stderr. A table then
        # prints nothing; a document for scripts is still printed, empty.
        say(f"geopol: {note}")
        if kind == "console":
            return output.exit_code
    if output.jq is not None:
        _write_jq(output.jq, _select(view, result, output.fields) if output.fields else result)
    elif output.fields and kind == "rows":
        from geopol_cli.render.flat import select_columns, write_rows

        write_rows(fmt, select_columns(renderer(view, fmt)(result), output.fields))
    elif output.fields:
        from geopol_cli.render.jsonout import write_json, write_json_lines

        selected = _select(view, result, output.fields)
        (write_json if kind == "json" else write_json_lines)(selected)
    elif kind in ("json", "jsonl"):
        renderer(view, fmt)(result)  # JSON is a registry entry like the rest: it writes itself
    elif kind == "rows":
        from geopol_cli.render.flat import write_rows

        write_rows(fmt, renderer(view, fmt)(result))
    else:
        with page() if page is not None else nullcontext(None) as width:
            _draw(view, kind, fmt, result, output.view, width, colour)
    return output.exit_code


def _draw(view: str, kind: str, fmt: str, result: Any, options: ViewOptions, width: int | None, colour: str) -> None:
    """What is drawn for a person: on a console (rich), or as plain text; ``width`` when it goes to a pager."""
    from geopol_cli.render.registry import renderer

    if kind == "console":
        from geopol_cli.render.console import make_console

        renderer(view, fmt)(make_console(terminal_width=width, colour=colour), result, options)
    else:
        from geopol_cli.render.jsonout import write_text

        write_text(renderer(view, fmt)(result))


def _select(view: str, result: Any, fields: tuple[str, ...]) -> Any:
    """The result as plain JSON data with only ``fields`` kept (of each record, for a list view)."""
    import pydantic_core

    from geopol_cli.render.jsonout import document
    from geopol_cli.render.registry import list_shape

    def keep(record: dict[str, Any]) -> dict[str, Any]:
        return {name: record[name] for name in fields}

    shape = list_shape(view)
    if shape is None:
        return keep(pydantic_core.to_jsonable_python(result))
    if shape.bare:
        return [keep(r) for r in pydantic_core.to_jsonable_python(document(result))]
    data = pydantic_core.to_jsonable_python(result)
    for name in shape.lists:
        data[name] = [keep(r) for r in data[name]]
    return _Selected(data, shape.lists)


class _Selected(dict[str, Any]):
    """A selected object document that still knows which of its lists JSON Lines writes."""

    def __init__(self, data: dict[str, Any], lists: tuple[str, ...]) -> None:
        super().__init__(data)
        self.lists = lists


def _write_jq(program: Any, result: Any) -> None:
    """Each value the program yields on its own line, as it is yielded: text as it is (as gh does), else compact JSON.

    The program runs in a child process (where the system has fork): jq's C
    loop never returns to Python between values, so in this process Ctrl-C
    would wait for it (``last(range(1e10))`` ran for 46 minutes). Here the
    parent only reads what the child writes, so Ctrl-C ends both at once,
    and an endless program (``repeat(1)``) streams instead of piling up.
    """
    from geopol_cli.render.jsonout import to_json

    document = to_json(result)
    if not hasattr(os, "fork"):
        _stream_jq(program, document, _write_out)
        return
    values_read, values_written = os.pipe()
    errors_read, errors_written = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child process, whose coverage is not collected
        _jq_child(program, document, values_read, values_written, errors_read, errors_written)
    os.close(values_written)
    os.close(errors_written)
    try:
        while True:
            block = os.read(values_read, 1 << 16)
            if not block:
                break
            _write_out(block)
        problem = b""
        while True:
            block = os.read(errors_read, 1 << 16)
            if not block:
                break
            problem += block
        os.waitpid(child, 0)
        child = 0
    finally:
        if child:  # interrupted, or the output pipe closed: the program stops with this process
            _end_child(child)
        os.close(values_read)
        os.close(errors_read)
    if problem:
        raise UsageProblem(problem.decode("utf-8", errors="replace").strip(), "--jq")


def _jq_child(
    program: Any, document: str, values_read: int, values_written: int, errors_read: int, errors_written: int
) -> None:
    """The child's side of _write_jq: run the program, write each value to the pipe, then end without cleanup."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends the child at once, even inside jq's C loop
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    code = 0
    try:
        os.close(values_read)
        os.close(errors_read)

        def write(data: bytes) -> None:
            view = memoryview(data)
            while view:
                view = view[os.write(values_written, view) :]

        _stream_jq(program, document, write)
    except UsageProblem as problem:
        os.write(errors_written, problem.message.removeprefix("--jq: ").encode("utf-8", errors="replace"))
        code = 2
    except BaseException:  # noqa: BLE001 - the parent reports; the child must never run the parent's code
        code = 1
    os._exit(code)


def _end_child(child: int) -> None:
    import signal

    try:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
    except OSError:
        pass


def _stream_jq(program: Any, document: str, write: Any) -> None:
    """Run the program over the document, writing each value as one line as soon as it is yielded."""
    import json

    from geopol_cli.render.safe import json_safe, visible

    try:
        for value in program.input_text(document):
            line = (
                visible(value, most=None)
                if isinstance(value, str)
                else json_safe(json.dumps(value, ensure_ascii=False))
            )
            write((line + "\n").encode("utf-8", errors="replace"))
    except ValueError as error:  # a run-time jq error: the expression does not fit the document
        raise UsageProblem(str(error).strip(), "--jq") from None


def _write_out(data: bytes) -> None:
    from geopol_cli.render.jsonout import write_bytes, write_text

    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower()
    if encoding in ("utf-8", "utf8") and getattr(sys.stdout, "buffer", None) is not None:
        write_bytes(data)
    else:
        write_text(data.decode("utf-8"))
