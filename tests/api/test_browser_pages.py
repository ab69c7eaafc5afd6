"""The pages a person opens, in headless Chromium at 1400×1000 with everything outside the server
blocked: each is screenshot to tests/artifacts/page-*.png and checked for what that person looks
for (the gaps by council in plain English, the worker found by rough words, a "did you mean" on a
mistyped address, a query's results linking to their pages, a family tree whose labels read)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from cpgraph.analytics.gaps import RULES
from tests.api.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

WORKER = "Child Participation Development Worker"
WORKER_PAGE = "/posts/bracknell-forest-council/child-participation-development-worker"
LEGIBLE_PX = 10
"""Smallest label size on screen, in CSS pixels, that a person reads without zooming."""


@pytest.fixture
def page(browser, server):
    """A page of the shared server at 1400×1000; any request outside the server is refused and
    fails the test."""
    context = browser.new_context(base_url=server.url, viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    outside: list[str] = []

    def route(r):
        if r.request.url.startswith(server.url):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    pg.route("**/*", route)
    yield pg
    context.close()
    assert outside == [], f"pages fetched from outside the server: {outside}"


def shot(pg, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"page-{name}.png"))


def test_home_has_a_search_box_that_finds_the_worker_by_rough_words(page):
    page.goto("/")
    assert page.get_by_role("navigation", name="Main").is_visible()
    box = page.get_by_role("searchbox", name="Search posts, teams and pledges by name")
    assert box.is_visible()
    shot(page, "home")
    box.fill("participation worker")
    box.press("Enter")
    page.wait_for_url("**/search?q=participation+worker")
    first = page.locator("#results ~ table tbody tr").first
    assert first.get_by_role("link").inner_text() == WORKER
    assert first.get_by_role("link").get_attribute("href") == WORKER_PAGE
    assert "post" in first.inner_text() and "Bracknell Forest Council" in first.inner_text()
    shot(page, "search")


def test_gaps_read_by_council_and_severity_in_plain_english(page):
    page.goto("/gaps")
    glance = page.locator("table.glance tbody tr")
    sections = page.locator("section.council")
    assert sections.count() == glance.count() >= 4
    assert any(t.startswith("Bracknell Forest Council") for t in glance.all_inner_texts())
    # every rule named by what it means, each once per council and severity
    shown = page.locator("ul.rules > li.rule strong").all_inner_texts()
    assert shown and set(shown) <= set(RULES.values())
    for index in range(sections.count()):
        for heading in sections.nth(index).locator("h3").all():
            rules = heading.locator("xpath=following-sibling::ul[1]/li/details/summary/strong").all_inner_texts()
            assert len(rules) == len(set(rules)), "a rule repeated within one council and severity"
    # repeats collapsed: Leicester's unowned actions are one line with a count, opened on demand
    leicester = page.locator("section.council", has=page.get_by_role("heading", name="Leicester City Council"))
    repeated = leicester.locator("details").first
    summary = repeated.locator("summary").inner_text()
    count = int(summary.split(" items")[0].split()[-1])
    assert count > 1 and not repeated.locator("table").is_visible()
    repeated.locator("summary").click()
    assert repeated.locator("tbody tr").count() == count
    height = page.evaluate("document.body.scrollHeight")
    assert height < 12_000, f"the gaps page is {height}px tall"
    repeated.locator("summary").click()
    shot(page, "gaps")
    # the downloads hold every gap, the same in each format
    total = int(page.locator("p strong").first.inner_text())
    links = {fmt: page.get_by_role("link", name=name).get_attribute("href")
             for fmt, name in (("csv", "CSV"), ("xlsx", "Excel (XLSX)"), ("json", "JSON"))}
    rows = list(csv.DictReader(io.StringIO(page.request.get(links["csv"]).text())))
    assert len(rows) == total and rows[0]["meaning"] == RULES[rows[0]["rule"]]
    xlsx = page.request.get(links["xlsx"])
    assert xlsx.headers["content-type"].startswith("application/vnd.openxmlformats") and xlsx.body()[:2] == b"PK"
    assert json.loads(page.request.get(links["json"]).text())["total"] == total


def test_a_post_page_lists_its_responsibilities(page):
    page.goto(WORKER_PAGE)
    assert page.locator("h1").inner_text() == WORKER
    assert page.locator("table tbody tr").count() == 13
    assert page.get_by_role("link", name="Download due dates (calendar)").is_visible()
    shot(page, "post")


def test_a_mistyped_address_gets_a_page_with_navigation_and_did_you_mean(page):
    response = page.goto("/posts/bracknell-forest-council/child-participation-worker")
    assert response.status == 404 and response.headers["content-type"].startswith("text/html")
    assert page.locator("h1").inner_text() == "Page not found"
    assert page.get_by_role("navigation", name="Main").is_visible()
    meant = page.get_by_role("region", name="Did you mean").get_by_role("link")
    assert meant.first.inner_text() == WORKER and meant.first.get_attribute("href") == WORKER_PAGE
    shot(page, "error")
    # API clients keep the JSON error body, whatever they accept
    api = page.request.get("/api/posts/bracknell-forest-council/nobody", headers={"Accept": "text/html"})
    assert api.status == 404 and set(api.json()) == {"error", "message"}


def test_query_page_runs_an_example_and_links_its_iris(page):
    page.goto("/query?example=unowned-pledges")
    assert "PREFIX cp: <https://w3id.org/cpgraph/ns#>" in page.get_by_label("SPARQL query").input_value()
    results = page.locator("#results ~ table tbody tr")
    assert results.count() >= 1
    link = results.first.locator("a").first
    assert link.get_attribute("href").startswith("/pledges/")
    assert page.request.get(link.get_attribute("href"), headers={"Accept": "text/html"}).status == 200
    shot(page, "query")
    download = page.request.get(page.get_by_role("link", name="CSV").get_attribute("href"))
    assert download.headers["content-type"].startswith("text/csv")
    assert len(list(csv.DictReader(io.StringIO(download.text())))) == results.count()
    assert page.get_by_role("link", name="Councils").get_attribute("href") == "/query?example=councils"


def test_query_needs_no_prefix_lines(page):
    # the editor's own query, its prefixes left out, runs (and downloads) through /sparql
    page.goto("/query?query=" + "SELECT%20%3Fkey%20WHERE%20%7B%20%3Fc%20a%20cp%3ACouncil%20%3B%20cp%3Akey%20%3Fkey%20%7D")
    cells = page.locator("#results ~ table tbody td").all_inner_texts()
    assert "bracknell-forest-council" in cells
    assert page.request.get(page.get_by_role("link", name="JSON").get_attribute("href")).json()["results"]["bindings"]


def test_views_page_links_only_to_views_that_open(page):
    page.goto("/views")
    page.frame_locator("iframe[title='family-tree view']").locator('body[data-ready="1"]').wait_for(
        state="attached", timeout=30_000)
    shot(page, "views")
    for href in {a.get_attribute("href") for a in page.locator("main a[href^='/views/']").all()}:
        assert page.request.get(href).status == 200, href
    for kind in ("officer", "pledge"):
        assert page.locator(f"form[action='/views/{kind}'] option").count() > 1
    assert "--" not in page.locator("main").inner_text()
    unfocused = page.request.get("/views/officer", headers={"Accept": "text/html"})
    assert unfocused.status == 400 and "choose one on the views page" in unfocused.text()
    assert "--focus" not in unfocused.text()


def _open_view(page, path: str) -> None:
    page.goto(path)
    page.wait_for_selector('body[data-ready="1"]', state="attached", timeout=30_000)


def _smallest_label_on_screen(page) -> float:
    return page.evaluate("""() => {
        const scale = cpgraph.network.getScale();
        return Math.min(...cpgraph.nodes.get().map(n => ((n.font && n.font.size) || 14) * scale));
    }""")


def _labels_in_sight(page) -> int:
    return page.evaluate("""() => {
        const box = document.getElementById('cp-network').getBoundingClientRect();
        const at = cpgraph.network.getPositions();
        return Object.values(at).map(p => cpgraph.network.canvasToDOM(p))
            .filter(p => p.x > 0 && p.y > 0 && p.x < box.width && p.y < box.height).length;
    }""")


def test_family_tree_opens_readable_and_whole_is_not_a_column(page):
    _open_view(page, "/views/family-tree")
    assert _smallest_label_on_screen(page) >= LEGIBLE_PX
    assert _labels_in_sight(page) >= 20, "the first screen shows a few boxes of the tree, not empty space"
    shot(page, "view-family-tree")
    page.get_by_role("button", name="Whole graph").click()
    width, height = page.evaluate("""() => {
        const at = Object.values(cpgraph.network.getPositions());
        const xs = at.map(p => p.x), ys = at.map(p => p.y);
        return [Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)];
    }""")
    assert width / height > 0.6, f"the whole tree is {width:.0f} wide and {height:.0f} tall"
    assert _labels_in_sight(page) == page.evaluate("cpgraph.counts.nodes")
    shot(page, "view-family-tree-whole")


def test_coverage_view(page):
    _open_view(page, "/views/coverage")
    assert page.evaluate("cpgraph.counts.nodes") > 0
    shot(page, "view-coverage")


def test_officer_view_from_the_views_page(page):
    page.goto("/views")
    form = page.locator("form[action='/views/officer']")
    choice = form.locator("option", has_text=WORKER).first.get_attribute("value")
    form.locator("select").select_option(choice)
    form.get_by_role("button").click()
    page.wait_for_selector('body[data-ready="1"]', state="attached", timeout=30_000)
    assert page.evaluate("cpgraph.nodes.get().some(n => n.label.includes('Child Participation Development Worker'))")
    assert _smallest_label_on_screen(page) >= LEGIBLE_PX * 0.6
    shot(page, "view-officer")


def test_pledge_view(page):
    _open_view(page, "/views/pledge?focus=bracknell-forest-action-plan-2025-2028-pledge-9")
    assert page.evaluate("cpgraph.counts.nodes") > 1
    shot(page, "view-pledge")


def test_api_docs_work_offline(page):
    page.goto("/docs")
    page.locator(".swagger-ui .opblock").first.wait_for(timeout=20_000)
    assert page.locator(".swagger-ui .opblock").count() > 10
    shot(page, "docs")
    redoc = page.request.get("/redoc").text()
    assert "/static/docs/redoc.standalone.js" in redoc and "https://" not in redoc
    assert page.request.get("/static/docs/redoc.standalone.js").ok
