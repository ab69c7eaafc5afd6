"""Gaps a strategy lead should act on, each naming the rule that found it and where the text is.

Ownership rules follow the responsibility-assignment (RACI) checks: every item needs one
accountable owner, that owner should be a post, and several joint leads blur accountability.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import networkx as nx

from cpgraph.analytics.duedates import period_end
from cpgraph.analytics.duplicates import duplicate_pairs
from cpgraph.analytics.ownership import (
    actions_of,
    document_order,
    named_owners,
    owner_network,
    owners_above,
    ownership,
    pledge_owners,
)
from cpgraph.analytics.projection import AGENT_KINDS

RULES: dict[str, str] = {
    "unowned_action": "No owner at any level: nobody named on the action, and nobody above it (board or strategy lead).",
    "unowned_pledge": "No owner at any level: nobody on the pledge, on its actions, or above it.",
    "owned_above_only": "Owned only at governance or strategy level: nobody is named on the action(s).",
    "owner_not_post": "Owned only by a unit, partner, board or role, not by a post someone holds.",
    "several_joint_leads": "Several joint leads share the item, so nobody is singly accountable.",
    "no_measure": "The pledge has no success measure (on itself or any of its actions).",
    "no_outcome": "The pledge has no expected outcome (on itself or any of its actions).",
    "no_date": "None of the pledge's actions has a due date or a review cycle.",
    "overdue_no_status": "The action was due before the as-of date and no status is recorded.",
    "duplicate_action": "The action repeats another one (identical or near-identical text).",
    "duplicate_pledge": "Most of the pledge's actions repeat another pledge's actions.",
    "single_point_of_failure": "A pledge or statutory principle depends on one post alone.",
    "articulation_point": "Without this owner the council's network of owners and pledges falls apart.",
    "bridging_post": "The owner bridges otherwise separate groups of pledges (high betweenness).",
}
"""Every gap rule, by its stable code, with what it means."""
RACI = {"unowned_action": "no accountable owner", "unowned_pledge": "no accountable owner",
        "owned_above_only": "no accountable owner", "owner_not_post": "owner is not a post",
        "several_joint_leads": "several joint leads"}
"""The responsibility-assignment check each ownership rule corresponds to."""
SEVERITIES = ("high", "medium", "low")


@dataclass
class Gap:
    """One finding: the rule that fired, the item it is about and where its text is."""

    rule: str
    severity: str  # high | medium | low
    item: str
    kind: str
    label: str
    council: str | None
    detail: str
    source: str | None = None
    lines: str | None = None
    owner_above: list[str] = field(default_factory=list)
    raci: str | None = None
    related: list[str] = field(default_factory=list)

    def row(self) -> dict:
        """A flat row for tables and CSV."""
        return {"severity": self.severity, "rule": self.rule, "raci": self.raci or "",
                "council": self.council, "kind": self.kind, "label": self.label,
                "detail": self.detail, "owner_above": "; ".join(self.owner_above),
                "source": self.source, "lines": self.lines, "item": self.item}


def find_gaps(G: nx.MultiDiGraph, *, as_of: date, joint_leads: int = 3, near_duplicate: float = 90.0,
              bridge_threshold: float = 0.25) -> list[Gap]:
    """Every gap in the graph as of ``as_of``, most severe first, then by council and document order.

    ``joint_leads``: how many joint owners count as "several"; ``near_duplicate``: the rapidfuzz
    similarity (0–100) from which two action texts count as duplicates; ``bridge_threshold``: the
    normalised betweenness from which an owner is reported as a bridging post.
    """
    gaps: list[Gap] = []
    order = document_order(G)
    for action in actions_of(G):
        gaps.extend(_action_gaps(G, action, as_of, joint_leads))
    for pledge in (n for n, d in G.nodes(data=True) if d["kind"] == "pledge"):
        gaps.extend(_pledge_gaps(G, pledge))
    gaps.extend(_duplicate_gaps(G, near_duplicate))
    gaps.extend(_principle_gaps(G))
    gaps.extend(_network_gaps(G, bridge_threshold))
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    gaps.sort(key=lambda g: (rank[g.severity], g.council or "", g.rule, order.get(g.item, ("\uffff",)), g.item))
    return gaps


def _gap(G: nx.MultiDiGraph, rule: str, severity: str, item: str, detail: str, **extra) -> Gap:
    node = G.nodes[item]
    return Gap(rule=rule, severity=severity, item=item, kind=node["kind"], label=_label(G, item),
               council=node["council"], detail=detail, source=extra.pop("source", node["source"]),
               lines=extra.pop("lines", node["lines"]), raci=RACI.get(rule), **extra)


def _label(G: nx.MultiDiGraph, item: str) -> str:
    node = G.nodes[item]
    if node["kind"] == "pledge" and node["number"] is not None:
        return f"Pledge {node['number']}: {node['label']}"
    return node["label"] or node["key"] or item


def _where(G: nx.MultiDiGraph, item: str) -> str:
    """Where an item sits, for details: "Pledge 9 of Bracknell Forest Council"."""
    node = G.nodes[item]
    pledge = G.nodes[node["pledge"]] if node.get("pledge") else node
    name = f"Pledge {pledge['number']}" if pledge.get("number") is not None else f"'{pledge['label']}'"
    council_iri = G.nodes[pledge["strategy"]].get("council_iri") if pledge.get("strategy") else None
    council = G.nodes[council_iri]["label"] if council_iri in G else node["council"]
    return f"{name} of {council}"


def _names(G: nx.MultiDiGraph, iris) -> str:
    return ", ".join(sorted(G.nodes[i]["label"] for i in iris))


def _action_gaps(G: nx.MultiDiGraph, action: str, as_of: date, joint_leads: int) -> list[Gap]:
    out: list[Gap] = []
    node = G.nodes[action]
    owners = named_owners(G, action)
    level = ownership(G, action)
    if level == "none":
        out.append(_gap(G, "unowned_action", "high", action,
                        "no owner named on the action and nobody above it"))
    elif level != "action":
        above = owners_above(G, action)
        out.append(_gap(G, "owned_above_only", "medium", action,
                        "no owner named on the action; responsibility sits above it with "
                        + "; ".join(above), owner_above=above))
    else:
        if all(G.nodes[o]["kind"] != "post" for o in owners):
            kinds = sorted({G.nodes[o]["kind"] for o in owners})
            out.append(_gap(G, "owner_not_post", "medium", action,
                            f"owned only by {' and '.join(kinds)}: {_names(G, owners)}"))
        if len(owners) >= joint_leads:
            out.append(_gap(G, "several_joint_leads", "low", action,
                            f"{len(owners)} joint leads: {_names(G, owners)}"))
    end = period_end(node["due"], node["due_precision"])
    if end is not None and end < as_of and not node["status"]:
        out.append(_gap(G, "overdue_no_status", "medium", action,
                        f"due {node['due_text'] or node['due']} (by {end.isoformat()}), "
                        f"no status recorded as of {as_of.isoformat()}"))
    return out


def _pledge_gaps(G: nx.MultiDiGraph, pledge: str) -> list[Gap]:
    out: list[Gap] = []
    actions = actions_of(G, pledge=pledge)
    owners = pledge_owners(G, pledge)
    level = ownership(G, pledge)
    if level == "none":
        out.append(_gap(G, "unowned_pledge", "high", pledge,
                        f"nobody owns the pledge or any of its {len(actions)} action(s)"))
    elif level != "action":
        above = owners_above(G, pledge)
        for action in actions:  # owned above through an action only (its own board)
            above += [a for a in owners_above(G, action) if a not in above]
        out.append(_gap(G, "owned_above_only", "medium", pledge,
                        f"none of its {len(actions)} action(s) names an owner; only "
                        + "; ".join(above), owner_above=above))
    elif all(G.nodes[o]["kind"] != "post" for o in owners):
        out.append(_gap(G, "owner_not_post", "medium", pledge,
                        f"owned only by units, partners or boards: {_names(G, owners)}"))
    posts = [o for o in owners if G.nodes[o]["kind"] == "post"]
    if len(owners) == 1 and posts:
        owned = sum(1 for a in actions if named_owners(G, a))
        out.append(_gap(G, "single_point_of_failure", "medium", pledge,
                        f"depends on one post, {_names(G, posts)}, owner of {owned} of its "
                        f"{len(actions)} action(s)"))
    items = [pledge, *actions]
    if not any(G.nodes[i]["measures"] for i in items):
        out.append(_gap(G, "no_measure", "low", pledge, "no success measure on the pledge or its actions"))
    if not any(G.nodes[i]["outcomes"] for i in items):
        out.append(_gap(G, "no_outcome", "low", pledge, "no expected outcome on the pledge or its actions"))
    if not any(G.nodes[a]["due"] or G.nodes[a]["recurrence"] for a in actions):
        out.append(_gap(G, "no_date", "low", pledge,
                        f"none of its {len(actions)} action(s) has a due date or review cycle"))
    return out


def _duplicate_gaps(G: nx.MultiDiGraph, near_duplicate: float) -> list[Gap]:
    out: list[Gap] = []
    repeats: dict[tuple[str, str], list[str]] = defaultdict(list)
    for first, later, score in duplicate_pairs(G, near_duplicate):
        f = G.nodes[first]
        how = "identical to" if score >= 100 else f"{score:.0f}% similar to"
        out.append(_gap(G, "duplicate_action", "low", later,
                        f"{how} an action of {_where(G, first)} (lines {f['lines'] or '?'}): "
                        f"'{f['label']}'", related=[first]))
        l_pledge, f_pledge = G.nodes[later]["pledge"], f["pledge"]
        if l_pledge != f_pledge:
            repeats[(f_pledge, l_pledge)].append(later)
    for (first, later), repeated in sorted(repeats.items()):
        sizes = [len(actions_of(G, pledge=p)) for p in (first, later)]
        if len(repeated) >= 2 and len(repeated) * 2 >= min(sizes):
            out.append(_gap(G, "duplicate_pledge", "medium", later,
                            f"{len(repeated)} of its {sizes[1]} actions repeat actions of "
                            f"{_where(G, first)} ({sizes[0]} actions)", related=[first]))
    return out


def _principle_gaps(G: nx.MultiDiGraph) -> list[Gap]:
    """A statutory principle whose actions, in one council, all rest with one post."""
    owners: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    counts: dict[tuple[str, str | None], int] = defaultdict(int)
    for action in actions_of(G):
        council = G.nodes[action]["council"]
        for _, principle, d in G.out_edges(action, data=True):
            if d.get("kind") == "serves_principle":
                counts[(principle, council)] += 1
                owners[(principle, council)].update(named_owners(G, action))
    out: list[Gap] = []
    for (principle, council), who in sorted(owners.items(), key=lambda kv: (kv[0][1] or "", kv[0][0])):
        if len(who) == 1 and G.nodes[next(iter(who))]["kind"] == "post":
            gap = _gap(G, "single_point_of_failure", "medium", principle,
                       f"every owned action serving this principle in {council} "
                       f"({counts[(principle, council)]} action(s)) rests with {_names(G, who)}")
            gap.council = council
            out.append(gap)
    return out


def _network_gaps(G: nx.MultiDiGraph, bridge_threshold: float) -> list[Gap]:
    """Articulation points and high-betweenness owners of each council's owner–pledge network."""
    out: list[Gap] = []
    for council, net in owner_network(G).items():
        if net.number_of_nodes() < 3:
            continue
        for node in sorted(nx.articulation_points(net)):
            if G.nodes[node]["kind"] not in AGENT_KINDS:
                continue
            rest = net.subgraph(n for n in net if n != node)
            parts = nx.number_connected_components(rest) - nx.number_connected_components(net) + 1
            cut = sorted(len(c) for c in nx.connected_components(rest))
            out.append(_owner_gap(G, node, council, "articulation_point", "medium",
                                  f"without it the owner–pledge network splits into {parts} parts "
                                  f"(sizes {', '.join(map(str, cut))})"))
        n = net.number_of_nodes()
        k = 500 if n > 1000 else None
        centrality = nx.betweenness_centrality(net, k=k, seed=0 if k else None, normalized=True)
        for node, value in sorted(centrality.items(), key=lambda kv: (-kv[1], kv[0])):
            if value < bridge_threshold or G.nodes[node]["kind"] not in AGENT_KINDS:
                continue
            pledges = sum(1 for _ in net.neighbors(node))
            out.append(_owner_gap(G, node, council, "bridging_post", "low",
                                  f"betweenness {value:.2f} in the owner–pledge network "
                                  f"({pledges} pledges){' (sampled)' if k else ''}"))
    return out


def _owner_gap(G: nx.MultiDiGraph, owner: str, council: str | None, rule: str, severity: str,
               detail: str) -> Gap:
    """A gap about an owner, cited by the first item it owns in the council."""
    owned = sorted((G.nodes[i]["source"] or "", _first_line(G.nodes[i]["lines"]), i)
                   for _, i, d in G.out_edges(owner, data=True)
                   if d.get("kind") == "owns" and G.nodes[i]["council"] == council)
    source, lines = (G.nodes[owned[0][2]]["source"], G.nodes[owned[0][2]]["lines"]) if owned else (None, None)
    gap = _gap(G, rule, severity, owner, detail, source=source, lines=lines)
    gap.council = council
    return gap


def _first_line(lines: str | None) -> int:
    try:
        return int((lines or "0").split("-")[0])
    except ValueError:
        return 0
