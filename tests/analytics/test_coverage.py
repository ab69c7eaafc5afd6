"""Coverage on a hand-made graph whose answer is worked out below, and on the seeds."""

from __future__ import annotations

from cpgraph.analytics import compute_coverage, project
from tests.analytics.tiny import Tiny


def tiny_coverage():
    """Council X: a1, a2 about education (a2 also serves cpp_d); a3 about health; pledge P1 about
    education. Council Y: one pledge, no actions, no themes. 12 themes and 7 principles exist."""
    t = Tiny()
    s = t.strategy("x-plan", t.council("x", "Council X"))
    p1 = t.pledge(s, 1, "P1", themes=["education"])
    t.action(p1, 1, "a1", themes=["education"])
    t.action(p1, 2, "a2", themes=["education"], principles=["cpp_d"])
    t.action(p1, 3, "a3", themes=["health_wellbeing"])
    t.pledge(t.strategy("y-plan", t.council("y", "Council Y")), 1, "Q1")
    return compute_coverage(project(t.store()))


def test_counts_per_council_theme_and_principle():
    cov = tiny_coverage()
    x, y = cov.councils
    assert (x.label, x.actions, x.pledges, y.label, y.actions, y.pledges) == ("Council X", 3, 1, "Council Y", 0, 1)
    themes = {c.key: (c.actions, c.pledges) for c in x.themes}
    assert themes["education"] == (2, 1) and themes["health_wellbeing"] == (1, 0)
    assert [c.key for c in x.covered("themes")] == ["education", "health_wellbeing"]
    assert len(x.not_covered("themes")) == 10
    assert [(c.key, c.actions) for c in x.covered("principles")] == [("cpp_d", 1)]
    assert y.covered("themes") == [] and len(y.not_covered("principles")) == 7


def test_matrix_has_one_row_per_council_and_a_column_per_theme_and_principle():
    cov = tiny_coverage()
    rows = cov.matrix()
    assert [r["council"] for r in rows] == ["Council X", "Council Y"]
    assert rows[0]["education"] == 2 and rows[0]["cpp_d"] == 1 and rows[1]["education"] == 0
    assert (rows[0]["themes_covered"], rows[0]["principles_covered"]) == (2, 1)
    assert len(cov.themes) == 12 and len(cov.principles) == 7
    assert cov.matrix("pledges")[0]["education"] == 1


def test_seed_coverage_matrix_has_one_row_per_council(seeds, seeds_analytics):
    councils = seeds.select("PREFIX cp: <https://w3id.org/cpgraph/ns#> SELECT ?c ?k WHERE { ?c a cp:Council ; cp:key ?k }")
    rows = seeds_analytics.coverage().matrix()
    assert sorted(r["key"] for r in rows) == sorted(str(r["k"]) for r in councils)
    assert len(rows) == 5
    bracknell = next(r for r in rows if r["key"] == "bracknell-forest-council")
    assert bracknell["actions"] == 45 and bracknell["principles_covered"] >= 1
