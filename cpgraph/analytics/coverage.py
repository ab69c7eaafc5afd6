"""Coverage: per council, which themes and statutory principles its actions address, and a
cross-council matrix to compare them.

A council whose every document was not read as a plan (nothing in it was recognised) is not a
council that covers nothing: its cells are unknown, and it says so (``nothing_read``) so that no
surface paints it as a row of gaps."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx


@dataclass
class Cell:
    """How one council covers one theme or principle."""

    key: str
    label: str
    actions: int = 0
    pledges: int = 0

    @property
    def covered(self) -> bool:
        """True when at least one action or pledge addresses it."""
        return bool(self.actions or self.pledges)


@dataclass(frozen=True)
class NotRead:
    """A document cpgraph did not read as a plan: no pledge, action, duty or body was recognised
    in it. ``message`` says what its structure held and how to see why."""

    strategy: str  # IRI
    key: str | None
    council: str | None  # key
    council_label: str | None
    source: str | None  # file name
    message: str


def documents_not_read(G: nx.MultiDiGraph) -> list[NotRead]:
    """Every strategy document of the projection that was not read as a plan, by council and
    file name."""
    out = []
    for iri, d in G.nodes(data=True):
        if d["kind"] != "strategy" or not d.get("not_read"):
            continue
        council = G.nodes[d["council_iri"]] if d.get("council_iri") in G else None
        message = d.get("read_note") or f"{d['source'] or d['key']}: recognised no commitments"
        out.append(NotRead(iri, d["key"], d["council"], council["label"] if council else None, d["source"],
                           message))
    return sorted(out, key=lambda n: (n.council_label or "", n.source or "", n.strategy))


@dataclass
class CouncilCoverage:
    """One council's themes and principles, each with its counts (all of them, covered or not)."""

    iri: str
    council: str  # key
    label: str
    actions: int
    pledges: int
    themes: list[Cell] = field(default_factory=list)
    principles: list[Cell] = field(default_factory=list)
    strategies: int = 0
    not_read: list[NotRead] = field(default_factory=list)
    """The council's documents that were not read as plans (each with its message)."""

    @property
    def nothing_read(self) -> bool:
        """True when the council has documents and none of them was read as a plan: its cells
        are unknown, not gaps, and must be shown as "not read"."""
        return self.strategies > 0 and len(self.not_read) == self.strategies

    def covered(self, scheme: str = "themes") -> list[Cell]:
        """Cells with at least one action or pledge (``scheme``: "themes" or "principles")."""
        return [c for c in getattr(self, scheme) if c.covered]

    def not_covered(self, scheme: str = "themes") -> list[Cell]:
        """Cells nothing addresses."""
        return [c for c in getattr(self, scheme) if not c.covered]


@dataclass
class Coverage:
    """Coverage of every council, with the themes and principles in the vocabulary's order."""

    councils: list[CouncilCoverage]
    themes: list[tuple[str, str]]  # (key, label)
    principles: list[tuple[str, str]]

    def matrix(self, measure: str = "actions") -> list[dict]:
        """One row per council: its name and key, its action and pledge counts, then one column
        per theme key and per principle key holding the number of actions (``measure`` =
        "pledges" counts pledges instead). ``read`` is False for a council none of whose documents
        was read as a plan: its zeros are unknowns, not gaps."""
        rows = []
        for c in self.councils:
            row: dict = {"council": c.label, "key": c.council, "actions": c.actions, "pledges": c.pledges,
                         "read": not c.nothing_read}
            for cell in (*c.themes, *c.principles):
                row[cell.key] = getattr(cell, measure)
            row["themes_covered"] = len(c.covered("themes"))
            row["principles_covered"] = len(c.covered("principles"))
            rows.append(row)
        return rows


def compute_coverage(G: nx.MultiDiGraph) -> Coverage:
    """For each council (every council in the graph, even one with no pledges yet), how many of
    its actions and pledges carry each theme and serve each statutory principle, and which of its
    documents were not read as plans."""
    themes = sorted(((d["key"], d["label"]) for _, d in G.nodes(data=True) if d["kind"] == "theme"))
    principles = sorted(((d["key"], d["label"]) for _, d in G.nodes(data=True) if d["kind"] == "principle"))
    counts: dict[tuple[str | None, str, str], set[str]] = defaultdict(set)
    totals: dict[tuple[str | None, str], int] = defaultdict(int)
    for item, d in G.nodes(data=True):
        if d["kind"] not in ("action", "pledge"):
            continue
        totals[(d["council"], d["kind"])] += 1
        for _, concept, e in G.out_edges(item, data=True):
            if e.get("kind") in ("has_theme", "serves_principle"):
                counts[(d["council"], G.nodes[concept]["key"], d["kind"])].add(item)
    strategies: dict[str | None, int] = defaultdict(int)
    for _, d in G.nodes(data=True):
        if d["kind"] == "strategy":
            strategies[d["council"]] += 1
    unread: dict[str | None, list[NotRead]] = defaultdict(list)
    for doc in documents_not_read(G):
        unread[doc.council].append(doc)
    councils = []
    for iri, d in sorted(G.nodes(data=True), key=lambda n: (n[1]["label"] or "", n[0])):
        if d["kind"] != "council":
            continue
        key = d["key"]

        def cells(concepts, key=key):
            return [Cell(k, label, len(counts[(key, k, "action")]), len(counts[(key, k, "pledge")]))
                    for k, label in concepts]

        councils.append(CouncilCoverage(iri, key, d["label"], totals[(key, "action")],
                                        totals[(key, "pledge")], cells(themes), cells(principles),
                                        strategies[key], unread[key]))
    return Coverage(councils, themes, principles)
