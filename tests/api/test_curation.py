"""Curation through the API and the CLI: an owner assigned survives a rebuild and a restart, and
shows who assigned it and when; writes need the token."""

from __future__ import annotations

import threading

import pytest
from rdflib import Dataset

from api import items
from cpgraph.build import run_build
from cpgraph.curation import item_iri
from cpgraph.namespace import CP
from cpgraph.settings import Settings
from cpgraph.store import open_store
from tests.api.conftest import TOKEN, new_home, start_server
from tests.cli_runner import run_cpgraph

AUTH = {"Authorization": f"Bearer {TOKEN}"}
OWNERSHIP_RULES = ("unowned_action", "unowned_pledge", "owned_above_only", "owner_not_post")


@pytest.fixture(scope="module")
def curated(tmp_path_factory, built_store):
    srv = start_server(new_home(tmp_path_factory, built_store, "curation-home"))
    yield srv
    srv.stop()


def _ownership_gap(client) -> tuple[dict, dict]:
    """An action with an ownership gap, and a post of its council that could own it."""
    gaps = client.get("/api/gaps", params={"limit": 1000}).json()["items"]
    for gap in gaps:
        if gap["rule"] in OWNERSHIP_RULES and "-action-" in (gap["key"] or ""):
            posts = client.get("/api/posts", params={"council": gap["council"], "limit": 1000}).json()["items"]
            posts = [p for p in posts if p["kind"] == "post"]
            if posts:
                return gap, posts[0]
    pytest.fail("the seeds have no action with an ownership gap in a council with posts")


def test_assignment_survives_rebuild_and_restart(tmp_path_factory, built_store):
    curated = start_server(new_home(tmp_path_factory, built_store, "round-trip-home"))
    with curated.client() as client:
        gap, post = _ownership_gap(client)
        action = gap["key"]
        r = client.post("/api/curation/assignments", headers=AUTH,
                        json={"item": action, "owner": post["key"], "by": "Jo Curator"})
        assert r.status_code == 201, r.text
        assert r.json()["by"] == "Jo Curator" and r.json()["at"].endswith("Z")
        assigned_at = r.json()["at"]

        def still_curated():
            remaining = {(g["rule"], g["key"]) for g in client.get("/api/gaps", params={"limit": 1000}).json()["items"]}
            assert (gap["rule"], action) not in remaining
            owners = client.get(f"/api/actions/{action}").json()["owners"]
            mine = [o for o in owners if o["key"] == post["key"]]
            assert mine and mine[0]["origin"] == "curated" and mine[0]["assigned_by"] == "Jo Curator"
            assert mine[0]["assigned_at"].startswith(assigned_at[:19])

        still_curated()
        # a rebuild in another process: the server picks up the new generation, curation is kept
        summary = run_build(Settings(home=curated.home))
        assert summary.curated_triples > 0
        still_curated()
        page = client.get(f"/posts/{post['council']}/{post['key']}").text
        assert "curated by Jo Curator" in page and assigned_at[:10] in page
    curated.stop()
    restarted = start_server(curated.home)
    try:
        with restarted.client() as client:
            still_curated()
    finally:
        restarted.stop()
    text = (curated.home / "data" / "curation.trig").read_text(encoding="utf-8")
    assert "Jo Curator" in text and "prov:generatedAtTime" in text and 'cp:origin "curated"' in text


def test_status_and_correction_show_with_their_origin(curated):
    with curated.client() as client:
        overdue = [g for g in client.get("/api/gaps", params={"rule": "overdue_no_status", "limit": 1}).json()["items"]]
        assert overdue, "the seeds have no overdue action"
        action = overdue[0]["key"]
        r = client.post("/api/curation/status", headers=AUTH,
                        json={"action": action, "status": "On track", "rag": "green", "by": "Sam"})
        assert r.status_code == 201, r.text
        left = {g["key"] for g in client.get("/api/gaps", params={"rule": "overdue_no_status", "limit": 1000}).json()["items"]}
        assert action not in left
        r = client.post("/api/curation/corrections", headers=AUTH,
                        json={"item": action, "field": "due", "value": "2027-03", "by": "Sam"})
        assert r.status_code == 201, r.text
        shown = client.get(f"/api/actions/{action}").json()
        assert shown["status"] == "On track" and shown["rag"] == "green" and shown["due"] == "2027-03"
        assert shown["curated"]["due"]["by"] == "Sam" and shown["extracted_due"] != "2027-03"
        bad = client.post("/api/curation/corrections", headers=AUTH,
                          json={"item": action, "field": "due", "value": "2027-13", "by": "Sam"})
        assert bad.status_code == 400 and bad.json()["error"] == "bad_input"
        ghost = client.post("/api/curation/status", headers=AUTH,
                            json={"action": "no-such-strategy-pledge-1-action-1", "status": "x", "by": "Sam"})
        assert ghost.status_code == 404


def test_concurrent_writes_both_persist(curated):
    with curated.client() as client:
        actions = [a["key"] for a in client.get("/api/actions", params={"limit": 3, "offset": 3}).json()["items"]]
    results = []

    def post(action):
        with curated.client() as client:
            results.append(client.post("/api/curation/status", headers=AUTH,
                                       json={"action": action, "status": "Twin", "by": "Twin"}).status_code)

    threads = [threading.Thread(target=post, args=(a,)) for a in actions]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert results == [201] * len(actions)
    saved = Dataset()
    saved.parse(curated.home / "data" / "curation.trig", format="trig")
    statuses = {str(s) for s, _, o, _g in saved.quads((None, CP.status, None, None)) if str(o) == "Twin"}
    assert {str(item_iri(a)) for a in actions} <= statuses


def test_writes_need_the_token(curated, http):
    body = {"item": "bracknell-forest-action-plan-2025-2028-pledge-1-action-1", "status": "x", "by": "Eve"}
    with curated.client() as client:
        assert client.post("/api/curation/status", json={**body, "action": body["item"]}).status_code == 401
        wrong = client.post("/api/curation/status", json={**body, "action": body["item"]},
                            headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401 and wrong.json()["error"] == "unauthorized"
        assert wrong.headers["www-authenticate"].startswith("Bearer")
        big = client.post("/api/curation/status", headers={**AUTH, "Content-Type": "application/json"},
                          content=b"[" * 70_000)
        assert big.status_code == 413 and big.json()["error"] == "too_large"
    r = http.post("/api/curation/assignments", headers=AUTH,  # the shared server has no token
                  json={"item": body["item"], "owner": "head-of-hr", "by": "Eve"})
    assert r.status_code == 403 and r.json()["error"] == "forbidden"


def test_cli_assign_and_status(tmp_path_factory, built_store):
    home = new_home(tmp_path_factory, built_store, "cli-home")
    action = "bracknell-forest-action-plan-2025-2028-pledge-1-action-1"

    def cli(*args):
        return run_cpgraph(home, *args, timeout=120)

    ok = cli("assign", action, "head-of-hr", "--by", "Kim")
    assert ok.returncode == 0, ok.stderr
    assert "Assigned head-of-hr" in ok.stdout
    st = cli("status", action, "Delayed", "--rag", "red", "--by", "Kim")
    assert st.returncode == 0, st.stderr
    bad = cli("status", action, "Delayed", "--rag", "purple", "--by", "Kim")
    assert bad.returncode == 2 and "RAG must be one of" in bad.stderr and "Traceback" not in bad.stderr
    missing = cli("assign", action, "nobody-at-all", "--by", "Kim")
    assert missing.returncode == 2 and "no post" in missing.stderr
    run_build(Settings(home=home))
    with open_store(str(home / ".cpgraph" / "store")) as store:
        shown = items.action(store, action)
    assert shown["status"] == "Delayed" and shown["rag"] == "red"
    assert any(o["key"] == "head-of-hr" and o["origin"] == "curated" and o["assigned_by"] == "Kim"
               for o in shown["owners"])
