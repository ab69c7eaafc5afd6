"""Who owns what in the projection: owners of actions and pledges, owners above them, and each
council's owner–pledge network. Shared by the gap, suggestion and officer analytics."""

from __future__ import annotations

from collections import defaultdict
from weakref import WeakKeyDictionary

import networkx as nx

from cpgraph.analytics.projection import AGENT_KINDS


def document_order(G: nx.MultiDiGraph) -> dict[str, tuple]:
    """A sort key per pledge and action that follows the documents: council, strategy, pledge
    position, action position."""
    order: dict[str, tuple] = {}
    for n, d in G.nodes(data=True):
        if d["kind"] == "pledge":
            order[n] = (d["council"] or "", d["strategy"], d["position"] or 0, 0)
    for n, d in G.nodes(data=True):
        if d["kind"] == "action":
            p = order.get(d["pledge"], ("", "", 0, 0))
            order[n] = (*p[:3], d["position"] or 0)
    return order


def actions_of(G: nx.MultiDiGraph, *, pledge: str | None = None) -> list[str]:
    """Actions in document order: all of them, or those under ``pledge``."""
    if pledge is not None:
        found = [a for a, _, d in G.in_edges(pledge, data=True) if d.get("kind") == "under_pledge"]
    else:
        found = [n for n, d in G.nodes(data=True) if d["kind"] == "action"]
    return sorted(found, key=lambda a: (G.nodes[a]["strategy"] or "", G.nodes[G.nodes[a]["pledge"]]["position"] or 0,
                                        G.nodes[a]["position"] or 0, a))


def _owns(G: nx.MultiDiGraph, item: str):
    for who, _, d in G.in_edges(item, data=True):
        if d.get("kind") == "owns" and G.nodes[who]["kind"] in AGENT_KINDS:
            yield who, d


def action_owners(G: nx.MultiDiGraph, action: str) -> set[str]:
    """Agents named as owners on the action itself (extracted or curated)."""
    return {who for who, _ in _owns(G, action)}


def pledge_owners(G: nx.MultiDiGraph, pledge: str) -> set[str]:
    """Agents owning the pledge at action level: owners of its actions, or curated owners of the
    pledge itself at action level (governance and strategy owners are "above", not here)."""
    owners = {who for who, d in _owns(G, pledge) if d.get("level", "action") == "action"}
    for action in actions_of(G, pledge=pledge):
        owners |= action_owners(G, action)
    return owners


def owners_above(G: nx.MultiDiGraph, item: str) -> list[str]:
    """Who holds responsibility above an action or pledge, as "Name (why)" texts, closest first:
    governance or strategy owners of the pledge, bodies overseeing the pledge, the strategy's
    leads, then bodies overseeing one of its themes. Empty when the strategy names nobody."""
    node = G.nodes[item]
    pledge = node["pledge"] if node["kind"] == "action" else item
    found: dict[str, str] = {}

    def note(who: str, why: str) -> None:
        found.setdefault(who, f"{G.nodes[who]['label']} ({why})")

    for who, d in sorted(_owns(G, pledge), key=lambda wd: (G.nodes[wd[0]]["label"], wd[0])):
        level = d.get("level", "action")
        if level in ("governance", "strategy"):
            note(who, f"{level} level")
        elif node["kind"] == "action":
            note(who, "owner of the pledge")
    for body in sorted(b for b, _, d in G.in_edges(pledge, data=True) if d.get("kind") == "oversees"):
        note(body, "oversees the pledge")
    strategy = G.nodes[pledge].get("strategy")
    if strategy:
        for lead in sorted(x for x, _, d in G.in_edges(strategy, data=True) if d.get("kind") == "lead_of"):
            note(lead, "strategy lead")
    themes = {t for src in {item, pledge} for _, t, d in G.out_edges(src, data=True) if d.get("kind") == "has_theme"}
    overseers = _theme_overseers(G)
    for theme in sorted(themes):
        for body in overseers.get(theme, ()):
            if G.nodes[body]["council"] == node["council"]:
                note(body, f"oversees the theme '{G.nodes[theme]['label']}'")
    return list(found.values())


_OVERSEERS: WeakKeyDictionary[nx.MultiDiGraph, dict[str, list[str]]] = WeakKeyDictionary()


def _theme_overseers(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Bodies overseeing each theme, by name (computed once per projection: a theme node has an
    edge from every item about it, too many to scan per item)."""
    if G not in _OVERSEERS:
        found: dict[str, list[str]] = defaultdict(list)
        for body, theme, d in G.edges(data=True):
            if d.get("kind") == "oversees" and G.nodes[theme]["kind"] == "theme":
                found[theme].append(body)
        _OVERSEERS[G] = {t: sorted(set(bs), key=lambda b: (G.nodes[b]["label"], b)) for t, bs in found.items()}
    return _OVERSEERS[G]


def owner_network(G: nx.MultiDiGraph) -> dict[str | None, nx.Graph]:
    """Per council, the undirected bipartite graph of owners and the pledges they own at action
    level (directly or through an action under the pledge)."""
    nets: dict[str | None, nx.Graph] = defaultdict(nx.Graph)
    for who, item, d in G.edges(data=True):
        if d.get("kind") != "owns" or G.nodes[who]["kind"] not in AGENT_KINDS:
            continue
        node = G.nodes[item]
        if node["kind"] == "action":
            pledge = node["pledge"]
        elif node["kind"] == "pledge" and d.get("level", "action") == "action":
            pledge = item
        else:
            continue
        nets[node["council"]].add_edge(who, pledge)
    return dict(nets)
