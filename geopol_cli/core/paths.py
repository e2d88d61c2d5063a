"""Which facts file to read. Standard library only: completion and --help use it without pydantic."""

from __future__ import annotations

import os
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


def choose_facts_path(option: str | None) -> Path:
    """``--facts`` first, then ``$GEOPOL_FACTS``, then the bundled file."""
    if option:
        return Path(option)
    from_env = os.environ.get(FACTS_ENV)
    if from_env:
        return Path(from_env)
    return bundled_facts_path()


def facts_origin(option: str | None) -> str | None:
    """``$GEOPOL_FACTS`` when the variable named the facts file, for messages; else None (the user typed it)."""
    return f"${FACTS_ENV}" if not option and os.environ.get(FACTS_ENV) else None


def inside_package(path: Path) -> bool:
    """Whether ``path`` (symlinks followed) lies inside geopol's own installed package, bundled facts included."""
    real = Path(os.path.realpath(path))
    return real == _PACKAGE_DIR or real.is_relative_to(_PACKAGE_DIR)
