"""A projection node as the views draw it: short label, plain-text tooltip (its text, owners,
due date, themes, flags, source file and lines) and the flags that make it stand out."""

from __future__ import annotations

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
    "unowned": "No owner named at any level.",
    "governance_only": "No officer named: owned only at governance or strategy level.",
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
