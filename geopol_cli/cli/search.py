"""`geopol search TEXT…`: find events, claims, actors and people by their words."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from geopol_cli.cli.options import (
    CountryFilter,
    DirectionFilter,
    KindFilter,
    RecordTypeChoice,
    SinceOption,
    UntilOption,
    WithinOption,
    date_range,
    event_filter,
    values,
)
from geopol_cli.cli.output import Output, ViewRequest, view_options

if TYPE_CHECKING:
    from geopol_cli.facts.load import Facts


@view_options("SearchResult", lists=True)
def search(
    ctx: typer.Context,
    request: ViewRequest,
    words: Annotated[list[str], typer.Argument(metavar="TEXT", help="Words to find; every one must match.")],
    kinds_of_record: Annotated[
        list[RecordTypeChoice] | None,  # type: ignore[valid-type]
        typer.Option("--type", "-t", help="Only records of this type (repeatable: any of them).", show_default=False),
    ] = None,
    country: CountryFilter = None,
    since: SinceOption = None,
    until: UntilOption = None,
    kind: KindFilter = None,
    direction: DirectionFilter = None,
    within: WithinOption = False,
) -> Output:
    """Find events, claims, actors and people by their words.

    Case, accents and punctuation are ignored, and every word must start a
    word of the record (in any of its fields). Ranking: records matched in a
    name (or id, alias, code) first, then in a summary (role, quote, region),
    then in an excerpt; within each, actors and people first, then events by
    date, then claims. Matching
    words are highlighted. No match prints nothing, notes it on stderr and
    exits 0. --type keeps records of those types; --country, --since,
    --until, --kind and --direction keep only the events that pass them, as in
    the timeline (and so only events).

    \b
    Examples:
      geopol search oil
      geopol search csto exercises
      geopol search oil --type event --since 2022-06
      geopol search turkiye --json | jq -r '.hits[] | "\\(.type) \\(.id)"'
    """
    from geopol_cli.query.search import search as search_facts

    out = request.choose()
    since, until = date_range(since, until)
    from geopol_cli.core.folding import normalize
    from geopol_cli.facts.store import Need

    def need(known: Facts) -> Need:  # a large base's index reads only the records holding every word
        chosen = event_filter(known, country, since, until, kind, direction, within)
        types = values(kinds_of_record)
        found = tuple(w for q in words for w in normalize(q).split())
        return Need(
            "match" if not types or "event" in types or chosen else "none",
            "all" if (not types or "claim" in types) and not chosen else "none",
            chosen.countries,
            chosen.kinds,
            chosen.directions,
            words=found,
            stream="file",  # the events and claims are searched as they are read, never all held
        )

    facts = request.load(need=need)
    wanted = event_filter(facts, country, since, until, kind, direction, within)
    return out.of(search_facts(facts, words, values(kinds_of_record), wanted))
