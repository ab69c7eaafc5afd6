"""A projection node as the views draw it: short label, plain-text tooltip (its text, owners,
due date, themes, flags, source file and lines) and the flags that make it stand out."""

from __future__ import annotations

from cpgraph.analytics.ownership import ownership
from viz.facade import Facts
from viz.viewgraph import (
    ViewNode,
    clean_text,
    due_text,
    kind_of,
    label_of,
    neighbours,
    owners,
    short,
    tooltip,
)

FLAG_NOTES = {
    "unowned": "No owner at any level.",
    "governance_only": "No named owner: owned only above it, by a board, panel or strategy lead.",
    "not_read": ("Nothing in the document was recognised as a pledge, action, duty or body: it was "
                 "not read as a plan, so nothing here is a gap."),
}
MAX_NOTES = 20
"""Most "not read" notes a view lists one by one."""


def not_read_notes(documents, why: str) -> list[str]:
    """Notes naming each document not read as a plan (``NotRead`` items) with its message and
    ``why`` it matters in this view; at most ``MAX_NOTES``, then how many more."""
    notes = [f"Not read as a plan ({why}): {clean_text(d.message)}" for d in documents[:MAX_NOTES]]
    if len(documents) > MAX_NOTES:
        notes.append(f"… and {len(documents) - MAX_NOTES} more documents not read as plans "
                     "(`cpgraph build` lists them all).")
    return notes


def unread_strategies(facts: Facts, council: str) -> tuple[list[str], bool]:
    """The council's strategies not read as plans, and whether that is every one of them."""
    strategies = facts.members(council, "strategy")
    unread = [s for s in strategies if facts.graph.nodes[s].get("not_read")]
    return unread, bool(strategies) and len(unread) == len(strategies)


def view_node(facts: Facts, node: str, level: int | None = None, *, flag_ownership: bool = True
              ) -> ViewNode:
    """``node`` of the projection as a drawn node. Actions and pledges get an ownership flag
    (unless ``flag_ownership`` is false); posts an overload flag when a rule fired."""
    graph = facts.graph
    kind = kind_of(graph, node)
    label = short(label_of(graph, node))
    extra: list[str] = []
    flags: tuple[str, ...] = ()
    if kind == "action":
        names = [label_of(graph, o) + ("" if lvl == "action" else f" ({lvl} level)")
                 for o, lvl in owners(graph, node)]
        extra.append("Owners: " + ("; ".join(names) if names else "none named"))
        due = due_text(graph.nodes[node])
        if due:
            extra.append(f"Due: {due}")
        flags = ownership_flags(graph, node) if flag_ownership else ()
    if kind == "pledge":
        actions = neighbours(graph, node, ("under_pledge",), ("action",))
        names = [f"{label_of(graph, o)} ({lvl} level)" for o, lvl in owners(graph, node)]
        extra.append(f"Actions: {len(actions)}")
        if names:
            extra.append("Owned by: " + "; ".join(names))
        flags = pledge_flags(graph, node, actions) if flag_ownership else ()
    if kind in ("action", "pledge"):
        themes = [label_of(graph, t) for t in neighbours(graph, node, ("has_theme",), ("theme",))]
        if themes:
            extra.append("Themes: " + ", ".join(themes))
    if kind in ("post", "unit", "agency") and facts.action_load[node]:
        extra.append(f"Owns {facts.action_load[node]} action(s)")
    if kind == "strategy" and graph.nodes[node].get("not_read"):
        flags = ("not_read",)
        label = "Not read: " + short(label_of(graph, node), 60)
        extra.append(clean_text(graph.nodes[node].get("read_note") or "recognised no commitments"))
    if kind == "council":
        unread, nothing_read = unread_strategies(facts, node)
        if nothing_read:
            flags = ("not_read",)
            label += "\n(not read)"
        extra.extend("Not read as a plan: " + clean_text(graph.nodes[s].get("read_note") or label_of(graph, s))
                     for s in unread)
    if node in facts.overloaded:
        flags = ("overloaded",)
        label = "⚠ " + label
        extra.append(f"Overloaded: {facts.overloaded[node]}")
    extra.extend(FLAG_NOTES[f] for f in flags if f in FLAG_NOTES)
    return ViewNode(node, kind, label, tooltip(graph, node, *extra), level, flags)


def ownership_flags(graph, action: str) -> tuple[str, ...]:
    """``("unowned",)`` when nobody owns the action at any level, ``("governance_only",)`` when
    nobody is named on it but a board, panel or strategy lead owns it from above; ``()`` when
    it names an owner. The one definition of ``cpgraph.analytics.ownership``."""
    return _FLAG_OF_OWNERSHIP[ownership(graph, action)]


def pledge_flags(graph, pledge: str, actions: list[str] | None = None) -> tuple[str, ...]:
    """A pledge is flagged like its ownership (``cpgraph.analytics.ownership``): nothing when
    an owner is named on it or one of its actions, ``governance_only`` when it is owned only
    above, ``unowned`` when nobody owns it at any level. (``actions`` is no longer needed.)"""
    return _FLAG_OF_OWNERSHIP[ownership(graph, pledge)]


_FLAG_OF_OWNERSHIP = {"action": (), "governance": ("governance_only",), "strategy": ("governance_only",),
                      "none": ("unowned",)}
