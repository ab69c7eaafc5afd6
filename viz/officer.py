"""One post's neighbourhood: the actions it owns (with their due dates), the pledges they serve,
the posts and partners it shares them with, and the boards it sits on or the strategies it leads.
Laid out left to right: the post, then its actions and governance roles, then everything else."""

from __future__ import annotations

from cpgraph.errors import InputError
from viz.describe import view_node
from viz.facade import Facts
from viz.viewgraph import (
    View,
    ViewNode,
    due_text,
    edges_of,
    kind_of,
    label_of,
    natural_key,
    neighbours,
    owners,
    short,
)


def build(facts: Facts, *, focus: str | None = None, council: str | None = None,
          theme: str | None = None, top: int | None = None) -> View:
    """The neighbourhood of the post ``focus`` (its key or IRI, or a name matched fuzzily;
    ``council`` narrows the match)."""
    del theme, top  # one post's neighbourhood is small: nothing to filter
    if not focus:
        raise InputError("the officer view needs --focus POST (a post's key or name)")
    graph = facts.graph
    post = facts.post(focus, council=council)
    view = View("officer", f"Officer: {label_of(graph, post)}", "hierarchical-lr",
                level_names={0: "Post", 1: "Actions, boards", 2: "Pledges, dates, co-owners"})
    view.add_node(view_node(facts, post, 0))
    for other, direction, data in sorted(edges_of(graph, post), key=lambda e: natural_key(e[0])):
        kind = str(data.get("kind") or "")
        other_kind = kind_of(graph, other)
        if kind == "owns" and other_kind == "action":
            _add_action(view, facts, other)
        elif kind == "owns" and other_kind == "pledge":
            view.add_node(view_node(facts, other, 2))
        elif kind in ("chairs", "member_of", "lead_of", "oversees") and other_kind != "theme":
            view.add_node(view_node(facts, other, 1))
        else:
            continue
        source, target = (post, other) if direction == "out" else (other, post)
        view.add_edge(source, target, _edge_kind(kind, data))
    return view


def _add_action(view: View, facts: Facts, action: str) -> None:
    graph = facts.graph
    view.add_node(view_node(facts, action, 1))
    for pledge in neighbours(graph, action, ("under_pledge",), ("pledge",)):
        view.add_node(view_node(facts, pledge, 2))
        view.add_edge(action, pledge, "under_pledge")
    due = due_text(graph.nodes[action])
    if due:
        key = f"due:{due}"
        node = view.add_node(ViewNode(key, "due", due, f"Due: {due}. Actions of this post due then:", 2))
        node.tooltip += f"\n• {short(label_of(graph, action), 100)}"
        view.add_edge(action, key, "due")
    for other, level in owners(graph, action):
        if other not in view.nodes:
            view.add_node(view_node(facts, other, 2))
        view.add_edge(other, action, "owns" if level == "action" else "owns_governance")


def _edge_kind(kind: str, data: dict) -> str:
    if kind == "owns" and "action" not in str(data.get("level") or "action").lower():
        return "owns_governance"
    return kind
