"""Gaps on hand-made graphs whose answers are worked out in the docstrings, and on the seeds."""

from __future__ import annotations

from datetime import date

import pytest

from cpgraph.analytics import find_gaps, project
from cpgraph.analytics.gaps import RULES
from cpgraph.namespace import ID, PREFIXES, THEME
from cpgraph.rdf import document_key
from tests.analytics.tiny import Tiny
from tests.seeds import LEICESTER, STAFFORDSHIRE, UNNAMED, source

AS_OF = date(2025, 1, 1)


def found(gaps, rule):
    return sorted(g.label for g in gaps if g.rule == rule)


def ownership_tiny() -> Tiny:
    """Council X (no strategy lead) and council Y (strategy lead L; an Education subgroup).

    X/P1 "Nobody's pledge": a1 has no owner, nothing above      → unowned_action a1, unowned_pledge P1
    X/P2 "Board pledge": the Board owns P2 (governance); a2 none → owned_above_only a2 and P2
    X/P3 "Unit pledge": a3 owned by the unit Virtual School      → owner_not_post a3 and P3
    X/P4 "Crowded pledge": a4 owned jointly by posts A, B, C     → several_joint_leads a4
    Y/Q1 "Led pledge" (theme education): a5 has no owner         → owned_above_only a5 and Q1, above:
         Lead L (strategy lead), then Education subgroup (oversees the theme 'Education')
    """
    t = Tiny()
    x, y = t.council("x", "Council X"), t.council("y", "Council Y")
    s = t.strategy("x-plan", x)
    p1, p2, p3, p4 = (t.pledge(s, i, title, measures=1, outcomes=1) for i, title in
                      enumerate(["Nobody's pledge", "Board pledge", "Unit pledge", "Crowded pledge"], start=1))
    t.action(p1, 1, "Do the first thing", due="2026-03")
    t.action(p2, 1, "Do the second thing", due="2026-03")
    a3 = t.action(p3, 1, "Do the third thing", due="2026-03")
    a4 = t.action(p4, 1, "Do the fourth thing", due="2026-03")
    board = t.agent("x", "body", "The Board")
    t.assign(p2, board, level="governance")
    t.oversees(board, p2)
    t.assign(a3, t.agent("x", "unit", "Virtual School"))
    for name in ("Post A", "Post B", "Post C"):
        t.assign(a4, t.agent("x", "post", name), owners=3)
    s2 = t.strategy("y-plan", y)
    q1 = t.pledge(s2, 1, "Led pledge", themes=["education"], measures=1, outcomes=1)
    t.action(q1, 1, "Do the fifth thing", due="2026-03")
    t.lead(s2, t.agent("y", "post", "Lead L"))
    t.oversees(t.agent("y", "body", "Education subgroup"), THEME["education"])
    return t


def ownership_graph():
    return project(ownership_tiny().store())


def test_ownership_rules_and_their_raci_names():
    G = ownership_graph()
    gaps = find_gaps(G, as_of=AS_OF)
    assert found(gaps, "unowned_action") == ["Do the first thing"]
    assert found(gaps, "unowned_pledge") == ["Nobody's pledge"]
    assert found(gaps, "owned_above_only") == ["Board pledge", "Do the fifth thing", "Do the second thing", "Led pledge"]
    assert found(gaps, "owner_not_post") == ["Do the third thing", "Unit pledge"]
    assert found(gaps, "several_joint_leads") == ["Do the fourth thing"]
    raci = {g.rule: g.raci for g in gaps if g.raci}
    assert raci == {"unowned_action": "no accountable owner", "unowned_pledge": "no accountable owner",
                    "owned_above_only": "no accountable owner", "owner_not_post": "owner is not a post",
                    "several_joint_leads": "several joint leads"}


def test_the_owner_above_is_shown():
    G = ownership_graph()
    above = {g.label: g.owner_above for g in find_gaps(G, as_of=AS_OF) if g.rule == "owned_above_only"}
    assert above["Do the second thing"] == ["The Board (governance level)"]
    assert above["Do the fifth thing"] == ["Lead L (strategy lead)", "Education subgroup (oversees the theme 'Education')"]
    assert [g.owner_above for g in find_gaps(G, as_of=AS_OF) if g.rule == "unowned_action"] == [[]]


def test_every_gap_names_a_known_rule_a_severity_and_its_source():
    G = ownership_graph()
    for g in find_gaps(G, as_of=AS_OF):
        assert g.rule in RULES and g.severity in ("high", "medium", "low")
        if g.kind in ("action", "pledge"):
            assert g.source == "x-plan.txt" or g.source == "y-plan.txt"
            assert g.lines and "-" in g.lines


def test_pledges_with_no_measure_outcome_or_date():
    """P1: measure on the pledge, outcome on its action, a dated action → nothing.
    P2: no measure, no outcome, an action with only a review cycle → no_measure, no_outcome.
    P3: no actions at all → no_measure, no_outcome, no_date."""
    t = Tiny()
    s = t.strategy("x-plan", t.council("x", "Council X"))
    p1 = t.pledge(s, 1, "Complete", measures=1)
    t.action(p1, 1, "Dated", due="2026-01", outcomes=1)
    p2 = t.pledge(s, 2, "Cyclic")
    t.action(p2, 1, "Reviewed", recurrence="Reviewed annually")
    t.pledge(s, 3, "Empty")
    gaps = find_gaps(project(t.store()), as_of=AS_OF)
    assert found(gaps, "no_measure") == ["Cyclic", "Empty"]
    assert found(gaps, "no_outcome") == ["Cyclic", "Empty"]
    assert found(gaps, "no_date") == ["Empty"]


@pytest.mark.parametrize(("as_of", "expected"), [
    (date(2025, 3, 15), []),
    (date(2025, 3, 16), ["due on a day"]),
    (date(2025, 9, 30), ["due on a day"]),
    (date(2025, 10, 1), ["due in a month", "due on a day"]),
    (date(2025, 12, 31), ["due in a month", "due on a day"]),
    (date(2026, 1, 1), ["due in a month", "due in a year", "due on a day"]),
])
def test_overdue_counts_a_month_until_its_last_day_and_ignores_actions_with_a_status(as_of, expected):
    t = Tiny()
    p = t.pledge(t.strategy("x-plan", t.council("x", "Council X")), 1, "P")
    t.action(p, 1, "due on a day", due="2025-03-15", precision="day")
    t.action(p, 2, "due in a month", due="2025-09")
    t.action(p, 3, "due in a year", due="2025", precision="year")
    t.action(p, 4, "done already", due="2024-01", status="Complete")
    t.action(p, 5, "no date at all")
    assert found(find_gaps(project(t.store()), as_of=as_of), "overdue_no_status") == expected


def test_duplicates_within_and_across_pledges_and_councils():
    """P1 has a1, a2; P2 repeats a1 word for word (b1) and a2 nearly (b2) → duplicate_pledge P2.
    Council Y repeats a1 with different case and punctuation (c1). d1 is different."""
    t = Tiny()
    s = t.strategy("x-plan", t.council("x", "Council X"))
    p1, p2 = t.pledge(s, 1, "First", number=1), t.pledge(s, 2, "Second", number=2)
    a1 = t.action(p1, 1, "Ensure every child in care has an up to date Personal Education Plan")
    t.action(p1, 2, "Offer every care leaver a work experience placement with the council")
    b1 = t.action(p2, 1, "Ensure every child in care has an up to date Personal Education Plan")
    t.action(p2, 2, "Offer every care leaver a work experience placement with the council.")
    t.action(p2, 3, "Hold an awards evening for children in care")
    q = t.pledge(t.strategy("y-plan", t.council("y", "Council Y")), 1, "Elsewhere", number=1)
    c1 = t.action(q, 1, "ENSURE every child in care has an up-to-date Personal Education Plan!")
    t.action(q, 2, "Publish a local offer for care leavers")
    gaps = find_gaps(project(t.store()), as_of=AS_OF)
    dups = {g.item: g for g in gaps if g.rule == "duplicate_action"}
    assert len(dups) == 3
    assert dups[str(b1)].related == [str(a1)] and dups[str(b1)].detail.startswith("identical to")
    assert dups[str(c1)].related == [str(a1)]
    assert "Pledge 1 of Council X" in dups[str(c1)].detail
    pledges = [g for g in gaps if g.rule == "duplicate_pledge"]
    assert [(g.label, g.related) for g in pledges] == [("Pledge 2: Second", [str(p1)])]
    assert pledges[0].detail.startswith("2 of its 3 actions repeat actions of Pledge 1 of Council X")


def network_graph():
    """Posts A, B, C and pledges P1, P2, P3: A owns actions in P1 and P2, B in P2 and P3, C in P3.

    The owner–pledge graph is the path P1 – A – P2 – B – P3 – C. Articulation points among the
    owners: A (cuts off P1: parts of 1 and 4 nodes) and B (parts of 3 and 2 nodes; C alone is a
    leaf). Betweenness on a 6-node path, normalised by (5·4)/2 = 10 pairs: A lies on 1·4 = 4
    shortest paths (0.4), B on 3·2 = 6 (0.6), C on none. P1 depends on A alone, and principle
    cpp_a (served only by a P1 action) too.
    """
    t = Tiny()
    s = t.strategy("x-plan", t.council("x", "Council X"))
    p1, p2, p3 = (t.pledge(s, i, f"Pledge {i}", number=i) for i in (1, 2, 3))
    A, B, C = (t.agent("x", "post", f"Post {n}") for n in "ABC")
    t.assign(t.action(p1, 1, "One", principles=["cpp_a"]), A)
    t.assign(t.action(p2, 1, "Two"), A)
    t.assign(t.action(p2, 2, "Three"), B)
    t.assign(t.action(p3, 1, "Four"), B)
    t.assign(t.action(p3, 2, "Five"), C)
    return project(t.store())


def test_single_points_of_failure_articulation_points_and_bridging_posts():
    gaps = find_gaps(network_graph(), as_of=AS_OF)
    assert found(gaps, "single_point_of_failure") == ["Pledge 1: Pledge 1",
                                                      next(g.label for g in gaps if g.kind == "principle")]
    principle = next(g for g in gaps if g.rule == "single_point_of_failure" and g.kind == "principle")
    assert principle.item.endswith("/cpp_a") and "rests with Post A" in principle.detail
    cuts = {g.label: g.detail for g in gaps if g.rule == "articulation_point"}
    assert cuts == {"Post A": "without it the owner–pledge network splits into 2 parts (sizes 1, 4)",
                    "Post B": "without it the owner–pledge network splits into 2 parts (sizes 2, 3)"}
    bridges = {g.label: g.detail for g in gaps if g.rule == "bridging_post"}
    assert bridges == {"Post A": "betweenness 0.40 in the owner–pledge network (2 pledges)",
                       "Post B": "betweenness 0.60 in the owner–pledge network (2 pledges)"}
    only_b = find_gaps(network_graph(), as_of=AS_OF, bridge_threshold=0.5)
    assert found(only_b, "bridging_post") == ["Post B"]


def test_gaps_are_ordered_most_severe_first():
    G = ownership_graph()
    severities = [g.severity for g in find_gaps(G, as_of=AS_OF)]
    assert severities == sorted(severities, key=["high", "medium", "low"].index)


# --- the seeds -----------------------------------------------------------------------------------

def test_seed_pledges_9_and_10_are_reported_as_duplicates(seeds_analytics):
    gaps = seeds_analytics.gaps(date(2026, 1, 1))
    bracknell = [g for g in gaps if g.council == "bracknell-forest-council"]
    pledge = [g for g in bracknell if g.rule == "duplicate_pledge"]
    assert len(pledge) == 1 and pledge[0].label.startswith("Pledge 10:")
    assert "Pledge 9 of Bracknell Forest Council" in pledge[0].detail
    repeated = [g for g in bracknell if g.rule == "duplicate_action"]
    assert len(repeated) == 4 and all("/pledge/10/action/" in g.item for g in repeated)
    assert all("/pledge/9/action/" in g.related[0] for g in repeated)
    assert all(g.source == "bracknell-forest-action-plan-2025-2028.txt" and g.lines for g in repeated)


_ABOVE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items()) + """
SELECT ?action ?owned ?above WHERE {
  ?action a cp:Action ; cp:underPledge ?pledge .
  ?pledge cp:inStrategy ?strategy .
  BIND(EXISTS { ?asg cp:assignmentFor ?action } AS ?owned)
  OPTIONAL {
    { ?pa cp:assignmentFor ?pledge ; cp:assignee ?who ; cp:ownershipLevel ?level .
      FILTER(?level IN (cp:GovernanceLevel, cp:StrategyLevel)) }
    UNION { ?who cp:oversees ?pledge }
    UNION { ?strategy cp:strategyLead ?who }
    ?who rdfs:label ?above
  }
}"""


@pytest.mark.parametrize("stem", [STAFFORDSHIRE, LEICESTER, UNNAMED])
def test_seed_actions_with_no_owner_are_reported_with_the_owner_above(seeds, seeds_analytics, stem):
    """Seeds 001-003 name no owner on any action. Whatever their extraction finds, every action
    the graph leaves without an owner is reported as such, showing every governance or strategy
    owner the graph names above it."""
    strategy = ID[f"strategy/{document_key(source(stem).name)}"]
    rows = seeds.select(_ABOVE, {"strategy": strategy})
    unowned: dict[str, set[str]] = {}
    for r in rows:
        if str(r["owned"]) == "false":
            unowned.setdefault(str(r["action"]), set()).update([str(r["above"])] if "above" in r else [])
    gaps = seeds_analytics.gaps(date(2026, 1, 1))
    reported = {g.item: g for g in gaps if g.rule in ("unowned_action", "owned_above_only") and g.kind == "action"}
    for action, above in unowned.items():
        assert action in reported, action
        shown = {entry.rsplit(" (", 1)[0] for entry in reported[action].owner_above}
        assert above <= shown, (action, above, shown)
        assert reported[action].rule == ("owned_above_only" if reported[action].owner_above else "unowned_action")
        assert reported[action].detail.startswith("no owner named on the action")
