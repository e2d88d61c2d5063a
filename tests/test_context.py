"""The run's context (cli/context.py) and the shared view options (cli/output.py view_options).

The precedence of the fact base and the rule that the bundled facts are never
written are said once, in Session; every view gets its output options from one
decorator. These tests pin both, through the real commands.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import typer.main

from geopol_cli.cli.app import app
from geopol_cli.cli.context import Session
from geopol_cli.core.errors import UsageProblem
from geopol_cli.core.paths import bundled_facts_path

from .conftest import geopol as run_geopol

SHARED = {"--facts", "--json", "--format", "--fields", "--jq"}
LISTS = {"--limit", "--sort", "--reverse"}


def test_precedence_is_argument_then_command_option_then_global_then_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GEOPOL_FACTS", "from-env.json")
    run = Session(facts="global.json")
    assert run.choose("argument.json", "option.json").path == Path("argument.json")
    assert run.choose(None, "option.json").path == Path("option.json")
    assert run.choose(None, None).path == Path("global.json")
    assert Session().choose(None).path == Path("from-env.json")
    assert Session().choose(None).origin == "$GEOPOL_FACTS"
    monkeypatch.delenv("GEOPOL_FACTS")
    bundled = Session().choose(None)
    assert bundled.bundled and bundled.path == bundled_facts_path()


def test_the_bundled_facts_are_never_chosen_for_writing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GEOPOL_FACTS", raising=False)
    with pytest.raises(UsageProblem, match="bundled facts are not changed"):
        Session().to_write(None, command="add")
    assert Session(facts="mine.json").to_write(None, command="add").path == Path("mine.json")


def test_the_global_facts_option_reaches_every_view(tmp_path: Path) -> None:
    mine = tmp_path / "mine.json"
    shutil.copy(bundled_facts_path(), mine)
    data = json.loads(mine.read_text(encoding="utf-8"))
    data["actors"][0]["name"] = "Renamed for this test"
    mine.write_text(json.dumps(data), encoding="utf-8")
    result = run_geopol("--facts", str(mine), "countries", "--json")
    assert result.exit_code == 0, result.stderr
    assert "Renamed for this test" in {row["name"] for row in json.loads(result.stdout)}
    # The command's own --facts wins over the global one.
    again = run_geopol("--facts", str(mine), "countries", "--json", "--facts", str(bundled_facts_path()))
    assert "Renamed for this test" not in {row["name"] for row in json.loads(again.stdout)}


def _commands() -> dict[str, object]:
    group = typer.main.get_command(app)
    listed = group.list_commands(None)  # type: ignore[attr-defined]
    return {name: group.get_command(None, name) for name in listed}  # type: ignore[attr-defined]


def test_every_view_has_the_shared_output_options() -> None:
    views = 0
    for name, command in _commands().items():
        opts = {opt for param in getattr(command, "params", []) for opt in getattr(param, "opts", [])}
        if "--format" not in opts or name in ("fmt", "init", "schema"):
            continue
        views += 1
        assert opts >= SHARED, (name, SHARED - opts)
        if "--sort" in opts:
            assert opts >= LISTS, name
    assert views >= 12


def test_output_options_are_declared_in_one_place() -> None:
    # A view declares `request: ViewRequest`; the options themselves are written out only in cli/options.py
    # and handed on by cli/output.py's decorator.
    cli = Path(__file__).resolve().parent.parent / "geopol_cli" / "cli"
    for path in cli.glob("*.py"):
        # The writers (add, edit, rename, remove, undo, fmt, init) take --json for their report, not a view.
        writers = ("add.py", "edit.py", "rename.py", "remove.py", "history.py", "fmt.py", "init.py", "importing.py")
        if path.name in ("options.py", "output.py", "app.py", *writers):
            continue
        text = path.read_text(encoding="utf-8")
        for declared in ("JsonOption", "format_option(", "fields_option(", "LimitOption", "JqOption"):
            assert declared not in text, (path.name, declared)


def test_a_view_takes_the_list_options_exactly_when_its_result_is_a_list() -> None:
    from geopol_cli.render.registry import list_shape

    checked = 0
    for name, command in _commands().items():
        view = getattr(getattr(command, "callback", None), "view", None)
        if view is None:
            continue
        checked += 1
        opts = {opt for param in getattr(command, "params", []) for opt in getattr(param, "opts", [])}
        assert ("--sort" in opts) == (list_shape(view) is not None), name
    assert checked >= 12
