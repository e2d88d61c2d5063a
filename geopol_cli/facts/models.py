"""The facts format, as pydantic types.

A facts file is one JSON object (``FactBase``) holding five lists: sources,
actors, people, events and claims. Everything a reader needs to check a fact
is in the file itself: each event and claim names its source and carries the
``excerpt`` of that source which supports it.

These types check what one record can check on its own (shapes, vocabularies,
well-formed dates and spans). What needs the whole file (unique ids,
references that resolve, no cycles) is checked by :mod:`geopol_cli.facts.load`.

Every model forbids unknown keys, so that a typo in a hand-written file
(``"benficiaries"``) is an error rather than a silently ignored field.
Lists inside records are tuples: records are frozen, and an immutable empty
default is shared rather than copied into each of a million records.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic.dataclasses import dataclass

from geopol_cli.core.dates import PARTIAL_DATE_PATTERN, first_day, last_day, parse_partial_date
from geopol_cli.core.vocabulary import ActorKind, Basis, Direction, EventKind, Stance

SCHEMA_VERSION = 1


@lru_cache(maxsize=65536)
def _check_partial_date(value: str) -> str:
    # The pattern has already checked the shape; this catches 2022-02-30.
    # Cached: a large fact base repeats the same dates many times.
    parse_partial_date(value)
    return value


@lru_cache(maxsize=65536)
def _span_problem(start: str | None, end: str | None) -> str | None:
    if start is None and end is None:
        return "an open start needs an end"
    if start is not None and end is not None and last_day(end) < first_day(start):
        return f"the span ends ({end}) before it starts ({start})"
    return None


Id = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=200),
    Field(description="An identifier, unique across the whole file: letters, digits, '.', '_' and '-'."),
]
Text = Annotated[str, StringConstraints(pattern=r"\S"), Field(description="Non-blank text.")]
PartialDate = Annotated[
    str,
    StringConstraints(pattern=PARTIAL_DATE_PATTERN),
    AfterValidator(_check_partial_date),
    Field(description="A calendar date as precise as it is known: YYYY, YYYY-MM or YYYY-MM-DD."),
]


# Records are pydantic dataclasses with slots: validated by pydantic as models
# are, but with neither a per-instance __dict__ nor a fields-set, which keeps a
# million-event file to about 60% of the memory (and the time that goes with
# it). kw_only lets the fields stand in the order that reads best.
_RECORD_CONFIG = ConfigDict(extra="forbid")
record = dataclass(frozen=True, slots=True, kw_only=True, config=_RECORD_CONFIG)


@record
class Source:
    """A publication that facts rest on, or that narrows a date."""

    id: Id
    title: Text
    publisher: Text
    url: Text | None = None
    date: PartialDate | None = Field(default=None, description="Publication date; null when the source prints none.")
    language: Text | None = None
    retells: Id | None = Field(default=None, description="The id of the source this one retells, if any.")
    note: Text | None = None


@record
class Actor:
    """A country, bloc, alliance, region or organisation."""

    id: Id
    name: Text
    kind: ActorKind
    iso2: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = Field(
        default=None, description="ISO 3166-1 alpha-2 code, where one exists."
    )
    iso3: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = Field(
        default=None, description="ISO 3166-1 alpha-3 code, where one exists."
    )
    region: Text | None = None
    aliases: tuple[Text, ...] = Field(default=(), description="Other spellings and native-script names.")


@record
class Person:
    """Someone who acts or speaks in the facts."""

    id: Id
    name: Text
    role: Text | None = None
    actor: Id | None = Field(default=None, description="The actor this person belongs to or speaks from.")
    leader: bool = Field(default=False, description="True for a head of state or government of `actor`.")
    aliases: tuple[Text, ...] = Field(default=())


@record
class When:
    """When an event happened, as precisely as it is known.

    ``start`` and ``end`` are partial dates: ``2022-10`` covers all of
    October. A missing ``end`` means the same period as ``start``; a null
    ``start`` is an open start ("even before the war"), which needs an
    ``end``. An inferred date says how it was inferred in ``inferred`` and
    names any context source that narrowed it in ``sources``.
    """

    start: PartialDate | None
    end: PartialDate | None = None
    text: Text | None = Field(default=None, description="The source's own wording, e.g. 'In October'.")
    inferred: Text | None = Field(default=None, description="How the date was inferred, when it was.")
    sources: tuple[Id, ...] = Field(default=(), description="Context sources that narrow the date.")

    @model_validator(mode="after")
    def _span_is_well_formed(self) -> When:
        problem = _span_problem(self.start, self.end)
        if problem:
            raise ValueError(problem)
        return self


@record
class Stake:
    """What one actor gained or lost in an event or claim, and how we know."""

    actor: Id
    what: Text = Field(description="What it gained or lost, in a few words.")
    basis: Basis
    biggest: bool = Field(default=False, description="The source names it the biggest winner (or loser).")


@record
class Event:
    """One distinct action: who did what, when, towards whom."""

    id: Id
    date: When
    actors: Annotated[tuple[Id, ...], Field(min_length=1)]
    people: tuple[Id, ...] = Field(default=())
    targets: tuple[Id, ...] = Field(default=(), description="Towards whom the action was taken.")
    kind: EventKind
    direction: Direction
    beneficiaries: tuple[Stake, ...] = Field(default=())
    losers: tuple[Stake, ...] = Field(default=())
    answers: tuple[Id, ...] = Field(default=(), description="Events this one responds to.")
    follows: tuple[Id, ...] = Field(default=(), description="Events the source says this one came after.")
    summary: Text
    source: Id
    excerpt: Text


@record
class Claim:
    """One distinct judgement, and who made it."""

    id: Id
    by: Id = Field(description="The person who asserts it, or the source itself.")
    attributed_to: Text | None = Field(
        default=None, description="Unnamed speakers as the source reports them, e.g. 'Russian officials'."
    )
    about: Annotated[tuple[Id, ...], Field(min_length=1)]
    stance: Stance
    summary: Text
    quote: Text | None = Field(default=None, description="The speaker's own words, where the source gives them.")
    events: tuple[Id, ...] = Field(default=(), description="Events the claim comments on.")
    context: Text | None = None
    beneficiaries: tuple[Stake, ...] = Field(default=())
    losers: tuple[Stake, ...] = Field(default=())
    source: Id
    excerpt: Text


class FactBase(BaseModel):
    """A whole facts file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_ref: str | None = Field(default=None, alias="$schema", description="Optional JSON Schema for editors.")
    schema_version: Literal[1]
    sources: list[Source]
    actors: list[Actor]
    people: list[Person] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
