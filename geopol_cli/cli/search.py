"""`geopol search TEXT…`: find events, claims, actors and people by their words."""

from __future__ import annotations

from typing import Annotated

import typer

from geopol_cli.cli.options import (
    FactsOption,
    JsonOption,
    LimitOption,
    ReverseOption,
    fields_option,
    format_option,
    listing,
    load,
    sort_option,
)
from geopol_cli.cli.output import Output, choose


def search(
    ctx: typer.Context,
    words: Annotated[list[str], typer.Argument(metavar="TEXT", help="Words to find; every one must match.")],
    facts_path: FactsOption = None,
    as_json: JsonOption = False,
    fmt: Annotated[str | None, format_option("SearchResult")] = None,
    fields: Annotated[str | None, fields_option("SearchResult")] = None,
    limit: LimitOption = None,
    sort: Annotated[str | None, sort_option("SearchResult")] = None,
    reverse: ReverseOption = False,
) -> Output:
    """Find events, claims, actors and people by their words.

    Case, accents and punctuation are ignored, and every word must start a
    word of the record (in any of its fields). Ranking: records matched in a
    name (or id, alias, code) first, then in a summary (role, quote, region),
    then in an excerpt; within each, actors and people first, then events by
    date, then claims. Matching
    words are highlighted. No match prints nothing, notes it on stderr and
    exits 0.

    \b
    Examples:
      geopol search oil
      geopol search csto exercises
      geopol search turkiye --json | jq -r '.hits[] | "\\(.type) \\(.id)"'
    """
    from geopol_cli.query.search import search as search_facts

    out = choose("SearchResult", as_json, fmt, listing=listing(limit, sort, reverse), fields=fields)
    return out.of(search_facts(load(ctx, facts_path), words))
