"""`geopol edit KIND ID`: change any field of a record, its options made from the record's model.

Each field of the kind's model (facts/fields.py) is an option: a text or a
choice is ``--NAME VALUE`` (an empty value clears an optional field), a flag
``--NAME/--no-NAME``, a list ``--add-NAME`` and ``--remove-NAME`` (repeatable)
or ``--NAME`` to give the whole list. An event's or claim's citation or
dispute is chosen by its position (``--citation 2``, ``--dispute 1``; the
first by default) and changed with ``--citation-FIELD`` or
``--dispute-FIELD``; ``--remove-citation N`` and ``--remove-dispute N``
take one out. On a terminal with no option, each field is asked with its
current value as the default. A field added to a model appears here with no
other change.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from geopol_cli.cli.complete import complete_any_record
from geopol_cli.cli.options import DryRunOption, FactsOption, JsonOption, required_argument
from geopol_cli.cli.output import Output, choose, say_warnings
from geopol_cli.core.errors import UsageProblem
from geopol_cli.core.vocabulary import EDITABLE_KINDS

if TYPE_CHECKING:
    from geopol_cli.facts.fields import FieldSpec


class _KindCommands(TyperGroup):
    """`edit`'s commands, one per kind, built only when one is asked for: building them reads the models
    (pydantic), which no other command's start-up should pay for."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(EDITABLE_KINDS)

    def get_command(self, ctx: Any, name: str) -> Any:
        if name not in EDITABLE_KINDS:
            return None
        from geopol_cli.cli.options import single_command

        return single_command(name, _command_for(name), f"Change {_a(name)}.")


def _a(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


edit_app = typer.Typer(
    cls=_KindCommands,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@edit_app.callback()
def edit_group() -> None:
    """Change a record already in the fact base: any field, checked against the whole base before it is
    written, and journaled (geopol undo takes it back).

    \b
    Examples:
      geopol edit event ru-blocks-kz-oil-novorossiysk --facts my-facts.json --add-target armenia --dry-run
      geopol edit actor kazakhstan --facts my-facts.json --add-alias 'Kazakh Republic'
    """


# A list field's one item, in the option names (--add-actor, --remove-alias).
_SINGULAR = {
    "actors": "actor",
    "targets": "target",
    "aliases": "alias",
    "people": "person",
    "answers": "answer",
    "follows": "follow",
    "events": "event",
    "sources": "source",
}
_STAKES = (("beneficiaries", "beneficiary"), ("losers", "loser"))


def singular(name: str) -> str:
    return _SINGULAR.get(name, name)


def _param(name: str, annotation: Any, default: Any) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)


def _options_for(spec: FieldSpec, prefix: str = "") -> list[inspect.Parameter]:
    """The options of one field, from its description: its help, its vocabulary, its shape."""
    key = f"{prefix}{spec.name}"
    option = f"--{prefix.replace('_', '-')}{spec.name.replace('_', '-')}"
    help_text = spec.description + (f" One of: {', '.join(spec.choices)}." if spec.choices else "")
    if spec.shape == "flag":
        return [_param(key, Annotated[bool | None, typer.Option(f"{option}/--no-{option[2:]}", help=help_text)], None)]
    if spec.shape == "list":
        one = singular(spec.name)
        dashed = prefix.replace("_", "-")
        return [
            _param(
                key,
                Annotated[
                    list[str] | None, typer.Option(option, metavar="VALUE", help=f"{help_text} (the whole list)")
                ],
                None,
            ),
            _param(
                f"add_{key}",
                Annotated[
                    list[str] | None,
                    typer.Option(f"--add-{dashed}{one}", metavar="VALUE", help=f"Add to {spec.name}."),
                ],
                None,
            ),
            _param(
                f"remove_{key}",
                Annotated[
                    list[str] | None,
                    typer.Option(f"--remove-{dashed}{one}", metavar="VALUE", help=f"Take out of {spec.name}."),
                ],
                None,
            ),
        ]
    metavar = "WORDS" if spec.shape == "date" else spec.name.upper() if spec.choices else "TEXT"
    if spec.shape == "date":
        help_text = (
            "The date in the source's words ('in October', 'last week', '2022-10-05'), resolved against the "
            "source's date; the inference is kept."
        )
    complete = _completer(spec.choices) if spec.choices else None
    return [
        _param(
            key,
            Annotated[str | None, typer.Option(option, metavar=metavar, help=help_text, autocompletion=complete)],
            None,
        )
    ]


def _completer(choices: tuple[str, ...]) -> Callable[[str], list[str]]:
    def complete(incomplete: str) -> list[str]:
        return [choice for choice in choices if choice.startswith(incomplete)]

    return complete


def _command_for(kind: str) -> Callable[..., Output]:
    from geopol_cli.facts.fields import KINDS, PARTS, fields_of

    model, _ = KINDS[kind]
    specs = fields_of(model)
    params = [
        inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context),
        inspect.Parameter(
            "record_id",
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            annotation=Annotated[
                str, typer.Argument(metavar="ID", help=f"The {kind} to change.", autocompletion=complete_any_record)
            ],
        ),
    ]
    for spec in specs:
        params += _options_for(spec)
    cited = kind in ("event", "claim")
    if kind == "event":
        params.append(
            _param(
                "date_text",
                Annotated[
                    str | None,
                    typer.Option(
                        "--date-text",
                        metavar="WORDS",
                        help="The source's own words for the date, kept beside an ISO date (--date 2022-10-05 "
                        "--date-text 'on Wednesday').",
                    ),
                ],
                None,
            )
        )
    if cited:
        # A citation or a dispute of the record, chosen by its position, and changed field by field.
        for part in PARTS:
            params.append(
                _param(
                    part,
                    Annotated[
                        int,
                        typer.Option(f"--{part}", metavar="N", help=f"Which {part} --{part}-* change (1: the first)."),
                    ],
                    1,
                )
            )
            for spec in fields_of(PARTS[part]):
                params += _options_for(spec, prefix=f"{part}_")
        for part in ("citation", "dispute"):
            params.append(
                _param(
                    f"remove_{part}",
                    Annotated[
                        int | None,
                        typer.Option(f"--remove-{part}", metavar="N", help=f"Take out the record's {part} number N."),
                    ],
                    None,
                )
            )
        for name, one in _STAKES:
            params.append(
                _param(
                    f"add_{name}",
                    Annotated[
                        list[str] | None,
                        typer.Option(
                            f"--add-{one}",
                            metavar="ACTOR:BASIS:WHAT",
                            help=f"Add a {one} (basis: stated or counterpart).",
                        ),
                    ],
                    None,
                )
            )
            params.append(
                _param(
                    f"remove_{name}",
                    Annotated[
                        list[str] | None, typer.Option(f"--remove-{one}", metavar="ACTOR", help=f"Take out a {one}.")
                    ],
                    None,
                )
            )
    params += [
        _param("dry_run", DryRunOption, False),
        _param("facts_path", FactsOption, None),
        _param("as_json", JsonOption, False),
    ]

    def run(**given: Any) -> Output:
        from geopol_cli.cli.context import session
        from geopol_cli.edit.change import edit_record

        ctx = given.pop("ctx")
        record_id = required_argument(given.pop("record_id"), "ID", f"edit {kind}")
        dry_run, facts_option, as_json = given.pop("dry_run"), given.pop("facts_path"), given.pop("as_json")
        out = choose("ChangeReport", as_json, None)
        chosen = session(ctx).to_write(facts_option, command="edit")
        if not any(value not in (None, [], ()) for name, value in given.items() if name not in PARTS):
            given = _asked(kind, chosen.path, record_id, chosen.origin) if _interactive() else given
            if not any(value not in (None, [], ()) for name, value in given.items() if name not in PARTS):
                raise UsageProblem(f"say what to change: geopol edit {kind} --help lists the options")
        update = update_for(kind, given)
        report = edit_record(chosen.path, kind, record_id, update, dry_run=dry_run, origin=chosen.origin)
        say_warnings(report.warnings)
        return out.of(report)

    run.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in params}
    examples = {
        "event": "geopol edit event kz-defense-ties-turkey --facts my-facts.json --summary 'A corrected summary.'",
        "actor": "geopol edit actor kazakhstan --facts my-facts.json --add-alias 'Kazakh Republic'",
        "source": "geopol edit source bloomberg-2023-01-31 --facts my-facts.json --note ''",
        "person": "geopol edit person kassym-jomart-tokayev --facts my-facts.json --role 'Head of state'",
        "claim": "geopol edit claim bohr-kz-uz-diversify --facts my-facts.json --summary 'A corrected one.'",
    }
    run.__doc__ = (
        f"Change {_a(kind)}: any field, checked against the whole fact base, journaled.\n\n"
        f"An empty value clears an optional field. --dry-run shows the change as a diff and writes nothing.\n\n"
        f"\b\nExamples:\n  {examples[kind]}\n  geopol undo --facts my-facts.json"
    )
    return run


def _interactive() -> bool:
    from geopol_cli.cli.prompts import interactive

    return interactive()


def _asked(kind: str, path: Any, record_id: str, origin: str | None) -> dict[str, Any]:
    """On a terminal with no option: each field asked, its current value the default (Enter keeps it)."""
    from geopol_cli.edit.change import locate, read_workspace

    space = read_workspace(path, origin)
    return ask_fields(kind, locate(space, kind, record_id).record)


def ask_fields(kind: str, record: dict[str, Any]) -> dict[str, Any]:
    """Each field of ``record`` asked, its value the default (Enter keeps it): the changes, as edit's options.

    Also what `geopol extract`'s review asks of a proposed record before it is accepted."""
    from geopol_cli.cli.prompts import ask, say
    from geopol_cli.facts.fields import KINDS, fields_of

    say(f"Editing {kind} {record.get('id')}: Enter keeps a value, a single '-' clears an optional one.")
    given: dict[str, Any] = {}
    for spec in fields_of(KINDS[kind][0]):
        current = record.get(spec.name)
        if spec.shape == "date":
            current = (current or {}).get("text") or (current or {}).get("start")
        shown = ", ".join(current) if isinstance(current, list) else "yes" if current is True else current
        answer = ask(
            spec.name.replace("_", " ").capitalize(),
            default=str(shown) if shown not in (None, "") else None,
            required=False,
            hint=None,
        )
        if answer is None or answer == shown:
            continue
        if answer == "-" and not spec.required:
            answer = ""
        if spec.shape == "list":
            given[spec.name] = [item.strip() for item in answer.split(",") if item.strip()]
        elif spec.shape == "flag":
            given[spec.name] = answer.casefold() in ("y", "yes", "true")
        else:
            given[spec.name] = answer
    return given


def update_for(kind: str, given: dict[str, Any]) -> Callable[[dict[str, Any], Any], dict[str, Any]]:
    """The change the options ask for, as a function of the record (and the facts, to resolve a date)."""
    from geopol_cli.facts.fields import KINDS, PARTS, fields_of

    model, _ = KINDS[kind]

    def update(record: dict[str, Any], facts: Any) -> dict[str, Any]:
        primary = (record.get("citations") or [{}])[0].get("source")
        _apply(record, fields_of(model), given, "", facts, primary)
        if kind == "event" and given.get("date_text") is not None:
            record["date"] = (
                {**record["date"], "text": given["date_text"]}
                if given["date_text"]
                else {k: v for k, v in record["date"].items() if k != "text"}
            )
        if kind in ("event", "claim"):
            for part, part_model in PARTS.items():
                items = record.get(f"{part}s", [])
                number = given.get(part, 1)
                chosen = {
                    k: v for k, v in given.items() if k.startswith((f"{part}_", f"add_{part}_", f"remove_{part}_"))
                }
                if any(v not in (None, [], ()) for v in chosen.values()):
                    if not 1 <= number <= len(items):
                        raise UsageProblem(f"--{part} {number}: the {kind} has {len(items)} {part}(s)")
                    item = items[number - 1]
                    _apply(item, fields_of(part_model), chosen, f"{part}_", facts, item.get("source"))
            for part, section in (("citation", "citations"), ("dispute", "disputes")):
                number = given.get(f"remove_{part}")
                if number is not None:
                    items = record.get(section, [])
                    if not 1 <= number <= len(items):
                        raise UsageProblem(f"--remove-{part} {number}: the {kind} has {len(items)} {section}")
                    del items[number - 1]
            for name, one in _STAKES:
                _stakes(record, name, one, given.get(f"add_{name}"), given.get(f"remove_{name}"))
        return record

    return update


def _apply(
    record: dict[str, Any], specs: tuple[FieldSpec, ...], given: dict[str, Any], prefix: str, facts: Any, source: Any
) -> None:
    """Each field the options name, changed in ``record``: set, cleared (an empty value), added to, taken out."""
    for spec in specs:
        key = f"{prefix}{spec.name}"
        value = given.get(key)
        if spec.shape == "list":
            items = list(record.get(spec.name, []))
            if value:
                items = list(value)
            from geopol_cli.core.words import control_characters

            hidden = control_characters([*(value or []), *(given.get(f"add_{key}") or [])])
            if hidden:
                raise UsageProblem(f"{spec.option}: holds control or invisible characters ({', '.join(hidden)})")
            for item in given.get(f"add_{key}") or []:
                if item not in items:
                    items.append(item)
            for item in given.get(f"remove_{key}") or []:
                if item not in items:
                    listed = ", ".join(items) or "nothing"
                    raise UsageProblem(f"--remove-{singular(spec.name)} {item!r}: {spec.name} holds {listed}")
                items.remove(item)
            if items != list(record.get(spec.name, [])):
                record[spec.name] = items
            continue
        if value is None:
            continue
        if isinstance(value, str):
            value = value.strip()
            from geopol_cli.core.words import control_characters

            hidden = control_characters(value)
            if hidden:
                raise UsageProblem(f"{spec.option}: holds control or invisible characters ({', '.join(hidden)})")
        if value == "" and spec.required:
            raise UsageProblem(f"{spec.option} cannot be empty: a {spec.name} is required")
        if value == "" or value is False:
            record.pop(spec.name, None)
        elif spec.shape == "date":
            record[spec.name] = _date(facts(), str(value), source, spec.option)
        elif spec.shape == "day":
            from geopol_cli.edit.add import publication_date

            try:
                record[spec.name] = publication_date(str(value))
            except ValueError as error:
                raise UsageProblem(str(error), option=spec.option) from None
        else:
            record[spec.name] = value


def _date(facts: Any, words: str, source: Any, option: str) -> dict[str, Any]:
    from geopol_cli.core.wording import WordingError
    from geopol_cli.edit.add import date_object, resolve_date

    try:
        return date_object(resolve_date(facts, words, source if isinstance(source, str) else None))
    except WordingError as error:
        raise UsageProblem(str(error), option=option) from None


def _stakes(record: dict[str, Any], name: str, one: str, added: Any, removed: Any) -> None:
    from geopol_cli.edit.add import parse_stakes

    stakes = list(record.get(name, []))
    stakes += parse_stakes(added or [], f"--add-{one}")
    for actor in removed or []:
        kept = [s for s in stakes if s.get("actor") != actor]
        if len(kept) == len(stakes):
            listed = ", ".join(s.get("actor", "?") for s in stakes) or "none"
            raise UsageProblem(f"--remove-{one} {actor!r}: the {name} are {listed}")
        stakes = kept
    if stakes != list(record.get(name, [])):
        record[name] = stakes
