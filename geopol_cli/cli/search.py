"""`geopol search TEXT…`: find events, claims, actors and people by their words."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from geopol_cli.cli.common import FactsOption, FormatOption, JsonOption, open_facts, output_format, show, stop_on_empty

if TYPE_CHECKING:
    from rich.console import Console


def search(
    ctx: typer.Context,
    words: Annotated[list[str], typer.Argument(metavar="TEXT...", help="Words to find; every one must match.")],
    facts_path: FactsOption = None,
    as_json: JsonOption = False,
    fmt: FormatOption = None,
) -> None:
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
    from geopol_cli.folding import normalize
    from geopol_cli.query.search import search as run_search

    output = output_format(as_json, fmt)
    result = run_search(open_facts(ctx, facts_path), words)
    if stop_on_empty(not result.hits, "nothing matches " + " ".join(repr(w) for w in words), output):
        return
    folded = [w for q in words for w in normalize(q).split()]

    def table(console: Console) -> None:
        from geopol_cli.render.table import render_search

        render_search(console, result, folded)

    def rows() -> list[dict[str, object]]:
        from geopol_cli.render.flat import search_rows

        return search_rows(result)

    show(result, output, table, rows)
