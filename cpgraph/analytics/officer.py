"""An officer's view: find a post by (fuzzy) name, then everything it is responsible for."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import networkx as nx
from rapidfuzz import fuzz, utils

from cpgraph import lexicon
from cpgraph.analytics.ownership import document_order
from cpgraph.analytics.projection import AGENT_KINDS
from cpgraph.errors import NotFoundError
from cpgraph.resolve import clean, slug

_MIN_SCORE = 60.0
_CLEAR_LEAD = 5.0
_KIND_PREFERENCE = {"post": 0, "role": 1, "unit": 2, "body": 3, "agency": 4}


@dataclass
class PostMatch:
    """A post (or unit, body, role, agency) matching a name, with how well it matched."""

    iri: str
    label: str
    kind: str
    council: str | None
    score: float  # 0–100
    matched: str  # the label or alternative label that matched
    exact: bool = False
    tie_break: float = field(default=0.0, repr=False, compare=False)

    def row(self) -> dict:
        """A flat row for tables and CSV."""
        return {"post": self.label, "kind": self.kind, "council": self.council,
                "score": round(self.score, 1), "matched": self.matched, "iri": self.iri}


def find_posts(G: nx.MultiDiGraph, name: str, *, council: str | None = None, limit: int = 10) -> list[PostMatch]:
    """Posts whose name matches ``name``, best first.

    An exact match of the key, the name or an alternative name (an expanded abbreviation such as
    "Assistant Team Manager" for "ATM") wins outright: only exact matches are returned. Otherwise
    rapidfuzz scores every name; one clear winner (90 or more, well ahead of the next) is returned
    alone, else up to ``limit`` candidates so the user can choose. ``council`` (a key) narrows the
    search. An IRI of an owner is accepted as an exact match.
    """
    wanted = clean(name)
    if not wanted:
        return []
    folded = {wanted.casefold(), _expand(wanted).casefold()}
    key = slug(wanted)
    agents = [(n, d) for n, d in G.nodes(data=True)
              if d["kind"] in AGENT_KINDS and (council is None or d["council"] == council)]
    exact = []
    for n, d in agents:
        names = [d["label"] or "", *d.get("alt_labels", [])]
        hit = next((x for x in names if x.casefold() in folded), None)
        if n == wanted or d["key"] == key or hit:
            exact.append(PostMatch(n, d["label"], d["kind"], d["council"], 100.0, hit or d["label"], True))
    if exact:
        return sorted(exact, key=_order)
    queries = {wanted, _expand(wanted)}
    scored = []
    for n, d in agents:
        names = [d["label"] or "", *d.get("alt_labels", [])]
        # token_set_ratio separates "part of the name" from "shares a word" best; WRatio breaks ties.
        best = max(((fuzz.token_set_ratio(q, x, processor=utils.default_process),
                     fuzz.WRatio(q, x, processor=utils.default_process), x)
                    for q in queries for x in names if x), default=(0.0, 0.0, ""))
        if best[0] >= _MIN_SCORE:
            scored.append(PostMatch(n, d["label"], d["kind"], d["council"], float(best[0]), best[2],
                                    tie_break=float(best[1])))
    scored.sort(key=_order)
    if scored and scored[0].score >= 90 and (len(scored) == 1 or scored[1].score < scored[0].score - _CLEAR_LEAD):
        return scored[:1]
    return scored[:limit]


def _order(m: PostMatch) -> tuple:
    return (-m.score, -m.tie_break, _KIND_PREFERENCE.get(m.kind, 9), m.label, m.council or "", m.iri)


def _expand(name: str) -> str:
    """``name`` with abbreviations written out ("VSH" → "Virtual School Headteacher")."""
    for abbr, full in lexicon.load("abbreviations").items():
        if not abbr.startswith("_"):
            name = re.sub(rf"(?<!\w){re.escape(abbr)}(?!\w)", full, name, flags=re.IGNORECASE)
    return name


def responsibilities(G: nx.MultiDiGraph, post_iri: str) -> list[dict]:
    """Everything ``post_iri`` is responsible for: one row per action or pledge it owns (level,
    joint share, co-owners, due date, status, source file and lines, origin and who assigned it),
    then the bodies it chairs or sits on and the strategies it leads. Ordered by due date, then
    document order. Raises NotFoundError for an unknown owner."""
    if post_iri not in G or G.nodes[post_iri]["kind"] not in AGENT_KINDS:
        raise NotFoundError(f"no post {post_iri}")
    order = document_order(G)
    rows = []
    for _, item, d in G.out_edges(post_iri, data=True):
        node = G.nodes[item]
        kind = d.get("kind")
        if kind == "owns":
            co = sorted({G.nodes[w]["label"] for w, _, e in G.in_edges(item, data=True)
                         if e.get("kind") == "owns" and w != post_iri})
            pledge = G.nodes[node["pledge"]] if node.get("pledge") else None
            rows.append({
                "relation": "owns", "level": d.get("level"), "item": item, "kind": node["kind"],
                "text": node["text"] or node["label"], "council": node["council"],
                "pledge": _pledge_name(pledge) if pledge else _pledge_name(node),
                "due": node["due"], "due_precision": node["due_precision"],
                "due_text": node.get("due_text"), "recurrence": node["recurrence"],
                "status": node["status"], "rag": node["rag"], "joint": bool(d.get("joint")),
                "share": d.get("share"), "coowners": co, "hat": d.get("hat"),
                "source": node["source"], "lines": node["lines"], "origin": d.get("origin"),
                "assigned_by": d.get("assigned_by"), "assigned_at": d.get("assigned_at"),
            })
        elif kind in ("chairs", "member_of", "lead_of"):
            rows.append({
                "relation": kind, "level": "governance" if kind != "lead_of" else "strategy",
                "item": item, "kind": node["kind"], "text": node["label"], "council": node["council"],
                "pledge": None, "due": None, "due_precision": None, "due_text": None,
                "recurrence": None, "status": None, "rag": None, "joint": False, "share": None,
                "coowners": [], "hat": None, "source": node["source"], "lines": node["lines"],
                "origin": node["origin"], "assigned_by": None, "assigned_at": None,
            })
    rows.sort(key=lambda r: (r["relation"] != "owns", r["due"] is None, r["due"] or "",
                             order.get(r["item"], ()), r["item"]))
    return rows


def _pledge_name(pledge: dict) -> str:
    if pledge.get("number") is not None:
        return f"Pledge {pledge['number']}: {pledge['label']}"
    return pledge["label"]
