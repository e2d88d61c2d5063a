"""The relations graph as Graphviz DOT, as a Mermaid flowchart, or as a tree in the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.tree import Tree

from geopol_cli.query.results import Graph
from geopol_cli.render.safe import visible
from geopol_cli.render.table import text


def _dot_string(value: str) -> str:
    return '"' + visible(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(graph: Graph) -> str:
    """A valid Graphviz digraph: moves are solid arrows, gains dashed ones."""
    out = ["digraph geopol {", "  rankdir=LR;", "  node [shape=box];"]
    out += [f"  {_dot_string(n.id)} [label={_dot_string(n.name)}];" for n in graph.nodes]
    for edge in graph.edges:
        style = "solid" if edge.relation == "acts" else "dashed"
        events = "events: " + ", ".join(edge.events)
        out.append(
            f"  {_dot_string(edge.source)} -> {_dot_string(edge.target)} "
            f"[label={_dot_string(edge.label)}, tooltip={_dot_string(events)}, style={style}];"
        )
    out.append("}")
    return "\n".join(out) + "\n"


def _mermaid_text(value: str) -> str:
    # Mermaid labels are quoted; quotes and angle brackets become entity codes.
    escaped = visible(value).replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
    return f'"{escaped}"'


def to_mermaid(graph: Graph) -> str:
    """A Mermaid flowchart (renders on GitHub): moves as arrows, gains as dotted arrows."""
    ids = {node.id: f"n{i}" for i, node in enumerate(graph.nodes)}
    out = ["flowchart LR"]
    out += [f"  {ids[n.id]}[{_mermaid_text(n.name)}]" for n in graph.nodes]
    for edge in graph.edges:
        arrow = "-->" if edge.relation == "acts" else "-.->"
        out.append(f"  {ids[edge.source]} {arrow}|{_mermaid_text(edge.label)}| {ids[edge.target]}")
    return "\n".join(out) + "\n"


def render_tree(console: Console, graph: Graph) -> None:
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
