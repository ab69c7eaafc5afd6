"""The NetworkX projection: typed nodes and edges read from the store, curation included."""

from __future__ import annotations

from collections import Counter

from rdflib import Literal
from rdflib.namespace import PROV

from cpgraph.analytics import EDGE_KINDS, NODE_KINDS, project
from cpgraph.analytics.projection import NODE_ATTRIBUTES
from cpgraph.namespace import CP
from tests.analytics.tiny import Tiny


def tiny_graph() -> tuple[Tiny, dict]:
    t = Tiny()
    c = t.council("x", "Council X")
    s = t.strategy("x-plan", c, source="x-plan.txt")
    p1 = t.pledge(s, 1, "Pledge one", number=1, measures=1, themes=["education"], lines=(1, 9))
    a1 = t.action(p1, 1, "Review every PEP", due="2025-09", themes=["education"], principles=["cpp_d"],
                  outcomes=1, lines=(2, 4))
    a2 = t.action(p1, 2, "Run the Big Ballot", due="2026", precision="year", status="On track", lines=(5, 7))
    vsh = t.agent("x", "post", "Virtual School Headteacher", alt="VSH")
    hr = t.agent("x", "post", "Head of HR")
    school = t.agent("x", "unit", "Virtual School")
    board = t.agent("x", "body", "Corporate Parenting Board")
    t.assign(a1, vsh, owners=2)
    t.assign(a1, school, owners=2)
    t.assign(p1, board, level="governance")
    t.oversees(board, p1)
    t.chair(board, hr)
    t.lead(s, hr)
    curated = t.assign(a2, hr, curated_by="Sam Lead", at="2026-01-05T10:00:00")
    t.curation.add((a2, CP.status, Literal("Done")))
    return t, dict(c=c, s=s, p1=p1, a1=a1, a2=a2, vsh=vsh, hr=hr, school=school, board=board, curated=curated)


def test_nodes_are_typed_and_carry_the_documented_attributes():
    t, n = tiny_graph()
    G = project(t.store())
    kinds = Counter(d["kind"] for _, d in G.nodes(data=True))
    assert (kinds["council"], kinds["strategy"], kinds["pledge"], kinds["action"]) == (1, 1, 1, 2)
    assert (kinds["post"], kinds["unit"], kinds["body"]) == (2, 1, 1)
    assert (kinds["theme"], kinds["principle"]) == (12, 7)  # from the vocabulary graph
    assert all(set(NODE_ATTRIBUTES) <= set(d) for _, d in G.nodes(data=True))
    a1 = G.nodes[str(n["a1"])]
    assert (a1["council"], a1["source"], a1["lines"], a1["due"], a1["due_precision"]) == (
        "x", "x-plan.txt", "2-4", "2025-09", "month")
    assert (a1["pledge"], a1["outcomes"], a1["measures"]) == (str(n["p1"]), 1, 0)
    p1 = G.nodes[str(n["p1"])]
    assert (p1["number"], p1["label"], p1["measures"], p1["lines"]) == (1, "Pledge one", 1, "1-9")
    assert G.nodes[str(n["vsh"])]["alt_labels"] == ["VSH"]


def test_edges_are_typed_and_point_the_documented_way():
    t, n = tiny_graph()
    G = project(t.store())
    kinds = {(u, v, d["kind"]) for u, v, d in G.edges(data=True)}
    s = {k: str(v) for k, v in n.items()}
    for edge in [(s["p1"], s["s"], "in_strategy"), (s["s"], s["c"], "of_council"),
                 (s["a1"], s["p1"], "under_pledge"), (s["vsh"], s["a1"], "owns"),
                 (s["board"], s["p1"], "owns"), (s["board"], s["p1"], "oversees"),
                 (s["hr"], s["board"], "chairs"), (s["hr"], s["s"], "lead_of"),
                 (s["a1"], "https://w3id.org/cpgraph/theme/education", "has_theme"),
                 (s["a1"], "https://w3id.org/cpgraph/principle/cpp_d", "serves_principle"),
                 ("https://w3id.org/cpgraph/theme/education", "https://w3id.org/cpgraph/principle/cpp_d",
                  "serves_principle")]:
        assert edge in kinds, edge
    assert {k for _, _, k in kinds} <= set(EDGE_KINDS)


def test_owns_edges_carry_level_share_and_origin():
    t, n = tiny_graph()
    G = project(t.store())
    owns = {(u, v): d for u, v, d in G.edges(data=True) if d["kind"] == "owns"}
    vsh = owns[(str(n["vsh"]), str(n["a1"]))]
    assert (vsh["level"], vsh["joint"], vsh["share"], vsh["origin"]) == ("action", True, 0.5, "extracted")
    assert owns[(str(n["board"]), str(n["p1"]))]["level"] == "governance"
    curated = owns[(str(n["hr"]), str(n["a2"]))]
    assert (curated["origin"], curated["assigned_by"], curated["assigned_at"]) == (
        "curated", "Sam Lead", "2026-01-05T10:00:00")


def test_curated_status_wins_over_the_extracted_one():
    t, n = tiny_graph()
    G = project(t.store())
    assert G.nodes[str(n["a2"])]["status"] == "Done"
    assert G.nodes[str(n["a1"])]["status"] is None


def test_a_withdrawn_assignment_owns_nothing():
    t, n = tiny_graph()
    t.curation.add((n["curated"], PROV.invalidatedAtTime, Literal("2026-02-01T00:00:00")))
    G = project(t.store())
    assert not G.has_edge(str(n["hr"]), str(n["a2"]))


def test_the_projection_uses_a_fixed_number_of_queries():
    """No per-node queries: a graph ten times bigger costs the same number of SELECTs."""

    class Counting:
        def __init__(self, store):
            self.store, self.calls = store, 0

        def select(self, query, bindings=None):
            self.calls += 1
            return self.store.select(query, bindings)

    small, big = Tiny(), Tiny()
    for t, pledges in ((small, 1), (big, 10)):
        c = t.council("x", "Council X")
        s = t.strategy("x-plan", c)
        post = t.agent("x", "post", "Head of HR")
        for i in range(1, pledges + 1):
            p = t.pledge(s, i, f"Pledge {i}")
            for j in range(1, 4):
                t.assign(t.action(p, j, f"Action {i}.{j}", due="2025-09"), post)
    counts = []
    for t in (small, big):
        counting = Counting(t.store())
        G = project(counting)
        counts.append(counting.calls)
        assert sum(1 for _, d in G.nodes(data=True) if d["kind"] == "action") in (3, 30)
    assert counts[0] == counts[1] <= 12


def test_the_seed_projection_has_every_seed_and_only_documented_kinds(seeds_analytics):
    G = seeds_analytics.graph()
    assert {d["kind"] for _, d in G.nodes(data=True)} <= set(NODE_KINDS)
    assert {d["kind"] for _, _, d in G.edges(data=True)} <= set(EDGE_KINDS)
    bracknell = [d for _, d in G.nodes(data=True) if d["council"] == "bracknell-forest-council"]
    assert Counter(d["kind"] for d in bracknell if d["kind"] in ("pledge", "action")) == {"pledge": 10, "action": 45}
    assert sum(1 for _, d in G.nodes(data=True) if d["kind"] == "council") == 5
