"""The exporter: every command's result goes out through here, in the format asked for.

As gh's Exporter serves ``--json`` for every command, this module serves
``--json``, ``--format`` and the empty-result note for every command. A
command checks the output options first (:func:`choose`, before any facts are
read), then returns ``choice.of(result)``; the entry point hands that to
:func:`export` once the command has finished, outside Typer, so that writing
the output is covered by the one error handler of geopol_cli.main.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Any

from geopol_cli.core.errors import ExitCode, UsageProblem
from geopol_cli.render.options import ViewOptions


@dataclass(frozen=True)
class Listing:
    """How a list view's records are cut and ordered before they are written: --limit, --sort, --reverse."""

    limit: int | None = None
    sort: str | None = None
    reverse: bool = False

    def apply(self, result: Any) -> Any:
        """The result with each of its lists sorted (stably, missing values last), reversed, then cut."""
        if self == Listing():
            return result
        from dataclasses import replace

        from geopol_cli.render.registry import LISTS

        changes = {}
        for name in LISTS[type(result).__name__][0]:
            records = list(getattr(result, name))
            if self.sort is not None:
                # An open start ("even before the war") is the earliest of dates, so it sorts first;
                # any other missing value sorts last.
                first = (type(result).__name__, self.sort) in _OPEN_FIRST
                records.sort(key=lambda record: _sort_key(getattr(record, str(self.sort)), first))
            if self.reverse:
                records.reverse()
            changes[name] = records if self.limit is None else records[: self.limit]
        return replace(result, **changes)


# (result type, field) whose missing value means "earliest": an event's open start.
_OPEN_FIRST = {("Timeline", "date")}


def _sort_key(value: Any, missing_first: bool = False) -> tuple[bool, Any]:
    # Missing values last (or first); text compared without case, as a reader expects.
    missing = value is None
    return (missing != missing_first, value.casefold() if isinstance(value, str) else value if not missing else 0)


@dataclass(frozen=True)
class OutputChoice:
    """A checked choice of format and view options, before the result exists."""

    format: str
    view: ViewOptions = field(default_factory=ViewOptions)
    listing: Listing = field(default_factory=Listing)
    fields: tuple[str, ...] = ()
    jq: Any = None  # a compiled --jq program

    def of(self, result: Any, exit_code: int = ExitCode.OK) -> Output:
        shaped = self.listing.apply(result)
        return Output(
            result=shaped, format=self.format, view=self.view, exit_code=exit_code, fields=self.fields, jq=self.jq
        )


@dataclass(frozen=True)
class Output:
    """What a command returns: its result, how to write it, and the exit code once written."""

    result: Any
    format: str
    view: ViewOptions
    exit_code: int = ExitCode.OK
    fields: tuple[str, ...] = ()  # --fields: the JSON keys to keep
    jq: Any = None  # --jq: a compiled program the JSON document goes through


def choose(
    view: str,
    as_json: bool,
    fmt: str | None,
    *,
    excerpts: bool = False,
    listing: Listing | None = None,
    fields: str | None = None,
    jq: str | None = None,
) -> OutputChoice:
    """The format asked for (--json is --format json; the two must agree), checked against the result type.

    ``view`` names the command's result type (render/registry.py).
    """
    from geopol_cli.render.registry import formats_for

    if as_json and fmt not in (None, "json"):
        raise UsageProblem(f"--json asks for json but --format asks for {fmt}; give one", "--format")
    if jq is not None and fmt not in (None, "json"):
        raise UsageProblem(f"--jq filters the JSON document; it does not go with --format {fmt}", "--jq")
    chosen = "json" if as_json or jq is not None or (fields and fmt is None) else fmt or "table"
    selected = _fields(view, fields, chosen) if fields is not None else ()
    if chosen not in formats_for(view):
        raise UsageProblem(f"{chosen!r} is not a format of this command", "--format")
    listing = listing or Listing()
    if listing.sort is not None:
        from geopol_cli.core.vocabulary import describe
        from geopol_cli.render.registry import sort_fields

        sortable = sort_fields(view)
        if listing.sort not in sortable:
            raise UsageProblem(f"{listing.sort!r} is not a field to sort by; use {describe(sortable)}", "--sort")
    program = _compile_jq(jq) if jq is not None else None
    return OutputChoice(
        format=chosen, view=ViewOptions(excerpts=excerpts), listing=listing, fields=selected, jq=program
    )


def _compile_jq(expression: str) -> Any:
    """The --jq program, compiled now: a missing binding or a syntax error is a usage error before any work."""
    try:
        import jq  # the optional extra: pip install jq (or '.[jq]' from a source checkout)
    except ImportError:
        raise UsageProblem(
            "needs the jq binding, which is optional: pip install jq into geopol's environment (from a source "
            "checkout, pip install '.[jq]'), or pipe --json into jq",
            "--jq",
        ) from None
    try:
        return jq.compile(expression)
    except ValueError as error:
        raise UsageProblem(str(error).strip(), "--jq") from None


_FIELD_FORMATS = ("json", "jsonl", "csv", "markdown")


def _fields(view: str, fields: str, chosen: str) -> tuple[str, ...]:
    """The fields --fields names, checked: known, and for a JSON format or a flat table (CSV, Markdown)."""
    from geopol_cli.core.vocabulary import describe
    from geopol_cli.render.registry import field_names, kind_of

    # Markdown of a list view is a flat table; of a profile or a citation it is a document, with no columns.
    if chosen not in _FIELD_FORMATS or kind_of(view, chosen) not in ("json", "jsonl", "rows"):
        what = f"not {chosen}" if chosen not in _FIELD_FORMATS else f"not this command's {chosen}, a document"
        raise UsageProblem(
            f"--fields selects keys (JSON) or columns (CSV, Markdown tables): it goes with "
            f"{', '.join(_FIELD_FORMATS)}, {what}"
        )
    known = field_names(view)
    wanted = tuple(dict.fromkeys(f.strip() for f in fields.split(",") if f.strip()))
    unknown = [f for f in wanted if f not in known]
    if unknown or not wanted:
        raise UsageProblem(
            f"unknown field {', '.join(map(repr, unknown)) or '(none given)'}; use {describe(known)}", "--fields"
        )
    return wanted


# Set when the fact base a view reads holds no records at all: its one note has been said.
_EMPTY_BASE: list[str] = []


def start_run() -> None:
    """Forget what an earlier run in this process decided (tests run geopol many times in one process)."""
    from geopol_cli.cli import terminal

    _EMPTY_BASE.clear()
    terminal.enable()


def empty_fact_base(path: str) -> None:
    """Say, once, that the fact base is empty; the view then adds no note of its own, and draws no table."""
    if not _EMPTY_BASE:
        _EMPTY_BASE.append(path)
        say(f"geopol: {path} holds no records yet (geopol add source, actor, event and claim add them)")


def say(message: str) -> None:
    """A message for the user, on stderr, with any untrusted text in it made visible."""
    from geopol_cli.render.safe import visible

    sys.stderr.write("\n".join(visible(line) for line in message.split("\n")) + "\n")


def export(output: Output) -> int:
    """Write a command's result on stdout in its format; return the command's exit code."""
    from geopol_cli.render.registry import kind_of, renderer

    result, fmt = output.result, output.format
    view = type(result).__name__
    kind = kind_of(view, fmt)
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
    elif kind == "json":
        from geopol_cli.render.jsonout import write_json

        write_json(result)
    elif kind == "jsonl":
        renderer(view, fmt)(result)
    elif kind == "rows":
        from geopol_cli.render.flat import write_rows

        write_rows(fmt, renderer(view, fmt)(result))
    else:
        from geopol_cli.cli import terminal

        words = terminal.pager()
        if words is None:
            _draw(view, kind, fmt, result, output.view, None)
        else:
            with terminal.paged(words) as width:
                _draw(view, kind, fmt, result, output.view, width)
    return output.exit_code


def _draw(view: str, kind: str, fmt: str, result: Any, options: ViewOptions, width: int | None) -> None:
    """What is drawn for a person: on a console (rich), or as plain text; ``width`` when it goes to a pager."""
    from geopol_cli.render.registry import renderer

    if kind == "console":
        from geopol_cli.cli import terminal
        from geopol_cli.render.console import make_console

        renderer(view, fmt)(make_console(terminal_width=width, colour=terminal.colour), result, options)
    else:
        from geopol_cli.render.jsonout import write_text

        write_text(renderer(view, fmt)(result))


def _select(view: str, result: Any, fields: tuple[str, ...]) -> Any:
    """The result as plain JSON data with only ``fields`` kept (of each record, for a list view)."""
    import pydantic_core

    from geopol_cli.render.jsonout import document
    from geopol_cli.render.registry import LISTS

    def keep(record: dict[str, Any]) -> dict[str, Any]:
        return {name: record[name] for name in fields}

    if view not in LISTS:
        return keep(pydantic_core.to_jsonable_python(result))
    lists = LISTS[view][0]
    if getattr(type(result), "json_root", None):
        return [keep(r) for r in pydantic_core.to_jsonable_python(document(result))]
    data = pydantic_core.to_jsonable_python(result)
    for name in lists:
        data[name] = [keep(r) for r in data[name]]
    return _Selected(data, lists)


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
