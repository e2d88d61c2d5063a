"""`geopol extract`: the proposed records, as a table and as the review shows each one."""

from __future__ import annotations

from rich.console import Console

from geopol_cli.core.words import plural
from geopol_cli.query.results import Candidate, Proposals, ProposedDate
from geopol_cli.render.console import add_column, lines, new_table, print_table, text
from geopol_cli.render.options import ViewOptions
from geopol_cli.render.words import quoted


def date_label(date: ProposedDate | None) -> str:
    if date is None:
        return "no date"
    if date.start is None:
        return f"by {date.end}"
    return date.start if date.end in (None, date.start) else f"{date.start} – {date.end}"


def who(candidate: Candidate) -> str:
    """Who acts towards whom (an event), who speaks of whom (a claim), or what the record is."""
    if candidate.type == "event":
        towards = f" → {', '.join(candidate.targets)}" if candidate.targets else ""
        return ", ".join(candidate.actors) + towards
    if candidate.type == "claim":
        speaker = candidate.attributed_to or candidate.by or ""
        return f"{speaker} on {', '.join(candidate.about)}"
    return candidate.name or candidate.id


def what(candidate: Candidate) -> str:
    if candidate.type == "event":
        return f"{candidate.kind}, {candidate.direction}" if candidate.direction else str(candidate.kind)
    if candidate.type == "claim":
        return str(candidate.stance)
    return str(candidate.kind or candidate.type)


def render_proposals(console: Console, proposals: Proposals, view: ViewOptions) -> None:
    table = new_table()
    add_column(table, "#", justify="right", width=3)
    add_column(table, "Proposed", min_width=12, ratio=2)
    add_column(table, "Words of the text", min_width=24, ratio=5)
    add_column(table, "Who", min_width=12, ratio=2)
    add_column(table, "When", min_width=10, ratio=1)
    add_column(table, "Kind (guess)", min_width=10, ratio=1)
    for number, candidate in enumerate(proposals.candidates, start=1):
        table.add_row(
            text(str(number)),
            lines(text(candidate.type, "bold"), text(candidate.id, "dim")),
            text(quoted(candidate.excerpt or "")),
            text(who(candidate)),
            text(date_label(candidate.date) if candidate.type == "event" else ""),
            text(what(candidate)),
        )
    print_table(console, table)
    counts = ", ".join(
        plural(sum(1 for c in proposals.candidates if c.type == kind), kind)
        for kind in ("actor", "person", "event", "claim")
        if any(c.type == kind for c in proposals.candidates)
    )
    console.print(text(f"{counts} proposed from {proposals.source}", "dim"))
    if proposals.already:
        console.print(text(f"{plural(proposals.already, 'record')} the text supports already in the base", "dim"))
    console.print(text("--json gives each one's reasons; on a terminal, geopol extract reviews them one by one", "dim"))


def candidate_lines(candidate: Candidate, number: int, count: int) -> list[str]:
    """One candidate as the review shows it: what it is, the words it rests on, its parts and the reasons."""
    out = [f"[{number}/{count}] {candidate.type} {candidate.id}"]
    if candidate.excerpt:
        out.append(f"  words: {quoted(candidate.excerpt)}")
    if candidate.type == "event":
        out.append(f"  who: {who(candidate)}")
        if candidate.date is not None:
            out.append(f"  when: {date_label(candidate.date)}" + (f" ({candidate.date.text})" if candidate.date.text
                                                                     else ""))  # fmt: skip
        out.append(f"  kind: {what(candidate)}")
    elif candidate.type == "claim":
        out.append(f"  who: {who(candidate)}")
        if candidate.quote:
            out.append(f"  quote: {quoted(candidate.quote)}")
        out.append(f"  stance: {candidate.stance}")
    elif candidate.type == "actor":
        record = candidate.record
        codes = f" ({record['iso2']}, {record['iso3']})" if record.get("iso2") else ""
        out.append(f"  new actor: {candidate.name}, a {candidate.kind}{codes}")
    else:
        role = candidate.record.get("role")
        out.append(f"  new person: {candidate.name}" + (f", {role}" if role else ""))
    if candidate.needs:
        out.append(f"  adds with it: {', '.join(candidate.needs)}")
    out += [f"  · {reason}" for reason in candidate.reasons]
    return out
