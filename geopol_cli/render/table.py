"""The rich renderer: result models drawn as tables for people.

Rules every function here keeps:

* data strings become ``Text`` objects through :func:`text`, never markup,
  and pass through :func:`~geopol_cli.render.safe.visible` on the way;
* every column folds long words instead of cropping them, so a narrow
  terminal shows every word (rich crops with an ellipsis by default);
* nothing here filters or sorts: what the query returned is what is shown.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from rich import box
from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from geopol_cli.query.results import (
    ActorRef,
    BenefitEntry,
    BenefitRanking,
    Citation,
    ClaimList,
    ClaimView,
    Comparison,
    CountryProfile,
    CountryRow,
    PersonProfile,
    SearchResult,
    SourceRow,
    SourceView,
    StakeView,
    Timeline,
    TimelineEntry,
    ValidationReport,
)
from geopol_cli.render.safe import visible

DIRECTION_STYLE = {"away": "green", "towards": "red", "counter": "bold red", "other": "yellow"}
_BAR_WIDTH = 12


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # rich would exit with status 1 here; geopol's contract is 141, decided in one place (cli/group.py).
        self.quiet = True
        raise BrokenPipeError


def make_console(stderr: bool = False) -> Console:
    """The one console all tables are printed through.

    Markup, emoji codes and automatic highlighting are all off: the data is
    untrusted, and a name like ``[red]x`` or ``:warning:`` must show as written.
    Colour follows rich's own rules (off when piped, off with NO_COLOR).
    """
    return _Console(stderr=stderr, markup=False, emoji=False, highlight=False)


def text(value: str | None, style: str = "") -> Text:
    """Untrusted data as a Text: never markup, never a raw control character, never a line break."""
    return Text(visible(value or ""), style=style)


def lines(*parts: Text | None) -> Text:
    """Stack Text parts as lines of one cell, skipping empty ones."""
    return Text("\n").join(p for p in parts if p is not None and p.plain)


def _table(title: str | None = None, **kwargs: object) -> Table:
    return Table(
        title=Text(title, style="bold") if title else None,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        expand=True,
        **kwargs,  # type: ignore[arg-type]
    )


def _column(table: Table, header: str, **kwargs: object) -> None:
    table.add_column(header, overflow="fold", **kwargs)  # type: ignore[arg-type]


def _minimum_width(table: Table) -> int:
    # What rich needs before it starts cropping: each column's fixed or
    # minimum width, plus one space of padding either side and the separators.
    return sum((c.width or c.min_width or 4) + 3 for c in table.columns)


def print_table(console: Console, table: Table) -> None:
    """Print a table, or, where the terminal is too narrow for its columns, each row as a block.

    rich silently crops columns whose minimum widths add up to more than the
    terminal; a stacked block ("Header: value" lines) wraps every word instead.
    """
    if _minimum_width(table) <= console.width:
        console.print(table)
        return
    if table.title:
        console.print(table.title)
    cells = [list(column.cells) for column in table.columns]
    for row in range(table.row_count):
        block = []
        for column, column_cells in zip(table.columns, cells, strict=True):
            cell = column_cells[row]
            if not isinstance(cell, Text) or not cell.plain:
                continue
            header = str(column.header)
            line = Text(f"{header}: ", style="bold") if header.strip("# ") else Text("")
            line.append(cell)
            block.append(line)
        console.print(Text("\n").join(block), overflow="fold")
        console.print()


def _names(actors: Iterable[ActorRef]) -> str:
    return ", ".join(a.name for a in actors)


def _when(entry: TimelineEntry) -> Text:
    return lines(text(entry.date_label), text(f"“{entry.date_text}”", "dim") if entry.date_text else None)


def _who(entry: TimelineEntry) -> Text:
    out = text(_names(entry.actors), "bold")
    if entry.targets:
        out.append(text(f" → {_names(entry.targets)}"))
    return out


def _what(kind: str, direction: str) -> Text:
    return lines(text(kind), text(direction, DIRECTION_STYLE.get(direction, "")))


def _stakes(label: str, stakes: Sequence[StakeView], style: str) -> list[Text]:
    return [text(f"{label} {stake.name}: {stake.what} ({stake.basis})", style) for stake in stakes]


def _excerpt(excerpt: str, source: str) -> Text:
    return text(f"“{excerpt}” [{source}]", "italic")


def _event_body(entry: TimelineEntry, excerpts: bool) -> Text:
    refs = entry.id
    if entry.answers:
        refs += " · answers " + ", ".join(entry.answers)
    if entry.follows:
        refs += " · after " + ", ".join(entry.follows)
    return lines(
        text(entry.summary),
        *_stakes("+", entry.beneficiaries, "green"),
        *_stakes("−", entry.losers, "red"),
        text(refs, "dim"),
        _excerpt(entry.excerpt, entry.source) if excerpts else None,
    )


def _events_table(
    entries: Sequence[TimelineEntry], excerpts: bool, title: str | None, width: int, header: bool = True
) -> Table:
    # Widths are worked out here rather than by rich's ratios (which ignore
    # min_width), so that the narrow columns keep a readable minimum and the
    # per-group tables of a timeline line up under one another.
    room = width - 4 * 3 - 10
    when, who = max(12, room * 2 // 13), max(10, room * 3 // 13)
    table = _table(title, show_header=header)
    _column(table, "When", width=when)
    _column(table, "Who", width=who)
    _column(table, "What", width=10)
    _column(table, "Event", width=max(16, room - when - who))
    for entry in entries:
        table.add_row(_when(entry), _who(entry), _what(entry.kind, entry.direction), _event_body(entry, excerpts))
    return table


def render_timeline(console: Console, timeline: Timeline, excerpts: bool = False) -> None:
    """One headed section per group (a month, a year, or a longer span), in the query's order."""
    groups: list[tuple[str, list[TimelineEntry]]] = []
    for entry in timeline.events:
        if not groups or groups[-1][0] != entry.group:
            groups.append((entry.group, []))
        groups[-1][1].append(entry)
    headings = _events_table([], excerpts, None, console.width)
    if _minimum_width(headings) <= console.width:
        console.print(headings)  # the column headings, once
    for group, entries in groups:
        if len(group) + 4 <= console.width:
            console.print(Rule(text(group, "bold"), align="left", style="dim"))
        else:  # a Rule would crop its title
            console.print(text(group, "bold"), overflow="fold")
        print_table(console, _events_table(entries, excerpts, None, console.width, header=False))
    count = len(timeline.events)
    console.print(text(f"{count} event{'' if count == 1 else 's'}", "dim"))


def _claims_table(claims: Sequence[ClaimView], excerpts: bool) -> Table:
    table = _table("Claims")
    _column(table, "Who", min_width=10, ratio=2)
    _column(table, "Stance", min_width=8, max_width=12)
    _column(table, "Claim", min_width=16, ratio=5)
    for claim in claims:
        role = claim.by_role if not claim.attributed_to else f"as reported by {claim.by_name}"
        who = lines(text(claim.attributed_to or claim.by_name, "bold"), text(role, "dim"))
        body = lines(
            text(claim.summary),
            text(f"“{claim.quote}”", "italic") if claim.quote else None,
            text(claim.context, "dim"),
            *_stakes("+", claim.beneficiaries, "green"),
            *_stakes("−", claim.losers, "red"),
            text(f"{claim.id} · about {_names(claim.about)}", "dim"),
            _excerpt(claim.excerpt, claim.source) if excerpts else None,
        )
        table.add_row(who, text(claim.stance), body)
    return table


def _sources_table(sources: Sequence[SourceView]) -> Table:
    table = _table("Sources")
    _column(table, "Id", min_width=8, ratio=2)
    _column(table, "Source", min_width=16, ratio=5)
    for source in sources:
        title = text(source.title, "bold")
        title.append(text(f" — {source.publisher}" + (f", {source.date}" if source.date else "")))
        if source.retells:
            title.append(text(f" (retells {source.retells})", "dim"))
        table.add_row(text(source.id), lines(title, text(source.url, "dim")))
    return table


def render_profile(console: Console, profile: CountryProfile, excerpts: bool = False) -> None:
    head = text(profile.name, "bold")
    facts = [profile.kind, profile.region or "", " / ".join(c for c in (profile.iso2, profile.iso3) if c)]
    head.append(text("  " + " · ".join(f for f in facts if f), "dim"))
    header: list[RenderableType] = [head]
    if profile.aliases:
        header.append(text("Also: " + ", ".join(profile.aliases)))
    for label, people in (("Leaders", profile.leaders), ("People", profile.people)):
        if people:
            header.append(text(f"{label}: " + "; ".join(f"{p.name} ({p.role})" if p.role else p.name for p in people)))
    verdict = text("Verdict: ", "bold")
    verdict.append(text(profile.verdict.text))
    header.append(verdict)
    console.print(Group(*header))
    console.print()
    if profile.events:
        print_table(console, _events_table(profile.events, excerpts, "Events", console.width))
    if profile.partners:
        table = _table("Partners it moved towards")
        _column(table, "Partner", min_width=10, ratio=1)
        _column(table, "What they gained", min_width=16, ratio=3)
        for partner in profile.partners:
            gains = lines(*(text(g) for g in partner.gains), text(", ".join(partner.events), "dim"))
            table.add_row(text(partner.name, "bold"), gains)
        print_table(console, table)
    for title, moves in (
        ("Russian counter-moves against it", profile.counter_moves_against),
        ("Counter-moves it made", profile.counter_moves_made),
    ):
        if moves:
            print_table(console, _events_table(moves, False, title, console.width))
    if profile.setbacks:
        table = _table("Setbacks")
        _column(table, "What it lost", min_width=16, ratio=3)
        _column(table, "Basis", min_width=8, max_width=12)
        _column(table, "Event", min_width=8, ratio=2)
        for setback in profile.setbacks:
            table.add_row(text(setback.what), text(setback.basis), text(setback.event, "dim"))
        print_table(console, table)
    if profile.claims:
        print_table(console, _claims_table(profile.claims, excerpts))
    if profile.sources:
        print_table(console, _sources_table(profile.sources))


def render_countries(console: Console, rows: Sequence[CountryRow]) -> None:
    table = _table()
    _column(table, "Actor", min_width=10, ratio=3)
    _column(table, "Kind", min_width=7, max_width=12)
    _column(table, "Region", min_width=8, ratio=3)
    _column(table, "Events", justify="right", min_width=6, max_width=6)
    _column(table, "Its moves", min_width=10, ratio=3)
    for row in rows:
        codes = " / ".join(c for c in (row.iso2, row.iso3) if c)
        name = lines(text(row.name, "bold"), text(row.id + (f" · {codes}" if codes else ""), "dim"))
        moves = Text()
        for direction in ("away", "towards", "counter", "other"):
            count = getattr(row, direction)
            if count:
                moves.append(text(f"{count} {direction} ", DIRECTION_STYLE[direction]))
        table.add_row(name, text(row.kind), text(row.region), text(str(row.events)), moves)
    print_table(console, table)


def _bar(entry: BenefitEntry, widest: int) -> Text:
    scale = min(1.0, _BAR_WIDTH / widest) if widest else 1.0
    stated = round(entry.stated * scale)
    counterpart = max(round(entry.evidence * scale) - stated, 0)
    bar = Text("█" * stated, style="green")
    bar.append("▒" * counterpart, style="cyan")
    return lines(bar, text(f"{entry.stated} stated, {entry.counterpart} counterpart", "dim"))


def _benefit_table(title: str, entries: Sequence[BenefitEntry], verb: str) -> Table:
    table = _table(title)
    _column(table, "#", justify="right", min_width=2, max_width=3)
    _column(table, "Actor", min_width=10, ratio=2)
    _column(table, "Evidence", min_width=12, max_width=_BAR_WIDTH + 10)
    _column(table, f"What it {verb}", min_width=16, ratio=5)
    widest = max((e.evidence for e in entries), default=0)
    for entry in entries:
        mark = "★ named the biggest winner" if verb == "gained" else "★ named the biggest loser"
        name = lines(text(entry.name, "bold"), text(mark, "yellow") if entry.biggest else None)
        body = lines(
            *(text(g) for g in entry.gains),
            text("from moves of " + _names(entry.from_countries), "dim") if entry.from_countries else None,
            text("in " + ", ".join(entry.domains), "dim") if entry.domains else None,
            text(", ".join([*entry.events, *entry.claims]), "dim"),
        )
        table.add_row(text(str(entry.rank)), name, _bar(entry, widest), body)
    return table


def render_benefits(console: Console, ranking: BenefitRanking) -> None:
    scope = f" from {ranking.country.name}'s moves and claims about it" if ranking.country else ""
    if ranking.beneficiaries:
        print_table(console, _benefit_table(f"Who benefits{scope}", ranking.beneficiaries, "gained"))
    else:
        console.print(text(f"No beneficiaries recorded{scope}.", "dim"))
    if ranking.losers:
        print_table(console, _benefit_table(f"Who loses{scope}", ranking.losers, "lost"))
    legend = Text("█ stated by the source  ", style="green")
    legend.append("▒ counterpart of a move", style="cyan")
    console.print(legend)


def render_validation(console: Console, report: ValidationReport) -> None:
    """One unwrapped line per problem (FILE:LINE:COL: path: message), then a count; or a summary."""
    if report.valid and report.counts is not None:
        c = report.counts
        line = (
            f"{report.file}: OK — {c.sources} sources, {c.actors} actors, {c.people} people, "
            f"{c.events} events, {c.claims} claims"
        )
        console.print(text(line), soft_wrap=True)
        return
    for problem in report.problems:
        console.print(text(str(problem)), soft_wrap=True)
    count = len(report.problems)
    console.print(text(f"{count} problem{'s' if count != 1 else ''} in {report.file}"), soft_wrap=True)


def render_person(console: Console, person: PersonProfile, excerpts: bool = False) -> None:
    head = text(person.name, "bold")
    details = [person.role or "", person.actor.name if person.actor else "", "leader" if person.leader else ""]
    head.append(text("  " + " · ".join(d for d in details if d), "dim"))
    header: list[RenderableType] = [head]
    if person.aliases:
        header.append(text("Also: " + ", ".join(person.aliases)))
    header.append(text(f"{len(person.claims)} claims, {len(person.events)} events"))
    console.print(Group(*header))
    console.print()
    if person.claims:
        print_table(console, _claims_table(person.claims, excerpts))
    if person.events:
        print_table(console, _events_table(person.events, excerpts, "Events", console.width))


def render_claims(console: Console, claims: ClaimList, excerpts: bool = False) -> None:
    print_table(console, _claims_table(claims.claims, excerpts))
    count = len(claims.claims)
    console.print(text(f"{count} claim{'' if count == 1 else 's'}", "dim"))


def render_sources(console: Console, rows: Sequence[SourceRow]) -> None:
    table = _table()
    _column(table, "Source", min_width=16, ratio=5)
    _column(table, "Events", justify="right", width=6)
    _column(table, "Claims", justify="right", width=6)
    _column(table, "Dates", justify="right", width=5)
    for row in rows:
        title = text(row.title, "bold")
        title.append(text(f" — {row.publisher}" + (f", {row.date}" if row.date else "")))
        relation = f"retells {row.retells}" if row.retells else ""
        if row.retold_by:
            relation += ("; " if relation else "") + "retold by " + ", ".join(row.retold_by)
        body = lines(title, text(row.url, "dim"), text(f"{row.id}" + (f" · {relation}" if relation else ""), "dim"))
        table.add_row(body, text(str(row.events)), text(str(row.claims)), text(str(row.dates)))
    print_table(console, table)


def _source_lines(label: str, source: SourceView) -> list[Text]:
    head = text(f"{label}: ", "bold")
    head.append(text(f"{source.title} — {source.publisher}" + (f", {source.date}" if source.date else "")))
    return [head, text(f"  {source.url}", "dim") if source.url else Text(), text(f"  id {source.id}", "dim")]


def render_citation(console: Console, citation: Citation) -> None:
    parts: list[Text] = [text(f"{citation.type} {citation.id}", "bold"), text(citation.summary)]
    if citation.date_label:
        when = text("When: ", "bold")
        when.append(text(citation.date_label))
        parts.append(when)
        if citation.date_inferred:
            parts.append(text(f"  ({citation.date_inferred})", "dim"))
    if citation.quote:
        quote = text("Quote: ", "bold")
        quote.append(text(f"“{citation.quote}”", "italic"))
        parts.append(quote)
    excerpt = text("Source's words: ", "bold")
    excerpt.append(text(f"“{citation.excerpt}”", "italic"))
    parts.append(excerpt)
    parts += _source_lines("Source", citation.source)
    if citation.retells:
        parts += _source_lines("Which retells", citation.retells)
    for source in citation.date_sources:
        parts += _source_lines("Date narrowed by", source)
    console.print(lines(*parts), overflow="fold")


def highlighted(value: str, words: Sequence[str], style: str = "") -> Text:
    """``value`` as safe Text, with every word that starts with a query word highlighted.

    Matching folds case and accents as the search does, character by
    character, so 'turkiye' lights up 'Türkiye' in place.
    """
    shown = visible(value)
    out = Text(shown, style=style)
    folded_at: list[int] = []  # folded character -> index in ``shown``
    folded = []
    for i, char in enumerate(shown):
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)).casefold()
        folded.append(base)
        folded_at.extend([i] * len(base))
    flat = "".join(folded)
    for word in words:
        start = flat.find(word)
        while start >= 0:
            if start == 0 or not flat[start - 1].isalnum():
                out.stylize("bold reverse", folded_at[start], folded_at[start + len(word) - 1] + 1)
            start = flat.find(word, start + 1)
    return out


def render_search(console: Console, result: SearchResult, words: Sequence[str]) -> None:
    table = _table()
    _column(table, "Type", width=7)
    _column(table, "Match", min_width=20, ratio=1)
    for hit in result.hits:
        body = lines(
            highlighted(hit.title, words, "bold"),
            highlighted(hit.text, words) if hit.text != hit.title else None,
            text(f"{hit.id} · found in {', '.join(hit.matched_in)}" + (f" · {hit.date}" if hit.date else ""), "dim"),
        )
        table.add_row(text(hit.type), body)
    print_table(console, table)
    count = len(result.hits)
    console.print(text(f"{count} match{'' if count == 1 else 'es'}", "dim"))


def render_comparison(console: Console, comparison: Comparison) -> None:
    table = _table()
    _column(table, "", min_width=10, max_width=16)
    for column in comparison.countries:
        _column(table, visible(column.name), min_width=12, ratio=1)
    columns = comparison.countries

    def row(label: str, cells: list[Text]) -> None:
        table.add_row(text(label, "bold"), *cells)

    row("Kind", [text(c.kind) for c in columns])
    row("Verdict", [text(c.verdict.text) for c in columns])
    row("Moves away", [text(str(c.verdict.moves_away)) for c in columns])
    row("Moves towards", [text(str(c.verdict.moves_towards)) for c in columns])
    row(
        "Events by kind",
        [lines(*(text(f"{kind} {n}") for kind, n in c.events_by_kind.items())) or text("—") for c in columns],
    )
    row("Partners", [text(", ".join(c.partners) or "—") for c in columns])
    row("Counter-moves against it", [text(", ".join(c.counter_moves_against) or "—") for c in columns])
    row("Counter-moves made", [text(", ".join(c.counter_moves_made) or "—") for c in columns])
    row("Claims", [text(", ".join(c.claims) or "—") for c in columns])
    print_table(console, table)
