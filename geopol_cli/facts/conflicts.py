"""Disagreements a fact base has not recorded, and gains it has not sourced: the warnings of `geopol validate`.

A record's citations conflict where they cannot all hold:

- ``date``: two dates that do not overlap (two citations', or a citation's
  and the record's own);
- ``act``: two citations that name different acts ("signed", "initialled");
- ``order``: the record answers or follows an event that starts after the
  record's own latest moment (:mod:`geopol_cli.facts.derive`).

Each is fine once the record's ``disputes`` name it (a dispute of that
point); until then it is a warning: the fact base shows one source's account
as settled fact. Counterpart stakes that say more than the move are warned
of here too (see :func:`counterpart_findings`).

Warnings do not stop a view; `geopol validate --strict` makes them errors.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from geopol_cli.core.dates import span_bounds
from geopol_cli.facts.checks import Finding
from geopol_cli.facts.derive import Derived
from geopol_cli.facts.models import Citation, Claim, Event, FactBase, When

_span = lru_cache(maxsize=65536)(span_bounds)  # dates repeat a great deal in a large fact base


def _overlap(a: When, b: When) -> bool:
    a_first, a_last = _span(a.start, a.end)
    b_first, b_last = _span(b.start, b.end)
    return (a_first is None or a_first <= b_last) and (b_first is None or b_first <= a_last)


def _citation_conflicts(record: Event | Claim) -> Iterator[tuple[str, str]]:
    """(point, message) for each pair of the record's citations that cannot both hold."""
    citations: Sequence[Citation] = record.citations
    dated = [(c.source, c.date) for c in citations if c.date is not None]
    if isinstance(record, Event):
        for source, when in dated:
            if not _overlap(when, record.date):
                yield "date", f"{source} dates it {_span_text(when)}, outside the record's own date"
    for i, (first_source, first) in enumerate(dated):
        for second_source, second in dated[i + 1 :]:
            if not _overlap(first, second):
                yield (
                    "date",
                    f"{first_source} dates it {_span_text(first)} and {second_source} {_span_text(second)}",
                )
    acts = {(c.act.casefold(), c.source): c.act for c in citations if c.act is not None}
    if len({act for act, _ in acts}) > 1:
        named = ", ".join(f"{source} says {act!r}" for (_, source), act in acts.items())
        yield "act", f"the citations name different acts: {named}"


def _span_text(when: When) -> str:
    if when.start is None:
        return f"before {when.end}"
    if when.end is None or when.end == when.start:
        return when.start
    return f"{when.start} – {when.end}"


def unrecorded_conflicts(base: FactBase, derived: Derived) -> Iterator[Finding]:
    """A warning for each conflict that no dispute of the record names."""
    order = {c.event: c for c in derived.contradictions}
    sections: tuple[tuple[str, Sequence[Event | Claim]], ...] = (("events", base.events), ("claims", base.claims))
    for section, records in sections:
        for i, record in enumerate(records):
            recorded = {d.point for d in record.disputes} if record.disputes else _NONE
            if len(record.citations) > 1:
                for point, message in _citation_conflicts(record):
                    if point not in recorded:
                        yield (section, i, "citations"), f"disagreement not recorded ({point}): {message}; {_HINT}"
            contradiction = order.get(record.id) if section == "events" else None
            if contradiction is not None and "order" not in recorded:
                c = contradiction
                message = (
                    f"disagreement not recorded (order): it {c.link} {c.because}, which starts no earlier than "
                    f"{c.earliest.isoformat()}, after this event's latest moment {c.latest.isoformat()}; {_HINT}"
                )
                yield (section, i, c.link), message


_NONE: frozenset[str] = frozenset()
_HINT = "add a dispute saying which reading the record follows and why"


def counterpart_findings(base: FactBase) -> Iterator[Finding]:
    """Counterpart stakes that say more than the move itself.

    A counterpart gain or loss is inferred from the move alone, so it can
    only name a party the move involves and the mover turned towards or away
    from: one of the event's targets, never one of its own actors. A claim
    has no move, so a stake of a claim must be stated.
    """
    for i, event in enumerate(base.events):
        for side in ("beneficiaries", "losers"):
            for j, stake in enumerate(getattr(event, side)):
                if stake.basis != "counterpart":
                    continue
                if stake.actor in event.actors:
                    message = (
                        f"{stake.actor!r} is an actor of this event: a counterpart is a party it moved towards or "
                        "away from"
                    )
                    yield ("events", i, side, j, "actor"), message
                elif stake.actor not in event.targets:
                    message = (
                        f"{stake.actor!r} is not a target of this event: a counterpart stake can only name a party "
                        "the move involves (add it to targets, or make the stake stated, with the source that says it)"
                    )
                    yield ("events", i, side, j, "actor"), message
    for i, claim in enumerate(base.claims):
        for side in ("beneficiaries", "losers"):
            for j, stake in enumerate(getattr(claim, side)):
                if stake.basis == "counterpart":
                    message = "a claim makes no move to infer from: its stakes must be stated by its source"
                    yield ("claims", i, side, j, "basis"), message


def stated_findings(base: FactBase) -> Iterator[Finding]:
    """Stated stakes that do not show the words that state them, or whose party those words do not name.

    A stated gain or loss is the source's, so it carries the source's words:
    an excerpt where the source's text is held, an account otherwise. Its
    party must be one the record is about (an event's actor or target, a
    claim's subject) or be named in those words; anything else is a gain the
    record reads into its source.
    """
    names: dict[str, list[str]] = {}
    for actor in base.actors:
        names[actor.id] = [n.casefold() for n in (actor.name, *actor.aliases, actor.id.replace("-", " "))]
    sections: tuple[tuple[str, Any], ...] = (("events", base.events), ("claims", base.claims))
    for section, records in sections:
        for i, record in enumerate(records):
            parties = {*record.actors, *record.targets} if section == "events" else set(record.about)
            for side in ("beneficiaries", "losers"):
                for j, stake in enumerate(getattr(record, side)):
                    if stake.basis != "stated":
                        continue
                    words = stake.excerpt or stake.account
                    if words is None:
                        message = (
                            "a stated stake shows no words that state it: give the source's excerpt (its text "
                            "held) or an account of what it says"
                        )
                        yield (section, i, side, j), message
                        continue
                    if stake.actor in parties:
                        continue
                    said = words.casefold()
                    if not any(name in said for name in names.get(stake.actor, [stake.actor.casefold()])):
                        role = "an actor or target of this event" if section == "events" else "what this claim is about"
                        message = (
                            f"{stake.actor!r} is not {role}, and the words that state its stake do not name it: "
                            "no source states this gain or loss"
                        )
                        yield (section, i, side, j, "actor"), message


def dating_findings(base: FactBase) -> Iterator[Finding]:
    """Events that start after the publication of a source they rest on (a typo in a date, most often),
    and records that repeat another record word for word under a new id."""
    from geopol_cli.core.dates import first_day, last_day

    published = {s.id: (s.date, last_day(s.date)) for s in base.sources if s.date}
    starts: dict[str, Any] = {}  # dates repeat: each worked out once
    for i, event in enumerate(base.events):
        if event.date.start is None:
            continue
        start = starts.get(event.date.start)
        if start is None:
            start = starts[event.date.start] = first_day(event.date.start)
        for j, citation in enumerate(event.citations):
            date, last = published.get(citation.source, (None, None))
            if last is not None and start > last:
                message = (
                    f"the event starts ({event.date.start}) after {citation.source!r} was published ({date}), "
                    "though it rests on that source: check the two dates"
                )
                yield ("events", i, "citations", j, "source"), message
    sections: tuple[tuple[str, Any], ...] = (
        ("sources", base.sources),
        ("actors", base.actors),
        ("people", base.people),
        ("events", base.events),
        ("claims", base.claims),
    )
    for section, records in sections:
        if not records:
            continue
        import dataclasses

        names = [f.name for f in dataclasses.fields(records[0]) if f.name != "id"]
        # First by one telling field (a cheap key), then every field where two share it.
        telling = next(n for n in ("summary", "name", "title") if n in names)
        seen: dict[str, list[Any]] = {}
        for i, record in enumerate(records):
            same = seen.setdefault(getattr(record, telling), [])
            fields = [getattr(record, name) for name in names]
            first = next((other.id for other in same if [getattr(other, n) for n in names] == fields), None)
            same.append(record)
            if first is not None:
                yield (section, i, "id"), f"repeats {first!r} word for word under another id: one of them is not needed"
