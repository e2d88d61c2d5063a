"""Result rows from model records: the fields they share are copied by name, never listed by hand.

A result row (query/results.py) shows a model record (facts/models.py) with
what a query works out beside it. Every field of the row that the record
also has, as a field or a property, is taken from the record; the query
passes only what it computes. So a field added to both a model and a row
reaches the output with no change here, and a row cannot silently drop one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

_Row = TypeVar("_Row")
_UNSET = object()  # a keyword left out, where the row's field has a default factory


def builder(row_type: type[_Row], record_type: type, *overrides: str) -> Callable[..., _Row]:
    """A function ``(record, **computed) -> row`` that copies every field ``row_type`` shares with
    ``record_type`` and takes the rest as keywords: the row's fields the record lacks, and ``overrides``,
    the shared names whose row value is worked out (a TimelineEntry's ``date`` is a day, its Event's a span).

    It is generated once, as a hand-written constructor call would be written: a timeline of 100 000
    entries builds ten rows per event, and a generic loop of getattr and dict merges cost 6% of the run.
    """
    if dataclasses.is_dataclass(record_type):
        own = {f.name for f in dataclasses.fields(record_type)}
    else:
        own = set(getattr(record_type, "model_fields", {}))
    fields = {f.name: f for f in dataclasses.fields(row_type)}  # type: ignore[arg-type]
    unknown = [name for name in overrides if name not in fields]
    if unknown:
        raise TypeError(f"{row_type.__name__} has no field {', '.join(unknown)}")
    arguments, keywords = [], []
    namespace: dict[str, Any] = {"row_type": row_type, "_unset": _UNSET}
    for name, f in fields.items():
        if name not in overrides and (name in own or isinstance(getattr(record_type, name, None), property)):
            # Models hold lists as tuples (immutable); result rows hold lists.
            copy = f"list(record.{name})" if str(f.type).startswith("list[") else f"record.{name}"
            arguments.append(f"{name}={copy}")
        elif f.default_factory is not dataclasses.MISSING:
            # Left out, it gets a fresh value from the row's own factory, never one shared by every row.
            namespace[f"_make_{name}"] = f.default_factory
            keywords.append(f"{name}=_unset")
            arguments.append(f"{name}=_make_{name}() if {name} is _unset else {name}")
        elif f.default is not dataclasses.MISSING:
            namespace[f"_default_{name}"] = f.default
            keywords.append(f"{name}=_default_{name}")
            arguments.append(f"{name}={name}")
        else:
            keywords.append(name)
            arguments.append(f"{name}={name}")
    signature = ", ".join(["record", *(["*", *keywords] if keywords else [])])
    source = f"def build({signature}):\n    return row_type({', '.join(arguments)})\n"
    exec(source, namespace)  # the names come from the two classes, never from input
    built: Callable[..., _Row] = namespace["build"]
    return built
