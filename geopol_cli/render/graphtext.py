"""The relations graph as Graphviz DOT or as a Mermaid flowchart: plain text, no rich."""

from __future__ import annotations

from geopol_cli.query.results import Graph
from geopol_cli.render.safe import visible


def _dot_string(value: str) -> str:
    return '"' + visible(value, most=None).replace("\\", "\\\\").replace('"', '\\"') + '"'


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
    escaped = visible(value, most=None).replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
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
