"""One pledge: its strategy and council, its actions with their owners and due dates, its success
measures and expected outcomes, and the initiatives its actions link to. Left to right."""

from __future__ import annotations

from cpgraph.errors import InputError
from viz.describe import view_node
from viz.facade import Facts
from viz.viewgraph import (
    View,
    ViewNode,
    clean_text,
    label_of,
    neighbours,
    owners,
    short,
    source_line,
)


def build(facts: Facts, *, focus: str | None = None, council: str | None = None,
          theme: str | None = None, top: int | None = None) -> View:
    """The pledge ``focus`` (its key, IRI or words of its title) and everything hanging off it."""
    del theme, top  # one pledge is small: nothing to filter
    if not focus:
        raise InputError("the pledge view needs --focus PLEDGE (a pledge's key or title words)")
    graph = facts.graph
    pledge = facts.pledge(focus)
    if council and facts.council_of(pledge) != facts.council(council):
        raise InputError(f"that pledge is not one of {clean_text(council)}'s")
    view = View("pledge", f"Pledge: {short(label_of(graph, pledge), 70)}", "hierarchical-lr",
                level_names={0: "Strategy, owners", 1: "Pledge", 2: "Actions, measures",
                             3: "Owners, links"})
    view.add_node(view_node(facts, pledge, 1))
    for strategy in neighbours(graph, pledge, ("in_strategy",), ("strategy",)):
        view.add_node(view_node(facts, strategy, 0))
        view.add_edge(pledge, strategy, "in_strategy")
    _add_owners(view, facts, graph, pledge, 0)
    _add_measures(view, facts, pledge, 2)
    for action in neighbours(graph, pledge, ("under_pledge",), ("action",)):
        view.add_node(view_node(facts, action, 2))
        view.add_edge(action, pledge, "under_pledge")
        _add_owners(view, facts, graph, action, 3)
        for initiative in neighbours(graph, action, ("linked_initiative",), ("initiative",)):
            view.add_node(view_node(facts, initiative, 3))
            view.add_edge(action, initiative, "linked_initiative")
        for other in neighbours(graph, action, ("duplicate_of",), ("action",)):
            if other not in view.nodes:
                view.add_node(view_node(facts, other, 3))
            view.add_edge(action, other, "duplicate_of")
        _add_measures(view, facts, action, 3)
    return view


def _add_owners(view: View, facts: Facts, graph, item: str, level: int) -> None:
    """The owners of ``item`` as nodes at ``level``, linked by how they own it."""
    for owner, how in owners(graph, item):
        view.add_node(view_node(facts, owner, level))
        view.add_edge(owner, item, "owns" if how == "action" else "owns_governance")


def _add_measures(view: View, facts: Facts, item: str, level: int) -> None:
    """Success measures and expected outcomes of ``item`` as nodes hanging off it."""
    source = facts.graph.nodes[item].get("source")
    for cited in facts.cited(item):
        where = source_line({"source": source, "lines": cited["lines"]})
        view.add_node(ViewNode(cited["key"], "measure", short(cited["text"], 60),
                               _measure_tip(cited["what"], cited["text"], where), level))
        view.add_edge(item, cited["key"], "has_measure")


def _measure_tip(what: str, text: str, where: str) -> str:
    name = "Success measure" if what == "measure" else "Expected outcome"
    return "\n".join(x for x in (f"{name}: {clean_text(text)}", where) if x)
