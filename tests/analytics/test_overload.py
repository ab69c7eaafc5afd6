"""Overload on a hand-made graph whose answer is worked out below, and on the seeds."""

from __future__ import annotations

from datetime import date

from cpgraph.analytics import compute_overload, project
from tests.analytics.tiny import Tiny


def tiny_council():
    """Council X, three pledges, six actions.

    A owns a1, a2, a3 (due 2025-07, -08, -09) and a4 jointly with B (due 2025-09): 4 actions,
    3 sole, 1 joint, weighted 3.5, pledges P1 and P2, all four due in 2025-Q3, four themes.
    B owns a4 (joint) and a6 (no date): 2 actions, weighted 1.5, pledges P2 and P3.
    C owns a5 (due 2026-01): 1 action, pledge P3. The Board owns P3 at governance level only
    (above the pledge, so it is in none: 0 pledges). Actions per owner of actions: 4, 2, 1; with
    three owners the upper quartile is A's own 4, so nobody is far above the others.
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
    assert (board.kind, board.actions, board.pledges) == ("body", 0, 0)


def test_default_thresholds_flag_only_the_pledge_share():
    """A is not far above the others; no quarter has more than 6; A and B are in 2 of 3 pledges."""
    loads = by_label(compute_overload(tiny_council()))
    assert [f["rule"] for f in loads["Post A"].flags] == ["pledge_share"]
    assert [f["rule"] for f in loads["Post B"].flags] == ["pledge_share"]
    assert loads["Post C"].flags == [] and loads["The Board"].flags == []


def test_tighter_thresholds_flag_each_rule_with_its_rule_in_plain_english_and_its_detail():
    loads = by_label(compute_overload(tiny_council(), min_actions=1, spread=0, quarter_limit=3,
                                      pledge_share=0.7, theme_limit=3))
    flags = {f["rule"]: f for f in loads["Post A"].flags}
    assert set(flags) == {"due_cluster"}  # 4 is the upper quartile itself, not above it
    assert flags["due_cluster"]["detail"].startswith("4 actions due in 2025-Q3 (more than 3)")
    assert flags["due_cluster"]["rule_text"] == "More than 3 of its actions fall due in the same quarter of the year."
    assert flags["due_cluster"]["severity"] == "medium"
    assert loads["Post B"].flags == []  # 2 actions is not more than 3; 2/3 of pledges is not more than 70 %


def test_overdue_by_month_is_judged_on_the_day_asked_for():
    A = by_label(compute_overload(tiny_council(), as_of=date(2025, 9, 1)))["Post A"]
    assert A.overdue_by_month == {"2025-07": 1, "2025-08": 1}  # September is not over on 1 September
    assert A.overdue_text == ["1 of its actions fell due in July 2025 and has no status recorded",
                              "1 of its actions fell due in August 2025 and has no status recorded"]
    assert by_label(compute_overload(tiny_council(), as_of=date(2025, 10, 1)))["Post A"].overdue == 4


def test_on_the_seeds_the_load_rule_scales_with_the_council(seeds_analytics):
    """In Bracknell Forest half of the owners carry one action and three in four three or fewer:
    the Child Participation Development Worker's 13 are far above that; the Team Manager: Life
    Chances' 6 and the Leaving Care ATM's 3 are not, and are not warned like it."""
    loads = {x.label: x for x in seeds_analytics.overload(date(2026, 12, 4)) if x.council == "bracknell-forest-council"}
    worker = loads["Child Participation Development Worker"]
    far = next(f for f in worker.flags if f["rule"] == "far_above_council")
    assert far["severity"] == "high"
    assert far["detail"].startswith("13 actions, where half of Bracknell Forest Council's owners carry 1 or fewer")
    assert "upper quartile" in far["rule_text"] and "at least 8" in far["rule_text"]
    for label in ("Team Manager: Life Chances", "Head of Service: Life Chances", "Leaving Care ATM"):
        assert loads[label].flags == [], label
    flagged = [x.label for x in seeds_analytics.overload() if any(f["severity"] == "high" for f in x.flags)]
    assert flagged == ["Child Participation Development Worker"]


def test_on_the_seeds_the_worker_s_overdue_actions_and_repeats_are_told(seeds_analytics):
    worker = next(x for x in seeds_analytics.overload(date(2026, 12, 4))
                  if x.label == "Child Participation Development Worker")
    assert worker.overdue_by_month == {"2025-09": 12}
    assert worker.overdue_text == ["12 of its actions fell due in September 2025 and have no status recorded"]
    # pledge 10 repeats four actions of pledge 9, word for word
    assert [(d["where"], d["similarity"]) for d in worker.duplicates] == [("pledge 9", "100")] * 4
    assert all(d["action"].split("/pledge/")[1].startswith("10/") for d in worker.duplicates)


def test_seed_bracknell_top_load_is_the_child_participation_development_worker(seeds_analytics):
    bracknell = [x for x in seeds_analytics.overload() if x.council == "bracknell-forest-council"]
    top = bracknell[0]
    assert top.label == "Child Participation Development Worker"
    assert top.actions == 13
    assert top.due_by_month["2025-09"] == 12
    cluster = [f for f in top.flags if f["rule"] == "due_cluster"]
    assert cluster and "12 actions due in 2025-Q3" in cluster[0]["detail"]
