"""Single views as Markdown documents (country, person, compare, cite), for reports.

A profile goes straight into a report: headings, tables of events and
claims, and the sources as footnotes ([^source-id]) that each event and
claim points to. Every cell and line of data goes through
:func:`~geopol_cli.render.flat.markdown_cell`, so text from a facts file
shows as written (no HTML, no Markdown it did not mean).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from geopol_cli.query.results import (
    Citation,
    CitationView,
    ClaimView,
    Comparison,
    CountryProfile,
    DisputeView,
    PersonProfile,
    SourceView,
    StakeView,
    TimelineEntry,
)
from geopol_cli.render.flat import markdown_cell as cell
from geopol_cli.render.words import quoted


def _names(refs: Iterable[object]) -> str:
    return ", ".join(str(getattr(r, "name", r)) for r in refs)


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def _note(source: str) -> str:
    return f"[^{source}]"


def _basis(stake: StakeView) -> str:
    return stake.label


def _cited(citations: Sequence[CitationView], disputes: Sequence[DisputeView]) -> str:
    """Every source of a record as footnote marks, then its disputes: '[^a] [^b] ⚑ disputed: act'."""
    notes = " ".join(_note(source) for source in dict.fromkeys(c.source for c in citations))
    if disputes:
        notes += " ⚑ disputed: " + cell(", ".join(dict.fromkeys(d.point for d in disputes)))
    return notes


def _events(entries: Sequence[TimelineEntry]) -> list[str]:
    rows = []
    for e in entries:
        gains = "; ".join(f"+ {s.name}: {s.what} ({_basis(s)})" for s in e.beneficiaries)
        losses = "; ".join(f"− {s.name}: {s.what} ({_basis(s)})" for s in e.losers)
        event = " ".join(p for p in (cell(e.summary), cell(gains), cell(losses)) if p)
        who = cell(_names(e.actors)) + (f" → {cell(_names(e.targets))}" if e.targets else "")
        rows.append(
            [
                cell(e.date_label),
                who,
                cell(e.kind) + (f", {cell(e.direction)}" if e.direction else ""),
                f"{event} {_cited(e.citations, e.disputes)}",
            ]
        )
    return _table(["When", "Who", "What", "Event"], rows)


def _claims(claims: Sequence[ClaimView]) -> list[str]:
    rows = []
    for c in claims:
        who = cell(c.attributed_to or c.by_name)
        quote = f" {cell(quoted(c.quote))}" if c.quote else ""
        rows.append([who, cell(c.stance), f"{cell(c.summary)}{quote} {_cited(c.citations, c.disputes)}"])
    return _table(["Who", "Stance", "Claim"], rows)


def _footnotes(sources: Sequence[SourceView], body: Sequence[str]) -> list[str]:
    """The footnote definitions of the sources the body cites, each defined once and each cited.

    A footnote holds no footnote mark (pandoc shows one inside a note as
    written): a source that retells another names it in words, in the note.
    A source that only stands behind another (the report a retelling tells
    of) gets no note of its own unless the body cites it too.
    """
    cited = set(_NOTE.findall("\n".join(body)))
    by_id = {s.id: s for s in sources}
    out = []
    for s in sources:
        if s.id not in cited:
            continue
        text = _described(s)
        if s.retells:
            retold = by_id.get(s.retells)
            text += f" (retells {_described(retold) if retold else cell(s.retells)})"
        out.append(f"[^{s.id}]: {text}")
    return out


_NOTE = re.compile(r"\[\^([^\]\s]+)\]")


def _described(s: SourceView) -> str:
    text = f"{cell(s.title)} — {cell(s.publisher)}" + (f", {cell(s.date)}" if s.date else "")
    if s.url:
        text += f". <{s.url}>" if " " not in s.url and ">" not in s.url else f". {cell(s.url)}"
    return text


def country_markdown(profile: CountryProfile) -> str:
    facts = [profile.kind, profile.region or "", " / ".join(c for c in (profile.iso2, profile.iso3) if c)]
    out = [f"# {cell(profile.name)}", "", f"*{cell(' · '.join(f for f in facts if f))}*", ""]
    if profile.leaders:
        out += [f"**Leaders:** {cell('; '.join(p.name for p in profile.leaders))}", ""]
    out += [f"**Verdict:** {cell(profile.verdict.text)}", ""]
    if profile.events:
        out += ["## Events", "", *_events(profile.events), ""]
    if profile.partners:
        rows = [[cell(p.name), cell("; ".join(p.gains)), cell(", ".join(p.events))] for p in profile.partners]
        out += ["## Partners it moved towards", "", *_table(["Partner", "What they gained", "Events"], rows), ""]
    if profile.setbacks:
        rows = [[cell(s.what), cell(s.basis), cell(s.event)] for s in profile.setbacks]
        out += ["## Setbacks", "", *_table(["What it lost", "Basis", "Event"], rows), ""]
    if profile.claims:
        out += ["## Claims", "", *_claims(profile.claims), ""]
    out += _footnotes(profile.sources, out)
    return "\n".join(out).rstrip() + "\n"


def person_markdown(person: PersonProfile) -> str:
    details = [person.role or "", person.actor.name if person.actor else "", "leader" if person.leader else ""]
    out = [f"# {cell(person.name)}", "", f"*{cell(' · '.join(d for d in details if d))}*", ""]
    if person.aliases:
        out += [f"Also: {cell(', '.join(person.aliases))}", ""]
    if person.claims:
        out += ["## Claims", "", *_claims(person.claims), ""]
    if person.events:
        out += ["## Events", "", *_events(person.events), ""]
    out += _footnotes(person.sources, out)
    return "\n".join(out).rstrip() + "\n"


def comparison_markdown(comparison: Comparison) -> str:
    columns = comparison.countries
    header = ["", *(cell(c.name) for c in columns)]
    rows = [
        ["Kind", *(cell(c.kind) for c in columns)],
        ["Verdict", *(cell(c.verdict.text) for c in columns)],
        ["Moves away", *(str(c.verdict.moves_away) for c in columns)],
        ["Moves towards", *(str(c.verdict.moves_towards) for c in columns)],
        ["Events by kind", *(cell(", ".join(f"{k} {n}" for k, n in c.events_by_kind.items())) for c in columns)],
        ["Partners", *(cell(", ".join(c.partners)) for c in columns)],
        ["Counter-moves against it", *(cell(", ".join(c.counter_moves_against)) for c in columns)],
        ["Counter-moves made", *(cell(", ".join(c.counter_moves_made)) for c in columns)],
        ["Claims", *(cell(", ".join(c.claims)) for c in columns)],
    ]
    return "\n".join(_table(header, rows)) + "\n"


def citation_markdown(citation: Citation) -> str:
    out = [f"## {cell(citation.type)} {cell(citation.id)}", "", cell(citation.summary), ""]
    if citation.date_label:
        when = f"**When:** {cell(citation.date_label)}"
        out += [when + (f" ({cell(citation.date_inferred)})" if citation.date_inferred else ""), ""]
        if citation.date_bound is not None:
            out += [f"*{cell(citation.date_bound.label)}*", ""]
    for dispute in citation.disputes:
        follows = f" The record follows {_note(dispute.follows)}." if dispute.follows else ""
        named = ", ".join(_note(s) for s in dispute.sources)
        out += [f"**Disputed ({cell(dispute.point)}),** {named}:{follows} {cell(dispute.why)}", ""]
    sources: list[SourceView] = []
    for cited in citation.citations:
        note = _note(cited.source.id)
        details = []
        if cited.date is not None:
            details.append(
                f"date: {cell(cited.date.label)}" + (f" ({cell(quoted(cited.date.text))})" if cited.date.text else "")
            )
        if cited.act:
            details.append(f"act: {cell(cited.act)}")
        if cited.quote:
            out += [f"**Quote:** {cell(quoted(cited.quote))}", ""]
        if cited.excerpt is not None:
            out += [f"> {cell(cited.excerpt)} {note}", ""]
        if cited.account is not None:
            out += [f"{cell(cited.account)} (paraphrased) {note}", ""]
        if details:
            out += ["; ".join(details) + f" {note}", ""]
        sources += [cited.source, *([cited.retells] if cited.retells else [])]
    sources += citation.date_sources
    if citation.date_sources:
        out += ["Date from " + ", ".join(_note(s.id) for s in citation.date_sources), ""]
    seen: dict[str, SourceView] = {}
    for s in sources:
        seen.setdefault(s.id, s)
    out += _footnotes(list(seen.values()), out)
    return "\n".join(out).rstrip() + "\n"
