"""The REST resources and the pages' JSON twins, as a client sees them on the seeds."""

from __future__ import annotations

import re

import pytest

BRACKNELL = "bracknell-forest-council"
PLEDGE = "bracknell-forest-action-plan-2025-2028-pledge-1"
POST = "child-participation-development-worker"


@pytest.mark.parametrize("path", ["/api/councils", "/api/strategies", "/api/pledges", "/api/actions", "/api/posts",
                                  "/api/agencies", "/api/initiatives", "/api/themes", "/api/gaps", "/api/overload"])
def test_lists_page_with_a_total(http, path):
    first = http.get(path, params={"limit": 2}).json()
    assert first["total"] >= len(first["items"]) and len(first["items"]) <= 2
    if first["total"] > 2:
        second = http.get(path, params={"limit": 2, "offset": 2}).json()
        assert second["items"] and second["items"][0] != first["items"][0]
    assert http.get(path, params={"limit": 0}).status_code == 422


def test_every_item_cites_its_source(http):
    for path, params in (("/api/pledges", {}), ("/api/actions", {}), ("/api/gaps", {}), ("/api/search", {"q": "team"})):
        items = http.get(path, params={"limit": 1000, **params}).json()["items"]
        cited = [i for i in items if i.get("source")]
        assert cited, path
        for item in cited:
            assert re.fullmatch(r"\d+-\d+", item["source"]["lines"] or "") and item["source"]["file"]
    actions = http.get("/api/actions", params={"council": BRACKNELL, "limit": 1000}).json()
    assert actions["total"] == 45 and all(a["source"]["file"].startswith("bracknell") for a in actions["items"])


def test_pledge_and_action_details(http):
    pledge = http.get(f"/api/pledges/{PLEDGE}").json()
    assert pledge["number"] == 1 and len(pledge["actions"]) == pledge["actions"][-1]["position"]
    action = pledge["actions"][0]
    again = http.get(f"/api/actions/{action['key']}").json()
    assert again["text"] == action["text"] and again["source"] == action["source"]
    assert again["owners"] and all(o["origin"] == "extracted" and o["source"] for o in again["owners"])


def test_post_responsibilities(http):
    me = http.get(f"/api/posts/{BRACKNELL}/{POST}").json()
    assert me["name"] == "Child Participation Development Worker" and me["actions"] == 13
    dues = [i["due"] for i in me["responsibilities"] if i.get("due")]
    assert dues == sorted(dues) and dues.count("2025-09") == 12
    assert any(i["co_owners"] for i in me["responsibilities"])


def test_search_by_name(http):
    found = http.get("/api/search", params={"q": "HEAD OF HR"}).json()["items"]
    assert any(f["kind"] == "post" and f["link"] == f"/posts/{BRACKNELL}/head-of-hr" for f in found)
    assert http.get("/api/search", params={"q": '") } DROP ALL'}).json()["total"] == 0
    assert http.get("/api/search").status_code == 422


@pytest.mark.parametrize("path", [
    "/api/councils/..%2F..%2Fetc%2Fpasswd", "/api/pledges/UPPER-case", "/api/posts/x/y%2F..", "/pledges/%2e%2e",
    f"/api/posts/{BRACKNELL}/nobody", "/api/themes/no_such", "/api/actions/x-pledge-1", "/views/../../etc",
])
def test_bad_keys_are_404_with_the_error_body(http, path):
    r = http.get(path)
    assert r.status_code == 404 and set(r.json()) == {"error", "message"}


def test_pages_have_json_twins(http):
    for path in ("/", f"/posts/{BRACKNELL}/{POST}", "/gaps", f"/pledges/{PLEDGE}", "/views"):
        html = http.get(path, headers={"Accept": "text/html"})
        data = http.get(path, headers={"Accept": "application/json"})
        assert html.headers["content-type"].startswith("text/html") and "<main" in html.text, path
        assert data.headers["content-type"].startswith("application/json"), path
        assert "http://" not in html.text.replace("http://www.w3.org", "") and "https://" not in \
            re.sub(r"https://w3id\.org[^\s\"<]*", "", html.text), f"external URL on {path}"
    twin = http.get(f"/posts/{BRACKNELL}/{POST}", headers={"Accept": "application/json"}).json()
    assert twin == http.get(f"/api/posts/{BRACKNELL}/{POST}").json()


def test_calendar_of_due_dates(http):
    r = http.get(f"/posts/{BRACKNELL}/{POST}.ics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar")
    text = r.text
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "")
    dated = [i for i in http.get(f"/api/posts/{BRACKNELL}/{POST}").json()["responsibilities"] if i.get("due")]
    assert unfolded.count("BEGIN:VEVENT") == len(dated) >= 12 and unfolded.count("DTSTART;VALUE=DATE:20250930") == 12
    assert "DTEND;VALUE=DATE:20251001" in unfolded
    for line in unfolded.split("\r\n"):
        if line.startswith(("SUMMARY:", "DESCRIPTION:")):
            value = line.split(":", 1)[1]
            assert not re.search(r"(?<!\\)[,;]", value.replace("\\\\", "")), line


def test_the_body_cap_and_error_shape(http):
    r = http.post("/sparql", content=b"x" * 70_000, headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413 and r.json()["error"] == "too_large"
    r = http.put("/api/councils")
    assert r.status_code == 405 and r.json()["error"] == "method_not_allowed"


def test_openapi_and_docs(http):
    spec = http.get("/openapi.json").json()
    assert {"/api/councils", "/sparql", "/queries/{name}", "/api/curation/assignments"} <= set(spec["paths"])
    assert http.get("/docs").status_code == 200
