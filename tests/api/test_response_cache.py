"""The response cache: a repeated GET is answered from memory until the data changes; curation
through the API, a fresh-answer request and errors are never served stale."""

from __future__ import annotations

import pytest

from tests.api.conftest import TOKEN, new_home, start_server

AUTH = {"Authorization": f"Bearer {TOKEN}"}
OVERDUE = {"rule": "overdue_no_status", "limit": 1000}


@pytest.fixture(scope="module")
def server(tmp_path_factory, built_store):
    srv = start_server(new_home(tmp_path_factory, built_store, "cache-home"))
    yield srv
    srv.stop()


def test_a_repeated_answer_comes_from_the_cache_until_curation_changes_it(server):
    with server.client() as client:
        first = client.get("/api/gaps", params=OVERDUE)
        assert first.status_code == 200 and first.headers["x-cpgraph-cache"] == "miss"
        again = client.get("/api/gaps", params=OVERDUE)
        assert again.headers["x-cpgraph-cache"] == "hit" and again.json() == first.json()
        fresh = client.get("/api/gaps", params=OVERDUE, headers={"Cache-Control": "no-cache"})
        assert fresh.headers["x-cpgraph-cache"] == "miss" and fresh.json() == first.json()
        action = first.json()["items"][0]["key"]
        r = client.post("/api/curation/status", headers=AUTH,
                        json={"action": action, "status": "On track", "rag": "green", "by": "Sam"})
        assert r.status_code == 201, r.text
        after = client.get("/api/gaps", params=OVERDUE)
        assert after.headers["x-cpgraph-cache"] == "miss"
        assert action not in {g["key"] for g in after.json()["items"]}


def test_errors_are_not_cached(server):
    with server.client() as client:
        for _ in range(2):
            r = client.get("/api/posts/no-such-council/no-such-post")
            assert r.status_code == 404 and r.headers["x-cpgraph-cache"] == "miss"


def test_a_named_query_in_csv_is_not_answered_with_the_cached_json(server):
    with server.client() as client:
        as_json = client.get("/queries/councils")
        client.get("/queries/councils")
        as_csv = client.get("/queries/councils", headers={"Accept": "text/csv"})
        assert as_json.headers["content-type"].startswith("application/json")
        assert as_csv.headers["content-type"].startswith("text/csv")
        assert as_csv.headers["x-cpgraph-cache"] == "miss"
