"""Which facts file to read. Standard library only: completion and --help use it without pydantic."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

FACTS_ENV = "GEOPOL_FACTS"
# This module lives in geopol_cli/core/; the bundled facts sit beside the package's own modules.
_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def bundled_facts_path() -> Path:
    """The fact base that ships with geopol.

    An installed wheel carries it inside the package; a source checkout keeps
    it at the repository root, one level up.
    """
    inside = _PACKAGE_DIR / "facts.json"
    return inside if inside.is_file() else _PACKAGE_DIR.parent / "facts.json"


@dataclass(frozen=True)
class ChosenFacts:
    """A fact base chosen for a command: its path, and how it was named (for messages)."""

    path: Path
    origin: str | None  # "$GEOPOL_FACTS" when the variable named it; None when typed or bundled
    bundled: bool


def choose_facts(*given: str | None) -> ChosenFacts:
    """The fact base: the first of ``given`` that is set (a command's PATH argument, its --facts, the global
    --facts, in that order), then ``$GEOPOL_FACTS``, then the facts bundled with geopol."""
    typed = next((value for value in given if value), None)
    if typed:
        return ChosenFacts(Path(typed), None, False)
    from_env = os.environ.get(FACTS_ENV)
    if from_env:
        return ChosenFacts(Path(from_env), f"${FACTS_ENV}", False)
    return ChosenFacts(bundled_facts_path(), None, True)


def inside_package(path: Path) -> bool:
    """Whether ``path`` (symlinks followed) lies inside geopol's own installed package, bundled facts included."""
    real = Path(os.path.realpath(path))
    return real == _PACKAGE_DIR or real.is_relative_to(_PACKAGE_DIR)
