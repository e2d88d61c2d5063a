"""A fact base's held texts: each opened once, and every excerpt and quote that cites it looked up in it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from geopol_cli.facts.checks import Finding
from geopol_cli.facts.models import Claim, Event
from geopol_cli.facts.texts import HeldText, TextMissing, TextRefused, decode_text, open_held_text

if TYPE_CHECKING:
    from geopol_cli.facts.index import Facts


def held_texts(
    facts: Facts, pending: Mapping[str, bytes] | None = None
) -> tuple[dict[str, HeldText | str], list[Finding]]:
    """Each source's held text, or why it cannot be used (only for sources that name one).

    Also the findings no command may pass over: a text that leads outside
    the fact base, is not a regular file or is too large is never read, and
    the fact base cannot be used (someone else's base must not make geopol
    read, or say yes or no about, a file of this machine). ``pending``: texts
    a dry run would copy into the base, by their name there, read from memory.
    """
    held: dict[str, HeldText | str] = {}
    refused: list[Finding] = []
    root = facts.root if facts.root is not None else Path.cwd()
    for i, source in enumerate(facts.base.sources):
        if source.text is None:
            continue
        if pending and source.text in pending:
            held[source.id] = decode_text(pending[source.text])
            continue
        try:
            file = open_held_text(root, source.text)
            if source.sha256 is not None and file.sha256 != source.sha256:
                held[source.id] = f"its text file {source.text!r} has changed since it was added (its SHA-256 differs)"
                continue
            held[source.id] = decode_text(file.data)
        except TextRefused as exc:
            refused.append((("sources", i, "text"), str(exc)))
        except TextMissing as exc:
            held[source.id] = str(exc)
        except UnicodeDecodeError as exc:
            held[source.id] = f"its text file {source.text!r} cannot be read as UTF-8 text: {exc}"
    facts.texts.update({k: v for k, v in held.items() if isinstance(v, HeldText)})
    return held, refused


def check_excerpts(facts: Facts, held: dict[str, HeldText | str], validating: bool) -> Iterator[Finding]:
    """Every excerpt and quote citing a source with a held text, looked up in it; marks the verified records.

    Only `geopol validate` reports what is not found (a view of a fact base
    whose text changed still works: its records are simply not verified).
    """
    if not held:
        return
    index = {s.id: i for i, s in enumerate(facts.base.sources)}
    for source_id, problem in held.items():
        if isinstance(problem, str) and validating:
            yield ("sources", index[source_id], "text"), problem
    verified = facts.verified
    found: dict[tuple[str, str], bool] = {}  # (source, excerpt) -> whether it stands in the text: each looked up once
    sections: tuple[tuple[str, Sequence[Event | Claim]], ...] = (
        ("events", facts.base.events),
        ("claims", facts.base.claims),
    )
    for section, records in sections:
        for i, record in enumerate(records):
            all_found = True
            for j, citation in enumerate(record.citations):
                text = held.get(citation.source)
                if not isinstance(text, HeldText) or citation.excerpt is None:
                    all_found = False
                    continue
                for key in ("excerpt", "quote"):
                    value = getattr(citation, key)
                    if value is None:
                        continue
                    known = found.get((citation.source, value))
                    if known is None:
                        known = found[(citation.source, value)] = text.contains(value)
                    if known:
                        continue
                    all_found = False
                    if validating:
                        passage, differs = text.closest(value)
                        message = (
                            f"not found word for word in the text of {citation.source!r}; "
                            f'the closest passage is "{_cut(passage)}" ({differs})'
                        )
                        yield (section, i, "citations", j, key), message
            for side in ("beneficiaries", "losers"):
                for j, stake in enumerate(getattr(record, side)):
                    if stake.excerpt is None:
                        continue
                    stating = stake.source or record.citations[0].source
                    text = held.get(stating)
                    if not isinstance(text, HeldText):
                        continue
                    known = found.get((stating, stake.excerpt))
                    if known is None:
                        known = found[(stating, stake.excerpt)] = text.contains(stake.excerpt)
                    if not known and validating:
                        passage, differs = text.closest(stake.excerpt)
                        message = (
                            f"not found word for word in the text of {stating!r}; "
                            f'the closest passage is "{_cut(passage)}" ({differs})'
                        )
                        yield (section, i, side, j, "excerpt"), message
            if all_found:
                verified.add(record.id)


def _cut(text: str, most: int = 240) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"
