"""Never silent, on the web service: a document in which cpgraph recognised nothing is shown as
"not read as a plan" with its message — on the home page, the gaps page, and the REST resources
and coverage behind them — never as a plan of 0 pledges or a council full of gaps."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

import httpx
import pytest

from tests import unread


@pytest.fixture(scope="module")
def web(unread_server) -> Iterator[httpx.Client]:
    with unread_server.client() as client:
        yield client


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def _row(html: str, council: str) -> str:
    rows = [r for r in re.findall(r"<tr[^>]*>.*?</tr>", html, re.S) if council in r]
    assert len(rows) == 1, rows
    return rows[0]


def test_home_page_shows_the_document_as_not_read_with_its_message(web):
    html = web.get("/", headers={"Accept": "text/html"}).text
    alert = html.split('aria-labelledby="not-read"')[1].split("</section>")[0]
    assert "1 document not read as a plan" in _text(alert)
    assert f"{unread.COUNCIL}: {unread.SHOWN}" in _text(alert)
    assert f"<code>{unread.COMMAND}</code>" in alert
    row = _row(html, unread.COUNCIL)
    assert "not read as a plan" in _text(row) and unread.SHOWN in _text(row)
    assert not re.search(r"<td>0</td>", row), "not painted as a plan of 0 pledges and 0 actions"
    bracknell = _row(html, "Bracknell Forest Council")
    assert "<td>10</td><td>45</td>" in bracknell and "not read" not in bracknell


def test_home_json_twin_and_the_councils_and_strategies_resources_say_not_read(web):
    home = web.get("/", headers={"Accept": "application/json"}).json()
    assert [(d["council"], d["strategy"], d["message"]) for d in home["not_read"]] == [
        (unread.COUNCIL_KEY, unread.STEM, unread.MESSAGE)]
    council = web.get(f"/api/councils/{unread.COUNCIL_KEY}").json()
    assert council["read"] is False
    assert [(s["read"], s["not_read"]) for s in council["strategies"]] == [(False, unread.MESSAGE)]
    assert web.get("/api/councils/bracknell-forest-council").json()["read"] is True
    strategy = web.get(f"/api/strategies/{unread.STEM}").json()
    assert (strategy["read"], strategy["not_read"], strategy["pledges"]) == (False, unread.MESSAGE, [])
    others = web.get("/api/strategies", params={"limit": 100}).json()["items"]
    assert {s["key"]: s["read"] for s in others} == {s["key"]: s["key"] != unread.STEM for s in others}


def test_gaps_page_says_the_document_was_not_read_and_invents_no_gap_for_it(web):
    found = web.get("/api/gaps", params={"limit": 1000}).json()
    assert found["items"] and not [g for g in found["items"] if g["council"] == unread.COUNCIL_KEY]
    assert [d["message"] for d in found["not_read"]] == [unread.MESSAGE]
    html = web.get("/gaps", headers={"Accept": "text/html"}).text
    alert = _text(html.split('aria-labelledby="not-read"')[1].split("</section>")[0])
    assert "1 document not read as a plan: no gaps reported for it" in alert and unread.SHOWN in alert
    mine = web.get("/gaps", params={"council": unread.COUNCIL_KEY}, headers={"Accept": "application/json"}).json()
    assert mine["total"] == 0 and [d["message"] for d in mine["not_read"]] == [unread.MESSAGE]
    other = web.get("/gaps", params={"council": "bracknell-forest-council"},
                    headers={"Accept": "text/html"}).text
    assert 'id="not-read"' not in other, "the line is about the council asked for"


def test_coverage_marks_the_council_not_read_instead_of_all_zeros(web):
    cov = web.get("/api/coverage").json()
    rows = {r["key"]: r for r in cov["councils"]}
    assert rows[unread.COUNCIL_KEY]["read"] is False
    assert all(r["read"] for k, r in rows.items() if k != unread.COUNCIL_KEY)
    assert [d["message"] for d in cov["not_read"]] == [unread.MESSAGE]


def test_the_view_pages_of_the_service_show_it_not_read(web):
    coverage = web.get("/views/coverage").text
    assert "Not read as a plan (its cells are unknown, not gaps)" in unescape(coverage)
    tree = web.get("/views/family-tree").text
    assert "Not read as a plan (no pledges or owners could be drawn from it)" in unescape(tree)
