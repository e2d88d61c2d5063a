"""The shape of the code: no import points back up a layer, no private API of another package.

Layers, bottom to top: core <- facts <- query <- edit <- render <- cli <- main. Every
``import`` in a module (at the top or inside a function: lazy imports count)
may name its own layer or one below, never one above. And a fresh process
that imports a layer pulls in no heavy package that layer does not need.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "geopol_cli"
ORDER = ["core", "facts", "query", "edit", "render", "cli", "main"]
THIRD_PARTY = ("typer", "click", "rich", "pydantic", "pydantic_core")


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "geopol_cli":
        return None
    if len(parts) == 1 or parts[1] == "__version__":
        return "core"  # the package itself holds only __version__
    return "main" if parts[1] in ("main", "__main__") else parts[1]


def modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out.append((name, path))
    return out


def imports(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno))
            found += [(f"{node.module}.{alias.name}", node.lineno) for alias in node.names]
    return found


def test_every_module_belongs_to_a_known_layer() -> None:
    for name, _ in modules():
        assert layer_of(name) in ORDER, name


def test_no_import_points_back_up_a_layer() -> None:
    wrong = []
    for name, path in modules():
        mine = ORDER.index(layer_of(name) or "core")
        for imported, line in imports(path):
            theirs = layer_of(imported)
            if theirs is not None and ORDER.index(theirs) > mine:
                wrong.append(f"{path.name}:{line}: {name} ({ORDER[mine]}) imports {imported} ({theirs})")
    assert not wrong, "\n".join(wrong)


def test_no_private_name_of_another_package_is_imported() -> None:
    wrong = []
    for _, path in modules():
        for imported, line in imports(path):
            parts = imported.split(".")
            if parts[0] in THIRD_PARTY and any(p.startswith("_") for p in parts[1:]):
                wrong.append(f"{path.name}:{line}: {imported}")
    assert not wrong, "\n".join(wrong)


def test_the_checks_above_can_fail(tmp_path: Path) -> None:
    # The AST reader sees lazy imports inside functions too, and private names.
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from geopol_cli.cli.output import say\n    from typer._click import Context\n")
    found = [m for m, _ in imports(sample)]
    assert "geopol_cli.cli.output" in found and "typer._click.Context" in found


def loaded_by(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(sys.modules))"
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(ran.stdout.split())


@pytest.mark.parametrize(
    ("module", "absent"),
    [
        ("geopol_cli.core.errors", ("pydantic", "rich", "typer", "geopol_cli.facts")),
        ("geopol_cli.core.vocabulary", ("pydantic", "rich", "typer")),
        ("geopol_cli.facts.load", ("rich", "typer", "pycountry", "geopol_cli.query", "geopol_cli.render")),
        ("geopol_cli.query.timeline", ("rich", "typer", "geopol_cli.render", "geopol_cli.cli")),
        ("geopol_cli.query.results", ("pydantic", "rich", "typer")),
        ("geopol_cli.render.registry", ("rich", "typer", "pydantic", "geopol_cli.cli")),
        ("geopol_cli.render.jsonout", ("rich", "typer")),
        ("geopol_cli.cli.app", ("rich", "pydantic", "pycountry", "geopol_cli.facts", "geopol_cli.render.console")),
        # The country library is extract's alone: not even its module loads it until it reads a text.
        ("geopol_cli.edit.extract.propose", ("pycountry", "rich", "typer")),
    ],
)
def test_a_layer_pulls_in_only_what_it_needs(module: str, absent: tuple[str, ...]) -> None:
    # What geopol adds: a Typer that imports rich itself (Typer < 0.26 does,
    # when rich is installed) is Typer's cost, not the layer's.
    baseline = loaded_by("typer") if module.startswith("geopol_cli.cli") else set()
    loaded = loaded_by(module) - baseline
    pulled = sorted(m for m in loaded if any(m == a or m.startswith(a + ".") for a in absent))
    assert not pulled, f"{module} pulls in {pulled}"


def test_a_command_imports_no_other_command() -> None:
    # The group imports a command's module when that command runs (cli/app.py COMMANDS): a run pays for its
    # own command's imports, not for the twenty others'.
    from geopol_cli.cli.app import COMMANDS

    code = (
        "import sys, io, json, contextlib\n"
        "from geopol_cli.main import run\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    code = run(['country', 'kazakhstan', '--json'])\n"
        "print(json.dumps([code, [m for m in sys.modules if m.startswith('geopol_cli.cli.')]]))\n"
    )
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PACKAGE.parent)
    code_, loaded = json.loads(ran.stdout)
    assert code_ == 0, ran.stderr
    assert "geopol_cli.cli.country" in loaded
    others = {f"geopol_cli.cli.{where.module}" for where in COMMANDS.values()} - {
        "geopol_cli.cli.country",
        "geopol_cli.cli.app",
    }
    assert not set(loaded) & others, set(loaded) & others
