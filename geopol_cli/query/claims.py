"""The assessments in the facts, filtered by whom they are about, who made them, and their stance."""

from __future__ import annotations

from collections.abc import Sequence

from geopol_cli.load import Facts
from geopol_cli.models import Actor, Claim
from geopol_cli.query.profile import claim_concerns
from geopol_cli.query.results import ActorRef, ClaimList, ClaimQuery
from geopol_cli.query.views import claim_view


def list_claims(
    facts: Facts, about: Actor | None = None, speakers: Sequence[str] = (), stances: Sequence[str] = ()
) -> ClaimList:
    """Claims in file order that pass every filter given.

    ``speakers`` are ids of people or sources (a claim made by a source itself,
    or reported from unnamed speakers, has the source as its speaker); several
    are alternatives, as are several stances.
    """

    def keep(claim: Claim) -> bool:
        return (
            (about is None or claim_concerns(claim, about.id))
            and (not speakers or claim.by in speakers)
            and (not stances or claim.stance in stances)
        )

    return ClaimList(
        query=ClaimQuery(
            about=ActorRef(id=about.id, name=about.name) if about else None,
            speaker=", ".join(speakers) or None,
            stances=list(stances),
        ),
        claims=[claim_view(facts, c) for c in facts.base.claims if keep(c)],
    )
