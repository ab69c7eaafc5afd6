"""Overload on a hand-made graph whose answer is worked out below, and on the seeds."""

from __future__ import annotations

from cpgraph.analytics import compute_overload, project
from tests.analytics.tiny import Tiny


def tiny_council():
    """Council X, three pledges, six actions.

    A owns a1, a2, a3 (due 2025-07, -08, -09) and a4 jointly with B (due 2025-09): 4 actions,
    3 sole, 1 joint, weighted 3.5, pledges P1 and P2, all four due in 2025-Q3, four themes.
    B owns a4 (joint) and a6 (no date): 2 actions, weighted 1.5, pledges P2 and P3.
    C owns a5 (due 2026-01): 1 action, pledge P3. The Board owns P3 at governance level only.
    The council median of actions per owner of actions is median(4, 2, 1) = 2.
    """
    t = Tiny()
    c = t.council("x", "Council X")
    s = t.strategy("x-plan", c)
    p1, p2, p3 = (t.pledge(s, i, f"Pledge {i}", number=i) for i in (1, 2, 3))
    a = {1: t.action(p1, 1, "Support school attendance", due="2025-07", themes=["education"]),
         2: t.action(p1, 2, "Arrange health checks", due="2025-08", themes=["health_wellbeing"]),
         3: t.action(p1, 3, "Find more homes", due="2025-09", themes=["housing_home"]),
         4: t.action(p2, 1, "Train the workforce", due="2025-09", themes=["workforce"]),
         5: t.action(p3, 1, "Hold the annual ballot", due="2026-01"),
         6: t.action(p3, 2, "Keep a log", recurrence="Reviewed annually")}
    A, B, C = (t.agent("x", "post", name) for name in ("Post A", "Post B", "Post C"))
    board = t.agent("x", "body", "The Board")
    for i in (1, 2, 3):
        t.assign(a[i], A)
    t.assign(a[4], A, owners=2)
    t.assign(a[4], B, owners=2)
    t.assign(a[5], C)
    t.assign(a[6], B)
    t.assign(p3, board, level="governance")
    return project(t.store())


def by_label(loads):
    return {x.label: x for x in loads}


def test_counts_shares_and_due_dates_per_owner():
    loads = compute_overload(tiny_council())
    assert [x.label for x in loads] == ["Post A", "Post B", "Post C", "The Board"]
    A, B, C, board = loads
    assert (A.actions, A.sole, A.joint, A.weighted, A.pledges) == (4, 3, 1, 3.5, 2)
    assert A.due_by_month == {"2025-07": 1, "2025-08": 1, "2025-09": 2}
    assert A.due_by_quarter == {"2025-Q3": 4}
    assert A.themes == ["education", "health_wellbeing", "housing_home", "workforce"]
    assert A.share_of_council == 4 / 6
    assert (B.actions, B.sole, B.joint, B.weighted, B.pledges, B.due_by_quarter) == (2, 1, 1, 1.5, 2, {"2025-Q3": 1})
    assert (C.actions, C.weighted, C.due_by_quarter) == (1, 1.0, {"2026-Q1": 1})
    assert (board.kind, board.actions, board.pledges) == ("body", 0, 1)


def test_default_thresholds_flag_only_the_pledge_share():
    """4 is not more than 2 × the median 2; no quarter has more than 6; A and B are in 2 of 3 pledges."""
    loads = by_label(compute_overload(tiny_council()))
    assert [f["rule"] for f in loads["Post A"].flags] == ["pledge_share"]
    assert [f["rule"] for f in loads["Post B"].flags] == ["pledge_share"]
    assert loads["Post C"].flags == [] and loads["The Board"].flags == []


def test_tighter_thresholds_flag_each_rule_with_its_detail():
    loads = by_label(compute_overload(tiny_council(), median_multiple=1.5, quarter_limit=3,
                                      pledge_share=0.7, theme_limit=3))
    flags = {f["rule"]: f["detail"] for f in loads["Post A"].flags}
    assert set(flags) == {"above_median", "due_cluster", "many_themes"}
    assert "more than 1.5 × the council median of 2" in flags["above_median"]
    assert flags["due_cluster"].startswith("4 actions due in 2025-Q3 (more than 3)")
    assert "4 themes" in flags["many_themes"]
    assert loads["Post B"].flags == []  # 2 actions is not more than 3; 2/3 of pledges is not more than 70 %


def test_seed_bracknell_top_load_is_the_child_participation_development_worker(seeds_analytics):
    bracknell = [x for x in seeds_analytics.overload() if x.council == "bracknell-forest-council"]
    top = bracknell[0]
    assert top.label == "Child Participation Development Worker"
    assert top.actions == 13
    assert top.due_by_month["2025-09"] == 12
    cluster = [f for f in top.flags if f["rule"] == "due_cluster"]
    assert cluster and "12 actions due in 2025-Q3" in cluster[0]["detail"]
