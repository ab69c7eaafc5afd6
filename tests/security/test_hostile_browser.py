"""The hostile action plan in a real browser: the report, the views and the service's pages are
loaded in headless Chromium, hovered, clicked and searched, and no payload runs — no dialog
opens, ``window.__xss`` stays unset and no request goes to the payloads' targets. A page built to
run the same payloads proves the detector sees a script that does run."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser


class Visit:
    """One page in a fresh browser context, watched for dialogs and outgoing requests."""

    def __init__(self, browser, allowed_origin: str | None) -> None:
        self.context = browser.new_context(viewport={"width": 1200, "height": 800})
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.allowed = allowed_origin

        def route(r):
            url = r.request.url
            self.requests.append(url)
            if url.startswith("file://") or (self.allowed and url.startswith(self.allowed)):
                r.continue_()
            else:
                r.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, url: str) -> Visit:
        """Load ``url`` and give its scripts a moment to lay out and settle."""
        self.page.goto(url, wait_until="load", timeout=60_000)
        self.page.wait_for_timeout(300 if self.page.locator("#cp-network").count() else 50)
        return self

    def poke(self) -> Visit:
        """What a reader does: hover and click over the page (views show tooltips and details on
        hover and click), and search for the hostile names."""
        page = self.page
        network = page.locator("#cp-network")
        if network.count():  # a view: tooltips on hover, details on click
            box = network.bounding_box() or {"x": 0, "y": 0, "width": 1200, "height": 800}
            for i in range(1, 6):
                for j in range(1, 5):
                    page.mouse.move(box["x"] + box["width"] * i / 6, box["y"] + box["height"] * j / 5)
            page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        search = page.locator("#cp-search")
        if search.count():
            for term in ("script", "onerror", "cmd"):
                search.fill(term)
                page.wait_for_timeout(100)
                hits = page.locator("#cp-results li")
                if hits.count():
                    hits.first.click()
                    page.wait_for_timeout(100)
        summaries = page.locator("details > summary")
        for i in range(min(summaries.count(), 3)):
            summaries.nth(i).click()
        return self

    def ran(self) -> list[str]:
        """Evidence that a payload ran: dialogs, the sentinel, requests to the payloads' targets."""
        found = [f"dialog: {m}" for m in self.dialogs]
        if self.page.evaluate("() => window.__xss") is not None:
            found.append("window.__xss was set")
        found += [f"request: {u}" for u in self.requests
                  if "127.0.0.1:9" in u or u.rstrip("/").endswith("/x") or u.startswith("javascript:")]
        return found

    def close(self) -> None:
        """Close the context."""
        self.context.close()


@pytest.fixture
def visit(browser) -> Iterator:
    """Open pages in fresh contexts: ``visit(url, origin)`` -> a Visit; all closed afterwards."""
    opened: list[Visit] = []

    def make(url: str, origin: str | None = None) -> Visit:
        v = Visit(browser, origin)
        opened.append(v)
        return v.open(url)

    yield make
    for v in opened:
        v.close()


def test_the_detector_sees_a_payload_that_runs(visit, tmp_path):
    # The same payloads, not escaped, in a page without a policy: each must be caught.
    page = tmp_path / "unsafe.html"
    page.write_text("<html><body><p>Team Manager: <img src=x onerror=window.__xss=1></p>"
                    "<p><svg onload=alert(1)></svg></p></body></html>", encoding="utf-8")
    ran = visit(page.as_uri()).poke().ran()
    assert "window.__xss was set" in ran and any(r.startswith("dialog") for r in ran)


@pytest.mark.parametrize("name", ["report", "view-family-tree", "view-coverage", "view-officer",
                                  "view-officer-formula", "view-pledge"])
def test_report_and_view_files_run_no_payload(visit, hostile_cli_runs, name):
    proc, output = hostile_cli_runs[name]
    assert proc.returncode == 0 and output is not None, proc.stderr
    v = visit(output.as_uri()).poke()
    assert v.ran() == []
    assert not [u for u in v.requests if not u.startswith("file://")], "a view must not load anything"
    assert "__xss" in v.page.content() or name == "view-coverage"  # the text is there, as text


def test_service_pages_run_no_payload(visit, hostile_site):
    base = hostile_site.server.url
    council = hostile_site.council
    urls = ["/", "/gaps", "/views", "/query?query=" + quote("<script>window.__xss=1</script>"),
            "/query?query=" + quote("SELECT ?l WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label> ?l }"),
            "/views/family-tree", f"/views/family-tree?council={council}"]
    urls += [f"/pledges/{key}" for key in hostile_site.pledges]
    urls += [f"/posts/{c}/{p}" for c, p in hostile_site.posts if any(s in p for s in ("img", "svg", "script"))]
    urls += [f"/views/officer?focus={p}&council={c}" for c, p in hostile_site.posts if "img" in p]
    v = visit(base + urls[0], base)
    for url in urls:  # one tab, page after page: each load starts a fresh window
        v.open(base + url).poke()
        assert v.ran() == [], f"{url}: {v.ran()}"
    assert len(urls) >= 10
