"""The facts format, as pydantic types.

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

import re
from functools import lru_cache
from typing import Annotated, Literal, Protocol

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator
from pydantic.dataclasses import dataclass

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
    url: Annotated[Text, BeforeValidator(_with_scheme)] | None = Field(
        default=None, description="Where it is published; an address typed without https:// gets it."
    )
    date: PartialDate | None = Field(default=None, description="Publication date; null when the source prints none.")
    language: Text | None = None
    retells: Id | None = Field(default=None, description="The id of the source this one retells, if any.")
    note: Text | None = None
    text: Text | None = Field(
        default=None,
        description="A local copy of the source's text (UTF-8 plain text or Markdown), as a path relative to the "
        "fact base: its folder, or the facts file's folder. geopol validate then checks every excerpt and quote "
        "that cites this source against it, word for word.",
    )
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = Field(
        default=None, description="The SHA-256 of the text file when it was added; a changed text is reported."
    )


@record
class Actor:
    """A country, bloc, alliance, region or organisation."""

    id: Id
    name: Text
    kind: ActorKind
    iso2: Annotated[str, BeforeValidator(_upper), StringConstraints(pattern=r"^[A-Z]{2}$")] | None = Field(
        default=None, description="ISO 3166-1 alpha-2 code, where one exists (kz is read as KZ)."
    )
    iso3: Annotated[str, BeforeValidator(_upper), StringConstraints(pattern=r"^[A-Z]{3}$")] | None = Field(
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

    Start and end are partial dates: 2022-10 covers all of October. A missing
    end means the same period as the start; a null start is an open start
    ("even before the war"), which needs an end. An inferred date says how it
    was inferred, and names any context source that narrowed it.
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
    source: Id | None = Field(
        default=None,
        description="For a stated stake, the cited source that states it, when it is not the primary citation.",
    )
    excerpt: Text | None = Field(
        default=None,
        description="For a stated stake, the source's own words that state it (for a source whose text is held).",
    )
    account: Text | None = Field(
        default=None,
        description="For a stated stake, what the source says of it, in one's own words (for any other source).",
    )


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
    excerpt: Text | None = Field(default=None, description="The source's own words that support the record.")
    quote: Text | None = Field(
        default=None, description="A speaker's own words, as the source quotes them (part of the excerpt)."
    )
    account: Text | None = Field(
        default=None, description="What this source says, in one's own words: for a source not quoted."
    )
    date: When | None = Field(default=None, description="The date as this source gives it, where it gives one.")
    act: Text | None = Field(default=None, description="The act as this source names it, e.g. 'signed'.")
    note: Text | None = None

    @model_validator(mode="after")
    def _says_something(self) -> Citation:
        if self.excerpt is None and self.account is None:
            raise ValueError("a citation needs an excerpt (the source's words) or an account (in your words)")
        if self.quote is not None and self.excerpt is None:
            raise ValueError("a quote is part of an excerpt: give the excerpt too")
        return self


@record
class Dispute:
    """Where a record's citations cannot all hold: what is disputed, and which reading is followed."""

    point: DisputePoint
    sources: Annotated[tuple[Id, ...], Field(min_length=1)] = Field(
        description="The cited sources whose accounts disagree."
    )
    follows: Id | None = Field(default=None, description="The source whose reading the record follows, if any.")
    why: Text = Field(description="What each source says, and why the record reads it as it does.")


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
    people: tuple[Id, ...] = Field(default=())
    targets: tuple[Id, ...] = Field(default=(), description="Towards whom the action was taken.")
    kind: EventKind
    direction: Direction | None = Field(
        default=None,
        description="Relative to the fact base's focus actor: away, towards, counter or other. "
        "Required when the fact base names a focus.",
    )
    beneficiaries: tuple[Stake, ...] = Field(default=())
    losers: tuple[Stake, ...] = Field(default=())
    answers: tuple[Id, ...] = Field(default=(), description="Events this one responds to.")
    follows: tuple[Id, ...] = Field(default=(), description="Events the source says this one came after.")
    summary: Text
    citations: Annotated[tuple[Citation, ...], Field(min_length=1)] = Field(
        description="The sources the event rests on, the primary one first."
    )
    disputes: tuple[Dispute, ...] = Field(default=(), description="Where its citations disagree.")


@record
class Claim(_Cited):
    """One distinct judgement, and who made it."""

    id: Id
    by: Id = Field(description="The person who asserts it, or the source itself.")
    attributed_to: Text | None = Field(
        default=None, description="Unnamed speakers as the source reports them, e.g. 'Russian officials'."
    )
    about: Annotated[tuple[Id, ...], Field(min_length=1)]
    stance: Stance
    summary: Text
    events: tuple[Id, ...] = Field(default=(), description="Events the claim comments on.")
    context: Text | None = None
    beneficiaries: tuple[Stake, ...] = Field(default=())
    losers: tuple[Stake, ...] = Field(default=())
    citations: Annotated[tuple[Citation, ...], Field(min_length=1)] = Field(
        description="The sources the claim rests on, the primary one first."
    )
    disputes: tuple[Dispute, ...] = Field(default=(), description="Where its citations disagree.")


class FactBase(BaseModel):
    """A whole facts file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

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
