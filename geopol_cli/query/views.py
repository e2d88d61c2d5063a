"""Turn records into the result views every query shares (an event, a claim, a source)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from weakref import WeakKeyDictionary

from geopol_cli.core import dates
from geopol_cli.facts.load import Facts
from geopol_cli.facts.models import Claim, Event, Source, Stake
from geopol_cli.query.results import ActorRef, ClaimView, PersonRef, SourceView, StakeView, TimelineEntry

# One ActorRef per actor of a loaded fact base, built at the first query: an
# actor is named in many events (a timeline of 100 000 events asked for
# 450 000 refs), and the refs are never changed after they are built.
_actor_refs: WeakKeyDictionary[Facts, dict[str, ActorRef]] = WeakKeyDictionary()


def actor_refs(facts: Facts) -> dict[str, ActorRef]:
    """Every actor's ref, by id; look it up once per record, not once per name."""
    refs = _actor_refs.get(facts)
    if refs is None:
        refs = _actor_refs[facts] = {a.id: ActorRef(id=a.id, name=a.name) for a in facts.actors.values()}
    return refs


def actor_ref(facts: Facts, actor_id: str) -> ActorRef:
    # An unknown id (only in a fact base that failed its checks) is shown as itself.
    return actor_refs(facts).get(actor_id) or ActorRef(id=actor_id, name=actor_id)


def person_ref(facts: Facts, person_id: str) -> PersonRef:
    person = facts.people.get(person_id)
    if person is None:
        return PersonRef(id=person_id, name=person_id)
    return PersonRef(id=person.id, name=person.name, role=person.role)


def stake_view(facts: Facts, stake: Stake, refs: dict[str, ActorRef] | None = None) -> StakeView:
    ref = (refs if refs is not None else actor_refs(facts)).get(stake.actor)
    return StakeView(
        actor=stake.actor,
        name=ref.name if ref is not None else stake.actor,
        what=stake.what,
        basis=stake.basis,
        biggest=stake.biggest,
    )


@lru_cache(maxsize=4096)
def _date_fields(start: str | None, end: str | None, worded: bool) -> tuple[str, str, str]:
    # Dates repeat a great deal in large fact bases; work each one out once.
    label = dates.date_label(start, end, worded)
    return (end if end is not None else start or "", label, dates.group_label(start, end))


def timeline_entry(facts: Facts, event: Event) -> TimelineEntry:
    refs = actor_refs(facts)

    def ref(actor_id: str) -> ActorRef:
        return refs.get(actor_id) or ActorRef(id=actor_id, name=actor_id)

    when = event.date
    date_end, label, group = _date_fields(when.start, when.end, when.text is not None)
    return TimelineEntry(
        id=event.id,
        date=when.start,
        date_end=date_end,
        date_label=label,
        date_text=when.text,
        date_inferred=when.inferred,
        date_sources=list(when.sources),
        group=group,
        actors=[ref(a) for a in event.actors],
        targets=[ref(a) for a in event.targets],
        people=[person_ref(facts, p) for p in event.people],
        kind=event.kind,
        direction=event.direction,
        summary=event.summary,
        answers=list(event.answers),
        follows=list(event.follows),
        beneficiaries=[stake_view(facts, s, refs) for s in event.beneficiaries],
        losers=[stake_view(facts, s, refs) for s in event.losers],
        source=event.source,
        excerpt=event.excerpt,
    )


def claim_view(facts: Facts, claim: Claim) -> ClaimView:
    person = facts.people.get(claim.by)
    if person is not None:
        by_name, by_role = person.name, person.role
    else:
        source = facts.sources.get(claim.by)
        by_name, by_role = (source.publisher, "the source itself") if source else (claim.by, None)
    return ClaimView(
        id=claim.id,
        by=claim.by,
        by_name=by_name,
        by_role=by_role,
        attributed_to=claim.attributed_to,
        about=[actor_ref(facts, a) for a in claim.about],
        stance=claim.stance,
        summary=claim.summary,
        quote=claim.quote,
        events=list(claim.events),
        context=claim.context,
        beneficiaries=[stake_view(facts, s) for s in claim.beneficiaries],
        losers=[stake_view(facts, s) for s in claim.losers],
        source=claim.source,
        excerpt=claim.excerpt,
    )


def source_view(source: Source) -> SourceView:
    return SourceView(
        id=source.id,
        title=source.title,
        publisher=source.publisher,
        url=source.url,
        date=source.date,
        retells=source.retells,
    )


def sources_behind(facts: Facts, events: Iterable[Event], claims: Iterable[Claim]) -> list[SourceView]:
    """The sources a set of events and claims rest on, first use first, then the reports they retell."""
    source_ids: dict[str, None] = {}  # an insertion-ordered set
    for event in events:
        source_ids[event.source] = None
        for source_id in event.date.sources:
            source_ids[source_id] = None
    for claim in claims:
        source_ids[claim.source] = None
    for source_id in list(source_ids):
        retold = facts.sources[source_id].retells if source_id in facts.sources else None
        if retold:
            source_ids.setdefault(retold, None)
    return [source_view(facts.sources[s]) for s in source_ids if s in facts.sources]
