"""Every view in real headless Chromium, opened from ``file://`` with the network blocked: the
counts drawn match the graph, nothing is logged as an error, a click shows a node's tooltip, and
the hostile document's markup never runs. A screenshot of each view goes to tests/artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest

import viz
from tests.viz import pages
from tests.viz.conftest import ARTIFACTS
from tests.viz.test_xss import hostile_views

pytestmark = pytest.mark.browser

SEED_VIEWS = {
    "family-tree": ("family-tree", {}),
    "family-tree-bracknell": ("family-tree", {"council": "bracknell-forest-council"}),
    "officer": ("officer", {"focus": "Child Participation Development Worker"}),
    "pledge": ("pledge", {"focus": "bracknell-forest-action-plan-2025-2028-pledge-9"}),
    "coverage": ("coverage", {}),
}


class Visit:
    """One page opened offline: what it logged, asked for and alerted while we used it."""

    def __init__(self, browser, path: Path, *, bypass_csp: bool = False) -> None:
        self.context = browser.new_context(viewport={"width": 1500, "height": 950},
                                           bypass_csp=bypass_csp)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)
        self.page.goto(path.as_uri())
        self.page.wait_for_selector('body[data-ready="1"]', state="attached", timeout=30_000)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def counts(self) -> tuple[int, int]:
        return tuple(self.page.evaluate(
            "[cpgraph.network.body.data.nodes.length, cpgraph.network.body.data.edges.length]"))

    def click_node(self, node_id: str) -> str:
        """Click node ``node_id`` where it is drawn; return the details panel's text."""
        self.page.evaluate("id => cpgraph.network.focus(id, {scale: 1.2, animation: false})", node_id)
        point = self.page.evaluate(
            "id => cpgraph.network.canvasToDOM(cpgraph.network.getPositions([id])[id])", node_id)
        box = self.page.locator("#cp-network").bounding_box()
        self.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        return self.page.locator("#cp-details").inner_text()

    def hover_node(self, node_id: str) -> str:
        """Hover node ``node_id``; return the text of vis-network's tooltip."""
        point = self.page.evaluate(
            "id => cpgraph.network.canvasToDOM(cpgraph.network.getPositions([id])[id])", node_id)
        box = self.page.locator("#cp-network").bounding_box()
        self.page.mouse.move(box["x"] + point["x"] + 1, box["y"] + point["y"] + 1)
        tooltip = self.page.locator("div.vis-tooltip")
        tooltip.wait_for(state="visible", timeout=5_000)
        return tooltip.inner_text()

    def close(self) -> None:
        self.context.close()


def _write(tmp_path: Path, name: str, html: str) -> Path:
    path = tmp_path / f"{name}.html"
    path.write_text(html, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", list(SEED_VIEWS))
def test_each_view_opens_offline_draws_the_graph_and_shows_tooltips(seeds, browser, tmp_path, name):
    kind, options = SEED_VIEWS[name]
    view = viz.build_view(seeds, kind, **options)
    html = viz.page.render(view)
    data = pages.data(html)
    visit = Visit(browser, _write(tmp_path, name, html))
    try:
        assert visit.counts() == (len(view.nodes), len(view.edges))
        assert visit.page.evaluate("cpgraph.network.physics.physicsEnabled") is False
        ARTIFACTS.mkdir(exist_ok=True)
        visit.page.screenshot(path=str(ARTIFACTS / f"view-{name}.png"))
        target = _clickable(data, kind)
        assert visit.click_node(target["id"]) == target["tip"]
        assert "Source:" in target["tip"] or kind == "coverage"
        assert target["tip"].splitlines()[0] in visit.hover_node(target["id"])
        visit.page.fill("#cp-search", target["label"][:12])
        assert target["label"] in visit.page.locator("#cp-results").inner_text()
        assert visit.errors == [] and visit.requests == [] and visit.dialogs == []
    finally:
        visit.close()


def _clickable(data: dict, kind: str) -> dict:
    """A node worth clicking: a pledge (it has text and a source), or a gap cell of the grid."""
    if kind == "coverage":
        return next(n for n in data["nodes"] if n["kind"] == "cell" and "gap" in n["flags"])
    return next(n for n in data["nodes"] if n["kind"] == "pledge")


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
@pytest.mark.parametrize("index", range(5))
def test_hostile_markup_never_runs(hostile, browser, tmp_path, index, bypass_csp):
    kind, options = hostile_views(hostile)[index]
    html = viz.render_view(hostile, kind, **options)
    data = pages.data(html)
    visit = Visit(browser, _write(tmp_path, f"hostile-{index}", html), bypass_csp=bypass_csp)
    try:
        hostile_nodes = [n for n in data["nodes"] if "<" in n["label"] + n.get("tip", "")]
        assert hostile_nodes
        for node in hostile_nodes[:4]:
            shown = visit.click_node(node["id"])
            assert shown == node["tip"]  # the markup shown as the text it is
            visit.hover_node(node["id"])
        visit.page.fill("#cp-search", "<img")
        visit.page.keyboard.press("Enter")
        visit.page.wait_for_timeout(300)
        assert visit.page.evaluate("typeof window.__xss") == "undefined"
        assert visit.page.evaluate("document.querySelectorAll('img, b[onmouseover]').length") == 0
        assert visit.dialogs == [] and visit.requests == [] and visit.errors == []
        if index == 1:
            ARTIFACTS.mkdir(exist_ok=True)
            visit.page.screenshot(path=str(ARTIFACTS / "view-hostile-officer.png"))
    finally:
        visit.close()


@pytest.mark.parametrize("kind", ["coverage", "family-tree"])
def test_a_document_not_read_is_drawn_grey_with_its_message(unread_analytics, browser, tmp_path, kind):
    from tests import unread

    html = viz.render_view(unread_analytics, kind)
    data = pages.data(html)
    flagged = [n for n in data["nodes"] if "not_read" in n["flags"]]
    assert flagged and all(n["color"]["background"] == "#e9ecef" for n in flagged)
    if kind == "coverage":
        assert not [n for n in flagged if "gap" in n["flags"] or n["label"] == "gap"]
    visit = Visit(browser, _write(tmp_path, f"not-read-{kind}", html))
    try:
        target = next(n for n in flagged if n["kind"] == ("cell" if kind == "coverage" else "strategy"))
        shown = visit.click_node(target["id"])
        assert shown == target["tip"] and unread.MESSAGE in shown
        notes = visit.page.locator(".cp-note").all_inner_texts()
        assert any(unread.SHOWN in note for note in notes)
        assert visit.errors == [] and visit.requests == [] and visit.dialogs == []
        ARTIFACTS.mkdir(exist_ok=True)
        visit.page.screenshot(path=str(ARTIFACTS / f"view-not-read-{kind}.png"))
    finally:
        visit.close()
