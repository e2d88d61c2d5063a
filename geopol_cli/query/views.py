"""Turn records into the result views every query shares (an event, a claim, a source)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from weakref import WeakKeyDictionary

from geopol_cli.core import dates
from geopol_cli.facts.derive import Bound
from geopol_cli.facts.index import Facts
from geopol_cli.facts.models import Citation, Claim, Dispute, Event, Source, Stake, When
from geopol_cli.query.results import (
    ActorRef,
    CitationView,
    CitedDate,
    ClaimView,
    DateBound,
    DisputeView,
    PersonRef,
    SourceView,
    StakeView,
    TimelineEntry,
)
from geopol_cli.query.rows import builder

# One ActorRef per actor of a loaded fact base, built at the first query: an
# actor is named in many events (a timeline of 100 000 events asked for
# 450 000 refs), and the refs are never changed after they are built.
_actor_refs: WeakKeyDictionary[Facts, dict[str, ActorRef]] = WeakKeyDictionary()


# Result rows built from model records (query/rows.py): only what is worked out is passed.
_stake_view = builder(StakeView, Stake, "source")
_cited_date = builder(CitedDate, When)
_citation_view = builder(CitationView, Citation, "date")
_dispute_view = builder(DisputeView, Dispute)
_timeline_entry = builder(
    TimelineEntry,
    Event,
    "date",
    "actors",
    "targets",
    "people",
    "beneficiaries",
    "losers",
    "source",
    "citations",
    "disputes",
)
_claim_view = builder(ClaimView, Claim, "about", "beneficiaries", "losers", "citations", "disputes")
_source_view = builder(SourceView, Source)


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


def stake_view(
    facts: Facts, stake: Stake, refs: dict[str, ActorRef] | None = None, primary: str | None = None
) -> StakeView:
    """``primary``: the record's primary source, which states a stated stake that names no source of its own."""
    ref = (refs if refs is not None else actor_refs(facts)).get(stake.actor)
    inferred = stake.basis == "counterpart"
    return _stake_view(
        stake,
        name=ref.name if ref is not None else stake.actor,
        inferred=inferred,
        source=None if inferred else stake.source or primary,
    )


def cited_date(when: When) -> CitedDate:
    return _cited_date(when, label=dates.describe_span(when.start, when.end))


def citation_view(facts: Facts, citation: Citation) -> CitationView:
    source = facts.sources.get(citation.source)
    return _citation_view(
        citation,
        publisher=source.publisher if source is not None else citation.source,
        date=cited_date(citation.date) if citation.date is not None else None,
    )


def dispute_view(dispute: Dispute) -> DisputeView:
    return _dispute_view(dispute)


def dated_by_a_source(event: Event) -> bool:
    """Whether a source gives the event a date of its own (its wording, or a cited date).

    An event no source dates is shown as "undated, between A and B": the
    span is only the bounds it must fall in.
    """
    return event.date.text is not None or any(c.date is not None for c in event.citations)


def sources_count(record: Event | Claim) -> int:
    citations = record.citations
    return 1 if len(citations) == 1 else len({c.source for c in citations})


def date_bound(bound: Bound | None) -> DateBound | None:
    if bound is None:
        return None
    day = bound.earliest.isoformat()
    label = f"not before {day}: {bound.link} {bound.because}"
    if bound.origin != bound.because:
        label += f" (dated by {bound.origin})"
    return DateBound(earliest=day, because=bound.because, link=bound.link, label=label)


@lru_cache(maxsize=4096)
def _date_fields(start: str | None, end: str | None, worded: bool) -> tuple[str, str, str]:
    # Dates repeat a great deal in large fact bases; work each one out once.
    label = dates.date_label(start, end, worded)
    return (end if end is not None else start or "", label, dates.group_label(start, end))


def timeline_entry(facts: Facts, event: Event, known: tuple[Bound | None, bool] | None = None) -> TimelineEntry:
    """The event as a timeline shows it. ``known``: its derived start and verified mark, where they come with
    the event (read in time order from the index) rather than from ``facts``."""
    refs = actor_refs(facts)

    def ref(actor_id: str) -> ActorRef:
        return refs.get(actor_id) or ActorRef(id=actor_id, name=actor_id)

    when = event.date
    date_end, label, group = _date_fields(when.start, when.end, dated_by_a_source(event))
    if known is None:
        known = (facts.derived.bounds.get(event.id) if facts.derived.bounds else None, event.id in facts.verified)
    bound, verified = known
    primary = event.citations[0].source
    return _timeline_entry(
        event,
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
        beneficiaries=[stake_view(facts, s, refs, primary) for s in event.beneficiaries],
        losers=[stake_view(facts, s, refs, primary) for s in event.losers],
        source=primary,
        sources_count=sources_count(event),
        citations=[citation_view(facts, c) for c in event.citations],
        disputes=[dispute_view(d) for d in event.disputes],
        disputed=list(dict.fromkeys(d.point for d in event.disputes)),
        date_bound=date_bound(bound),
        verified=verified,
    )


def claim_view(facts: Facts, claim: Claim) -> ClaimView:
    person = facts.people.get(claim.by)
    if person is not None:
        by_name, by_role = person.name, person.role
    else:
        source = facts.sources.get(claim.by)
        by_name, by_role = (source.publisher, "the source itself") if source else (claim.by, None)
    return _claim_view(
        claim,
        by_name=by_name,
        by_role=by_role,
        about=[actor_ref(facts, a) for a in claim.about],
        beneficiaries=[stake_view(facts, s, primary=claim.source) for s in claim.beneficiaries],
        losers=[stake_view(facts, s, primary=claim.source) for s in claim.losers],
        sources_count=sources_count(claim),
        citations=[citation_view(facts, c) for c in claim.citations],
        disputes=[dispute_view(d) for d in claim.disputes],
        verified=claim.id in facts.verified,
    )


def source_view(source: Source) -> SourceView:
    return _source_view(source)


def sources_behind(facts: Facts, events: Iterable[Event], claims: Iterable[Claim]) -> list[SourceView]:
    """The sources a set of events and claims rest on, first use first, then the reports they retell."""
    source_ids: dict[str, None] = {}  # an insertion-ordered set
    for event in events:
        for citation in event.citations:
            source_ids[citation.source] = None
        for source_id in event.date.sources:
            source_ids[source_id] = None
    for claim in claims:
        for citation in claim.citations:
            source_ids[citation.source] = None
    for source_id in list(source_ids):
        retold = facts.sources[source_id].retells if source_id in facts.sources else None
        if retold:
            source_ids.setdefault(retold, None)
    return [source_view(facts.sources[s]) for s in source_ids if s in facts.sources]
