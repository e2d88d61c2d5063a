"""The exporter: every command's result goes out through here, in the format asked for.

As gh's Exporter serves ``--json`` for every command, this module serves
``--json``, ``--format`` and the empty-result note for every command. A
command checks the output options first (:func:`choose`, before any facts are
read), then returns ``choice.of(result)``; the entry point hands that to
:func:`export` once the command has finished, outside Typer, so that writing
the output is covered by the one error handler of geopol_cli.main.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from geopol_cli.cli.context import Session, session
from geopol_cli.core.errors import ExitCode, UsageProblem
from geopol_cli.render.export import Output, forget_run, say
from geopol_cli.render.options import ViewOptions

if TYPE_CHECKING:
    from geopol_cli.facts.load import Facts
    from geopol_cli.facts.store import Needs

_Command = TypeVar("_Command", bound=Callable[..., Any])

__all__ = [
    "Listing",
    "Output",
    "OutputChoice",
    "ViewRequest",
    "choose",
    "say",
    "start_run",
    "view_options",
]


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

        from geopol_cli.query.stream import Stream
        from geopol_cli.render.registry import list_shape

        shape = list_shape(type(result).__name__)
        changes = {}
        for name in shape.lists if shape is not None else ():
            listed = getattr(result, name)
            records = list(listed.held() if isinstance(listed, Stream) else listed)
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


def start_run() -> None:
    """Forget what an earlier run in this process decided (tests run geopol many times in one process)."""
    from geopol_cli.cli import terminal

    forget_run()
    terminal.enable()


@dataclass(frozen=True)
class ViewRequest:
    """What a view's shared options asked for, handed to the command in one piece by :func:`view_options`."""

    view: str  # the command's result type (render/registry.py)
    session: Session
    facts: str | None = None  # the command's own --facts
    as_json: bool = False
    format: str | None = None
    fields: str | None = None
    jq: str | None = None
    limit: int | None = None
    sort: str | None = None
    reverse: bool = False
    excerpts: bool = False

    @property
    def listing(self) -> Listing:
        return Listing(limit=self.limit, sort=self.sort, reverse=self.reverse)

    def choose(self, fmt: str | None = None) -> OutputChoice:
        """The checked output choice; ``fmt`` stands for --format when a command's own flag picks one (--chart)."""
        return choose(
            self.view,
            self.as_json,
            fmt or self.format,
            excerpts=self.excerpts,
            listing=self.listing,
            fields=self.fields,
            jq=self.jq,
        )

    def load(self, *given: str | None, need: Needs | None = None) -> Facts:
        """The facts this view reads (a PATH argument first, if the command has one, then the precedence);
        ``need``: what of them the view shows, so that a large base's index answers (facts/store.py)."""
        return self.session.load(*given, self.facts, need=need)


def view_options(view: str, *, lists: bool = False, excerpts: bool = False) -> Callable[[_Command], _Command]:
    """Give a view command its shared options in one line, as gh's AddJSONFlags does.

    The decorated command declares ``request: ViewRequest`` instead of the options: --facts, --json,
    --format, --fields and --jq; with ``lists``, --limit, --sort and --reverse; with ``excerpts``,
    --excerpts. Their formats, fields and sort keys come from the registry entry of ``view``.
    """
    import functools
    import inspect

    from geopol_cli.cli import options

    shared: dict[str, Any] = {
        "facts_path": options.FactsOption,  # the name completion looks for (cli/complete.py)
        "as_json": options.JsonOption,
        "format": Annotated[str | None, options.format_option(view)],
        "fields": Annotated[str | None, options.fields_option(view)],
        "jq": options.JqOption,
    }
    if lists:
        shared |= {
            "limit": options.LimitOption,
            "sort": Annotated[str | None, options.sort_option(view)],
            "reverse": options.ReverseOption,
        }
    if excerpts:
        shared["excerpts"] = options.ExcerptsOption
    defaults = {name: False if name in ("as_json", "reverse", "excerpts") else None for name in shared}

    def decorate(command: _Command) -> _Command:
        own = inspect.signature(command, eval_str=True)
        kept = [p for p in own.parameters.values() if p.name != "request"]
        added = [
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=defaults[name], annotation=annotation)
            for name, annotation in shared.items()
        ]

        @functools.wraps(command)
        def run(**given: Any) -> Any:
            asked = {name: given.pop(name) for name in shared}
            asked["facts"] = asked.pop("facts_path")
            request = ViewRequest(view, session(given.get("ctx")), **asked)
            return command(request=request, **given)

        signature = own.replace(parameters=[*kept, *added])
        run.__signature__ = signature  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in signature.parameters.values()}
        run.view = view  # type: ignore[attr-defined]  # for tests: which result type the command returns
        return run  # type: ignore[return-value]

    return decorate


def say_warnings(warnings: Any) -> None:
    """What the whole-base check warns of in a change just made, on stderr (as validate words them)."""
    for warning in warnings:
        say(f"geopol: warning: {warning.path}: {warning.message}")
