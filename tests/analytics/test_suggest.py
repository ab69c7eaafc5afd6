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
    nothing like it is owned anywhere; Council Y's "Run the yearly Big Ballot of children in care"
    has no owner, and only Council X's Participation Worker owns anything like it."""
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
    t.action(py, 3, "Run the yearly Big Ballot of children in care")
    store = t.store()
    return store, project(store), str(target), str(lonely)


def test_a_post_of_the_same_council_is_offered_before_any_other_council_s():
    _, G, target, _ = tiny_suggest()
    found = [s for s in suggest_owners(G) if s.action == target]
    assert [(s.rank, s.post_label, s.same_council, s.kind) for s in found] == [
        (1, "Virtual School Headteacher", True, "same_council_post")]
    first = found[0]
    assert first.label == "suggestion"
    assert first.suggested == "Virtual School Headteacher (a post of this council)"
    assert "owns a similar action in the same council" in first.reason
    assert "'Review every Personal Education Plan each term'" in first.reason
    assert "shared themes: education" in first.reason


def test_a_council_naming_no_such_owner_gets_a_kind_of_post_labelled_as_such():
    _, G, _, _ = tiny_suggest()
    ballot = next(n for n, d in G.nodes(data=True) if d["label"] == "Run the yearly Big Ballot of children in care")
    [found] = suggest_owners(G, action=ballot)
    assert (found.kind, found.same_council, found.post_council) == ("kind_of_post", False, "x")
    assert found.suggested == ("a Participation Worker (a kind of post) — in Council X this post owns "
                               "1 similar action")
    assert found.reason.startswith("a kind of post: no post of this council owns a similar action; in Council X")


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


def test_on_the_seeds_a_council_naming_no_owner_gets_kinds_of_post_and_bracknell_its_own_posts(seeds_analytics):
    """Leicester, Staffordshire and the unnamed council name no owner on any action: each of their
    suggestions is a kind of post, shown with the other council where such a post owns similar
    actions, never another council's post offered as their own. An action of Bracknell Forest
    (which names owners) gets posts of Bracknell Forest."""
    found = seeds_analytics.suggestions()
    assert found and {s.council for s in found} >= {"leicester-city-council", "staffordshire-county-council"}
    for s in found:
        assert (s.kind, s.same_council) == ("kind_of_post", False), s
        assert s.post_council == "bracknell-forest-council" != s.council
        assert s.suggested.endswith(f"(a kind of post) — in Bracknell Forest Council this post owns "
                                    f"{s.similar_actions} similar action{'' if s.similar_actions == 1 else 's'}")
    G = seeds_analytics.graph()
    bracknell = next(n for n, d in G.nodes(data=True) if d["kind"] == "action" and d["council"] == "bracknell-forest-council"
                     and "Big Ballot" in (d["text"] or ""))
    mine = seeds_analytics.suggestions(action=bracknell)
    assert mine and all(s.kind == "same_council_post" and s.post_council == "bracknell-forest-council" for s in mine)
    assert all(s.suggested.endswith("(a post of this council)") for s in mine)
