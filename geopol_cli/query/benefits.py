"""Who benefits, and who loses: every stake in the facts, ranked by its evidence.

The ranking rule (also in `geopol benefits --help` and the README):

1. more evidence stated by the source itself first;
2. then more counterpart evidence (the partner a state moved towards, or the
   party it moved away from);
3. ties by name.

A piece of evidence is one distinct event or claim; an actor named twice in
one record counts once, as ``stated`` if either mention is. Nothing is
weighted beyond what the facts say.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain

from geopol_cli.facts.index import Facts
from geopol_cli.facts.models import Actor, Claim, Event, Stake
from geopol_cli.query.filters import EventFilter
from geopol_cli.query.results import ActorRef, BenefitEntry, BenefitRanking, StatedWords
from geopol_cli.query.views import actor_ref


@dataclass
class _Tally:
    # Dicts as insertion-ordered sets: membership must stay O(1), since one
    # actor (Russia, typically) can be named in most of a million events.
    basis: dict[str, str] = field(default_factory=dict)  # evidence id (events and claims) -> best basis
    claims: set[str] = field(default_factory=set)  # which evidence ids are claims (few; the rest are events)
    from_countries: dict[str, None] = field(default_factory=dict)
    domains: dict[str, None] = field(default_factory=dict)
    gains: dict[str, str] = field(default_factory=dict)  # what -> best basis it is given on
    biggest: bool = False
    stated: list[StatedWords] = field(default_factory=list)


def _tally(records: Iterable[Event | Claim]) -> tuple[dict[str, _Tally], dict[str, _Tally]]:
    """Every stake, gathered per actor on each side (beneficiaries, losers), in one pass over the records
    (which may be read as they come, never all held)."""
    gains: dict[str, _Tally] = {}
    losses: dict[str, _Tally] = {}
    for record in records:
        if record.beneficiaries:
            _add(gains, record, record.beneficiaries)
        if record.losers:
            _add(losses, record, record.losers)
    return gains, losses


def _add(tallies: dict[str, _Tally], record: Event | Claim, stakes: Sequence[Stake]) -> None:
    """One record's stakes on one side, added to that side's tallies."""
    record_id = record.id
    event = record if isinstance(record, Event) else None
    for stake in stakes:
        actor_id = stake.actor
        tally = tallies.get(actor_id)
        if tally is None:
            tally = tallies[actor_id] = _Tally()
        basis = tally.basis
        if basis.get(record_id) != "stated":
            basis[record_id] = stake.basis
        if event is not None:
            from_countries = tally.from_countries
            for other in event.actors:
                if other != actor_id:
                    from_countries[other] = None
            tally.domains[event.kind] = None
        else:
            tally.claims.add(record_id)
        if tally.gains.get(stake.what) != "stated":
            tally.gains[stake.what] = stake.basis
        if stake.biggest:
            tally.biggest = True
        if stake.basis == "stated":
            tally.stated.append(
                StatedWords(
                    what=stake.what,
                    source=stake.source or (record.citations[0].source if record.citations else None),
                    words=stake.excerpt or stake.account,
                    quoted=stake.excerpt is not None,
                    biggest=stake.biggest,
                    record=record_id,
                )
            )


def _rank(facts: Facts, tallies: dict[str, _Tally], role: str) -> list[BenefitEntry]:
    def key(item: tuple[str, _Tally]) -> tuple[int, int, str, str]:
        actor_id, tally = item
        stated = sum(b == "stated" for b in tally.basis.values())
        return (-stated, -(len(tally.basis) - stated), actor_ref(facts, actor_id).name.casefold(), actor_id)

    entries = []
    for rank, (actor_id, tally) in enumerate(sorted(tallies.items(), key=key), start=1):
        stated = sum(b == "stated" for b in tally.basis.values())
        events = [i for i in tally.basis if i not in tally.claims]
        claims = [i for i in tally.basis if i in tally.claims]
        entries.append(
            BenefitEntry(
                rank=rank,
                actor=actor_id,
                name=actor_ref(facts, actor_id).name,
                evidence=len(tally.basis),
                stated=stated,
                counterpart=len(tally.basis) - stated,
                biggest=tally.biggest,
                from_countries=[actor_ref(facts, a) for a in tally.from_countries],
                domains=sorted(tally.domains),
                gains=list(tally.gains),
                gains_inferred=[what for what, basis in tally.gains.items() if basis == "counterpart"],
                events=events,
                claims=claims,
                role=role,
                stated_words=tally.stated,
                evidence_ids=[*events, *claims],
            )
        )
    return entries


EVERY_EVENT = EventFilter()


def rank_benefits(facts: Facts, countries: Sequence[Actor] = (), wanted: EventFilter = EVERY_EVENT) -> BenefitRanking:
    """Beneficiaries and losers, best supported first.

    With ``countries``, only the gains and losses from those countries' own
    moves, and from claims about any of them, count. ``wanted`` narrows the
    events by date, kind or direction; claims, which have none of these, then
    do not count.
    """
    ids = {c.id for c in countries}
    # Events in the files' order, and claims: from the index, read as they are tallied (cli/benefits.py asks).
    events = (p.event for p in facts.event_stream()) if facts.event_stream is not None else facts.base.events
    every_claim = (p.claim for p in facts.claim_stream()) if facts.claim_stream is not None else facts.base.claims
    claims = () if wanted.dated() else every_claim
    records: Iterable[Event | Claim] = chain(
        (e for e in events if (not ids or not ids.isdisjoint(e.actors)) and wanted.keeps(e)),
        (c for c in claims if not ids or not ids.isdisjoint(c.about)),
    )
    gains, losses = _tally(records)
    refs = [ActorRef(id=c.id, name=c.name) for c in countries]
    return BenefitRanking(
        country=refs[0] if len(refs) == 1 else None,
        countries=refs,
        beneficiaries=_rank(facts, gains, "beneficiary"),
        losers=_rank(facts, losses, "loser"),
    )
