"""The drawing model every view produces and the page renders: nodes and edges with only the
attributes meant for display (label, tooltip text, kind, flags, level), never the raw projection.

Also the small readers of the analytics projection the views share: neighbours by edge kind in
either direction, the owners of an item, and the tooltip text of a node (its text and where the
source says it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import networkx as nx

from cpgraph.analytics.projection import AGENT_KINDS

LABEL_LIMIT = 80
"""Longest label drawn on the canvas; the full text is in the tooltip."""


@dataclass
class ViewNode:
    """A node as drawn: ``key`` is its identity in the projection (an IRI, or a view's own key)."""

    key: str
    kind: str
    label: str
    tooltip: str
    level: int | None = None
    flags: tuple[str, ...] = ()
    x: float | None = None
    y: float | None = None
    fill: str | None = None  # coverage cells colour by count


@dataclass
class ViewEdge:
    """An edge as drawn, between two node keys."""

    source: str
    target: str
    kind: str
    label: str = ""
    tooltip: str = ""


@dataclass
class View:
    """What one view shows: its nodes and edges, a title, notes to the reader (what was
    filtered or summarised and how to see more) and how to lay it out (``hierarchical``,
    ``hierarchical-lr``, ``physics``, ``fixed``, or ``tree-lr``: positions set by
    ``viz.tree_layout``, with ``headings`` (x, top, bottom, text) drawn above its columns and
    ``start``, the top-right corner of the part shown first)."""

    kind: str
    title: str
    layout: str
    nodes: dict[str, ViewNode] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], ViewEdge] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    level_names: dict[int, str] = field(default_factory=dict)
    headings: list[tuple[float, float, float, str]] = field(default_factory=list)
    start: tuple[float, float] | None = None

    def add_node(self, node: ViewNode) -> ViewNode:
        """Add ``node`` unless one with its key is there already; return the one kept."""
        return self.nodes.setdefault(node.key, node)

    def add_edge(self, source: str, target: str, kind: str, label: str = "", tooltip: str = "") -> None:
        """Add an edge between two nodes already in the view (one per source, target, kind)."""
        if source in self.nodes and target in self.nodes and source != target:
            self.edges.setdefault((source, target, kind), ViewEdge(source, target, kind, label, tooltip))

    def sorted_nodes(self) -> list[ViewNode]:
        """Nodes in a stable order (natural order of their keys, so pledge 2 comes before 10)."""
        return sorted(self.nodes.values(), key=lambda n: natural_key(n.key))

    def sorted_edges(self) -> list[ViewEdge]:
        """Edges in a stable order."""
        return [self.edges[k] for k in sorted(self.edges, key=lambda k: (natural_key(k[0]),
                                                                       natural_key(k[1]), k[2]))]


def natural_key(text: str) -> tuple:
    """Sort key that orders embedded numbers by value ("pledge/2" before "pledge/10")."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text))


def edges_of(graph: nx.Graph, node: str, kinds: Iterable[str] | None = None
             ) -> Iterator[tuple[str, str, dict]]:
    """Every edge touching ``node`` (either direction) as ``(other, direction, data)``, where
    direction is ``"out"`` when ``node`` is the edge's source; optionally only some kinds."""
    wanted = set(kinds) if kinds is not None else None
    directed = graph.is_directed()
    out_edges = graph.out_edges(node, data=True) if directed else graph.edges(node, data=True)
    for _, other, data in out_edges:
        if wanted is None or data.get("kind") in wanted:
            yield other, "out", data
    if directed:
        for other, _, data in graph.in_edges(node, data=True):
            if wanted is None or data.get("kind") in wanted:
                yield other, "in", data


def neighbours(graph: nx.Graph, node: str, kinds: Iterable[str], node_kinds: Iterable[str] | None = None
               ) -> list[str]:
    """Distinct neighbours of ``node`` over edges of ``kinds`` (either direction), optionally only
    those whose own kind is in ``node_kinds``; in a stable order."""
    allowed = set(node_kinds) if node_kinds is not None else None
    found = {other for other, _, _ in edges_of(graph, node, kinds)
             if allowed is None or kind_of(graph, other) in allowed}
    return sorted(found, key=natural_key)


def owners(graph: nx.Graph, item: str) -> list[tuple[str, str]]:
    """The agents owning ``item`` (an action or a pledge) with the ownership level of each
    (``action``, ``governance`` or ``strategy``; ``action`` when the projection does not say)."""
    found: dict[str, str] = {}
    for other, _, data in edges_of(graph, item, ("owns",)):
        if kind_of(graph, other) in AGENT_KINDS:
            found[other] = _level(data.get("level"))
    return sorted(found.items(), key=lambda kv: natural_key(kv[0]))


def kind_of(graph: nx.Graph, node: str) -> str:
    """The projection kind of ``node`` ('' when it has none)."""
    return str(graph.nodes[node].get("kind") or "")


def nodes_of_kind(graph: nx.Graph, *kinds: str) -> list[str]:
    """Every node of the given kinds, in a stable order."""
    return sorted((n for n, d in graph.nodes(data=True) if d.get("kind") in kinds), key=natural_key)


def label_of(graph: nx.Graph, node: str) -> str:
    """The display name of ``node``: its label, else its text, else its key."""
    data = graph.nodes[node]
    return clean_text(data.get("label") or data.get("text") or data.get("key") or node)


def short(text: str, limit: int = LABEL_LIMIT) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    text = clean_text(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return (cut if len(cut) > limit // 2 else text[: limit - 1]) + "…"


def clean_text(value: object) -> str:
    """A value as one line of plain text (control characters and runs of spaces collapsed)."""
    return re.sub(r"[\s\x00-\x1f\x7f]+", " ", str(value)).strip()


def tooltip(graph: nx.Graph, node: str, *extra: str) -> str:
    """The tooltip of a projection node as plain text: kind and full text, any ``extra`` lines,
    then the source file and lines it came from."""
    data = graph.nodes[node]
    kind = kind_of(graph, node)
    lines = [f"{kind.capitalize()}: {label_of(graph, node)}"]
    text = data.get("text")
    if text and clean_text(text) != label_of(graph, node):
        lines.append(clean_text(text))
    lines.extend(e for e in extra if e)
    where = source_line(data)
    if where:
        lines.append(where)
    return "\n".join(lines)


def source_line(data: dict) -> str:
    """'Source: FILE, lines A–B' for a node's attributes ('' when it has no source)."""
    source = data.get("source")
    if not source:
        return ""
    span = _span(data.get("lines"))
    return f"Source: {clean_text(source)}" + (f", lines {span}" if span else "")


def due_text(data: dict) -> str:
    """A node's due date as people write it ("September 2025"), or its recurrence, or ''."""
    for key in ("due_text", "due", "recurrence"):
        value = data.get(key)
        if value:
            return _month_name(clean_text(value))
    return ""


_MONTHS = ("January February March April May June July August September October November "
           "December").split()


def _month_name(value: str) -> str:
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value)
    if not match:
        return value
    year, month, day = match.groups()
    name = f"{_MONTHS[int(month) - 1]} {year}"
    return f"{int(day)} {name}" if day else name


def _span(value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, (tuple, list)) and len(value) == 2:
        start, end = value
        return f"{start}" if start == end else f"{start}–{end}"
    if isinstance(value, dict) and "start" in value:
        return _span((value["start"], value.get("end", value["start"])))
    return clean_text(value).replace("-", "–")


def _level(value: object) -> str:
    text = str(value or "action").lower()
    for level in ("governance", "strategy"):
        if level in text:
            return level
    return "action"
