"""The list of every actor, with how much the facts have on each."""

from __future__ import annotations

from collections import Counter

from geopol_cli.facts.index import Facts
from geopol_cli.facts.models import Actor
from geopol_cli.query.results import CountryList, CountryRow
from geopol_cli.query.rows import builder

# Result rows built from model records (query/rows.py): only what is worked out is passed.
_country_row = builder(CountryRow, Actor)


def list_countries(facts: Facts) -> CountryList:
    """Every actor in file order, with its event count and, for those that act, their directions."""
    involved: Counter[str] = Counter()
    acting: dict[str, Counter[str]] = {}
    for event in facts.base.events:
        ids = {*event.actors, *event.targets, *(s.actor for s in event.beneficiaries), *(s.actor for s in event.losers)}
        involved.update(ids)
        for actor_id in set(event.actors):
            acting.setdefault(actor_id, Counter())[event.direction or "none"] += 1
    rows = []
    for actor in facts.base.actors:
        moves = acting.get(actor.id, Counter())
        rows.append(
            _country_row(
                actor,
                events=involved[actor.id],
                acts_in=sum(moves.values()),
                away=moves["away"],
                towards=moves["towards"],
                counter=moves["counter"],
                other=moves["other"],
            )
        )
    return CountryList(countries=rows)
