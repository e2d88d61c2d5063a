"""What `geopol validate` reports: every problem and warning of a facts file, or for a clean one its counts."""

from __future__ import annotations

from pathlib import Path

from geopol_cli.core.errors import FactsError
from geopol_cli.facts.load import load_facts
from geopol_cli.query.results import Counts, ValidationReport


def validation_report(path: Path, origin: str | None = None, strict: bool = False) -> ValidationReport:
    """Load the file once; its problems become the report's data rather than an error.

    Warnings (disagreements the record does not note, counterpart stakes that
    say more than the move) leave a file valid, unless ``strict``.
    """
    try:
        facts = load_facts(path, validating=True, origin=origin)
    except FactsError as error:
        return ValidationReport(file=str(path), valid=False, problems=error.problems, counts=None, strict=strict)
    base = facts.base
    counts = Counts(
        sources=len(base.sources),
        actors=len(base.actors),
        people=len(base.people),
        events=len(base.events),
        claims=len(base.claims),
    )
    return ValidationReport(
        file=str(path),
        valid=not (strict and facts.warnings),
        problems=[],
        counts=counts,
        warnings=facts.warnings,
        version=facts.version,
        strict=strict,
    )
