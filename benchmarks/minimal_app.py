#!/usr/bin/env python3
"""A yardstick for start-up: the smallest app of geopol's shape, on the same libraries.

One Typer command with ten options and one pydantic model, reading the
bundled facts and printing one actor as JSON:

    python benchmarks/minimal_app.py kazakhstan --json

Whatever this costs above the floor (`import typer; from pydantic import
BaseModel`) is what the libraries cost any app that uses them so; geopol's
own start-up is best read against it (benchmarks/run.py prints both).
"""

import json
from pathlib import Path

import typer
from pydantic import BaseModel

FACTS = Path(__file__).resolve().parent.parent / "facts.json"

app = typer.Typer()


class Country(BaseModel):
    id: str
    name: str


@app.command()
def country(
    name: str,
    as_json: bool = typer.Option(False, "--json"),
    fmt: str = typer.Option("table", "--format"),
    limit: int = typer.Option(0, "--limit"),
    since: str = typer.Option("", "--since"),
    until: str = typer.Option("", "--until"),
    excerpts: bool = typer.Option(False, "--excerpts"),
    fields: str = typer.Option("", "--fields"),
    sort: str = typer.Option("", "--sort"),
    reverse: bool = typer.Option(False, "--reverse"),
    quiet: bool = typer.Option(False, "--quiet"),
) -> None:
    data = json.loads(FACTS.read_bytes())
    actor = next(a for a in data["actors"] if a["id"] == name)
    print(Country.model_validate(actor).model_dump_json())


if __name__ == "__main__":
    app()
