"""Finding a post by name, and its responsibilities, on a hand-made graph and on the seeds."""

from __future__ import annotations

import pytest

from cpgraph.analytics import find_posts, project, responsibilities
from cpgraph.errors import NotFoundError
from tests.analytics.tiny import Tiny


def tiny_officers():
    t = Tiny()
    s = t.strategy("x-plan", t.council("x", "Council X"))
    p = t.pledge(s, 1, "Care leavers", number=4)
    atm = t.agent("x", "post", "Leaving Care ATM", alt="Leaving Care Assistant Team Manager")
    hr = t.agent("x", "post", "Head of HR")
    life = t.agent("x", "post", "Head of Service: Life Chances")
    t.agent("x", "post", "Head of Service: Family Safeguarding")
    a1 = t.action(p, 1, "Offer a tenancy course", due="2025-09", lines=(10, 14))
    a2 = t.action(p, 2, "Review the local offer", recurrence="Reviewed annually", lines=(15, 19))
    t.assign(a1, atm, owners=2)
    t.assign(a1, hr, owners=2)
    t.assign(a2, atm)
    board = t.agent("x", "body", "Corporate Parenting Board")
    t.chair(board, life)
    return project(t.store()), {"atm": str(atm), "hr": str(hr), "life": str(life), "a1": str(a1), "a2": str(a2)}


@pytest.mark.parametrize(("name", "expected"), [
    ("head-of-hr", ["Head of HR"]),                                   # the key
    ("head of hr", ["Head of HR"]),                                   # the name, any case
    ("Leaving Care Assistant Team Manager", ["Leaving Care ATM"]),    # an expanded abbreviation
    ("leaving care atm", ["Leaving Care ATM"]),
    ("participation worker", []),                                     # nothing like it
])
def test_exact_and_unambiguous_names(name, expected):
    G, _ = tiny_officers()
    assert [m.label for m in find_posts(G, name)] == expected


def test_a_fuzzy_name_with_one_clear_winner():
    G, _ = tiny_officers()
    matches = find_posts(G, "Head of Service Life Chances")
    assert [m.label for m in matches] == ["Head of Service: Life Chances"]


def test_an_ambiguous_name_lists_the_candidates():
    G, _ = tiny_officers()
    labels = [m.label for m in find_posts(G, "head of service")]
    assert labels[:2] == ["Head of Service: Family Safeguarding", "Head of Service: Life Chances"]
    assert all(m.score >= 60 for m in find_posts(G, "head of service"))


def test_responsibilities_with_co_owners_dates_and_lines():
    G, n = tiny_officers()
    rows = responsibilities(G, n["atm"])
    assert [(r["item"], r["due"], r["recurrence"], r["joint"], r["coowners"], r["lines"]) for r in rows] == [
        (n["a1"], "2025-09", None, True, ["Head of HR"], "10-14"),
        (n["a2"], None, "Reviewed annually", False, [], "15-19"),
    ]
    assert rows[0]["pledge"] == "Pledge 4: Care leavers" and rows[0]["source"] == "x-plan.txt"
    chairs = responsibilities(G, n["life"])
    assert [(r["relation"], r["text"]) for r in chairs] == [("chairs", "Corporate Parenting Board")]
    with pytest.raises(NotFoundError):
        responsibilities(G, "https://w3id.org/cpgraph/id/nobody")


def test_seed_officer_page_of_the_child_participation_development_worker(seeds_analytics):
    view = seeds_analytics.officer("Child Participation Development Worker")
    assert view.post is not None and view.post.council == "bracknell-forest-council"
    assert len(view.responsibilities) == 13
    assert sum(1 for r in view.responsibilities if r["due"] == "2025-09") == 12
    assert all(r["source"] == "bracknell-forest-action-plan-2025-2028.txt" and r["lines"] for r in view.responsibilities)
    assert seeds_analytics.officer("Assistant Team Manager").post is None  # two ATMs: candidates
