"""Sources, how much rests on each, and the citation of one fact: the way to check it."""

from __future__ import annotations

from collections import Counter

from geopol_cli.core import dates
from geopol_cli.core.errors import NotFound
from geopol_cli.facts.index import Facts
from geopol_cli.facts.models import Citation as CitationRecord
from geopol_cli.facts.models import Claim, Event, Source
from geopol_cli.query.resolve import suggest
from geopol_cli.query.results import Citation, CitedSource, DisputeList, DisputeRow, SourceList, SourceRow
from geopol_cli.query.rows import builder
from geopol_cli.query.views import (
    citation_view,
    cited_date,
    date_bound,
    dated_by_a_source,
    dispute_view,
    source_view,
)

# Result rows built from model records (query/rows.py): only what is worked out is passed.
_source_row = builder(SourceRow, Source)
_cited_source_row = builder(CitedSource, CitationRecord, "source", "date")


def list_sources(facts: Facts) -> SourceList:
    """Every source in file order, with the events, claims and dates that rest on it."""
    # A record counts once per source it cites, however often it cites it.
    events = Counter(s for e in facts.base.events for s in {c.source for c in e.citations})
    claims = Counter(s for c in facts.base.claims for s in {c.source for c in c.citations})
    narrowed = Counter(s for e in facts.base.events for s in set(e.date.sources))
    retold_by: dict[str, list[str]] = {}
    for source in facts.base.sources:
        if source.retells:
            retold_by.setdefault(source.retells, []).append(source.id)
    return SourceList(
        sources=[
            _source_row(
                s, events=events[s.id], claims=claims[s.id], dates=narrowed[s.id], retold_by=retold_by.get(s.id, [])
            )
            for s in facts.base.sources
        ]
    )


def _event_label(event: Event) -> str:
    return dates.date_label(event.date.start, event.date.end, dated_by_a_source(event))


def _cited_source(facts: Facts, citation: CitationRecord) -> CitedSource:
    source = facts.sources[citation.source]
    retold = facts.sources.get(source.retells) if source.retells else None
    found: bool | None = None
    before = after = None
    text = facts.texts.get(citation.source)
    if text is not None and citation.excerpt is not None:
        span = text.find(citation.excerpt)
        found = span is not None
        if span is not None:
            before, after = text.context(span)
    return _cited_source_row(
        citation,
        source=source_view(source),
        retells=source_view(retold) if retold else None,
        date=cited_date(citation.date) if citation.date is not None else None,
        found=found,
        before=before,
        after=after,
    )


def cite(facts: Facts, record_id: str) -> Citation:
    """An event or claim with every citation and its full source, and its disputes; NotFound with the closest ids."""
    event = facts.events.get(record_id)
    claim = facts.claims.get(record_id)
    if event is None and claim is None:
        keys = {i: [i] for i in (*facts.events, *facts.claims)}
        raise NotFound("event or claim", record_id, suggest(record_id.casefold(), keys))
    record = event if event is not None else claim
    assert record is not None
    source = facts.sources[record.source]
    retold = facts.sources.get(source.retells) if source.retells else None
    return Citation(
        type="event" if event is not None else "claim",
        id=record.id,
        summary=record.summary,
        excerpt=record.excerpt,
        quote=claim.quote if claim is not None else None,
        date_label=_event_label(event) if event is not None else None,
        date_inferred=event.date.inferred if event is not None else None,
        source=source_view(source),
        retells=source_view(retold) if retold else None,
        date_sources=[source_view(facts.sources[s]) for s in _date_givers(event) if s in facts.sources],
        citations=[_cited_source(facts, c) for c in record.citations],
        disputes=[dispute_view(d) for d in record.disputes],
        date_bound=date_bound(facts.derived.bounds.get(record.id)) if event is not None else None,
        verified=record.id in facts.verified,
    )


def _date_givers(event: Event | None) -> list[str]:
    """The sources the event's date comes from: those citations that give that very date, then the context
    sources the date names (not merely the first source listed)."""
    if event is None:
        return []
    own = (event.date.start, event.date.end or event.date.start)
    giving = [
        c.source
        for c in event.citations
        if c.date is not None and (c.date.start, c.date.end or c.date.start) == own and own[0] is not None
    ]
    return list(dict.fromkeys([*giving, *event.date.sources]))


def list_disputes(facts: Facts) -> DisputeList:
    """Every recorded disagreement, events first (in file order), then claims."""
    rows: list[DisputeRow] = []
    records: list[Event | Claim] = [*facts.base.events, *facts.base.claims]
    for record in records:
        if not record.disputes:
            continue
        event = record if isinstance(record, Event) else None
        for dispute in record.disputes:
            named = set(dispute.sources)
            rows.append(
                DisputeRow(
                    type="event" if event is not None else "claim",
                    id=record.id,
                    summary=record.summary,
                    date_label=_event_label(event) if event is not None else None,
                    point=dispute.point,
                    sources=list(dispute.sources),
                    follows=dispute.follows,
                    why=dispute.why,
                    citations=[citation_view(facts, c) for c in record.citations if c.source in named],
                )
            )
    return DisputeList(disputes=rows)
