"""`geopol add source|actor|person|event|claim|citation|dispute`: grow a fact base without writing JSON.

One form (form.py) and one small module per kind of record. The commands
are built on demand, each with an option for every field of its model.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer
from typer.core import TyperGroup

from geopol_cli.cli.output import Output

__all__ = ["add_app"]


def __getattr__(name: str) -> Any:
    # The form (and what it imports) loads with the command that needs it, not with every run of geopol.
    if name in ("HANDLED", "part_of", "with_model_fields"):
        from geopol_cli.cli.add import form

        return getattr(form, name)
    raise AttributeError(name)


class _KindCommands(TyperGroup):
    """`add`'s commands, built only when one is asked for: each takes, beside its own options, one for every
    field of its model that it does not handle itself (facts/fields.py), which reads the models (pydantic)
    that no other command's start-up should pay for."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(_KINDS)

    def get_command(self, ctx: Any, name: str) -> Any:
        if name not in _KINDS:
            return None
        from geopol_cli.cli.add.form import with_model_fields
        from geopol_cli.cli.options import single_command

        command, short_help = _commands()[name]
        return single_command(name, with_model_fields(name, command), short_help)


add_app = typer.Typer(
    cls=_KindCommands,
    name="add",
    help="Add a source, actor, person, event or claim to a fact base (asks for what options do not give).",
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    # Plain help, as geopol's own (cli/app.py): rich's help costs start-up time.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


@add_app.callback()
def add_group(ctx: typer.Context) -> None:
    """Add a source, actor, person, event or claim to a fact base (asks for what options do not give).

    \b
    Examples:
      geopol add event --help
    """
    if ctx.invoked_subcommand is None:  # `geopol add` alone: its help, as `geopol` alone shows geopol's
        typer.echo(ctx.get_help())
        raise typer.Exit()


def _commands() -> dict[str, tuple[Callable[..., Output], str]]:
    """Each kind's command and its one-line help, imported when the group is built."""
    from geopol_cli.cli.add import actor, claim, event, parts, person, source

    return {
        "source": (source.add_source, "Add a source: a publication that facts rest on."),
        "actor": (actor.add_actor, "Add an actor: a country, bloc, alliance, region or organisation."),
        "person": (person.add_person, "Add a person who acts or speaks."),
        "event": (event.add_event, "Add an event: who did what, when, towards whom."),
        "claim": (claim.add_claim, "Add a claim: what someone asserts, and about whom."),
        "citation": (parts.add_citation, "Add what another source says of an event or claim."),
        "dispute": (parts.add_dispute, "Record that the sources of a record disagree."),
    }


_KINDS = ("source", "actor", "person", "event", "claim", "citation", "dispute")
