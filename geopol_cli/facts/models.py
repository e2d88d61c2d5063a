"""The facts format: the records as dataclasses, with the rules pydantic checks them by.

A facts file is one JSON object (``FactBase``) holding five lists: sources,
actors, people, events and claims. Everything a reader needs to check a fact
is in the file itself: each event and claim rests on one or more
``citations``, each naming its source and saying what that source says (its
exact words in an ``excerpt`` where the text is held, else an ``account`` in
one's own words); where citations cannot all hold, the record's ``disputes``
say so and which reading the fact base follows.

Version 1 of the format (one ``source`` and ``excerpt`` per record) is still
read: :mod:`geopol_cli.facts.upgrade` converts it on reading.

These types check what one record can check on its own (shapes, vocabularies,
well-formed dates and spans). What needs the whole file (unique ids,
references that resolve, no cycles) is checked by :mod:`geopol_cli.facts.load`.

Every model forbids unknown keys, so that a typo in a hand-written file
(``"benficiaries"``) is an error rather than a silently ignored field.
Lists inside records are tuples: records are frozen, and an immutable empty
default is shared rather than copied into each of a million records.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Any, Literal, Protocol, TypeVar

# Names of rules and configuration only: importing them builds no validator (see record below).
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from typing_extensions import dataclass_transform

if TYPE_CHECKING:
    from pydantic.fields import FieldInfo

from geopol_cli.core.dates import PARTIAL_DATE_PATTERN, first_day, last_day, parse_partial_date
from geopol_cli.core.vocabulary import ActorKind, Basis, Direction, DisputePoint, EventKind, Stance

SCHEMA_VERSION = 2


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
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
        max_length=200,
        description="An identifier, unique across the whole file: letters, digits, '.', '_' and '-'.",
    ),
]
Text = Annotated[str, Field(pattern=r"\S", description="Non-blank text.")]
PartialDate = Annotated[
    str,
    Field(pattern=PARTIAL_DATE_PATTERN),
    AfterValidator(_check_partial_date),
    Field(description="A calendar date as precise as it is known: YYYY, YYYY-MM or YYYY-MM-DD."),
]


def _upper(value: object) -> object:
    # An ISO code typed in lower case ("kz") is the same code: normalised here, for add, edit and validate alike.
    return value.upper() if isinstance(value, str) else value


def _with_scheme(value: object) -> object:
    # "example.org/report" is a web address: stored with its scheme, so that it is a link everywhere.
    if (
        isinstance(value, str)
        and value.strip()
        and "://" not in value
        and re.match(r"^[\w-]+(\.[\w-]+)+(/|$)", value.strip())
    ):
        return "https://" + value.strip()
    return value


# Records are the standard library's dataclasses, with slots, that pydantic validates (a TypeAdapter, where
# a file is read or a record written): neither a per-instance __dict__ nor a fields-set, which keeps a
# million-event file to about 60% of the memory (and the time that goes with it), and defining them builds
# no validator. Their pydantic dataclass forms built every validator on import (17 ms by -X importtime;
# pydantic 2.7 cannot defer that for dataclasses), whereas a view answered from the index needs none: it
# builds its records from rows checked when they were written (see ``from_checked``). Field rules and
# descriptions stand in each annotation (pydantic reads them; so do facts/fields.py and the JSON schema);
# a rule across fields is a __post_init__, which pydantic reports as it reports any field's error.
# kw_only lets the fields stand in the order that reads best.
_R = TypeVar("_R")


@dataclass_transform(frozen_default=True, kw_only_default=True)
def record(cls: type[_R]) -> type[_R]:
    cls.__pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[attr-defined]
    return dataclasses.dataclass(frozen=True, slots=True, kw_only=True)(cls)


@record
class Source:
    """A publication that facts rest on, or that narrows a date."""

    id: Id
    title: Text
    publisher: Text
    url: Annotated[
        Annotated[Text, BeforeValidator(_with_scheme)] | None,
        Field(description="Where it is published; an address typed without https:// gets it."),
    ] = None
    date: Annotated[PartialDate | None, Field(description="Publication date; null when the source prints none.")] = None
    language: Text | None = None
    retells: Annotated[Id | None, Field(description="The id of the source this one retells, if any.")] = None
    note: Text | None = None
    text: Annotated[
        Text | None,
        Field(
            description="A local copy of the source's text (UTF-8 plain text or Markdown), as a path relative to "
            "the fact base: its folder, or the facts file's folder. geopol validate then checks every excerpt and "
            "quote that cites this source against it, word for word."
        ),
    ] = None
    sha256: Annotated[
        Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None,
        Field(description="The SHA-256 of the text file when it was added; a changed text is reported."),
    ] = None


@record
class Actor:
    """A country, bloc, alliance, region or organisation."""

    id: Id
    name: Text
    kind: ActorKind
    iso2: Annotated[
        Annotated[str, BeforeValidator(_upper), Field(pattern=r"^[A-Z]{2}$")] | None,
        Field(description="ISO 3166-1 alpha-2 code, where one exists (kz is read as KZ)."),
    ] = None
    iso3: Annotated[
        Annotated[str, BeforeValidator(_upper), Field(pattern=r"^[A-Z]{3}$")] | None,
        Field(description="ISO 3166-1 alpha-3 code, where one exists."),
    ] = None
    region: Text | None = None
    aliases: Annotated[tuple[Text, ...], Field(description="Other spellings and native-script names.")] = ()


@record
class Person:
    """Someone who acts or speaks in the facts."""

    id: Id
    name: Text
    role: Text | None = None
    actor: Annotated[Id | None, Field(description="The actor this person belongs to or speaks from.")] = None
    leader: Annotated[bool, Field(description="True for a head of state or government of `actor`.")] = False
    aliases: tuple[Text, ...] = ()


@record
class When:
    """When an event happened, as precisely as it is known.

    Start and end are partial dates: 2022-10 covers all of October. A missing
    end means the same period as the start; a null start is an open start
    ("even before the war"), which needs an end. An inferred date says how it
    was inferred, and names any context source that narrowed it.
    """

    start: PartialDate | None
    end: PartialDate | None = None
    text: Annotated[Text | None, Field(description="The source's own wording, e.g. 'In October'.")] = None
    inferred: Annotated[Text | None, Field(description="How the date was inferred, when it was.")] = None
    sources: Annotated[tuple[Id, ...], Field(description="Context sources that narrow the date.")] = ()

    def __post_init__(self) -> None:
        problem = _span_problem(self.start, self.end)
        if problem:
            raise ValueError(problem)


@record
class Stake:
    """What one actor gained or lost in an event or claim, and how we know."""

    actor: Id
    what: Annotated[Text, Field(description="What it gained or lost, in a few words.")]
    basis: Basis
    biggest: Annotated[bool, Field(description="The source names it the biggest winner (or loser).")] = False
    source: Annotated[
        Id | None,
        Field(description="For a stated stake, the cited source that states it, when it is not the primary citation."),
    ] = None
    excerpt: Annotated[
        Text | None,
        Field(
            description="For a stated stake, the source's own words that state it (for a source whose text is held)."
        ),
    ] = None
    account: Annotated[
        Text | None,
        Field(description="For a stated stake, what the source says of it, in one's own words (for any other source)."),
    ] = None


@record
class Citation:
    """What one source says of a record.

    The excerpt holds the source's exact words, for a source whose text is
    held (quoted word for word); for any other source, the account says what
    it says in one's own words, never copied. The date and the act are the
    ones this source gives, where they matter: two citations whose dates
    cannot both hold, or that name different acts, are a disagreement, which
    the record's disputes must note.
    """

    source: Id
    excerpt: Annotated[Text | None, Field(description="The source's own words that support the record.")] = None
    quote: Annotated[
        Text | None, Field(description="A speaker's own words, as the source quotes them (part of the excerpt).")
    ] = None
    account: Annotated[
        Text | None, Field(description="What this source says, in one's own words: for a source not quoted.")
    ] = None
    date: Annotated[When | None, Field(description="The date as this source gives it, where it gives one.")] = None
    act: Annotated[Text | None, Field(description="The act as this source names it, e.g. 'signed'.")] = None
    note: Text | None = None

    def __post_init__(self) -> None:
        if self.excerpt is None and self.account is None:
            raise ValueError("a citation needs an excerpt (the source's words) or an account (in your words)")
        if self.quote is not None and self.excerpt is None:
            raise ValueError("a quote is part of an excerpt: give the excerpt too")


@record
class Dispute:
    """Where a record's citations cannot all hold: what is disputed, and which reading is followed."""

    point: DisputePoint
    sources: Annotated[tuple[Id, ...], Field(min_length=1, description="The cited sources whose accounts disagree.")]
    follows: Annotated[Id | None, Field(description="The source whose reading the record follows, if any.")] = None
    why: Annotated[Text, Field(description="What each source says, and why the record reads it as it does.")]


class _Cites(Protocol):
    @property
    def citations(self) -> tuple[Citation, ...]: ...


class _Cited:
    """What events and claims read from their primary citation (a mixin of properties only: no fields)."""

    __slots__ = ()

    @property
    def source(self: _Cites) -> str:
        """The primary citation's source."""
        return self.citations[0].source

    @property
    def excerpt(self: _Cites) -> str | None:
        """The primary citation's excerpt (None for a source that is paraphrased, not quoted)."""
        return self.citations[0].excerpt

    @property
    def quote(self: _Cites) -> str | None:
        """A speaker's own words, as the primary citation quotes them."""
        return self.citations[0].quote


@record
class Event(_Cited):
    """One distinct action: who did what, when, towards whom."""

    id: Id
    date: When
    actors: Annotated[tuple[Id, ...], Field(min_length=1)]
    people: tuple[Id, ...] = ()
    targets: Annotated[tuple[Id, ...], Field(description="Towards whom the action was taken.")] = ()
    kind: EventKind
    direction: Annotated[
        Direction | None,
        Field(
            description="Relative to the fact base's focus actor: away, towards, counter or other. "
            "Required when the fact base names a focus."
        ),
    ] = None
    beneficiaries: tuple[Stake, ...] = ()
    losers: tuple[Stake, ...] = ()
    answers: Annotated[tuple[Id, ...], Field(description="Events this one responds to.")] = ()
    follows: Annotated[tuple[Id, ...], Field(description="Events the source says this one came after.")] = ()
    summary: Text
    citations: Annotated[
        tuple[Citation, ...],
        Field(min_length=1, description="The sources the event rests on, the primary one first."),
    ]
    disputes: Annotated[tuple[Dispute, ...], Field(description="Where its citations disagree.")] = ()


@record
class Claim(_Cited):
    """One distinct judgement, and who made it."""

    id: Id
    by: Annotated[Id, Field(description="The person who asserts it, or the source itself.")]
    attributed_to: Annotated[
        Text | None, Field(description="Unnamed speakers as the source reports them, e.g. 'Russian officials'.")
    ] = None
    about: Annotated[tuple[Id, ...], Field(min_length=1)]
    stance: Stance
    summary: Text
    events: Annotated[tuple[Id, ...], Field(description="Events the claim comments on.")] = ()
    context: Text | None = None
    beneficiaries: tuple[Stake, ...] = ()
    losers: tuple[Stake, ...] = ()
    citations: Annotated[
        tuple[Citation, ...],
        Field(min_length=1, description="The sources the claim rests on, the primary one first."),
    ]
    disputes: Annotated[tuple[Dispute, ...], Field(description="Where its citations disagree.")] = ()


class FactBase(BaseModel):
    """A whole facts file."""

    # Built on its first validation, not on import: a view answered from the index never validates a file.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    schema_ref: str | None = Field(default=None, alias="$schema", description="Optional JSON Schema for editors.")
    schema_version: Literal[2] = Field(
        description="The version of the facts format: 2. A version-1 file is converted on reading."
    )
    focus: Id | None = Field(
        default=None,
        description="The actor the fact base is about (russia for the bundled facts): every event's direction "
        "(away, towards, counter, other) is relative to it. Without a focus, directions are optional.",
    )
    sources: list[Source] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)


RECORD_TYPES = (Source, Actor, Person, When, Stake, Citation, Dispute, Event, Claim)


class FieldShape(typing.NamedTuple):
    """How one field of a record is stored: its default (``REQUIRED`` if none), the record type it holds (one,
    or a tuple of them: ``many``) or None for a plain value, and whether it is a tuple of plain values."""

    default: Any
    record: type[Any] | None
    many: bool
    listed: bool  # a tuple of plain values (JSON arrays are lists)


REQUIRED: Any = dataclasses.MISSING


def field_shapes(model: type[Any]) -> dict[str, FieldShape]:
    """Every field of a record type, in declared order, with how it is stored: read from the dataclass and
    its annotations, so that it cannot drift from them."""
    known = _SHAPES.get(model)
    if known is None:
        hints = typing.get_type_hints(model)
        known = _SHAPES[model] = {
            field.name: _shape_of(hints[field.name], field.default) for field in dataclasses.fields(model)
        }
    return known


_SHAPES: dict[type[Any], dict[str, FieldShape]] = {}


def _shape_of(annotation: Any, default: Any) -> FieldShape:
    options = [a for a in typing.get_args(annotation) if a is not type(None) and a is not Ellipsis]
    if _record_type(annotation) is not None:
        return FieldShape(default, annotation, False, False)
    if typing.get_origin(annotation) in (tuple, list):
        nested = _record_type(options[0]) if options else None
        return FieldShape(default, nested, nested is not None, nested is None)
    if len(options) == 1 and _record_type(options[0]) is not None:  # "When | None"
        return FieldShape(default, options[0], False, False)
    return FieldShape(default, None, False, False)


def _record_type(annotation: Any) -> type[Any] | None:
    return annotation if isinstance(annotation, type) and dataclasses.is_dataclass(annotation) else None


def field_infos(model: type[Any]) -> dict[str, FieldInfo]:
    """pydantic's view of each field of a record type (its type, rules, description and default), through
    pydantic's public FieldInfo: what the form, the writer and the checks of one answer read."""
    known = _INFOS.get(model)
    if known is None:
        from pydantic.fields import FieldInfo
        from pydantic_core import PydanticUndefined

        hints = typing.get_type_hints(model, include_extras=True)
        known = _INFOS[model] = {
            field.name: FieldInfo.from_annotated_attribute(
                hints[field.name], PydanticUndefined if field.default is REQUIRED else field.default
            )
            for field in dataclasses.fields(model)
        }
    return known


_INFOS: dict[type[Any], dict[str, FieldInfo]] = {}


def from_checked(model: type[_R], data: dict[str, Any]) -> _R:
    """A record built from the JSON form of one that was validated when it was written (an index row), without
    validating it again: no validator is built. ``data`` (a fresh dict, taken over) has its lists turned into
    the tuples records hold, and its nested records built; a key it leaves out takes the field's default
    (rows leave defaults out), and a key the record does not have, or a required one missing, raises
    TypeError. Never for what a person or a file says: that is ``TypeAdapter(model).validate_python``."""
    convert = _CONVERSIONS.get(model)
    if convert is None:
        convert = _CONVERSIONS[model] = {
            name: (shape.record, shape.many)
            for name, shape in field_shapes(model).items()
            if shape.record is not None or shape.listed
        }
    for name, value in data.items():
        how = convert.get(name)
        if how is not None and value is not None:
            nested, many = how
            if nested is None:
                data[name] = tuple(value)
            elif many:
                data[name] = tuple([from_checked(nested, v) for v in value])
            else:
                data[name] = from_checked(nested, value)
    return model(**data)


# Per record type, from field_shapes: the fields whose JSON value is converted (name -> (record type or None,
# a tuple of them?)). Kept apart from the shapes because looking up only these is 6% faster per record
# (20 000 events: 0.51 s against 0.54 s), and a large view builds every record this way.
_CONVERSIONS: dict[type[Any], dict[str, tuple[type[Any] | None, bool]]] = {}
