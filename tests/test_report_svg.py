"""The report's charts: inline SVG, deterministic, escaped, marking what the findings mark."""

from __future__ import annotations

from cpgraph import report_svg
from cpgraph.analytics import Coverage, PostLoad
from cpgraph.analytics.coverage import Cell, CouncilCoverage


def loads() -> list[PostLoad]:
    busy = PostLoad("https://w3id.org/cpgraph/id/x/post/a", "<b>Busy</b> & Co", "post", "x", actions=8, sole=6,
                    joint=2, weighted=7.0, due_by_quarter={"2025-Q3": 7, "2025-Q4": 1},
                    flags=[{"rule": "due_cluster", "detail": "7 actions due in 2025-Q3"}])
    calm = PostLoad("https://w3id.org/cpgraph/id/x/post/b", "Calm", "post", "x", actions=1, sole=1, weighted=1.0,
                    due_by_quarter={"2025-Q4": 1})
    return [busy, calm]


def test_load_by_post_draws_one_bar_per_owner_and_flags_the_busy_one():
    svg = report_svg.load_by_post(loads(), council_names={"x": "Council X"})
    assert svg.startswith("<svg") and svg.count("<g>") == 2
    assert "&lt;b&gt;Busy&lt;/b&gt; &amp; Co" in svg and "<b>" not in svg
    assert "8 ⚑" in svg and ">1</text>" in svg
    assert "Council X" in svg and "http" not in svg
    assert svg == report_svg.load_by_post(loads(), council_names={"x": "Council X"})


def test_load_by_quarter_outlines_a_quarter_above_the_limit():
    svg = report_svg.load_by_quarter(loads(), quarter_limit=6)
    assert svg.count('stroke-width="3"') == 1 and ">7</text>" in svg
    assert "2025-Q3" in svg and "2025-Q4" in svg


def test_coverage_heatmap_marks_what_is_not_covered():
    themes = [("education", "Education"), ("health_wellbeing", "Health and wellbeing")]
    principles = [("cpp_a", "Principle (a)")]
    council = CouncilCoverage("https://w3id.org/cpgraph/id/council/x", "x", "Council X", 3, 1,
                              [Cell("education", "Education", 3, 1), Cell("health_wellbeing", "Health and wellbeing")],
                              [Cell("cpp_a", "Principle (a)", 2)])
    svg = report_svg.coverage_heatmap(Coverage([council], themes, principles))
    assert svg.count("<g>") == 3 and svg.count(">–</text>") == 1
    assert "Council X — Health and wellbeing: 0 action(s), 0 pledge(s)" in svg


def test_empty_charts_say_so():
    assert "no owners" in report_svg.load_by_post([])
    assert "no dated actions" in report_svg.load_by_quarter([], quarter_limit=6)
    assert "no councils" in report_svg.coverage_heatmap(Coverage([], [], []))
