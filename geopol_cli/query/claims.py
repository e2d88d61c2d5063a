"""The assessments in the facts, filtered by whom they are about, who made them, and their stance."""

from __future__ import annotations

from collections.abc import Sequence

from geopol_cli.core.folding import normalize
from geopol_cli.facts.index import Facts
from geopol_cli.facts.models import Actor, Claim
from geopol_cli.query.people import resolve_person
from geopol_cli.query.profile import claim_concerns
from geopol_cli.query.results import ActorRef, ClaimList, ClaimQuery
from geopol_cli.query.views import claim_view


def resolve_speakers(facts: Facts, names: Sequence[str], option: str | None = None) -> list[str]:
    """The ids of the speakers named: a source by its id or publisher, else a person by any spelling."""
    found: dict[str, None] = {}
    for name in names:
        wanted = normalize(name)
        sources = [s.id for s in facts.base.sources if wanted in (normalize(s.id), normalize(s.publisher))]
        for speaker in sources or [resolve_person(facts, name, option).id]:
            found.setdefault(speaker, None)
    return list(found)


def list_claims(
    facts: Facts, about: Sequence[Actor] = (), speakers: Sequence[str] = (), stances: Sequence[str] = ()
) -> ClaimList:
    """Claims in file order that pass every filter given.

    ``speakers`` are ids of people or sources (a claim made by a source itself,
    or reported from unnamed speakers, has the source as its speaker); several
    are alternatives, as are several stances.
    """

    about_ids = [a.id for a in about]

    def keep(claim: Claim) -> bool:
        return (
            (not about_ids or any(claim_concerns(claim, a) for a in about_ids))
            and (not speakers or claim.by in speakers)
            and (not stances or claim.stance in stances)
        )

    return ClaimList(
        query=ClaimQuery(
            about=ActorRef(id=about[0].id, name=about[0].name) if len(about) == 1 else None,
            about_any=[ActorRef(id=a.id, name=a.name) for a in about],
            speaker=", ".join(speakers) or None,
            stances=list(stances),
        ),
        claims=[claim_view(facts, c) for c in facts.base.claims if keep(c)],
    )
