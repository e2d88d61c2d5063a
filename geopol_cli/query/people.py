"""People: find one by any spelling of their name, and gather what they said and did."""

from __future__ import annotations

from geopol_cli.core.errors import Ambiguous, NotFound
from geopol_cli.core.folding import normalize
from geopol_cli.facts.index import Facts
from geopol_cli.facts.models import Person
from geopol_cli.query.resolve import suggest
from geopol_cli.query.results import PersonProfile
from geopol_cli.query.timeline import order_events
from geopol_cli.query.views import actor_ref, claim_view, sources_behind, timeline_entry


def person_keys(person: Person) -> list[str]:
    return [person.id, person.name, *person.aliases]


def resolve_person(facts: Facts, query: str, option: str | None = None) -> Person:
    """The one person ``query`` names.

    An exact match on id, name or alias wins; failing that, the person all of
    whose query words start a word of one of their names ('schulmann' finds
    Kateryna Shulman through her alias Ekaterina Schulmann; 'tokay' finds
    Kassym-Jomart Tokayev).
    """
    wanted = normalize(query)
    people = list(facts.people.values())
    if wanted:
        exact = [p for p in people if any(normalize(k) == wanted for k in person_keys(p))]
        if len(exact) == 1:
            return exact[0]
        # A word of a name is enough, but not a letter or two: 'a' would pick
        # whoever alone has a name starting with it.
        words = wanted.split() if len(wanted.replace(" ", "")) >= 3 else []
        partial = [
            p
            for p in people
            if words
            and any(all(any(w.startswith(q) for w in normalize(k).split()) for q in words) for k in person_keys(p))
        ]
        if len(partial) == 1:
            return partial[0]
        if len(exact) > 1 or len(partial) > 1:
            raise Ambiguous("person", query, [p.id for p in (exact or partial)], option)
    raise NotFound("person", query, suggest(wanted, {p.id: person_keys(p) for p in people}), option)


def person_profile(facts: Facts, person: Person) -> PersonProfile:
    """Who the person is, the claims they made, and the events they took part in."""
    claims = [c for c in facts.base.claims if c.by == person.id]
    events = order_events([e for e in facts.base.events if person.id in e.people], facts.derived.bounds)
    return PersonProfile(
        id=person.id,
        name=person.name,
        aliases=list(person.aliases),
        role=person.role,
        leader=person.leader,
        actor=actor_ref(facts, person.actor) if person.actor else None,
        claims=[claim_view(facts, c) for c in claims],
        events=[timeline_entry(facts, e) for e in events],
        sources=sources_behind(facts, events, claims),
    )
