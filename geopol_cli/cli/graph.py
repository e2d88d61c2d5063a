"""`geopol graph`: who acted towards whom, and who gained from whose move."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from geopol_cli.cli.common import FactsOption, JsonOption, find_actor, open_facts, show
from geopol_cli.cli.complete import complete_actor
from geopol_cli.errors import ExitCode

if TYPE_CHECKING:
    from rich.console import Console

GRAPH_FORMATS = ("tree", "dot", "mermaid", "json")


def graph(
    ctx: typer.Context,
    country: Annotated[
        str | None,
        typer.Option(
            "--country",
            "-c",
            metavar="NAME",
            autocompletion=complete_actor,
            help="Only the edges that touch this actor.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="tree (default), dot, mermaid or json.")
    ] = "tree",
    facts_path: FactsOption = None,
    as_json: JsonOption = False,
) -> None:
    """The relations graph: who acted towards whom, who gained from whose move.

    Edges come only from the facts' own fields: an event's actors towards its
    targets (labelled by kind and direction), and an event's actors towards
    those who gained from it (labelled by basis). --format dot is Graphviz,
    --format mermaid a flowchart that renders on GitHub.

    \b
    Examples:
      geopol graph
      geopol graph --country armenia
      geopol graph --format dot | dot -Tsvg > relations.svg
      geopol graph --format mermaid > relations.mmd
    """
    from geopol_cli.query.graph import relations_graph

    if fmt not in GRAPH_FORMATS:
        raise typer.BadParameter(
            f"{fmt!r} is not a graph format; use one of: {', '.join(GRAPH_FORMATS)}", param_hint="--format"
        )
    if as_json and fmt not in ("tree", "json"):
        raise typer.BadParameter(f"--json asks for json but --format asks for {fmt}; give one", param_hint="--format")
    facts = open_facts(ctx, facts_path)
    actor = find_actor(facts, country, ExitCode.USAGE) if country is not None else None
    result = relations_graph(facts, actor)
    if fmt in ("dot", "mermaid"):
        from geopol_cli.render.graph import to_dot, to_mermaid

        sys.stdout.write(to_dot(result) if fmt == "dot" else to_mermaid(result))
        return

    def table(console: Console) -> None:
        from geopol_cli.render.graph import render_tree

        render_tree(console, result)

    show(result, as_json or fmt == "json", table)
