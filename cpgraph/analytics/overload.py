"""Load per post: what each owner carries, when it falls due, and the rules that flag too much."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from statistics import median

import networkx as nx

from cpgraph.analytics.duedates import month_of, quarter_of
from cpgraph.analytics.projection import AGENT_KINDS


@dataclass
class PostLoad:
    """One owner's load in one council (joint actions count as their share in ``weighted``)."""

    iri: str
    label: str
    kind: str  # post | unit | body | agency | role
    council: str | None
    actions: int = 0
    sole: int = 0
    joint: int = 0
    weighted: float = 0.0
    pledges: int = 0
    themes: list[str] = field(default_factory=list)
    due_by_month: dict[str, int] = field(default_factory=dict)
    due_by_quarter: dict[str, int] = field(default_factory=dict)
    share_of_council: float = 0.0
    flags: list[dict[str, str]] = field(default_factory=list)
    action_iris: list[str] = field(default_factory=list)

    def row(self) -> dict:
        """A flat row for tables and CSV: ``flags`` lists the rules, ``flag_details`` says why."""
        return {
            "council": self.council, "post": self.label, "kind": self.kind, "actions": self.actions,
            "sole": self.sole, "joint": self.joint, "weighted": round(self.weighted, 2),
            "pledges": self.pledges, "themes": len(self.themes),
            "busiest_quarter": _busiest(self.due_by_quarter),
            "share_of_council": f"{self.share_of_council:.0%}",
            "flags": ", ".join(f["rule"] for f in self.flags),
            "flag_details": "; ".join(f"{f['rule']}: {f['detail']}" for f in self.flags), "iri": self.iri,
        }


def _busiest(counts: dict[str, int]) -> str:
    if not counts:
        return ""
    key = max(sorted(counts), key=lambda k: counts[k])
    return f"{key} ({counts[key]})"


def compute_overload(G: nx.MultiDiGraph, *, median_multiple: float = 2.0, quarter_limit: int = 6,
                     pledge_share: float = 0.5, theme_limit: int = 5) -> list[PostLoad]:
    """Each owner's load per council, heaviest first (by weighted load, then actions).

    Flags, each naming its rule: ``above_median`` (more actions than ``median_multiple`` × the
    council's median among owners of actions), ``due_cluster`` (more than ``quarter_limit``
    actions due in one calendar quarter), ``pledge_share`` (owner of actions in, or of, more
    than ``pledge_share`` of the council's pledges) and ``many_themes`` (above the council
    median and spread over more than ``theme_limit`` themes).
    """
    per_item: dict[tuple[str, str], dict[str, tuple[bool, float]]] = defaultdict(dict)
    pledges_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for who, item, data in G.edges(data=True):
        if data.get("kind") != "owns" or G.nodes[who]["kind"] not in AGENT_KINDS:
            continue
        node = G.nodes[item]
        slot = (who, node["council"])
        if node["kind"] == "action":
            joint, share = bool(data.get("joint")), float(data.get("share") or 1.0)
            previous = per_item[slot].get(item)
            if previous is None or share > previous[1]:
                per_item[slot][item] = (joint, share)
            pledges_of[slot].add(node["pledge"])
        elif node["kind"] == "pledge":
            per_item.setdefault(slot, {})
            pledges_of[slot].add(item)

    council_actions = Counter(d["council"] for _, d in G.nodes(data=True) if d["kind"] == "action")
    council_pledges = Counter(d["council"] for _, d in G.nodes(data=True) if d["kind"] == "pledge")
    loads: list[PostLoad] = []
    for (who, council), items in per_item.items():
        agent = G.nodes[who]
        load = PostLoad(iri=who, label=agent["label"], kind=agent["kind"], council=council)
        themes: set[str] = set()
        months: Counter[str] = Counter()
        for action, (joint, share) in sorted(items.items()):
            load.actions += 1
            load.joint += joint
            load.sole += not joint
            load.weighted += share
            load.action_iris.append(action)
            a = G.nodes[action]
            month = month_of(a["due"], a["due_precision"])
            if month:
                months[month] += 1
            themes.update(G.nodes[t]["key"] for _, t, d in G.out_edges(action, data=True)
                          if d.get("kind") == "has_theme")
        load.weighted = round(load.weighted, 4)
        load.pledges = len(pledges_of[(who, council)])
        load.themes = sorted(themes)
        load.due_by_month = dict(sorted(months.items()))
        quarters: Counter[str] = Counter()
        for month, n in months.items():
            quarters[quarter_of(month)] += n
        load.due_by_quarter = dict(sorted(quarters.items()))
        load.share_of_council = load.actions / council_actions[council] if council_actions[council] else 0.0
        loads.append(load)

    medians = _council_medians(loads)
    for load in loads:
        _flag(load, medians.get(load.council), council_pledges[load.council], median_multiple=median_multiple,
              quarter_limit=quarter_limit, pledge_share=pledge_share, theme_limit=theme_limit)
    loads.sort(key=lambda x: (-x.weighted, -x.actions, -x.pledges, x.label, x.council or ""))
    return loads


def _council_medians(loads: list[PostLoad]) -> dict[str | None, float]:
    counts: dict[str | None, list[int]] = defaultdict(list)
    for load in loads:
        if load.actions:
            counts[load.council].append(load.actions)
    return {council: float(median(values)) for council, values in counts.items()}


def _flag(load: PostLoad, council_median: float | None, pledges_in_council: int, *,
          median_multiple: float, quarter_limit: int, pledge_share: float, theme_limit: int) -> None:
    above = council_median is not None and load.actions > median_multiple * council_median
    if above:
        load.flags.append({"rule": "above_median", "detail": (
            f"{load.actions} actions, more than {median_multiple:g} × the council median of "
            f"{council_median:g}")})
    for quarter, n in load.due_by_quarter.items():
        if n > quarter_limit:
            months = ", ".join(f"{m} ({c})" for m, c in load.due_by_month.items() if quarter_of(m) == quarter)
            load.flags.append({"rule": "due_cluster", "detail": (
                f"{n} actions due in {quarter} (more than {quarter_limit}): {months}")})
    if pledges_in_council and load.pledges / pledges_in_council > pledge_share:
        load.flags.append({"rule": "pledge_share", "detail": (
            f"owner in {load.pledges} of the council's {pledges_in_council} pledges "
            f"(more than {pledge_share:.0%})")})
    if above and len(load.themes) > theme_limit:
        load.flags.append({"rule": "many_themes", "detail": (
            f"a high load spread over {len(load.themes)} themes (more than {theme_limit})")})
