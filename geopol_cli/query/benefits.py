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

from dataclasses import dataclass, field

from geopol_cli.load import Facts
from geopol_cli.models import Actor, Claim, Event, Stake
from geopol_cli.query.results import ActorRef, BenefitEntry, BenefitRanking
from geopol_cli.query.views import actor_ref


@dataclass
class _Tally:
    basis: dict[str, str] = field(default_factory=dict)  # evidence id -> best basis
    events: list[str] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)
    from_countries: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    gains: list[str] = field(default_factory=list)
    biggest: bool = False

    def add(self, record: Event | Claim, stake: Stake) -> None:
        if self.basis.get(record.id) != "stated":
            self.basis[record.id] = stake.basis
        ids = self.events if isinstance(record, Event) else self.claims
        if record.id not in ids:
            ids.append(record.id)
        if isinstance(record, Event):
            for actor_id in record.actors:
                if actor_id != stake.actor and actor_id not in self.from_countries:
                    self.from_countries.append(actor_id)
            if record.kind not in self.domains:
                self.domains.append(record.kind)
        if stake.what not in self.gains:
            self.gains.append(stake.what)
        self.biggest = self.biggest or stake.biggest


def _rank(facts: Facts, tallies: dict[str, _Tally]) -> list[BenefitEntry]:
    def key(item: tuple[str, _Tally]) -> tuple[int, int, str, str]:
        actor_id, tally = item
        stated = sum(b == "stated" for b in tally.basis.values())
        return (-stated, -(len(tally.basis) - stated), actor_ref(facts, actor_id).name.casefold(), actor_id)

    entries = []
    for rank, (actor_id, tally) in enumerate(sorted(tallies.items(), key=key), start=1):
        stated = sum(b == "stated" for b in tally.basis.values())
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
                gains=tally.gains,
                events=tally.events,
                claims=tally.claims,
            )
        )
    return entries


def rank_benefits(facts: Facts, country: Actor | None = None) -> BenefitRanking:
    """Beneficiaries and losers, best supported first.

    With ``country``, only the gains and losses from that country's own
    moves, and from claims about it, count.
    """
    gained: dict[str, _Tally] = {}
    lost: dict[str, _Tally] = {}
    records: list[Event | Claim] = [
        *(e for e in facts.base.events if country is None or country.id in e.actors),
        *(c for c in facts.base.claims if country is None or country.id in c.about),
    ]
    for record in records:
        for stake in record.beneficiaries:
            gained.setdefault(stake.actor, _Tally()).add(record, stake)
        for stake in record.losers:
            lost.setdefault(stake.actor, _Tally()).add(record, stake)
    return BenefitRanking(
        country=ActorRef(id=country.id, name=country.name) if country else None,
        beneficiaries=_rank(facts, gained),
        losers=_rank(facts, lost),
    )
