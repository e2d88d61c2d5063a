"""The records a person accepted from `geopol extract`, written in one journaled change.

What is accepted goes through the change engine as `add` does (edit/change.py):
each record in canonical form, the whole base checked as `geopol validate`
checks it (every excerpt against the held text), one atomic write and one
journal entry, so that `geopol undo` takes back the whole review. A text
given as a file (`geopol extract FILE --source ID`) is held as the source's
text in the same change.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from geopol_cli.core.errors import UsageProblem
from geopol_cli.edit.add import TakenText
from geopol_cli.facts.fields import KINDS
from geopol_cli.query.results import Candidate, ChangeReport

# The order records are written in: what a record names comes before it.
_ORDER = ("actor", "person", "event", "claim")


def with_needs(accepted: Sequence[Candidate], every: Sequence[Candidate]) -> tuple[list[Candidate], list[str]]:
    """The accepted candidates and the new actors and people they name (added with them); and those added so."""
    by_id = {c.id: c for c in every if c.type in ("actor", "person")}
    chosen = {c.id: c for c in accepted}
    added: list[str] = []
    pending = [need for c in accepted for need in c.needs]
    while pending:
        need = pending.pop(0)
        if need in chosen or need not in by_id:
            continue
        chosen[need] = by_id[need]
        added.append(need)
        pending += by_id[need].needs
    ordered = sorted(chosen.values(), key=lambda c: _ORDER.index(c.type))
    return ordered, added


def write_accepted(
    path: Path,
    source_id: str,
    records: Sequence[tuple[str, dict[str, Any]]],
    *,
    held: TakenText | None = None,
    dry_run: bool = False,
    origin: str | None = None,
) -> ChangeReport:
    """Add ``records`` ((kind, record) pairs) to the fact base at ``path`` in one change; with ``held``, the
    source's text too."""
    from geopol_cli.edit.change import Workspace, change

    if not records and held is None:
        raise UsageProblem("nothing was accepted, so nothing is written")

    def make(space: Workspace) -> None:
        target = list(space.documents)[-1]
        if held is not None:
            at = space.find(source_id)
            if at is None or at.kind != "source":
                raise UsageProblem(f"{source_id!r} is not a source of the fact base")
            space.replace(at, {**at.record, "text": held.relative, "sha256": held.sha256})
        for kind, record in sorted(records, key=lambda r: _ORDER.index(r[0])):
            section = KINDS[kind][1]
            space.insert(target, section, len(space.documents[target].get(section) or []), record)

    counted = {kind: sum(1 for k, _ in records if k == kind) for kind in _ORDER}
    told = ", ".join(f"{n} {kind}(s)" for kind, n in counted.items() if n) or "its text only"
    summary = f"extracted from {source_id}: {told}"
    return change(path, "extract", summary, make, dry_run=dry_run, origin=origin, held=held)
