"""Overload on the web, in headless Chromium at 1400×1000: the overload page lists the flagged
posts with why, and a flagged post's page says so in a banner with its overdue actions by month
and its repeated actions. Screenshots go to tests/artifacts/ for a person to look at."""

from __future__ import annotations

from datetime import date

import pytest

from tests.api.conftest import ARTIFACTS

pytestmark = pytest.mark.browser
AS_OF = date(2026, 12, 4).isoformat()
WORKER = "/posts/bracknell-forest-council/child-participation-development-worker"


@pytest.fixture
def page(browser, server):
    context = browser.new_context(base_url=server.url, viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    outside: list[str] = []
    pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server.url) else None)
    yield pg
    context.close()
    assert outside == [], f"pages fetched from outside the server: {outside}"


def shot(pg, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def test_overload_page_lists_the_flagged_post_with_why_and_links_to_its_page(page, http):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Overload").click()
    page.wait_for_url("**/overload")
    page.goto(f"/overload?as_of={AS_OF}")
    assert page.locator("h1").inner_text() == "Overloaded posts"
    table = page.get_by_role("table", name="Flagged posts in Bracknell Forest Council, the most serious first")
    row = table.get_by_role("row", name="Child Participation Development Worker")
    assert row.is_visible()
    text = row.inner_text()
    assert "Carries far more actions than the council's other owners" in text
    assert "13 actions, where half of Bracknell Forest Council's owners carry 1 or fewer" in text
    assert "12 of its actions fell due in September 2025" in text
    assert "4 of its actions repeat another action" in text
    # a post with a few actions is not warned like one with 13
    assert page.get_by_role("row", name="Leaving Care ATM").count() == 0
    shot(page, "overload")
    # the page and /api/overload agree on who is flagged
    listed = {page.locator("tbody th a, tbody th").nth(i).inner_text().strip()
              for i in range(page.locator("tbody th").count())}
    api = http.get("/api/overload", params={"flagged": "true", "limit": 1000, "as_of": AS_OF}).json()["items"]
    assert {r["label"] for r in api} == listed
    row.get_by_role("link", name="Child Participation Development Worker").click()
    page.wait_for_url(f"**{WORKER}")


def test_a_flagged_post_s_page_says_so_with_its_overdue_and_repeated_actions(page):
    page.goto(f"{WORKER}?as_of={AS_OF}")
    banner = page.get_by_role("region", name="This post is flagged as overloaded")
    assert banner.is_visible()
    text = banner.inner_text()
    assert "Carries far more actions than the council's other owners" in text
    assert "Overdue as of 2026-12-04" in text
    assert "12 of its actions fell due in September 2025 and have no status recorded" in text
    assert "4 of its actions repeat another action:" in text
    assert text.count("repeats an action of pledge 9 word for word") == 4
    shot(page, "post-overloaded")
    banner.get_by_role("link", name="All overloaded posts").click()
    page.wait_for_url("**/overload")


def test_a_post_that_is_not_flagged_has_no_overload_banner(page):
    page.goto("/posts/bracknell-forest-council/leaving-care-atm")
    assert page.locator("h1").inner_text() == "Leaving Care ATM"
    assert page.get_by_role("region", name="This post is flagged as overloaded").count() == 0
