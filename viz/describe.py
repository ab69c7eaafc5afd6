"""A projection node as the views draw it: short label, plain-text tooltip (its text, owners,
due date, themes, flags, source file and lines) and the flags that make it stand out."""

from __future__ import annotations

from viz.facade import Facts
from viz.viewgraph import (
    ViewNode,
    due_text,
    kind_of,
    label_of,
    neighbours,
    owners,
    short,
    tooltip,
)

FLAG_NOTES = {
    "unowned": "No owner named at any level.",
    "governance_only": "No officer named: owned only at governance or strategy level.",
}


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
    if node in facts.overloaded:
        flags = ("overloaded",)
        label = "⚠ " + label
        extra.append(f"Overloaded: {facts.overloaded[node]}")
    extra.extend(FLAG_NOTES[f] for f in flags if f in FLAG_NOTES)
    return ViewNode(node, kind, label, tooltip(graph, node, *extra), level, flags)


def ownership_flags(graph, action: str) -> tuple[str, ...]:
    """``("unowned",)`` when nobody owns the action at any level, ``("governance_only",)`` when
    only a board, panel or strategy lead does (on the action, its pledge or its strategy)."""
    mine = owners(graph, action)
    if any(level == "action" for _, level in mine):
        return ()
    if mine:
        return ("governance_only",)
    for pledge in neighbours(graph, action, ("under_pledge",), ("pledge",)):
        if owners(graph, pledge) or _strategy_led(graph, pledge):
            return ("governance_only",)
    return ("unowned",)


def pledge_flags(graph, pledge: str, actions: list[str]) -> tuple[str, ...]:
    """A pledge is flagged like its actions: nothing when an officer owns one of them (or the
    pledge), ``governance_only`` when only governance does, ``unowned`` when nobody does."""
    flags = [ownership_flags(graph, a) for a in actions]
    if any(f == () for f in flags) or any(lvl == "action" for _, lvl in owners(graph, pledge)):
        return ()
    if owners(graph, pledge) or _strategy_led(graph, pledge) or ("governance_only",) in flags:
        return ("governance_only",)
    return ("unowned",)


def _strategy_led(graph, pledge: str) -> bool:
    return any(neighbours(graph, s, ("lead_of",))
               for s in neighbours(graph, pledge, ("in_strategy",), ("strategy",)))
