"""`geopol search`: matches, with the matching words highlighted."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from geopol_cli.core.words import plural
from geopol_cli.query.results import (
    SearchResult,
)
from geopol_cli.render.console import (
    add_column,
    lines,
    new_table,
    print_table,
    text,
)
from geopol_cli.render.options import ViewOptions
from geopol_cli.render.safe import visible


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


def _when(label: str | None) -> str:
    return f" · {label}" if label else ""


def render_search(console: Console, result: SearchResult, view: ViewOptions) -> None:
    words = result.words
    table = new_table()
    add_column(table, "Type", width=7)
    add_column(table, "Match", min_width=20, ratio=1)
    for hit in result.hits:
        body = lines(
            highlighted(hit.title, words, "bold"),
            highlighted(hit.text, words) if hit.text != hit.title else None,
            text(
                f"{hit.id} · found in {', '.join(hit.matched_in)}" + _when(hit.date_label),
                "dim",
            ),
        )
        table.add_row(text(hit.type), body)
    print_table(console, table)
    count = len(result.hits)
    console.print(text(plural(count, "match"), "dim"))
