"""One description of each field a person writes, derived from the models: what `edit` offers and checks.

For every record kind, the fields of its model (facts/models.py) in their
declared order, each with its option name, what it holds (text, a flag, a
choice from a vocabulary, a list of ids or texts, a date), its description
and whether it is required. The `edit` command builds its options, their
help and completion from these; a field added to a model appears there with
no other change. Nested parts (citations, disputes, stakes) are described
by their own models the same way.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Any, Literal

from geopol_cli.core.vocabulary import EDITABLE_KINDS
from geopol_cli.facts import models

# The record kinds a person edits (core/vocabulary.py EDITABLE_KINDS), with their model and their section.
KINDS: dict[str, tuple[type[Any], str]] = dict(
    zip(
        EDITABLE_KINDS,
        (
            (models.Source, "sources"),
            (models.Actor, "actors"),
            (models.Person, "people"),
            (models.Event, "events"),
            (models.Claim, "claims"),
        ),
        strict=True,
    )
)
# Parts of an event or claim that are chosen by their position (--citation 2).
PARTS: dict[str, type[Any]] = {"citation": models.Citation, "dispute": models.Dispute}

# The keys whose values name other records by id (a string or a list of strings). Ids are unique across a
# fact base, so renaming one replaces exactly these values (facts/checks.py resolves each of them).
REFERENCE_KEYS = frozenset(
    {"source", "sources", "follows", "retells", "by", "actors", "targets", "actor", "about", "people"}
    | {"answers", "events", "focus"}
)

# Fields a person does not edit directly: the id (geopol rename), a held text's hash (geopol sets it),
# and the nested lists edited by position or with their own options.
_NOT_EDITED = {"id", "sha256", "citations", "disputes", "beneficiaries", "losers"}


@dataclass(frozen=True)
class FieldSpec:
    """One field as a person edits it."""

    name: str
    shape: str  # "text", "flag", "choice", "list", "date" (an event's span), "day" (a partial ISO date)
    description: str
    required: bool
    choices: tuple[str, ...] = ()  # a choice's vocabulary

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")


def fields_of(model: type[Any]) -> tuple[FieldSpec, ...]:
    """The editable fields of a record model, in declared order."""
    known = _FIELDS.get(model)
    if known is not None:
        return known
    specs = []
    for name, info in models.field_infos(model).items():
        if name in _NOT_EDITED:
            continue
        shape, choices = _shape(info.annotation)
        described = info.description if info.description not in _GENERIC else None
        description = described or f"Its {name.replace('_', ' ')}."
        specs.append(FieldSpec(name, shape, description, info.is_required(), choices))
    _FIELDS[model] = tuple(specs)
    return _FIELDS[model]


_FIELDS: dict[type[Any], tuple[FieldSpec, ...]] = {}
# What the shared types (models.Text, models.Id) say of any field of theirs: no help for one field.
_GENERIC = {
    getattr(meta, "description", None)
    for alias in (models.Text, models.Id, models.PartialDate)
    for meta in typing.get_args(alias)[1:]
} - {None}


def _shape(annotation: Any) -> tuple[str, tuple[str, ...]]:
    """What a field holds, read from its type: a flag, a choice (a Literal), a list, a date (When), or text."""
    options = [a for a in typing.get_args(annotation) if a is not type(None)] or [annotation]
    if options[0] is models.PartialDate or annotation is models.PartialDate:
        return "day", ()
    inner = _strip(annotation)
    origin = typing.get_origin(inner)
    if inner is bool:
        return "flag", ()
    if inner is models.When:
        return "date", ()
    if origin is Literal:
        return "choice", tuple(str(a) for a in typing.get_args(inner))
    if origin is tuple or origin is list:
        return "list", ()
    return "text", ()


def _strip(annotation: Any) -> Any:
    """The type under Optional and Annotated."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = options[0] if len(options) == 1 else annotation
            if len(options) != 1:
                return annotation
        else:
            return annotation


# --- what search reads --------------------------------------------------------------------------------------

# How good a match in a field is: a name (an actor's or person's names and codes, a record's id), a summary
# (or role, quote, region, the actors named), or a source's words (an excerpt or an account).
NAME, SUMMARY, EXCERPT = 0, 1, 2


def searched_fields(
    section: str, record: Any, actor_names: dict[str, str], people_names: dict[str, str]
) -> list[tuple[str, int, str]]:
    """The fields search reads in one record of ``section``: (field name, tier, text). Said once, here: the
    search (query/search.py) ranks by them, and the index (facts/store.py) keeps their words."""
    fields: list[tuple[str, int, str | None]]
    if section == "actors":
        fields = [("name", NAME, record.name), ("id", NAME, record.id)]
        fields += [("alias", NAME, a) for a in record.aliases]
        fields += [("code", NAME, c) for c in (record.iso2, record.iso3)]
        fields += [("region", SUMMARY, record.region)]
    elif section == "people":
        fields = [("name", NAME, record.name), ("id", NAME, record.id)]
        fields += [("alias", NAME, a) for a in record.aliases]
        fields += [("role", SUMMARY, record.role)]
    elif section == "events":
        named = [actor_names[a] for a in (*record.actors, *record.targets) if a in actor_names]
        fields = [("id", NAME, record.id), ("summary", SUMMARY, record.summary), ("actors", SUMMARY, " ".join(named))]
        fields += [("date", SUMMARY, record.date.text)]
        fields += _cited(record.citations)
    elif section == "claims":
        speaker = people_names.get(record.by, record.by)
        fields = [("id", NAME, record.id), ("summary", SUMMARY, record.summary), ("speaker", SUMMARY, speaker)]
        fields += [("quote", SUMMARY, record.quote)]
        fields += _cited(record.citations)
    else:
        fields = []
    return [(name, tier, text) for name, tier, text in fields if text]


def _cited(citations: Any) -> list[tuple[str, int, str | None]]:
    """What each source says, its words or the fact base's account of them: the last tier of the search."""
    return [("excerpt", EXCERPT, c.excerpt) for c in citations] + [("excerpt", EXCERPT, c.account) for c in citations]
