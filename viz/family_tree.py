"""The corporate parenting family tree: council at the root, then governance (boards, panels,
subgroups, strategy leads), themes and pledges, actions, and the posts, units and agencies
responsible — one column per level, left to right, each council's tree a block of a grid
(``viz.tree_layout``).

When the tree would be too big to lay out quickly it becomes a summary per council, with a note
saying how to see one council, one theme or the busiest posts.

A document not read as a plan (nothing in it recognised) is drawn as such — a grey "Not read"
strategy, and a grey council when none of its documents was read — with a note giving its
message, never as a council with nothing to own.
"""

from __future__ import annotations

from viz import tree_layout
from viz.describe import not_read_notes, ownership_flags, unread_strategies, view_node
from viz.facade import Facts
from viz.viewgraph import (
    View,
    ViewNode,
    edges_of,
    kind_of,
    label_of,
    neighbours,
    nodes_of_kind,
    owners,
    short,
)

MAX_NODES = 1500
"""Above this many nodes the whole-corpus tree is replaced by a summary per council."""

LEVEL = {"council": 0, "strategy": 1, "top_body": 1, "subgroup": 2, "lead": 2, "role": 3,
         "theme": 3, "pledge": 4, "action": 5, "owner": 6}
_TREE_KINDS = ("council", "strategy", "body", "pledge", "action", "post", "unit", "agency", "role")
LEVEL_NAMES = {0: "Council", 1: "Strategy, boards", 2: "Subgroups, leads", 3: "Themes, roles",
               4: "Pledges", 5: "Actions", 6: "Responsible"}


def build(facts: Facts, *, focus: str | None = None, council: str | None = None,
          theme: str | None = None, top: int | None = None, max_nodes: int = MAX_NODES) -> View:
    """The family tree of one council (``council``), or of every council; optionally only the
    pledges and actions about ``theme``, or only the actions of the ``top`` busiest posts.
    Without a council, a tree over ``max_nodes`` nodes becomes a per-council summary."""
    del focus  # the tree has no focus: --council narrows it
    graph = facts.graph
    councils = [facts.council(council)] if council else nodes_of_kind(graph, "council")
    concept = facts.concept(theme) if theme else None
    busiest = set(facts.top_posts(top)) if top else None
    if not council and not concept and busiest is None:
        size = sum(1 for _, d in graph.nodes(data=True) if d.get("kind") in _TREE_KINDS)
        if size > max_nodes:  # do not build what will not be drawn
            return summary(facts, size, max_nodes)
    title = "Family tree" + (f" of {label_of(graph, councils[0])}" if council else "")
    view = View("family-tree", title, "tree-lr", level_names=LEVEL_NAMES)
    view.notes.extend(_not_read_notes(facts, councils))
    for c in councils:
        _add_council(view, facts, c, concept, busiest)
    for node in list(view.nodes):
        # Themes are hubs shared by every council: their edges are met from the other end.
        if view.nodes[node].kind not in ("theme", "principle"):
            _edges(view, graph, node)
    if concept:
        view.notes.append(f"Only pledges and actions about “{label_of(graph, concept)}”.")
        view.title += f" — {label_of(graph, concept)}"
    if busiest is not None:
        view.notes.append(f"Only the actions of the {len(busiest)} posts owning the most actions.")
        view.title += f" — top {len(busiest)} posts"
    if not council and len(view.nodes) > max_nodes:
        return summary(facts, len(view.nodes), max_nodes)
    tree_layout.place(view, councils)
    return view


def _not_read_notes(facts: Facts, councils: list[str]) -> list[str]:
    """Notes naming every document of ``councils`` not read as a plan, with its message."""
    documents = [doc for doc in facts.analytics.not_read() if facts.councils_by_key.get(str(doc.council)) in councils]
    return not_read_notes(documents, "no pledges or owners could be drawn from it")


def _add_council(view: View, facts: Facts, council: str, concept: str | None,
                 busiest: set[str] | None) -> None:
    graph = facts.graph
    pledges = facts.members(council, "pledge")
    keep_actions: dict[str, list[str]] = {}
    for p in pledges:
        actions = neighbours(graph, p, ("under_pledge",), ("action",))
        if concept:
            pledge_on_theme = concept in neighbours(graph, p, ("has_theme", "serves_principle"))
            actions = [a for a in actions if pledge_on_theme
                       or concept in neighbours(graph, a, ("has_theme", "serves_principle"))]
            if not actions and not pledge_on_theme:
                continue
        if busiest is not None:
            actions = [a for a in actions if any(o in busiest for o, _ in owners(graph, a))]
            if not actions:
                continue
        keep_actions[p] = actions
    if (concept or busiest is not None) and not keep_actions:
        return
    _node(view, facts, council, LEVEL["council"])
    strategies = facts.members(council, "strategy")
    for s in strategies:
        _node(view, facts, s, LEVEL["strategy"])
        if not any(o == council for o, _, _ in edges_of(graph, s)):
            view.add_edge(council, s, "publishes")
    _add_governance(view, facts, council, strategies)
    for p, actions in keep_actions.items():
        _add_pledge(view, facts, p, actions, concept)


def _add_governance(view: View, facts: Facts, council: str, strategies: list[str]) -> None:
    graph = facts.graph
    bodies = facts.members(council, "body")
    parents = {b: [p for p in neighbours(graph, b, ("subgroup_of",)) if kind_of(graph, p) == "body"
                   and _is_parent(graph, b, p)] for b in bodies}
    for b in bodies:
        _node(view, facts, b, LEVEL["subgroup"] if parents[b] else LEVEL["top_body"])
    for b in bodies:
        for role in neighbours(graph, b, ("chairs", "member_of")):
            _node(view, facts, role, LEVEL["role"])
        if not parents[b] and not any(o == council for o, _, _ in edges_of(graph, b)):
            view.add_edge(council, b, "subgroup_of")
    for s in strategies:
        for lead in neighbours(graph, s, ("lead_of",)):
            _node(view, facts, lead, LEVEL["lead"])


def _is_parent(graph, child: str, parent: str) -> bool:
    return any(o == parent and d == "out" for o, d, _ in edges_of(graph, child, ("subgroup_of",)))


def _add_pledge(view: View, facts: Facts, pledge: str, actions: list[str], concept: str | None) -> None:
    graph = facts.graph
    _node(view, facts, pledge, LEVEL["pledge"])
    themes = [concept] if concept else neighbours(graph, pledge, ("has_theme",), ("theme",))
    for t in themes:
        _node(view, facts, t, LEVEL["theme"])
    for owner, _level in owners(graph, pledge):
        _node(view, facts, owner, LEVEL["owner"])
    for a in actions:
        _node(view, facts, a, LEVEL["action"])
        for owner, _level in owners(graph, a):
            _node(view, facts, owner, LEVEL["owner"])


def _edges(view: View, graph, node: str) -> None:
    """Copy the projection's edges between ``node`` and the other nodes in the view."""
    for other, direction, data in edges_of(graph, node):
        kind = str(data.get("kind") or "")
        if kind == "owns" and data.get("level") and "action" not in str(data.get("level")).lower():
            kind = "owns_governance"
        source, target = (node, other) if direction == "out" else (other, node)
        if kind in ("has_theme", "serves_principle") and kind_of(graph, source) == "action":
            continue  # actions' themes are in their tooltips: drawn, they would hide the tree
        view.add_edge(source, target, kind)


def _node(view: View, facts: Facts, node: str, level: int) -> ViewNode:
    if node in view.nodes:
        return view.nodes[node]
    return view.add_node(view_node(facts, node, level))


SUMMARY_COLUMNS_W, SUMMARY_ROW_H = 250, 110


def summary(facts: Facts, full_size: int, max_nodes: int) -> View:
    """One box per council, in a grid, counting its pledges, its actions with how many have no
    owner or only a governance owner, and its posts with how many are overloaded; councils with
    unowned actions first. At most ``max_nodes`` councils (a note says how many are left out)."""
    graph = facts.graph
    view = View("family-tree", "Family tree — summary per council", "fixed")
    view.notes.append(
        f"The whole family tree has about {full_size:,} nodes, more than the {max_nodes:,} a "
        "browser lays out quickly, so each council is one box. See one council with "
        "`cpgraph view family-tree --council KEY`, one theme with `--theme KEY`, or the busiest "
        "posts with `--top N`.")
    councils = nodes_of_kind(graph, "council")
    view.notes.extend(_not_read_notes(facts, councils))
    rows = []
    for c in councils:
        flags = [ownership_flags(graph, a) for a in facts.members(c, "action")]
        rows.append({
            "council": c, "pledges": len(facts.members(c, "pledge")), "actions": len(flags),
            "unowned": sum(1 for f in flags if f == ("unowned",)),
            "governance": sum(1 for f in flags if f == ("governance_only",)),
            "posts": len(facts.members(c, "post")),
            "overloaded": sum(1 for p in facts.members(c, "post") if p in facts.overloaded),
            "not_read": unread_strategies(facts, c)[1]})
    rows.sort(key=lambda r: (-r["unowned"], -r["governance"], r["not_read"], label_of(graph, r["council"])))
    if len(rows) > max_nodes:
        view.notes.append(f"Showing the {max_nodes:,} councils with the most unowned actions of "
                          f"{len(rows):,}.")
        rows = rows[:max_nodes]
    columns = max(1, round((len(rows) * 2.2) ** 0.5))
    for index, r in enumerate(rows):
        counts = (f"{r['pledges']} pledges · {r['actions']} actions\n"
                  f"{r['unowned']} no owner at any level · {r['governance']} owned above only\n"
                  f"{r['posts']} posts · {r['overloaded']} overloaded")
        if r["not_read"]:  # not "0 pledges": nothing could be read
            counts = "not read as a plan:\nnothing recognised"
        node = view_node(facts, r["council"])
        node.label = f"{short(label_of(graph, r['council']), 40)}\n{counts}"
        node.tooltip += f"\nKey: {graph.nodes[r['council']].get('key')}\n{counts}"
        node.flags = (("not_read",) if r["not_read"] else ("unowned",) if r["unowned"] else
                      ("governance_only",) if r["governance"] else ())
        node.x, node.y = (index % columns) * SUMMARY_COLUMNS_W, (index // columns) * SUMMARY_ROW_H
        view.add_node(node)
    return view
