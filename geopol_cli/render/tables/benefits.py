"""`geopol benefits`: who gains and who loses, with evidence bars."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from geopol_cli.query.results import (
    INFERRED,
    BenefitEntry,
    BenefitRanking,
    StatedWords,
)
from geopol_cli.render.console import (
    BAR_WIDTH,
    add_column,
    lines,
    new_table,
    print_table,
    text,
)
from geopol_cli.render.options import ViewOptions
from geopol_cli.render.tables.events import names
from geopol_cli.render.words import quoted


def _bar(entry: BenefitEntry, widest: int) -> Text:
    scale = min(1.0, BAR_WIDTH / widest) if widest else 1.0
    stated = round(entry.stated * scale)
    counterpart = max(round(entry.evidence * scale) - stated, 0)
    bar = Text("█" * stated, style="green")
    bar.append("▒" * counterpart, style="cyan")
    return lines(bar, text(f"{entry.stated} stated, {entry.counterpart} counterpart (inferred)", "dim"))


def _star(entry: BenefitEntry, verb: str) -> Text:
    """The star says what the source says, with its limits: its words where the fact base has them."""
    biggest = next((s for s in entry.stated_words if s.biggest and s.words), None)
    if biggest is None:
        return text("★ named the biggest winner" if verb == "gained" else "★ named the biggest loser", "yellow")
    words = quoted(biggest.words or "") if biggest.quoted else biggest.words
    return text(f"★ {words} [{biggest.source}]", "yellow")


def _words(stated: StatedWords | None) -> Text | None:
    """A stated gain's words, under it: the source's own in quotes, an account without."""
    if stated is None or not stated.words:
        return None
    words = quoted(stated.words) if stated.quoted else stated.words
    return text(f"  {words} [{stated.source}]", "dim italic")


def _benefit_table(title: str, entries: Sequence[BenefitEntry], verb: str) -> Table:
    table = new_table(title)
    add_column(table, "#", justify="right", min_width=2, max_width=3)
    add_column(table, "Actor", min_width=10, ratio=2)
    add_column(table, "Evidence", min_width=12, max_width=BAR_WIDTH + 10)
    add_column(table, f"What it {verb}", min_width=16, ratio=5)
    widest = max((e.evidence for e in entries), default=0)
    for entry in entries:
        name = lines(text(entry.name, "bold"), _star(entry, verb) if entry.biggest else None)
        inferred = set(entry.gains_inferred)
        said = {s.what: s for s in entry.stated_words}
        body = lines(
            *(lines(text(g + (f" ({INFERRED})" if g in inferred else "")), _words(said.get(g))) for g in entry.gains),
            text("from moves of " + names(entry.from_countries), "dim") if entry.from_countries else None,
            text("in " + ", ".join(entry.domains), "dim") if entry.domains else None,
            text(", ".join([*entry.events, *entry.claims]), "dim"),
        )
        table.add_row(text(str(entry.rank)), name, _bar(entry, widest), body)
    return table


def render_benefits(console: Console, ranking: BenefitRanking, view: ViewOptions) -> None:
    names = " and ".join(c.name for c in ranking.countries)
    scope = f" from {names}'s moves and claims about {'them' if len(ranking.countries) > 1 else 'it'}" if names else ""
    if ranking.beneficiaries:
        print_table(console, _benefit_table(f"Who benefits{scope}", ranking.beneficiaries, "gained"))
    else:
        console.print(text(f"No beneficiaries recorded{scope}.", "dim"))
    if ranking.losers:
        print_table(console, _benefit_table(f"Who loses{scope}", ranking.losers, "lost"))
    legend = Text("█ stated by the source  ", style="green")
    legend.append("▒ counterpart of a move", style="cyan")
    console.print(legend)
