"""The render registry names result types by class name; the names must stay true."""

from __future__ import annotations

import dataclasses
import importlib
import re
from pathlib import Path

import pytest

from geopol_cli.query import results
from geopol_cli.render.registry import RENDERERS, formats_for, kind_of, renderer

CLI = Path(__file__).resolve().parent.parent / "geopol_cli" / "cli"


def test_every_registered_name_is_a_result_type() -> None:
    for name in RENDERERS:
        assert dataclasses.is_dataclass(getattr(results, name, None)), name


def test_every_command_names_a_registered_result() -> None:
    named = set()
    for path in CLI.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        named |= set(re.findall(r'(?:view_options|format_option|(?<!\.)choose)\("(\w+)"', text))
    assert named and named <= set(RENDERERS)


@pytest.mark.parametrize("view", sorted(RENDERERS))
def test_every_renderer_imports(view: str) -> None:
    for fmt in formats_for(view):
        if fmt != "json":
            assert callable(renderer(view, fmt)), (view, fmt)
            assert kind_of(view, fmt) in ("jsonl", "rows", "console", "text")
            module = RENDERERS[view][fmt].partition(":")[0]
            assert importlib.import_module(module)
