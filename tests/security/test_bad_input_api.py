"""The bad-input matrix through the web service: a broken query is a 400, a broken curation
request a 4xx, a body over the limit a 413 — each with the one error body
``{"error": CODE, "message": …}`` — and none of them writes to the store or the curation file."""

from __future__ import annotations

import http.client
import json
from urllib.parse import urlsplit

import pytest

from tests.cli_runner import curation_file, store_quads

LIMIT = 65536  # CPGRAPH_MAX_REQUEST_BYTES of the test server


def _error(response, status: int | tuple[int, ...], code: str | None = None) -> str:
    statuses = status if isinstance(status, tuple) else (status,)
    assert response.status_code in statuses, f"{response.status_code}: {response.text[:300]}"
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error", "message"}, body
    assert body["message"] and "\n" not in body["message"] and "Traceback" not in body["message"]
    if code:
        assert body["error"] == code, body
    return body["message"]


@pytest.fixture(scope="module")
def before(hostile_site) -> tuple[list[str], bytes | None]:
    """The store's quads and the curation file before the bad requests."""
    path = curation_file(hostile_site.home)
    return store_quads(hostile_site.home), path.read_bytes() if path.exists() else None


@pytest.mark.parametrize("query", [
    "SELECT WHERE nonsense {",
    "SELECT * WHERE { ?s ?p ?o ",
    "SELECT * WHERE { ?s <not an iri> ?o }",
    "this is not SPARQL at all",
    "PREFIX : <http://e/>",
    "SELECT * WHERE { ?s ?p \"\\uD800\" }",
    "\x00\x01\x02",
    "SELECT ?x WHERE { BIND(ex:undeclared AS ?x) }",
])
def test_bad_sparql_is_400_json(hostile_http, query):
    for response in (hostile_http.get("/sparql", params={"query": query}),
                     hostile_http.post("/sparql", content=query.encode(),
                                       headers={"Content-Type": "application/sparql-query"})):
        _error(response, 400, "bad_input")


def test_sparql_post_that_is_not_utf8_or_not_a_query_is_400(hostile_http):
    _error(hostile_http.post("/sparql", content=b"SELECT \xff\xfe * WHERE {}",
                             headers={"Content-Type": "application/sparql-query"}), 400)
    _error(hostile_http.post("/sparql", content=b"<xml/>", headers={"Content-Type": "application/xml"}), (400, 415))
    _error(hostile_http.get("/sparql", params=[("query", "ASK {}"), ("query", "ASK {}")]), 400)


def _post(http, site, route: str, **kwargs):
    headers = {"Authorization": f"Bearer {site.token}", **kwargs.pop("headers", {})}
    return http.post(f"/api/curation/{route}", headers=headers, **kwargs)


@pytest.mark.parametrize("route,body,status", [
    ("status", b"{\"action\": ", (400, 422)),
    ("status", b"[1, 2, 3]", (400, 422)),
    ("status", b"\xff\xfe not json", (400, 422)),
    ("status", b"{\"action\": 7, \"status\": [], \"by\": null}", 422),
    ("status", b"{\"action\": \"x-pledge-1-action-1\", \"status\": \"ok\", \"rag\": \"purple\", \"by\": \"T\"}", 422),
    ("status", b"{\"action\": \"x-pledge-1-action-1\", \"status\": \"\", \"by\": \"T\"}", 422),
    ("status", b"{\"action\": \"../../etc/passwd\", \"status\": \"ok\", \"by\": \"T\"}", (400, 404)),
    ("status", b"{\"action\": \"no-such-plan-pledge-1-action-1\", \"status\": \"ok\", \"by\": \"T\"}", 404),
    ("assignments", b"{\"item\": \"x-pledge-1\", \"by\": \"T\"}", (400, 404)),
    ("assignments", b"{\"item\": \"x-pledge-1\", \"owner\": \"} ; DROP ALL ; {\", \"by\": \"T\"}", (400, 404)),
    ("corrections", b"{\"item\": \"x-pledge-1\", \"field\": \"owner\", \"value\": \"v\", \"by\": \"T\"}", 422),
    ("corrections", b"{\"item\": \"x-pledge-1\", \"field\": \"due\", \"value\": \"next Tuesday\", \"by\": \"T\"}", (400, 404)),
    ("status", b"{\"action\": \"x-pledge-1-action-1\", \"status\": \"" + b"s" * 300 + b"\", \"by\": \"T\"}", 422),
])
def test_bad_curation_request_is_4xx_json_and_writes_nothing(hostile_site, hostile_http, before, route, body, status):
    response = _post(hostile_http, hostile_site, route, content=body, headers={"Content-Type": "application/json"})
    _error(response, status)
    quads, saved = before
    path = curation_file(hostile_site.home)
    assert (path.read_bytes() if path.exists() else None) == saved


def test_curation_without_the_token_is_refused(hostile_site, hostile_http, before):
    body = {"action": f"{hostile_site.pledges[0]}-action-1", "status": "Done", "by": "Mallory"}
    _error(hostile_http.post("/api/curation/status", json=body), 401, "unauthorized")
    _error(hostile_http.post("/api/curation/status", json=body, headers={"Authorization": "Bearer wrong"}),
           401, "unauthorized")
    _error(hostile_http.post("/api/curation/status", json=body, headers={"Authorization": "Basic dGVzdA=="}),
           401, "unauthorized")
    assert not curation_file(hostile_site.home).exists() or b"Mallory" not in curation_file(hostile_site.home).read_bytes()


@pytest.mark.parametrize("route,content_type", [
    ("/sparql", "application/sparql-query"),
    ("/sparql", "application/x-www-form-urlencoded"),
    ("/api/curation/status", "application/json"),
    ("/api/curation/assignments", "application/json"),
])
def test_oversized_body_is_413_json(hostile_site, hostile_http, before, route, content_type):
    big = b"#" * (LIMIT + 1)
    headers = {"Content-Type": content_type, "Authorization": f"Bearer {hostile_site.token}"}
    _error(hostile_http.post(route, content=big, headers=headers), 413, "too_large")

    def streamed():  # no Content-Length: the limit must hold while the body arrives
        for _ in range(8):
            yield b"#" * (LIMIT // 4)

    _error(hostile_http.post(route, content=streamed(), headers=headers), 413, "too_large")


def test_announced_oversized_body_is_refused_before_it_is_sent(hostile_site):
    # Content-Length says 10 MB; the server answers 413 from the header, without waiting for it.
    parts = urlsplit(hostile_site.server.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.putrequest("POST", "/sparql")
        conn.putheader("Content-Type", "application/sparql-query")
        conn.putheader("Content-Length", str(10 * 1024 * 1024))
        conn.endheaders(b"ASK {}")
        response = conn.getresponse()
        assert response.status == 413
        body = json.loads(response.read())
    finally:
        conn.close()
    assert body["error"] == "too_large"


def test_nothing_was_written_by_the_bad_requests(hostile_site, hostile_http, before):
    # Runs last in this module (pytest keeps file order): the store is as it was.
    quads, saved = before
    assert store_quads(hostile_site.home) == quads
    path = curation_file(hostile_site.home)
    assert (path.read_bytes() if path.exists() else None) == saved
    assert hostile_http.get("/api/councils").status_code == 200
