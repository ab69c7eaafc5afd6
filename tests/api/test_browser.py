"""The pages in headless Chromium: they render, are navigable, and the query page runs a query.
Screenshots go to tests/artifacts/ for a person to look at."""

from __future__ import annotations

import pytest

from tests.api.conftest import ARTIFACTS

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, server):
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    outside: list[str] = []
    pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server.url) else None)
    yield pg
    context.close()
    assert outside == [], f"pages fetched from outside the server: {outside}"


def shot(pg, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def test_home_lists_what_is_loaded_and_links_to_the_gaps(page):
    page.goto("/")
    assert page.locator("h1").inner_text() == "Corporate parenting responsibilities"
    assert page.get_by_role("row", name="Bracknell Forest Council").count() >= 1
    assert page.get_by_role("navigation", name="Main").is_visible()
    shot(page, "home")
    page.get_by_role("link", name="Gaps", exact=True).first.click()
    page.wait_for_url("**/gaps")
    assert page.locator("h1").inner_text() == "Gaps"


def test_post_page_shows_responsibilities_and_calendar(page):
    page.goto("/posts/bracknell-forest-council/child-participation-development-worker")
    assert page.locator("h1").inner_text() == "Child Participation Development Worker"
    rows = page.locator("table tbody tr")
    assert rows.count() == 13
    assert "2025-09" in rows.first.inner_text()
    assert page.get_by_text("bracknell-forest-action-plan-2025-2028.txt, lines").count() >= 13
    shot(page, "post")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download due dates (calendar)").click()
    assert download.value.suggested_filename.endswith(".ics")


def test_gaps_dashboard_filters(page):
    page.goto("/gaps")
    councils = page.locator("section.council").count()
    page.get_by_label("Council").select_option("bracknell-forest-council")
    page.get_by_role("button", name="Show gaps").click()
    page.wait_for_url("**council=bracknell-forest-council**")
    assert councils > 1 and page.locator("section.council").count() == 1
    assert page.locator("section.council h2").inner_text().startswith("Bracknell Forest Council")
    shot(page, "gaps")


def test_pledge_page(page):
    page.goto("/pledges/bracknell-forest-action-plan-2025-2028-pledge-1")
    assert page.locator("h1").inner_text().startswith("Pledge 1:")
    assert page.locator("#action-1").is_visible()
    shot(page, "pledge")


def test_query_page_runs_a_query(page):
    page.goto("/query")
    page.get_by_label("SPARQL query").fill(
        "PREFIX cp: <https://w3id.org/cpgraph/ns#>\nSELECT ?key WHERE { ?c a cp:Council ; cp:key ?key } ORDER BY ?key")
    page.get_by_role("button", name="Run query").click()
    page.wait_for_selector("#results")
    cells = page.locator("section table tbody td").all_inner_texts()
    assert "bracknell-forest-council" in cells
    shot(page, "query")
    page.get_by_label("SPARQL query").fill("DELETE WHERE { ?s ?p ?o }")
    page.get_by_role("button", name="Run query").click()
    assert "not allowed" in page.get_by_role("alert").inner_text()


def test_home_and_gaps_pages_say_loudly_that_a_document_was_not_read(browser, unread_server):
    from tests import unread

    context = browser.new_context(base_url=unread_server.url, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    try:
        pg.goto("/")
        alert = pg.get_by_role("alert")
        assert alert.is_visible() and alert.locator("h2").inner_text() == "1 document not read as a plan"
        assert unread.SHOWN in alert.inner_text()
        assert alert.locator("code").inner_text() == unread.COMMAND
        row = pg.get_by_role("row", name=unread.COUNCIL)
        assert row.count() == 1 and "not read as a plan" in row.inner_text()
        assert row.locator("td").count() == 3, "pledges and actions give way to the message"
        shot(pg, "home-not-read")
        pg.get_by_role("link", name="Gaps", exact=True).first.click()
        pg.wait_for_url("**/gaps")
        assert "no gaps reported for it" in pg.get_by_role("alert").inner_text()
        pg.get_by_label("Council").select_option(unread.COUNCIL_KEY)
        pg.get_by_role("button", name="Show gaps").click()
        pg.wait_for_url(f"**council={unread.COUNCIL_KEY}**")
        assert unread.SHOWN in pg.get_by_role("alert").inner_text()
        assert pg.get_by_text("No gaps match.").is_visible()
        shot(pg, "gaps-not-read")
    finally:
        context.close()
