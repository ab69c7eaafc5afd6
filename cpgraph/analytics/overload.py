"""Load per post: what each owner carries, when it falls due, what of it is overdue or repeated,
and the rules that flag too much.

The load rule scales with each council: a post is flagged when it carries far more actions than
the council's other owners (beyond the upper quartile by 1.5 times the spread of the middle half,
Tukey's fence for outliers), and never for fewer than ``min_actions``; so a post with 3 actions
is not warned like one with 13. Every flag carries its rule in plain English.
"""

from __future__ import annotations

import calendar
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from statistics import median

import networkx as nx

from cpgraph.analytics.duedates import month_of, period_end, quarter_of
from cpgraph.analytics.duplicates import duplicate_pairs
from cpgraph.analytics.projection import AGENT_KINDS

RULES = {
    "far_above_council": ("Carries far more actions than the council's other owners: more than the council's "
                          "upper quartile plus {spread:g} times the spread of its middle half, and at least {min_actions}."),
    "due_cluster": "More than {quarter_limit} of its actions fall due in the same quarter of the year.",
    "pledge_share": "Has actions in more than {pledge_share:.0%} of the council's pledges.",
    "many_themes": "Carries far more than the council's other owners, spread over more than {theme_limit} themes.",
}
"""Every overload rule, by its stable code, in plain English (thresholds filled in per call)."""
SEVERITY = {"far_above_council": "high", "due_cluster": "medium", "pledge_share": "medium", "many_themes": "low"}
"""How serious each overload flag is."""


def month_name(month: str) -> str:
    """"2025-09" as "September 2025" (as people say when an action fell due); a year stays a year."""
    if len(month) < 7:
        return month
    return f"{calendar.month_name[int(month[5:7])]} {month[:4]}"


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
    """Each flag: ``rule`` (code), ``severity``, ``rule_text`` (the rule in plain English) and
    ``detail`` (why this owner, with its numbers)."""
    action_iris: list[str] = field(default_factory=list)
    overdue_by_month: dict[str, int] = field(default_factory=dict)
    """Its actions whose due date has passed with no status recorded, by the month they fell due
    ("2025-09": 12), as of the day asked for."""
    overdue: int = 0
    duplicates: list[dict[str, str]] = field(default_factory=list)
    """Its actions that repeat another action: ``action`` and ``repeats`` (IRIs), their texts
    ``action_text`` and ``repeats_text``, ``similarity`` (100 = identical) and ``where`` (the
    pledge and council of the repeated action)."""

    @property
    def overdue_text(self) -> list[str]:
        """Overdue actions by month in plain English: "12 of its actions fell due in September 2025"."""
        return [f"{n} of its actions fell due in {month_name(m)}" + (" and have no status recorded" if n > 1 else
                                                                      " and has no status recorded")
                for m, n in self.overdue_by_month.items()]

    def row(self) -> dict:
        """A flat row for tables and CSV: ``flags`` lists the rules, ``flag_details`` says why."""
        return {
            "council": self.council, "post": self.label, "kind": self.kind, "actions": self.actions,
            "sole": self.sole, "joint": self.joint, "weighted": round(self.weighted, 2),
            "pledges": self.pledges, "themes": len(self.themes),
            "busiest_quarter": _busiest(self.due_by_quarter),
            "share_of_council": f"{self.share_of_council:.0%}",
            "flags": ", ".join(f["rule"] for f in self.flags),
            "flag_details": "; ".join(f"{f['rule']}: {f['detail']}" for f in self.flags),
            "overdue": self.overdue, "duplicates": len(self.duplicates), "iri": self.iri,
        }


def _busiest(counts: dict[str, int]) -> str:
    if not counts:
        return ""
    key = max(sorted(counts), key=lambda k: counts[k])
    return f"{key} ({counts[key]})"


def compute_overload(G: nx.MultiDiGraph, *, as_of: date | None = None, min_actions: int = 8,
                     spread: float = 1.5, quarter_limit: int = 6, pledge_share: float = 0.5,
                     theme_limit: int = 5, near_duplicate: float = 90.0) -> list[PostLoad]:
    """Each owner's load per council, heaviest first (by weighted load, then actions), with its
    overdue actions by month as of ``as_of`` (default today) and its repeated actions.

    Flags (see ``RULES``), each with its severity, its rule in plain English and why:
    ``far_above_council`` (more actions than the council's upper quartile plus ``spread`` × its
    interquartile range among owners of actions, and at least ``min_actions``), ``due_cluster``
    (more than ``quarter_limit`` actions due in one calendar quarter), ``pledge_share`` (owner
    of actions in, or of, more than ``pledge_share`` of the council's pledges) and
    ``many_themes`` (far above the council and spread over more than ``theme_limit`` themes).
    ``near_duplicate``: the similarity (0–100) from which two actions count as repeats.
    """
    when = as_of or date.today()
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
            if data.get("level", "action") == "action":  # a board or the strategy's owner is above, not in
                pledges_of[slot].add(item)

    repeats = _repeats(G, near_duplicate)
    council_actions = Counter(d["council"] for _, d in G.nodes(data=True) if d["kind"] == "action")
    council_pledges = Counter(d["council"] for _, d in G.nodes(data=True) if d["kind"] == "pledge")
    loads: list[PostLoad] = []
    for (who, council), items in per_item.items():
        agent = G.nodes[who]
        load = PostLoad(iri=who, label=agent["label"], kind=agent["kind"], council=council)
        themes: set[str] = set()
        months: Counter[str] = Counter()
        overdue: Counter[str] = Counter()
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
            end = period_end(a["due"], a["due_precision"])
            if end is not None and end < when and not a["status"]:
                overdue[month or (a["due"] or "")[:4]] += 1
            themes.update(G.nodes[t]["key"] for _, t, d in G.out_edges(action, data=True)
                          if d.get("kind") == "has_theme")
        load.weighted = round(load.weighted, 4)
        load.pledges = len(pledges_of[(who, council)])
        load.themes = sorted(themes)
        load.due_by_month = dict(sorted(months.items()))
        load.overdue_by_month = dict(sorted(overdue.items()))
        load.overdue = sum(overdue.values())
        load.duplicates = [repeats[a] for a in load.action_iris if a in repeats]
        quarters: Counter[str] = Counter()
        for month, n in months.items():
            quarters[quarter_of(month)] += n
        load.due_by_quarter = dict(sorted(quarters.items()))
        load.share_of_council = load.actions / council_actions[council] if council_actions[council] else 0.0
        loads.append(load)

    fences = _council_fences(loads, min_actions, spread)
    thresholds = {"min_actions": min_actions, "spread": spread, "quarter_limit": quarter_limit, "pledge_share": pledge_share,
                  "theme_limit": theme_limit}
    names = {d["key"]: d["label"] for _, d in G.nodes(data=True) if d["kind"] == "council"}
    for load in loads:
        _flag(load, fences.get(load.council), council_pledges[load.council], names.get(load.council) or "the council",
              thresholds)
    loads.sort(key=lambda x: (-x.weighted, -x.actions, -x.pledges, x.label, x.council or ""))
    return loads


@dataclass
class _Fence:
    """A council's spread of actions per owner and the line above which a load is far above it."""

    median: float
    lower: float  # quartiles
    upper: float
    line: float  # max(upper + spread × (upper - lower), min_actions - 1): flagged above it


def _quartiles(values: list[int]) -> tuple[float, float]:
    ordered = sorted(values)
    half = len(ordered) // 2
    low, high = ordered[:half] or ordered, ordered[(len(ordered) + 1) // 2:] or ordered
    return float(median(low)), float(median(high))


def _council_fences(loads: list[PostLoad], min_actions: int, spread: float) -> dict[str | None, _Fence]:
    counts: dict[str | None, list[int]] = defaultdict(list)
    for load in loads:
        if load.actions:
            counts[load.council].append(load.actions)
    fences = {}
    for council, values in counts.items():
        lower, upper = _quartiles(values)
        fences[council] = _Fence(float(median(values)), lower, upper,
                                 max(upper + spread * (upper - lower), float(min_actions - 1)))
    return fences


def _repeats(G: nx.MultiDiGraph, near_duplicate: float) -> dict[str, dict[str, str]]:
    """Each action repeating an earlier one, described for the owner's page."""
    out = {}
    for first, later, score in duplicate_pairs(G, near_duplicate):
        f = G.nodes[first]
        pledge = G.nodes[f["pledge"]]
        where = f"pledge {pledge['number']}" if pledge.get("number") is not None else f"'{pledge['label']}'"
        if f["council"] != G.nodes[later]["council"]:
            where += f" of {f['council']}"
        out[later] = {"action": later, "action_text": G.nodes[later]["label"], "repeats": first,
                      "repeats_text": f["label"], "similarity": f"{score:.0f}", "where": where}
    return out


def _flag(load: PostLoad, fence: _Fence | None, pledges_in_council: int, council_name: str,
          thresholds: dict) -> None:
    def flag(rule: str, detail: str) -> None:
        load.flags.append({"rule": rule, "severity": SEVERITY[rule], "rule_text": RULES[rule].format(**thresholds),
                           "detail": detail})

    far = fence is not None and load.actions > fence.line
    if far:
        flag("far_above_council", (
            f"{load.actions} actions, where half of {council_name}'s owners carry {fence.median:g} or fewer "
            f"and three in four carry {fence.upper:g} or fewer: flagged from {int(fence.line) + 1}"))
    for quarter, n in load.due_by_quarter.items():
        if n > thresholds["quarter_limit"]:
            months = ", ".join(f"{c} in {month_name(m)}" for m, c in load.due_by_month.items()
                               if quarter_of(m) == quarter)
            flag("due_cluster", f"{n} actions due in {quarter} (more than {thresholds['quarter_limit']}): {months}")
    if pledges_in_council and load.pledges / pledges_in_council > thresholds["pledge_share"]:
        flag("pledge_share", (f"actions in {load.pledges} of the council's {pledges_in_council} pledges "
                              f"(more than {thresholds['pledge_share']:.0%})"))
    if far and len(load.themes) > thresholds["theme_limit"]:
        flag("many_themes", (f"its {load.actions} actions are spread over {len(load.themes)} themes "
                             f"(more than {thresholds['theme_limit']})"))
