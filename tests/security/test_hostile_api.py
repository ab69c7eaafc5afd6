"""The hostile action plan through the web service: every HTML page and view shows its script
and markup as text, JSON carries the text exactly (as data, with a JSON media type), CSV cells
never start a formula, calendars keep one property per line — and text a person records through
curation is treated the same way as text read from a document."""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import quote

import pytest

from tests.security.html_checks import scan_html

CURATED_STATUS = "<script>window.__xss=1</script> =HYPERLINK(\"http://127.0.0.1:9\",\"x\")"
CURATED_TEXT = "\"><img src=x onerror=window.__xss=1> @SUM(1+1)*cmd|'calc'!A0"


@pytest.fixture(scope="module")
def curated(hostile_site, hostile_http) -> str:
    """A status and a corrected text, both hostile, recorded through the API on a hostile
    action; returns the action's key."""
    action = f"{hostile_site.pledges[1]}-action-1"
    auth = {"Authorization": f"Bearer {hostile_site.token}"}
    r = hostile_http.post("/api/curation/status", headers=auth,
                          json={"action": action, "status": CURATED_STATUS, "rag": "red", "by": "<b>Mallory</b>"})
    assert r.status_code == 201, r.text
    r = hostile_http.post("/api/curation/corrections", headers=auth,
                          json={"item": action, "field": "text", "value": CURATED_TEXT, "by": "=Mallory()"})
    assert r.status_code == 201, r.text
    return action


def _pages(site) -> list[str]:
    council = site.council
    pages = ["/", "/gaps", f"/gaps?council={council}", "/views", "/query",
             "/query?query=" + quote("SELECT ?label WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label> ?label }"),
             "/query?query=" + quote("<script>window.__xss=1</script>"),
             "/query?query=" + quote("SELECT * WHERE { ?s ?p \"</textarea><script>window.__xss=1</script>\" }"),
             "/views/family-tree", "/views/coverage", f"/views/family-tree?council={council}"]
    pages += [f"/pledges/{key}" for key in site.pledges]
    pages += [f"/views/pledge?focus={key}" for key in site.pledges]
    pages += [f"/posts/{c}/{p}" for c, p in site.posts]
    pages += [f"/views/officer?focus={quote(p)}&council={c}" for c, p in site.posts]
    return pages


def test_every_page_and_view_shows_script_as_text(hostile_site, hostile_http, curated):
    shown = 0
    for url in _pages(hostile_site):
        response = hostile_http.get(url)
        assert response.status_code == 200, f"{url}: {response.status_code} {response.text[:200]}"
        assert response.headers["content-type"].startswith("text/html"), url
        assert response.headers.get("x-content-type-options") == "nosniff", url
        page = scan_html(response.text)
        assert page.hostile() == [], f"{url} would run: {page.hostile()[:3]}"
        shown += page.shows("window.__xss=1")
    assert shown >= len(hostile_site.pledges) + len(hostile_site.posts)  # the payloads were on the pages


def test_curated_text_is_escaped_on_the_pledge_page(hostile_site, hostile_http, curated):
    pledge = curated.rsplit("-action-", 1)[0]
    page = scan_html(hostile_http.get(f"/pledges/{pledge}").text)
    assert page.hostile() == []
    assert page.shows(CURATED_STATUS) and page.shows(CURATED_TEXT)


def _strings(value) -> list[str]:
    """Every string inside a parsed JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_json_carries_the_text_exactly(hostile_site, hostile_http, curated):
    council = hostile_http.get(f"/api/councils/{hostile_site.council}")
    assert council.headers["content-type"].startswith("application/json")
    assert council.json()["name"] == "Hostile <script>window.__xss=1</script> Council"
    pledge = hostile_http.get(f"/api/pledges/{hostile_site.pledges[0]}").json()
    assert any("<script>window.__xss=1;alert(1)</script>" in s for s in _strings(pledge))
    names = {p["name"] for p in hostile_http.get("/api/posts", params={"council": hostile_site.council}).json()["items"]}
    assert {"=cmd|'calc'!A0", "Team Manager: <img src=x onerror=window.__xss=1>"} <= names
    action = hostile_http.get(f"/api/actions/{curated}").json()
    assert {CURATED_STATUS, CURATED_TEXT} <= set(_strings(action))


def test_named_query_csv_neutralises_formulas(hostile_site, hostile_http, curated):
    response = hostile_http.get("/queries/load-per-post", params={"format": "csv", "council": hostile_site.council})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    cells = [c for row in csv.reader(io.StringIO(response.text)) for c in row]
    assert any(c.startswith("'=cmd") for c in cells)
    assert not [c for c in cells if c[:1] in ("=", "@", "+") or (c[:1] == "-" and not c[1:2].isdigit())]


def test_sparql_csv_results_neutralise_formulas(hostile_http):
    query = ('SELECT ?name WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label>|'
             '<http://www.w3.org/2004/02/skos/core#prefLabel> ?name FILTER(CONTAINS(?name, "cmd|")) }')
    response = hostile_http.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    assert response.status_code == 200, response.text
    cells = [c for row in csv.reader(io.StringIO(response.text)) for c in row][1:]
    assert any(c.startswith("'=cmd") for c in cells), cells
    assert not [c for c in cells if c[:1] in ("=", "@", "+", "-")], cells


_ICS_LINE = re.compile(r"^(?:[A-Z][A-Z0-9-]*[;:]| )")


def test_calendar_keeps_one_property_per_line(hostile_site, hostile_http):
    council, post = next((c, p) for c, p in hostile_site.posts if "onerror" in p)
    response = hostile_http.get(f"/posts/{council}/{post}.ics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    lines = response.text.replace("\r\n", "\n").rstrip("\n").split("\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert all(_ICS_LINE.match(line) for line in lines), [line for line in lines if not _ICS_LINE.match(line)]
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") >= 1
