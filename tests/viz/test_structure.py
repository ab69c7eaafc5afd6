"""Views on the seed corpus, checked by structure: what is drawn matches the projection, the
page is one offline file with a legend, and ids are stable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import viz
from cpgraph.errors import InputError, NotFoundError
from tests import unread
from tests.viz import pages
from viz import coverage as coverage_view
from viz import family_tree
from viz.facade import Facts
from viz.page import render, script_json

BRACKNELL = "bracknell-forest-council"
CPDW = "Child Participation Development Worker"
PLEDGE_9 = "bracknell-forest-action-plan-2025-2028-pledge-9"
VIEWS = [("family-tree", {}), ("family-tree", {"council": BRACKNELL}),
         ("officer", {"focus": CPDW}), ("pledge", {"focus": PLEDGE_9}), ("coverage", {})]


def _of(graph, kind, council_key=None):
    return {n for n, d in graph.nodes(data=True)
            if d["kind"] == kind and (council_key is None or d["council"] == council_key)}


@pytest.mark.parametrize(("kind", "options"), VIEWS)
def test_page_draws_exactly_the_view_offline_with_a_legend(seeds, kind, options):
    view = viz.build_view(seeds, kind, **options)
    html = render(view)
    shown = pages.data(html)
    assert len(shown["nodes"]) == len(view.nodes) > 0
    assert len(shown["edges"]) == len(view.edges)
    assert f'id="cp-node-count">{len(view.nodes)}<' in html
    assert "<h2>Legend</h2>" in html and "What the shapes are" in html
    assert pages.external_loads(html) == []
    own = pages.own_markup(html)
    assert "http://" not in own and "https://" not in own  # not even an IRI travels to the page
    assert not any(cdn in html for cdn in pages.PYVIS_CDN)
    assert own.count("<script") == 3  # the data block, vis-network, the page's own script


@pytest.mark.parametrize(("kind", "options"), VIEWS)
def test_ids_are_stable_and_only_display_attributes_are_copied(seeds, kind, options):
    first, second = viz.render_view(seeds, kind, **options), viz.render_view(seeds, kind, **options)
    assert first == second
    shown = pages.data(first)
    assert [n["id"] for n in shown["nodes"]] == [f"n{i}" for i in range(1, len(shown["nodes"]) + 1)]
    assert [e["id"] for e in shown["edges"]] == [f"e{i}" for i in range(1, len(shown["edges"]) + 1)]
    for node in shown["nodes"]:
        assert set(node) <= set(viz.page.NODE_FIELDS)
    for edge in shown["edges"]:
        assert set(edge) <= set(viz.page.EDGE_FIELDS)


def test_family_tree_of_a_council_holds_its_pledges_actions_and_owners(seeds):
    graph = seeds.graph()
    view = viz.build_view(seeds, "family-tree", council=BRACKNELL)
    pledges, actions = _of(graph, "pledge", BRACKNELL), _of(graph, "action", BRACKNELL)
    assert len(pledges) == 10 and len(actions) == 45
    assert {k for k, n in view.nodes.items() if n.kind == "pledge"} == pledges
    assert {k for k, n in view.nodes.items() if n.kind == "action"} == actions
    owners = {who for who, item, d in graph.edges(data=True) if d["kind"] == "owns" and item in actions}
    assert owners <= set(view.nodes)
    levels = {n.kind: n.level for n in view.nodes.values() if n.kind in ("council", "pledge", "action")}
    assert levels["council"] < levels["pledge"] < levels["action"]
    for (source, target, kind), _ in view.edges.items():
        if source in graph and target in graph and kind in ("under_pledge", "owns", "in_strategy"):
            assert any(d["kind"] == kind for d in graph.get_edge_data(source, target).values())


def test_family_tree_flags_unowned_and_governance_only_actions_and_overloaded_posts(seeds):
    graph = seeds.graph()
    view = viz.build_view(seeds, "family-tree")
    flagged = {n.key for n in view.nodes.values() if "unowned" in n.flags or "governance_only" in n.flags}
    owned = {item for _, item, d in graph.edges(data=True) if d["kind"] == "owns" and d["level"] == "action"}
    actions = _of(graph, "action")
    assert flagged & actions == actions - owned and actions - owned
    cpdw = next(n for n in view.nodes.values() if n.kind == "post" and CPDW in n.label)
    assert cpdw.flags == ("overloaded",) and cpdw.label.startswith("⚠")
    assert "due_cluster" in cpdw.tooltip


def test_officer_view_shows_the_posts_actions_pledges_dates_and_co_owners(seeds):
    graph = seeds.graph()
    view = viz.build_view(seeds, "officer", focus=CPDW)
    post = next(n for n in view.nodes.values() if n.level == 0)
    owned = {item for _, item, d in graph.out_edges(post.key, data=True) if d["kind"] == "owns"}
    assert len(owned) == 13
    assert {k for k, n in view.nodes.items() if n.kind == "action"} == owned
    september = view.nodes["due:September 2025"]
    assert september.tooltip.count("\n• ") == 12
    co_owners = {who for a in owned for who, _, d in graph.in_edges(a, data=True)
                 if d["kind"] == "owns" and who != post.key}
    assert co_owners and co_owners <= set(view.nodes)


def test_pledge_view_shows_actions_owners_initiatives_and_duplicates(seeds):
    graph = seeds.graph()
    pledge = next(n for n, d in graph.nodes(data=True) if d["key"] == PLEDGE_9)
    view = viz.build_view(seeds, "pledge", focus=PLEDGE_9)
    actions = {a for a, _, d in graph.in_edges(pledge, data=True) if d["kind"] == "under_pledge"}
    assert actions and actions <= set(view.nodes)
    assert any(e.kind == "duplicate_of" for e in view.edges.values())
    assert any(n.kind == "initiative" for n in view.nodes.values())
    assert "Source: bracknell-forest-action-plan-2025-2028.txt, lines" in view.nodes[pledge].tooltip


def test_coverage_has_a_row_per_council_and_shows_gaps(seeds):
    coverage = seeds.coverage()
    view = viz.build_view(seeds, "coverage")
    rows = [n for n in view.nodes.values() if n.kind == "council"]
    columns = len(coverage.themes) + len(coverage.principles)
    assert len(rows) == len(coverage.councils)
    cells = [n for n in view.nodes.values() if n.kind == "cell"]
    assert len(cells) == len(rows) * columns
    gaps = sum(len(c.not_covered("themes")) + len(c.not_covered("principles")) for c in coverage.councils)
    assert sum(1 for c in cells if c.flags == ("gap",)) == gaps > 0


def test_a_big_graph_becomes_a_summary_that_says_how_to_see_more(seeds):
    full = viz.build_view(seeds, "family-tree")
    summary = family_tree.build(Facts(seeds), max_nodes=len(full.nodes) - 1)
    assert len(summary.nodes) < len(full.nodes)
    assert any("--council KEY" in note for note in summary.notes)
    councils = [n for n in summary.nodes.values() if n.kind == "council"]
    assert len(councils) == len(_of(seeds.graph(), "council"))
    assert "--council KEY" in render(summary)


def test_a_pledge_can_be_named_by_the_end_of_its_key(seeds):
    view = viz.build_view(seeds, "pledge", focus="action plan 2025 2028 pledge 9")
    assert any(n.kind == "pledge" and n.level == 1 and n.key.endswith("/pledge/9")
               for n in view.nodes.values())
    with pytest.raises(InputError, match="matches"):
        viz.build_view(seeds, "pledge", focus="pledge 1")


def test_filters_narrow_the_tree(seeds):
    themed = viz.build_view(seeds, "family-tree", theme="education")
    assert {n.label for n in themed.nodes.values() if n.kind == "theme"} == {"Education"}
    top = viz.build_view(seeds, "family-tree", top=1)
    posts = [n for n in top.nodes.values() if n.kind == "post" and n.level == family_tree.LEVEL["owner"]]
    assert any(CPDW in p.label for p in posts)
    assert len([n for n in top.nodes.values() if n.kind == "action"]) == 13


@pytest.mark.parametrize(("kind", "focus", "error", "words"), [
    ("officer", "Team", InputError, "matches"),
    ("officer", "zzz-no-such-post", NotFoundError, "no post"),
    ("pledge", "no such pledge words", NotFoundError, "no pledge"),
    ("officer", None, InputError, "--focus"),
    ("sunburst", None, InputError, "family-tree"),
])
def test_bad_focus_or_kind_is_a_one_line_error(seeds, kind, focus, error, words):
    with pytest.raises(error) as caught:
        viz.build_view(seeds, kind, focus=focus)
    assert words in caught.value.message and "\n" not in caught.value.message


def test_embedded_json_cannot_close_the_script_or_break_lines():
    text = script_json({"t": "</script><!-- & \u2028\u2029 <img src=x>"})
    assert not any(c in text for c in "<>&\u2028\u2029")
    assert "\\u003c/script\\u003e" in text


def test_the_core_library_never_imports_viz():
    root = Path(viz.__file__).resolve().parents[1] / "cpgraph"
    importers = [str(p.relative_to(root)) for p in root.rglob("*.py")
                 if re.search(r"^\s*(from viz\b|import viz\b)", p.read_text(encoding="utf-8"), re.M)]
    assert importers == ["cli/view.py"]  # the command imports it lazily, inside the command


# --- never silent: a document in which nothing is recognised -------------------------------------

def _unread_council(graph) -> str:
    return next(n for n, d in graph.nodes(data=True) if d["kind"] == "council" and d["key"] == unread.COUNCIL_KEY)


def test_coverage_shows_a_council_not_read_as_not_read_never_as_gaps(unread_analytics):
    council = _unread_council(unread_analytics.graph())
    view = viz.build_view(unread_analytics, "coverage")
    column = [n for k, n in view.nodes.items() if k == council or k.startswith(f"{council}|")]
    header, cells = column[0], column[1:]
    assert header.kind == "council" and header.flags == ("not_read",) and "(not read)" in header.label
    assert unread.MESSAGE in header.tooltip
    coverage = unread_analytics.coverage()
    assert len(cells) == len(coverage.themes) + len(coverage.principles)
    assert all(c.flags == ("not_read",) and c.label == "not read" and unread.MESSAGE in c.tooltip for c in cells)
    assert not [c for c in cells if "gap" in c.flags or c.label == "gap"]
    assert any(unread.MESSAGE in note for note in view.notes)
    others = [n for k, n in view.nodes.items() if n.kind == "cell" and not k.startswith(f"{council}|")]
    assert any("gap" in c.flags for c in others), "the councils that were read still show their gaps"
    html = render(view)
    assert "Not read as a plan: nothing in the document was recognised" in html  # the legend says what grey means
    assert f"<code>{unread.COMMAND}</code>" in html  # the note, with the command set as code


def test_coverage_top_puts_councils_not_read_last_and_the_summary_leaves_them_out(unread_analytics):
    council = _unread_council(unread_analytics.graph())
    top = viz.build_view(unread_analytics, "coverage", top=5)
    assert council not in top.nodes, "a council not read has no known gaps, so it is never 'most gaps'"
    summary = coverage_view.build(Facts(unread_analytics), max_nodes=10)
    cells = [n for n in summary.nodes.values() if n.kind == "cell"]
    assert cells and all(n.label.endswith("/5") for n in cells)
    assert any("not read as plans are left out" in note for note in summary.notes)


def test_family_tree_draws_the_document_not_read_and_says_so(unread_analytics):
    graph = unread_analytics.graph()
    council = _unread_council(graph)
    view = viz.build_view(unread_analytics, "family-tree")
    strategy = next(n for n in view.nodes.values() if n.kind == "strategy" and "not_read" in n.flags)
    assert strategy.label.startswith("Not read:") and unread.MESSAGE in strategy.tooltip
    assert view.nodes[council].flags == ("not_read",)
    assert any(unread.MESSAGE in note for note in view.notes)
    read = [n for n in view.nodes.values() if n.kind in ("council", "strategy") and n.key != council
            and n.key != strategy.key]
    assert read and not [n for n in read if "not_read" in n.flags]
    mine = viz.build_view(unread_analytics, "family-tree", council=unread.COUNCIL_KEY)
    assert {n.kind for n in mine.nodes.values()} == {"council", "strategy"}
    assert any(unread.MESSAGE in note for note in mine.notes)
    other = viz.build_view(unread_analytics, "family-tree", council=BRACKNELL)
    assert not other.notes, "the note is about the councils shown"


def test_family_tree_summary_says_not_read_instead_of_zero_pledges(unread_analytics):
    council = _unread_council(unread_analytics.graph())
    summary = family_tree.build(Facts(unread_analytics), max_nodes=10)
    box = summary.nodes[council]
    assert box.flags == ("not_read",) and "not read as a plan" in box.label and "0 pledges" not in box.label
    assert any(unread.MESSAGE in note for note in summary.notes)
