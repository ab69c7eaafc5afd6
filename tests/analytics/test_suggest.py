"""Owner suggestions on a hand-made graph whose ranking is worked out below."""

from __future__ import annotations

import pytest

from cpgraph.analytics import project, suggest_owners
from cpgraph.errors import NotFoundError
from tests.analytics.tiny import Tiny


def tiny_suggest():
    """Council X: the Virtual School Headteacher owns "Review every Personal Education Plan each
    term"; the Participation Worker owns "Run the annual Big Ballot of children in care"; "Review
    each Personal Education Plan every term" has no owner. Council Y's Virtual School Head owns
    the same PEP action word for word; Council Y's "Write the local offer" has no owner and
    nothing like it is owned anywhere."""
    t = Tiny()
    px = t.pledge(t.strategy("x-plan", t.council("x", "Council X")), 1, "P")
    vsh = t.agent("x", "post", "Virtual School Headteacher")
    t.assign(t.action(px, 1, "Review every Personal Education Plan each term", themes=["education"]), vsh)
    t.assign(t.action(px, 2, "Run the annual Big Ballot of children in care"), t.agent("x", "post", "Participation Worker"))
    target = t.action(px, 3, "Review each Personal Education Plan every term", themes=["education"])
    py = t.pledge(t.strategy("y-plan", t.council("y", "Council Y")), 1, "Q")
    t.assign(t.action(py, 1, "Review every Personal Education Plan each term", themes=["education"]),
             t.agent("y", "post", "Virtual School Head"))
    lonely = t.action(py, 2, "Write the local offer")
    store = t.store()
    return store, project(store), str(target), str(lonely)


def test_same_council_first_then_others_with_the_reason():
    _, G, target, _ = tiny_suggest()
    found = [s for s in suggest_owners(G) if s.action == target]
    assert [(s.rank, s.post_label, s.same_council) for s in found] == [
        (1, "Virtual School Headteacher", True), (2, "Virtual School Head", False)]
    first = found[0]
    assert first.label == "suggestion"
    assert "owns a similar action in the same council" in first.reason
    assert "'Review every Personal Education Plan each term'" in first.reason
    assert "shared themes: education" in first.reason
    assert found[1].reason.startswith("owns a similar action in y")


def test_nothing_alike_means_no_suggestion_and_limit_is_respected():
    _, G, target, lonely = tiny_suggest()
    assert [s for s in suggest_owners(G) if s.action == lonely] == []
    assert len(suggest_owners(G, action=target, limit=1)) == 1


def test_suggestions_are_never_written_to_the_graph():
    store, G, _, _ = tiny_suggest()
    before = len(store)
    assert suggest_owners(G)
    assert len(store) == before
    assert len(project(store).edges) == len(G.edges)


def test_an_unknown_action_is_not_found():
    _, G, _, _ = tiny_suggest()
    with pytest.raises(NotFoundError):
        suggest_owners(G, action="https://w3id.org/cpgraph/id/nothing")
