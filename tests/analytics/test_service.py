"""The Analytics facade: cached between writes, refreshed by a curation or a build, shareable."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date

from cpgraph.analytics import Analytics
from cpgraph.namespace import CURATION_GRAPH, GRAPH
from tests.analytics.tiny import Tiny

AS_OF = date(2025, 1, 1)


def tiny_store():
    t = Tiny()
    p = t.pledge(t.strategy("x-plan", t.council("x", "Council X")), 1, "P", measures=1, outcomes=1)
    a1 = t.action(p, 1, "Nobody owns me", due="2026-05")
    owner = t.agent("x", "post", "Head of HR")
    t.assign(t.action(p, 2, "Owned", due="2026-05"), owner)
    return t, t.store(), str(a1)


def unowned(an: Analytics) -> list[str]:
    return [g.item for g in an.gaps(AS_OF) if g.rule == "unowned_action"]


def test_results_are_cached_until_the_store_changes():
    _, store, _ = tiny_store()
    an = Analytics(store)
    G = an.graph()
    assert an.graph() is G
    assert an.gaps(AS_OF) is an.gaps(AS_OF)
    assert an.overload() is an.overload()
    an.invalidate()
    assert an.graph() is not G


def test_a_curated_owner_removes_the_gap_at_once():
    _, store, a1 = tiny_store()
    an = Analytics(store)
    assert unowned(an) == [a1]
    store.update(f"""
        PREFIX cp: <https://w3id.org/cpgraph/ns#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
        INSERT DATA {{ GRAPH <{CURATION_GRAPH}> {{
          <{a1}/assignment/curated> a cp:Assignment ; cp:assignmentFor <{a1}> ;
            cp:assignee <https://w3id.org/cpgraph/id/x/post/head-of-hr> ;
            cp:ownershipLevel cp:ActionLevel ; cp:origin "curated" ;
            prov:wasAttributedTo "Sam" ; prov:generatedAtTime "2026-01-05T10:00:00"^^xsd:dateTime .
        }} }}""")
    assert unowned(an) == []
    owns = [d for _, v, d in an.graph().in_edges(a1, data=True) if d["kind"] == "owns"]
    assert [(d["origin"], d["assigned_by"]) for d in owns] == [("curated", "Sam")]


def test_a_build_that_replaces_the_documents_is_seen():
    t, store, a1 = tiny_store()
    an = Analytics(store)
    assert unowned(an) == [a1]
    extra = Tiny()
    p = extra.pledge(extra.strategy("z-plan", extra.council("z", "Council Z")), 1, "Z", measures=1, outcomes=1)
    extra.action(p, 1, "Another orphan", due="2026-05")
    store.replace_graphs({str(GRAPH["tiny"]): t.g + extra.g})
    assert len(unowned(an)) == 2


def test_threads_can_share_one_facade():
    _, store, a1 = tiny_store()
    an = Analytics(store)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: unowned(an), range(32)))
    assert all(r == [a1] for r in results)


def test_officer_and_suggestions_through_the_facade():
    _, store, a1 = tiny_store()
    an = Analytics(store)
    view = an.officer("head of hr")
    assert view.post is not None and [r["text"] for r in view.responsibilities] == ["Owned"]
    assert an.officer("nobody like this").matches == []
    assert all(s.action == a1 for s in an.suggestions())
