"""A hostile document (markup in its pledges, actions, officers and council name) gives views in
which every text is data: escaped in the HTML, script-safe in the JSON, never markup."""

from __future__ import annotations

import re

import pytest

import viz
from tests.viz import pages
from tests.viz.conftest import HOSTILE_COUNCIL

PAYLOADS = ("<script>alert(1)</script>", '<img src=x onerror="window.__xss=1">',
            "<img src=x onerror=alert(1)>", "</script><script>window.__xss=1</script>")


def hostile_views(analytics):
    """Every view of the hostile store, focused on its hostile pledge and officer."""
    graph = analytics.graph()
    pledge = next(n for n, d in graph.nodes(data=True) if d["kind"] == "pledge" and "<img" in d["label"])
    post = next(n for n, d in graph.nodes(data=True) if d["kind"] == "post" and "<img" in d["label"])
    return [("family-tree", {}), ("officer", {"focus": post}), ("pledge", {"focus": pledge}),
            ("coverage", {}), ("family-tree", {"theme": "safety"})]


def test_the_hostile_text_reaches_the_graph(hostile):
    labels = " ".join(d["label"] or "" for _, d in hostile.graph().nodes(data=True))
    assert HOSTILE_COUNCIL in labels
    assert sum(labels.count(p) for p in PAYLOADS) >= 3


@pytest.mark.parametrize("index", range(5))
def test_no_hostile_markup_survives_into_the_page(hostile, index):
    kind, options = hostile_views(hostile)[index]
    html = viz.render_view(hostile, kind, **options)
    own = pages.own_markup(html)
    built = pages.elements(html)
    assert not [tag for tag, _ in built if tag in ("img", "b", "iframe", "object", "embed")]
    assert [tag for tag, _ in built].count("script") == 3
    assert not [(tag, name) for tag, attrs in built for name, _ in attrs if name.startswith("on")]
    assert not re.search(r"<(img|b)\b", own, re.I)
    data = pages.data(html)
    texts = " ".join(n.get("tip", "") + n["label"] for n in data["nodes"])
    assert any(p in texts for p in PAYLOADS) or "<b onmouseover" in texts  # kept as text
    assert "\\u003cimg" in own or "\\u003cscript" in own or "\\u003cb " in own


def test_titles_and_notes_are_escaped(hostile):
    post = hostile_views(hostile)[1][1]["focus"]
    html = viz.render_view(hostile, "officer", focus=post)
    assert "<title>Officer: Head of &lt;img src=x onerror=window.__xss=1&gt; Safeguarding" in html
    assert "&lt;img" in html.split("<body>")[1].split("<script")[0]
