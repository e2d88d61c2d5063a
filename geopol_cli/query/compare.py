"""Countries side by side: the same profile facts, one column each."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from geopol_cli.load import Facts
from geopol_cli.models import Actor
from geopol_cli.query.profile import country_profile
from geopol_cli.query.results import CompareColumn, Comparison


def compare(facts: Facts, actors: Sequence[Actor]) -> Comparison:
    """Each actor's verdict, events by kind, partners, Russia's counter-moves and claims, in the order given."""
    columns = []
    for actor in actors:
        profile = country_profile(facts, actor)
        kinds = Counter(e.kind for e in profile.events)
        columns.append(
            CompareColumn(
                id=profile.id,
                name=profile.name,
                kind=profile.kind,
                verdict=profile.verdict,
                events_by_kind=dict(sorted(kinds.items())),
                partners=[p.name for p in profile.partners],
                counter_moves_against=[e.id for e in profile.counter_moves_against],
                counter_moves_made=[e.id for e in profile.counter_moves_made],
                claims=[c.id for c in profile.claims],
            )
        )
    return Comparison(countries=columns)
