"""Who owns what in the projection: owners of actions and pledges, owners above them, and each
council's owner–pledge network. Shared by the gap, suggestion and officer analytics.

The ONE definition of ownership lives here (:func:`ownership`): every action and pledge is owned
at exactly one of the levels of ``OWNERSHIP``, and every surface (build table, gaps, report,
views, pages, named queries) counts with it, so "unowned" means the same everywhere."""

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


OWNERSHIP = ("action", "governance", "strategy", "none")
"""The levels at which an action or pledge can be owned, strongest first."""
OWNERSHIP_MEANING = {
    "action": "an owner is named on the item itself",
    "governance": "no owner named on the item; owned above it by a board, sub-group or the pledge's owner",
    "strategy": "owned only by the strategy's lead or owner",
    "none": "no owner at any level",
}
"""What each ownership level means, in plain English (for legends, column notes and help)."""
NO_NAMED_OWNER = ("governance", "strategy", "none")
"""The levels counted as "no named owner on the item" (owned above, or not at all)."""


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
    return named_owners(G, pledge)


def owners_above(G: nx.MultiDiGraph, item: str) -> list[str]:
    """Who holds responsibility above an action or pledge, as "Name (why)" texts, closest first:
    governance or strategy owners of the item or its pledge, bodies overseeing the pledge, the
    strategy's leads, then bodies overseeing one of its themes. Empty when the strategy names
    nobody."""
    return [text for _, text, _ in _above(G, item)]


def _above(G: nx.MultiDiGraph, item: str) -> list[tuple[str, str, str]]:
    """``(who, "Name (why)", level)`` for everyone above ``item``, closest first; ``level`` is
    "strategy" for the strategy's owners and leads, else "governance"."""
    node = G.nodes[item]
    pledge = node["pledge"] if node["kind"] == "action" else item
    found: dict[str, tuple[str, str, str]] = {}

    def note(who: str, why: str, level: str) -> None:
        found.setdefault(who, (who, f"{G.nodes[who]['label']} ({why})", level))

    def by_name(pairs):
        return sorted(pairs, key=lambda wd: (G.nodes[wd[0]]["label"], wd[0]))

    if node["kind"] == "action":  # on the action itself, but above it
        for who, d in by_name(_owns(G, item)):
            if d.get("level", "action") in ("governance", "strategy"):
                note(who, f"{d['level']} level", d["level"])
    for who, d in by_name(_owns(G, pledge)):
        level = d.get("level", "action")
        if level in ("governance", "strategy"):
            note(who, f"{level} level", level)
        elif node["kind"] == "action":
            note(who, "owner of the pledge", "governance")
    for body in sorted(b for b, _, d in G.in_edges(pledge, data=True) if d.get("kind") == "oversees"):
        note(body, "oversees the pledge", "governance")
    strategy = G.nodes[pledge].get("strategy")
    if strategy:
        for lead in sorted(x for x, _, d in G.in_edges(strategy, data=True) if d.get("kind") == "lead_of"):
            note(lead, "strategy lead", "strategy")
    themes = {t for src in {item, pledge} for _, t, d in G.out_edges(src, data=True) if d.get("kind") == "has_theme"}
    overseers = _theme_overseers(G)
    for theme in sorted(themes):
        for body in overseers.get(theme, ()):
            if G.nodes[body]["council"] == node["council"]:
                note(body, f"oversees the theme '{G.nodes[theme]['label']}'", "governance")
    return list(found.values())


def named_owners(G: nx.MultiDiGraph, item: str) -> set[str]:
    """Agents named as owners on the item itself at action level: for a pledge, on the pledge or
    on any of its actions. Empty means "no named owner" (whatever is above it)."""
    owners = {who for who, d in _owns(G, item) if d.get("level", "action") == "action"}
    if G.nodes[item]["kind"] == "pledge":
        for action in actions_of(G, pledge=item):
            owners |= named_owners(G, action)
    return owners


def ownership(G: nx.MultiDiGraph, item: str) -> str:
    """The ONE ownership of an action or pledge, one of ``OWNERSHIP``:

    - ``action``: an owner is named on the item itself (for a pledge: on it or on one of its
      actions), at action level;
    - ``governance``: nobody is named on it, but a board, sub-group or panel owns or oversees it,
      its pledge or one of its themes, or (for an action) its pledge has an owner;
    - ``strategy``: owned only by the strategy's lead or owner (strategy level);
    - ``none``: no owner at any level.

    A pledge takes the strongest level of itself and its actions. Raises KeyError when ``item``
    is not an action or pledge of ``G``.
    """
    return ownership_by_item(G)[item]


def _strongest(levels: set[str]) -> str:
    return next((level for level in OWNERSHIP if level in levels), "none")


_OWNERSHIP: WeakKeyDictionary[nx.MultiDiGraph, dict[str, str]] = WeakKeyDictionary()


def ownership_by_item(G: nx.MultiDiGraph) -> dict[str, str]:
    """:func:`ownership` of every action and pledge, by IRI (computed once per projection)."""
    if G not in _OWNERSHIP:
        found: dict[str, str] = {}
        for kind in ("action", "pledge"):  # actions first: a pledge is as owned as its best action
            for n in [n for n, d in G.nodes(data=True) if d["kind"] == kind]:
                levels = {level for _, _, level in _above(G, n)}
                if named_owners(G, n):
                    levels.add("action")
                if kind == "pledge":
                    levels |= {found[a] for a in actions_of(G, pledge=n)}
                found[n] = _strongest(levels)
        _OWNERSHIP[G] = found
    return _OWNERSHIP[G]


def ownership_counts(G: nx.MultiDiGraph, kind: str, *, council: str | None = None,
                     source: str | None = None) -> dict[str, int]:
    """How many actions (``kind="action"``) or pledges (``"pledge"``) are owned at each level of
    ``OWNERSHIP`` (every level present, 0 when none), of one council (key) or one source file if
    given; plus ``no_named_owner`` (governance + strategy + none) and ``total``."""
    if council is not None:
        return ownership_counts_by(G, kind, "council").get(council, _tally({}))
    if source is not None:
        return ownership_counts_by(G, kind, "source").get(source, _tally({}))
    return ownership_counts_by(G, kind, "kind").get(kind, _tally({}))


def ownership_counts_by(G: nx.MultiDiGraph, kind: str, attribute: str) -> dict[str | None, dict[str, int]]:
    """:func:`ownership_counts` of actions or pledges grouped by a node attribute (``council``,
    ``source``, ``strategy``), in one pass."""
    groups: dict[str | None, dict[str, int]] = defaultdict(lambda: dict.fromkeys(OWNERSHIP, 0))
    for item, level in ownership_by_item(G).items():
        node = G.nodes[item]
        if node["kind"] == kind:
            groups[node[attribute]][level] += 1
    return {group: _tally(counts) for group, counts in groups.items()}


def _tally(counts: dict[str, int]) -> dict[str, int]:
    out = {level: counts.get(level, 0) for level in OWNERSHIP}
    out["no_named_owner"] = sum(out[level] for level in NO_NAMED_OWNER)
    out["total"] = sum(out[level] for level in OWNERSHIP)
    return out


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
