"""A country's profile: who it is, what it did, who gained, what was said of it."""

from __future__ import annotations

from geopol_cli.facts.index import Facts
from geopol_cli.facts.models import Actor, Claim, Event
from geopol_cli.query.filters import involves
from geopol_cli.query.results import CountryProfile, Partner, Setback, Verdict
from geopol_cli.query.rows import builder
from geopol_cli.query.timeline import order_events
from geopol_cli.query.views import actor_ref, claim_view, person_ref, sources_behind, timeline_entry

# Result rows built from model records (query/rows.py): only what is worked out is passed.
_country_profile = builder(CountryProfile, Actor)


def claim_concerns(claim: Claim, actor_id: str) -> bool:
    """A claim concerns an actor it is about, or one that gains or loses by it."""
    return (
        actor_id in claim.about
        or any(s.actor == actor_id for s in claim.beneficiaries)
        or any(s.actor == actor_id for s in claim.losers)
    )


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def compute_verdict(actor: Actor, events: list[Event], claims: list[Claim], focus: str | None = None) -> Verdict:
    """Counts of the actor's moves by direction, the counter-moves on either side, its gains and setbacks.

    ``focus`` is the name of the fact base's focus actor, that directions are relative to (None: none named).
    """
    acting = [e for e in events if actor.id in e.actors]
    away = sum(e.direction == "away" for e in acting)
    towards = sum(e.direction == "towards" for e in acting)
    other = sum(e.direction == "other" for e in acting)
    made = sum(e.direction == "counter" for e in acting)
    suffered = sum(e.direction == "counter" and actor.id in e.targets for e in events)
    records: list[Event | Claim] = [*events, *claims]
    gains = sum(any(s.actor == actor.id for s in r.beneficiaries) for r in records)
    setbacks = sum(any(s.actor == actor.id for s in e.losers) for e in events)
    parts = []
    relative = f" from {focus}" if focus else ""
    if away:
        parts.append(_plural(away, f"move away{relative}", f"moves away{relative}"))
    if towards:
        to = f" {focus}" if focus else ""
        parts.append(_plural(towards, f"move towards{to}", f"moves towards{to}"))
    if suffered:
        by = f" by {focus}" if focus else ""
        parts.append(_plural(suffered, f"counter-move{by} against it", f"counter-moves{by} against it"))
    if made:
        parts.append(_plural(made, "counter-move", "counter-moves"))
    if setbacks:
        parts.append(_plural(setbacks, "setback", "setbacks"))
    if gains:
        parts.append(_plural(gains, "recorded gain", "recorded gains"))
    if other:
        parts.append(_plural(other, "other action", "other actions"))
    text = ", ".join(parts) if parts else "no moves recorded"
    return Verdict(
        text=text,
        moves_away=away,
        moves_towards=towards,
        other_moves=other,
        counter_moves_made=made,
        counter_moves_suffered=suffered,
        gains=gains,
        setbacks=setbacks,
    )


def concerning(facts: Facts, actor: Actor) -> tuple[list[Event], list[Claim]]:
    """The events involving an actor, in time order, and the claims concerning it."""
    events = order_events([e for e in facts.base.events if involves(e, actor.id)], facts.derived.bounds)
    return events, [c for c in facts.base.claims if claim_concerns(c, actor.id)]


def country_profile(facts: Facts, actor: Actor) -> CountryProfile:
    """Everything the facts say about one actor (a country, bloc, alliance, region...)."""
    events, claims = concerning(facts, actor)

    # Each step below touches each selected record once: dictionaries keyed by
    # id stand in for "is it there yet?" scans of growing lists, which made a
    # profile quadratic in its number of moves.
    partners: dict[str, Partner] = {}
    for event in events:
        if actor.id not in event.actors or event.direction not in ("away", "towards"):
            continue
        for stake in event.beneficiaries:
            if stake.actor == actor.id:
                continue
            partner = partners.get(stake.actor)
            if partner is None:
                partner = partners[stake.actor] = Partner(
                    actor=stake.actor, name=actor_ref(facts, stake.actor).name, gains=[], events=[]
                )
            partner.gains.append(stake.what)
            partner.events.append(event.id)

    setbacks = [
        Setback(event=e.id, what=s.what, basis=s.basis) for e in events for s in e.losers if s.actor == actor.id
    ]

    people = [p for p in facts.base.people if p.actor == actor.id]
    return _country_profile(
        actor,
        leaders=[person_ref(facts, p.id) for p in people if p.leader],
        people=[person_ref(facts, p.id) for p in people if not p.leader],
        verdict=compute_verdict(actor, events, claims, focus_name(facts)),
        events=[timeline_entry(facts, e) for e in events],
        partners=list(partners.values()),
        counter_moves_against=[
            timeline_entry(facts, e) for e in events if e.direction == "counter" and actor.id in e.targets
        ],
        counter_moves_made=[
            timeline_entry(facts, e) for e in events if e.direction == "counter" and actor.id in e.actors
        ],
        setbacks=setbacks,
        claims=[claim_view(facts, c) for c in claims],
        sources=sources_behind(facts, events, claims),
        focus=actor_ref(facts, facts.base.focus) if facts.base.focus else None,
    )


def focus_name(facts: Facts) -> str | None:
    """The name of the actor the fact base is about, that directions are relative to."""
    focus = facts.base.focus
    return facts.actors[focus].name if focus and focus in facts.actors else None
