"""Every fixed vocabulary of the facts format, in one place.

The ``Literal`` types are what the models validate against; the tuples and
descriptions are read from them by everything else: the CLI's option types
(so Typer validates, lists them in help and completes them), the JSON Schema
and the README's tables. A value is added here, and only here.

Standard library only.
"""

from __future__ import annotations

from enum import Enum
from typing import Literal, get_args

ActorKind = Literal["country", "bloc", "alliance", "region", "organisation"]
EventKind = Literal[
    "diplomatic", "economic", "energy", "trade", "security", "military", "migration", "political", "other"
]
Direction = Literal["away", "towards", "counter", "other"]
Basis = Literal["stated", "counterpart"]
Stance = Literal["decline", "dominance", "diversifying", "limits", "gain", "reaction"]
# What two citations of one record disagree on.
DisputePoint = Literal["date", "act", "order", "account"]

# The kinds of record a fact base holds, as search names them.
RecordType = Literal["actor", "person", "event", "claim"]

# The kinds of record a person adds, edits, renames and removes, in the order a fact base holds them.
EditableKind = Literal["source", "actor", "person", "event", "claim"]

ACTOR_KINDS: tuple[str, ...] = get_args(ActorKind)
EDITABLE_KINDS: tuple[str, ...] = get_args(EditableKind)
RECORD_TYPES: tuple[str, ...] = get_args(RecordType)
EVENT_KINDS: tuple[str, ...] = get_args(EventKind)
DIRECTIONS: tuple[str, ...] = get_args(Direction)
BASES: tuple[str, ...] = get_args(Basis)
STANCES: tuple[str, ...] = get_args(Stance)
DISPUTE_POINTS: tuple[str, ...] = get_args(DisputePoint)

# What each value means. Directions are relative to the fact base's focus
# actor (Russia, in the bundled facts).
DIRECTION_MEANINGS: dict[str, str] = {
    "away": "a move that loosens a state's dependence on the focus",
    "towards": "a move that tightens it",
    "counter": "the focus's own counter-move against such a shift",
    "other": "everything else (a war, a refusal to help, ...)",
}
BASIS_MEANINGS: dict[str, str] = {
    "stated": "a source says so: the gain or loss, closely paraphrased, from one of the record's citations",
    "counterpart": "inferred from the move alone: a target of the event that the mover turned towards (a gain) "
    "or away from (a loss); says only the move itself, never the actor's own gain",
}
DISPUTE_POINT_MEANINGS: dict[str, str] = {
    "date": "the sources give dates that cannot both hold",
    "act": "the sources name different acts (signed vs initialled)",
    "order": "the order of events a source gives is contradicted by the dates",
    "account": "the sources tell what happened differently in another way",
}
STANCE_MEANINGS: dict[str, str] = {
    "decline": "Russia's influence is shrinking",
    "dominance": "Russia holds, or long held, the upper hand",
    "diversifying": "states are widening their ties away from Russia",
    "limits": "the shift away from Russia has limits",
    "gain": "a third party gains from the shift",
    "reaction": "Moscow reacts to the shift",
}


def choice_enum(name: str, values: tuple[str, ...]) -> type[Enum]:
    """A str Enum of ``values``, for option types: Typer validates, lists and completes its members."""
    return Enum(name, {value: value for value in values}, type=str)  # type: ignore[return-value]


def describe(values: tuple[str, ...]) -> str:
    """'a, b or c', for help texts."""
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " or " + values[-1]
