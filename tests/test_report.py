"""The strategy lead's report: self-contained, escaped, citing its sources, readable in a browser
with the network cut off."""

from __future__ import annotations

import re
from datetime import date
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cpgraph.analytics import Analytics
from cpgraph.errors import InputError
from cpgraph.report import render_report
from tests import unread
from tests.analytics.seeded import seed_analytics
from tests.analytics.tiny import Tiny

AS_OF = date(2026, 1, 1)
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


class Structure(HTMLParser):
    """What a test needs to know about an HTML page: ids, links, sources, tags, text per section."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.tags: dict[str, int] = {}
        self.external: list[str] = []
        self.section: str | None = None
        self.rows: dict[str, int] = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "section":
            self.section = a.get("id")
        if tag == "tr" and self.section:
            self.rows[self.section] = self.rows.get(self.section, 0) + 1
        if "href" in a:
            self.hrefs.append(a["href"])
        for name in ("src", "srcset", "action", "formaction", "data", "poster", "xlink:href"):
            if name in a:
                self.external.append(f"{tag} {name}={a[name]}")


@pytest.fixture(scope="module")
def seed_html() -> str:
    return render_report(seed_analytics(), as_of=AS_OF)


def test_the_report_has_every_section_and_the_headline_numbers(seed_html):
    page = Structure(seed_html)
    assert {"headline", "gaps", "overload", "coverage", "suggestions", "evidence"} <= page.ids
    headline = seed_html.split('id="headline"')[1].split("</section>")[0]
    assert "Top load" in headline and "13 actions" in headline
    assert "Child Participation Development Worker, Bracknell Forest Council" in headline
    assert "due_cluster" in headline
    assert page.tags["svg"] == 3


def test_gap_and_overload_tables_cite_source_lines_that_resolve_in_the_page(seed_html):
    page = Structure(seed_html)
    anchors = [h[1:] for h in page.hrefs if h.startswith("#")]
    assert anchors and all(a in page.ids for a in anchors)
    gaps = seed_html.split('id="gaps"')[1].split("</section>")[0]
    assert "duplicate_pledge" in gaps and "Pledge 10:" in gaps
    assert re.search(r'<a href="#ev-\d+">bracknell-forest-action-plan-2025-2028\.txt lines 458-510</a>', gaps)
    evidence = seed_html.split('id="evidence"')[1]
    assert "Regular monitoring and support for children living out of borough" in evidence


def test_the_coverage_table_has_one_row_per_council(seed_html):
    page = Structure(seed_html)
    councils = sum(1 for _, d in seed_analytics().graph().nodes(data=True) if d["kind"] == "council")
    assert page.rows["coverage"] == councils + 1  # header row


def test_the_report_is_self_contained(seed_html):
    page = Structure(seed_html)
    assert page.external == []
    assert all(h.startswith("#") for h in page.hrefs)
    assert "<script" not in seed_html and "@import" not in seed_html and "url(" not in seed_html
    assert "http://" not in seed_html and "https://" not in seed_html


def hostile_analytics() -> Analytics:
    t = Tiny()
    c = t.council("x", "Council <b>X</b> & Co")
    p = t.pledge(t.strategy("x-plan", c), 1, "Pledge | with pipe", number=1)
    a = t.action(p, 1, '"><img src=x onerror=alert(1)> do it', due="2024-01")
    t.assign(a, t.agent("x", "post", "<script>alert('post')</script> Officer"))
    t.action(p, 2, "[link](javascript:alert(1)) *bold* unowned", due="2024-01")
    return Analytics(t.store())


def test_every_user_string_is_escaped_in_html():
    html = render_report(hostile_analytics(), as_of=AS_OF)
    assert "<script>" not in html and "<img" not in html and "<b>X</b>" not in html
    assert "&lt;script&gt;alert(&#x27;post&#x27;)&lt;/script&gt; Officer" in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt; do it" in html
    assert Structure(html).external == []


def test_every_user_string_is_escaped_in_markdown():
    md = render_report(hostile_analytics(), as_of=AS_OF, fmt="md")
    assert "<script>" not in md and "<img" not in md
    assert "Pledge \\| with pipe" in md
    assert "\\[link\\](javascript:alert(1)) \\*bold\\*" in md


def test_markdown_has_the_same_findings(seed_html):
    md = render_report(seed_analytics(), as_of=AS_OF, fmt="md")
    for heading in ("# Corporate parenting responsibilities report", "## Headline", "## Gaps", "## Overload",
                    "## Coverage of themes and statutory principles", "## Owner suggestions"):
        assert heading + "\n" in md
    gap_rows = [line for line in md.splitlines() if line.startswith("| high ") or line.startswith("| medium ")
                or line.startswith("| low ")]
    assert len(gap_rows) == len(seed_analytics().gaps(AS_OF))
    assert "Child Participation Development Worker" in md.split("## Overload")[1].split("\n| ")[2]


def test_a_report_for_one_council():
    html = render_report(seed_analytics(), as_of=AS_OF, council="bracknell-forest-council")
    page = Structure(html)
    assert "<h3>Bracknell Forest Council:" in html and html.count("<h3>") == 1
    assert page.rows["coverage"] == 6  # coverage still compares every council
    with pytest.raises(InputError):
        render_report(seed_analytics(), as_of=AS_OF, council="atlantis")


def test_long_tables_are_cut_with_a_note():
    html = render_report(seed_analytics(), as_of=AS_OF, max_rows=2)
    assert "more row(s) not shown: cpgraph gaps --format csv lists them all" in html


def test_an_unknown_format_is_an_input_error():
    with pytest.raises(InputError):
        render_report(seed_analytics(), as_of=AS_OF, fmt="pdf")


@pytest.mark.browser
def test_the_report_opens_in_a_browser_with_no_network(tmp_path, seed_html, browser):
    path = tmp_path / "report.html"
    path.write_text(seed_html, encoding="utf-8")
    refused: list[str] = []

    def only_files(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page = browser.new_page(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    try:
        page.route("**/*", only_files)
        page.goto(path.as_uri())
        headline = page.locator("#headline").inner_text()
        assert "Top load" in headline and "13 actions" in headline
        assert "Child Participation Development Worker" in headline
        assert page.locator("#gaps").get_by_text("duplicate_pledge").count() >= 2
        assert page.locator("#coverage tbody tr").count() == 5
        assert page.locator("svg").count() == 3
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "report.png"))
        page.locator("#overload figure").first.screenshot(path=str(ARTIFACTS / "report-load.png"))
        page.locator("#coverage figure").screenshot(path=str(ARTIFACTS / "report-coverage.png"))
    finally:
        page.close()
    assert refused == []


# --- never silent: a document in which nothing is recognised -------------------------------------

def test_the_report_has_a_section_for_each_document_not_read(unread_analytics):
    html = render_report(unread_analytics, as_of=AS_OF)
    page = Structure(html)
    assert "not-read" in page.ids
    section = html.split('id="not-read"')[1].split("</section>")[0]
    assert "1 document(s) not read as a plan" in section
    assert f"<li><b>{unread.COUNCIL}</b>: {escape(unread.MESSAGE)}</li>" in section
    headline = html.split('id="headline"')[1].split("</section>")[0]
    assert headline.index("Documents not read as a plan") < headline.index("Pledges")
    gaps = html.split('id="gaps"')[1].split("</section>")[0]
    assert "No gaps are reported for 1 document(s) not read as a plan" in gaps
    assert f"<h3>{unread.COUNCIL}:" not in gaps, "no gap is invented for it"
    assert all(a[1:] in page.ids for a in page.hrefs if a.startswith("#"))


def test_the_report_coverage_says_not_read_instead_of_a_row_of_gaps(unread_analytics):
    html = render_report(unread_analytics, as_of=AS_OF)
    coverage = html.split('id="coverage"')[1].split("</section>")[0]
    row = next(r for r in coverage.split("<tr>") if unread.COUNCIL in r)
    assert row.count('<span class="flag">not read</span>') == 6 and escape(unread.MESSAGE) in row
    assert "Education" not in row, "no theme is listed as not covered"
    figure = coverage.split("<figure>")[1].split("</figure>")[0]
    assert unread.COUNCIL not in figure and "Bracknell Forest Council" in figure
    assert "left out of the chart" in coverage
    assert Structure(html).rows["coverage"] == 6 + 1  # every council still has its row


def test_the_markdown_report_says_it_too(unread_analytics):
    md = render_report(unread_analytics, as_of=AS_OF, fmt="md")
    section = md.split("## Documents not read as a plan\n")[1].split("\n## ")[0]
    assert "**1 document(s) not read as a plan.**" in section
    assert f"- **{unread.COUNCIL}**: {unread.MESSAGE.replace('`', chr(92) + '`')}" in section
    assert "No gaps are reported for 1 document(s) not read as a plan" in md.split("## Gaps\n")[1]
    row = next(line for line in md.splitlines() if line.startswith(f"| {unread.COUNCIL} |"))
    assert set(row.strip("| ").split(" | ")[1:]) == {"not read"}


def test_a_report_for_a_council_read_leaves_the_other_out(unread_analytics):
    html = render_report(unread_analytics, as_of=AS_OF, council="bracknell-forest-council")
    assert 'id="not-read"' not in html and "Documents not read" not in html
    mine = render_report(unread_analytics, as_of=AS_OF, council=unread.COUNCIL_KEY)
    assert 'id="not-read"' in mine and escape(unread.MESSAGE) in mine


def test_the_seed_report_has_no_not_read_section(seed_html):
    assert 'id="not-read"' not in seed_html and "not read" not in seed_html


@pytest.mark.browser
def test_the_not_read_section_is_visible_in_a_browser(tmp_path, unread_analytics, browser):
    path = tmp_path / "report.html"
    path.write_text(render_report(unread_analytics, as_of=AS_OF), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    try:
        page.goto(path.as_uri())
        section = page.locator("#not-read")
        assert section.is_visible() and unread.MESSAGE in section.inner_text()
        assert page.locator("#headline .card").first.inner_text().startswith("Documents not read as a plan")
        row = page.locator("#coverage tbody tr", has_text=unread.COUNCIL)
        assert row.locator("td").nth(1).inner_text() == "not read"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "report-not-read.png"))
    finally:
        page.close()
