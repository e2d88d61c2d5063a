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
from typing import Any

from geopol_cli.facts.index import Facts
from geopol_cli.facts.models import Actor, Claim, Event, Stake
from geopol_cli.query.filters import EventFilter
from geopol_cli.query.results import ActorRef, BenefitEntry, BenefitRanking, StatedWords
from geopol_cli.query.spill import Spill, SpillList, joined
from geopol_cli.query.stream import Stream
from geopol_cli.query.views import actor_ref


def _stated_words(item: tuple[Any, ...]) -> StatedWords:
    what, source, words, quoted, biggest, record = item
    return StatedWords(what=what, source=source, words=words, quoted=quoted, biggest=biggest, record=record)


@dataclass
class _Tally:
    """One actor's stakes on one side. Ids are unique across a fact base, so each record is one piece of
    evidence (counted when its stakes are read together); the long lists are kept by the query's spill,
    since one actor (Russia, typically) can be named in most of a million events."""

    spill: Spill
    evidence: int = 0
    stated: int = 0
    events: SpillList[str] = field(init=False)  # evidence ids, in the files' order
    claims: SpillList[str] = field(init=False)
    stated_words: SpillList[StatedWords] = field(init=False)
    gains: SpillList[tuple[str, bool]] = field(init=False)  # each stake's what, and whether it is stated
    # Dicts as insertion-ordered sets (their sizes are bounded by the actors and the vocabulary).
    from_countries: dict[str, None] = field(default_factory=dict)
    domains: dict[str, None] = field(default_factory=dict)
    biggest: bool = False

    def __post_init__(self) -> None:
        self.events = self.spill.new_list()
        self.claims = self.spill.new_list()
        self.stated_words = self.spill.new_list(_stated_words)
        self.gains = self.spill.new_list()


def _tally(records: Iterable[Event | Claim], spill: Spill) -> tuple[dict[str, _Tally], dict[str, _Tally]]:
    """Every stake, gathered per actor on each side (beneficiaries, losers), in one pass over the records
    (which may be read as they come, never all held)."""
    gains: dict[str, _Tally] = {}
    losses: dict[str, _Tally] = {}
    for record in records:
        if record.beneficiaries:
            _add(gains, record, record.beneficiaries, spill)
        if record.losers:
            _add(losses, record, record.losers, spill)
    return gains, losses


def _add(tallies: dict[str, _Tally], record: Event | Claim, stakes: Sequence[Stake], spill: Spill) -> None:
    """One record's stakes on one side, added to that side's tallies."""
    record_id = record.id
    event = record if isinstance(record, Event) else None
    named: dict[str, bool] = {}  # each actor this record names on this side -> whether any mention is stated
    for stake in stakes:
        actor_id = stake.actor
        tally = tallies.get(actor_id)
        if tally is None:
            tally = tallies[actor_id] = _Tally(spill)
        stated = stake.basis == "stated"
        named[actor_id] = named.get(actor_id, False) or stated
        if event is not None:
            from_countries = tally.from_countries
            for other in event.actors:
                if other != actor_id:
                    from_countries[other] = None
            tally.domains[event.kind] = None
        tally.gains.append((stake.what, stated))
        if stake.biggest:
            tally.biggest = True
        if stated:
            source = stake.source or (record.citations[0].source if record.citations else None)
            quoted = stake.excerpt is not None
            words = stake.excerpt or stake.account
            tally.stated_words.append((stake.what, source, words, quoted, stake.biggest, record_id))
    for actor_id, stated in named.items():
        tally = tallies[actor_id]
        tally.evidence += 1
        tally.stated += stated
        (tally.events if event is not None else tally.claims).append(record_id)


def _rank(facts: Facts, tallies: dict[str, _Tally], role: str) -> list[BenefitEntry]:
    def key(item: tuple[str, _Tally]) -> tuple[int, int, str, str]:
        actor_id, tally = item
        return (-tally.stated, -(tally.evidence - tally.stated), actor_ref(facts, actor_id).name.casefold(), actor_id)

    entries = []
    for rank, (actor_id, tally) in enumerate(sorted(tallies.items(), key=key), start=1):
        events, claims = tally.events.result(), tally.claims.result()
        gains, gains_inferred = _gains(tally.gains.result())
        entries.append(
            BenefitEntry(
                rank=rank,
                actor=actor_id,
                name=actor_ref(facts, actor_id).name,
                evidence=tally.evidence,
                stated=tally.stated,
                counterpart=tally.evidence - tally.stated,
                biggest=tally.biggest,
                from_countries=[actor_ref(facts, a) for a in tally.from_countries],
                domains=sorted(tally.domains),
                gains=gains,
                gains_inferred=gains_inferred,
                events=events,
                claims=claims,
                role=role,
                stated_words=tally.stated_words.result(),
                evidence_ids=joined(events, claims),
            )
        )
    return entries


def _gains(stakes: Sequence[tuple[str, bool]]) -> tuple[Sequence[str], Sequence[str]]:
    """What an actor gains (or loses), each thing once, in the order first given; and the things no source
    states (given on counterpart evidence only). Free text, often one a stake: past the spill's budget both
    are streams, each pass gathering one actor's things alone, so that only the largest is ever held."""
    if isinstance(stakes, list):
        best = _best(stakes)
        return list(best), [what for what, stated in best.items() if not stated]
    return Stream(lambda: iter(_best(stakes))), Stream(lambda: (w for w, stated in _best(stakes).items() if not stated))


def _best(stakes: Iterable[tuple[str, bool]]) -> dict[str, bool]:
    """Each thing given, in the order first given -> whether any stake states it."""
    best: dict[str, bool] = {}
    for what, stated in stakes:
        if not best.get(what):
            best[what] = stated
    return best


EVERY_EVENT = EventFilter()


def rank_benefits(facts: Facts, countries: Sequence[Actor] = (), wanted: EventFilter = EVERY_EVENT) -> BenefitRanking:
    """Beneficiaries and losers, best supported first.

    With ``countries``, only the gains and losses from those countries' own
    moves, and from claims about any of them, count. ``wanted`` narrows the
    events by date, kind or direction; claims, which have none of these, then
    do not count. An actor's lists (evidence ids, stated words, the things it gains) are lists, or,
    once the lists of the whole ranking pass a budget of items, streams read back from a temporary file
    (query/spill.py).
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
    gains, losses = _tally(records, Spill())
    refs = [ActorRef(id=c.id, name=c.name) for c in countries]
    return BenefitRanking(
        country=refs[0] if len(refs) == 1 else None,
        countries=refs,
        beneficiaries=_rank(facts, gains, "beneficiary"),
        losers=_rank(facts, losses, "loser"),
    )
