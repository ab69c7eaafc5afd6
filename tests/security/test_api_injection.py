"""Injection and traversal through the web service: every route that takes a parameter gets
SPARQL-breaking text, every route that takes a name gets a path out of its folder, and the public
SPARQL endpoint gets updates, LOAD and SERVICE calls — including the spellings that once slipped
past its keyword scan. The store must be byte-for-byte what it was, no file may be served, and
no request may leave the machine."""

from __future__ import annotations

import http.client
import http.server
import threading
from collections.abc import Iterator
from urllib.parse import quote, urlsplit

import pytest

from tests.cli_runner import store_quads

INJECTIONS = [
    "'",
    '"',
    '"}',
    "} ; DROP ALL ; {",
    '" } ; DROP ALL ; INSERT DATA { <urn:x> <urn:x> <urn:x> } #',
    "> } DELETE WHERE { ?s ?p ?o } #",
    "x\n} ; CLEAR ALL ; {\r\n",
    "\u202e\u00fc\U0001f4a5\u0000 caf\u00e9",
    "?post ; ?s ?p ?o",
]
"""Text that would change a query if it were pasted into one."""

TRAVERSALS = [
    "../../../../../../etc/passwd",
    "..%2f..%2f..%2f..%2fpyproject.toml",
    "%2e%2e%2f%2e%2e%2f%2e%2e%2fpyproject.toml",
    "%2Fetc%2Fpasswd",
    "..\\..\\..\\pyproject.toml",
    "unowned-actions%00.rq",
    "....//....//....//etc/passwd",
    "%252e%252e%252fpyproject.toml",
]
"""Names that point outside any folder (sent raw: the client must not tidy them)."""

LEAKS = ("root:x:0:0", "[project]", "[tool.ruff]", "PREFIX cp:", "SELECT ")
"""What a leaked file would show (passwd, pyproject.toml, a query file's source)."""


def _routes(http) -> list[tuple[str, list[str], list[str]]]:
    """Every GET route: its path template, path parameters and string query parameters."""
    spec = http.get("/openapi.json").json()
    found = []
    for path, methods in spec["paths"].items():
        get = methods.get("get")
        if not get:
            continue
        params = get.get("parameters", [])
        in_path = [p["name"] for p in params if p["in"] == "path"]
        in_query = [p["name"] for p in params if p["in"] == "query" and p.get("schema", {}).get("type") != "integer"
                    and p["name"] not in ("limit", "offset")]
        if in_path or in_query:
            found.append((path, in_path, in_query))
    return found


def _fill(path: str, names: list[str], value: str, target: str | None = None) -> str:
    """``path`` with its parameters filled: ``target`` gets ``value`` (URL-quoted), the others a
    harmless name."""
    for name in names:
        path = path.replace("{" + name + "}", quote(value, safe="") if name in (target, None) else "x")
    return path


def _assert_error_body(response, where: str) -> None:
    assert response.status_code < 500, f"{where}: {response.status_code} {response.text[:300]}"
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error", "message"}, f"{where}: {body}"
        assert "\n" not in body["message"]


@pytest.fixture(scope="module")
def quads_before(hostile_site) -> list[str]:
    """The hostile store's quads before any attack (read-only beside the server)."""
    return store_quads(hostile_site.home)


def test_openapi_lists_the_routes_under_attack(hostile_http):
    routes = {path for path, _, _ in _routes(hostile_http)}
    # If routes are renamed this test notices, so the attacks below never silently run on nothing.
    assert {"/api/pledges/{pledge}", "/api/posts/{council}/{post}", "/queries/{name}", "/views/{kind}",
            "/api/search", "/api/gaps", "/posts/{council}/{post}", "/sparql"} <= routes


def test_sparql_injection_through_every_rest_parameter_changes_nothing(hostile_site, hostile_http, quads_before):
    attacked = 0
    for path, in_path, in_query in _routes(hostile_http):
        if path == "/sparql" or path == "/query":
            continue  # their parameter IS a query: refused or answered read-only (tests below)
        for payload in INJECTIONS:
            for name in in_path:
                url = _fill(path, in_path, payload, name)
                _assert_error_body(hostile_http.get(url), url)
                attacked += 1
            for name in in_query:
                url = _fill(path, in_path, "x")
                response = hostile_http.get(url, params={name: payload})
                _assert_error_body(response, f"{url}?{name}={payload!r}")
                attacked += 1
    assert attacked > 200
    assert store_quads(hostile_site.home) == quads_before


def test_sparql_injection_through_named_query_parameters_changes_nothing(hostile_site, hostile_http, quads_before):
    catalogue = hostile_http.get("/queries").json()["items"]
    attacked = 0
    for query in catalogue:
        for param in query["params"]:
            for payload in INJECTIONS:
                response = hostile_http.get(f"/queries/{query['name']}", params={param["name"]: payload})
                _assert_error_body(response, f"{query['name']}?{param['name']}={payload!r}")
                if response.status_code == 200:
                    assert response.json()["params"][param["name"]] == payload  # bound as data
                attacked += 1
    assert attacked >= 9
    assert store_quads(hostile_site.home) == quads_before


def _raw_get(base: str, target: str) -> tuple[int, str, str]:
    """GET ``target`` exactly as written (no dot-segment removal, no re-quoting)."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.putrequest("GET", target, skip_accept_encoding=True)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.getheader("content-type") or "", response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def test_path_traversal_on_every_named_route_serves_no_file(hostile_site, hostile_http):
    tried = 0
    for path, in_path, _ in _routes(hostile_http):
        for name in in_path:
            for payload in TRAVERSALS:
                target = path
                for other in in_path:
                    target = target.replace("{" + other + "}", payload if other == name else "x")
                status, ctype, body = _raw_get(hostile_site.server.url, target)
                where = f"GET {target} -> {status}"
                assert status in (400, 404, 422), f"{where}: {body[:300]}"
                assert ctype.startswith("application/json"), where
                assert not any(leak in body for leak in LEAKS), f"{where} leaked: {body[:300]}"
                tried += 1
    for target in ("/../../../../etc/passwd", "/%2e%2e/%2e%2e/pyproject.toml", "/queries/../../pyproject.toml",
                   "/views/..%2f..%2fviz%2fassets%2fview.js", "/static/../../etc/passwd"):
        status, _, body = _raw_get(hostile_site.server.url, target)
        assert status in (400, 404), f"GET {target} -> {status}"
        assert not any(leak in body for leak in LEAKS), f"GET {target} leaked: {body[:300]}"
        tried += 1
    assert tried > 50


def test_unknown_named_query_and_view_are_404_json(hostile_http):
    for url in ("/queries/pyproject", "/queries/unowned-actions.rq", "/views/etc-passwd"):
        response = hostile_http.get(url)
        assert response.status_code == 404
        assert response.json()["error"] == "not_found"


# --- the public SPARQL endpoint ---------------------------------------------------------------------

class _Listener(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (the handler API's name)
        type(self).hits.append(self.path)
        self.send_response(500)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def elsewhere() -> Iterator[tuple[str, list[str]]]:
    """Another host (a listener on 127.0.0.1): its URL and the requests it received."""
    _Listener.hits = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Listener)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", _Listener.hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


# Each once reached the listener: the endpoint's keyword scan read them differently from the
# query engine (a '.' glued to SERVICE, a '#' escaped inside a prefixed name or after a \u escape
# in an IRI — the scan took the rest of the line for a comment).
SERVICE_SPELLINGS = [
    "SELECT * WHERE {{ ?s ?p ?o .SERVICE <{url}> {{ ?a ?b ?c }} }} LIMIT 1",
    "PREFIX ex: <http://e/> SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ ?s ex:p\\#x ?z }} SERVICE <{url}> {{ ?a ?b ?c }} }} LIMIT 1",
    "PREFIX ex: <http://e/> SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ ?s ex:p\\'x ?z }} SERVICE <{url}> {{ ?a ?b ?c }} }} LIMIT 1 #'",
    "SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ ?s ?p <http://e/\\u0041#x> }} SERVICE <{url}> {{ ?a ?b ?c }} }} LIMIT 1",
    "SELECT * WHERE {{ BIND(\"\"\"a\"\"\"\" AS ?x) ?s ?p ?o SERVICE <{url}> {{ ?a ?b ?c }} BIND(\"x\" AS ?y) }}",
    "select * where {{ ?s ?p ?o . service silent <{url}> {{ ?a ?b ?c }} }} limit 1",
    "SELECT * WHERE {{ ?s ?p ?o SERVICE#comment\n<{url}> {{ ?a ?b ?c }} }} LIMIT 1",
    "PREFIX e: <{base}> SELECT * WHERE {{ ?s ?p ?o SERVICE e:sparql {{ ?a ?b ?c }} }} LIMIT 1",
    "SELECT * WHERE {{ ?s ?p ?o \\u0053ERVICE <{url}> {{ ?a ?b ?c }} }} LIMIT 1",
]


@pytest.mark.parametrize("template", SERVICE_SPELLINGS)
def test_service_calls_to_another_host_are_refused(hostile_http, elsewhere, template):
    url, hits = elsewhere
    query = template.format(url=url, base=url.rsplit("/", 1)[0] + "/")
    for send in (lambda: hostile_http.get("/sparql", params={"query": query}),
                 lambda: hostile_http.post("/sparql", data={"query": query}),
                 lambda: hostile_http.get("/query", params={"query": query})):
        response = send()
        if response.headers["content-type"].startswith("application/json"):
            assert response.status_code == 403, response.text
            assert response.json()["error"] == "forbidden"
        else:  # the HTML query page shows the refusal in the page
            assert response.status_code == 200 and "not allowed" in response.text
    assert hits == [], f"the endpoint called {url}: {hits}"


def test_service_words_in_strings_and_names_still_answer(hostile_http):
    query = ('PREFIX ex: <http://e/> SELECT ?service WHERE { BIND("Leaving Care Service" AS ?service) '
             'OPTIONAL { ?service ex:service ?o } }')
    response = hostile_http.get("/sparql", params={"query": query}, headers={"Accept": "application/json"})
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("query", [
    "DROP ALL",
    "CLEAR DEFAULT",
    "LOAD <{url}>",
    "LOAD SILENT <{url}> INTO GRAPH <urn:g>",
    "INSERT DATA {{ <urn:a> <urn:b> <urn:c> }}",
    "DELETE WHERE {{ ?s ?p ?o }}",
    "PREFIX x: <urn:x> # a query?\nWITH <urn:g> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}",
    "SELECT * WHERE {{ ?s ?p ?o }} ; DROP ALL",
    "ASK {{}} ;\nLOAD <{url}>",
])
def test_updates_and_load_are_refused_and_change_nothing(hostile_site, hostile_http, elsewhere, quads_before, query):
    url, hits = elsewhere
    text = query.format(url=url)
    for response in (hostile_http.get("/sparql", params={"query": text}),
                     hostile_http.post("/sparql", data={"update": text}),
                     hostile_http.post("/sparql", content=text.encode(),
                                       headers={"Content-Type": "application/sparql-update"})):
        assert response.status_code in (400, 403), response.text
        assert response.json()["error"] in ("forbidden", "bad_input")
    assert hits == []
    assert store_quads(hostile_site.home) == quads_before
