"""The relations graph as a tree in the terminal (DOT and Mermaid are in graphtext.py, without rich)."""

from __future__ import annotations

from rich.console import Console
from rich.tree import Tree

from geopol_cli.query.results import Graph
from geopol_cli.render.console import text
from geopol_cli.render.options import ViewOptions


def render_tree(console: Console, graph: Graph, view: ViewOptions) -> None:
    """Each actor with the moves it made (→) and the gains others drew from them (⇢)."""
    names = {n.id: n.name for n in graph.nodes}
    title = f"Relations of {graph.country.name}" if graph.country else "Relations"
    tree = Tree(text(title, "bold"))
    branches: dict[str, Tree] = {}
    for edge in graph.edges:
        branch = branches.get(edge.source)
        if branch is None:
            branch = branches[edge.source] = tree.add(text(names[edge.source], "bold"))
        arrow = "→" if edge.relation == "acts" else "⇢"
        leaf = text(f"{arrow} {names[edge.target]}: {edge.label}")
        leaf.append(text(f"  {', '.join(edge.events)}", "dim"))
        branch.add(leaf)
    console.print(tree)
