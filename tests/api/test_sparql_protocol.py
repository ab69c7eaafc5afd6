"""The SPARQL 1.1 Protocol at /sparql, with real clients (SPARQLWrapper, rdflib's SPARQLStore and
plain HTTP) against a running server on the seeds."""

from __future__ import annotations

import csv
import gc
import io
import json
import threading
import time
import urllib.error
import warnings
import xml.etree.ElementTree as ET
from http.client import HTTPConnection
from urllib.parse import urlencode

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

COUNCILS = """PREFIX cp: <https://w3id.org/cpgraph/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?key ?name WHERE { ?c a cp:Council ; cp:key ?key ; rdfs:label ?name } ORDER BY ?key"""
BRACKNELL_PLEDGES = """PREFIX cp: <https://w3id.org/cpgraph/ns#>
CONSTRUCT { ?p cp:text ?t } WHERE { ?p a cp:Pledge ; cp:text ?t ; cp:key ?k .
  FILTER(STRSTARTS(?k, "bracknell-forest-action-plan-2025-2028")) }"""
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(autouse=True)
def _close_leaked_responses():
    """SPARQLWrapper (urllib) leaves responses of failed requests for the garbage collector to
    close; collect them here, where their ResourceWarning is expected, not in a later test."""
    yield
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


def wrapper(server, fmt, query: str, method: str = "GET") -> SPARQLWrapper:
    sw = SPARQLWrapper(f"{server.url}/sparql")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    sw.setMethod(method)
    return sw


@pytest.fixture(scope="module")
def council_keys(http) -> list[str]:
    return [c["key"] for c in http.get("/api/councils").json()["items"]]


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_json_and_xml(server, council_keys, method):
    rows = wrapper(server, JSON, COUNCILS, method).queryAndConvert()["results"]["bindings"]
    assert [r["key"]["value"] for r in rows] == sorted(council_keys)
    assert "bracknell-forest-council" in council_keys
    doc = wrapper(server, XML, COUNCILS, method).queryAndConvert()
    names = [b.firstChild.firstChild.data for b in doc.getElementsByTagName("binding")
             if b.getAttribute("name") == "key"]
    assert names == sorted(council_keys)


def test_sparqlwrapper_csv_tsv_and_ask(server, council_keys):
    text = wrapper(server, CSV, COUNCILS).queryAndConvert().decode("utf-8")
    assert [r["key"] for r in csv.DictReader(io.StringIO(text))] == sorted(council_keys)
    tsv = wrapper(server, TSV, COUNCILS).queryAndConvert().decode("utf-8").splitlines()
    assert tsv[0] == "?key\t?name" and tsv[1].startswith('"') and len(tsv) == len(council_keys) + 1
    ask = 'PREFIX cp: <https://w3id.org/cpgraph/ns#> ASK { ?c cp:key "bracknell-forest-council" }'
    assert wrapper(server, JSON, ask).queryAndConvert()["boolean"] is True
    assert wrapper(server, JSON, ask.replace("bracknell", "nowhere")).queryAndConvert()["boolean"] is False


@pytest.mark.parametrize("fmt", [TURTLE, N3, XML, JSONLD])
def test_sparqlwrapper_construct_in_every_rdf_format(server, fmt):
    g = wrapper(server, fmt, BRACKNELL_PLEDGES).queryAndConvert()
    if not isinstance(g, Graph):
        g = Graph().parse(data=g, format={TURTLE: "turtle", N3: "turtle", JSONLD: "json-ld"}.get(fmt, "xml"))
    assert len(g) == 10  # the action plan's ten pledges


def test_rdflib_sparqlstore_reads_the_endpoint(server):
    store = SPARQLStore(query_endpoint=f"{server.url}/sparql")
    g = Graph(store=store)
    try:
        rows = list(g.query(COUNCILS))
        assert ("bracknell-forest-council",) in {(str(r[0]),) for r in rows}
        pledges = g.query(BRACKNELL_PLEDGES).graph
        assert len(pledges) == 10
        label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
        council = URIRef("https://w3id.org/cpgraph/id/council/bracknell-forest-council")
        assert str(g.value(council, label)) == "Bracknell Forest Council"
    finally:
        store.close()


def test_three_ways_to_send_a_query_give_one_answer(http):
    accept = {"Accept": "application/sparql-results+json"}
    by_get = http.get("/sparql", params={"query": COUNCILS}, headers=accept)
    by_form = http.post("/sparql", data={"query": COUNCILS}, headers=accept)
    direct = http.post("/sparql", content=COUNCILS.encode(), headers={**accept, "Content-Type": "application/sparql-query"})
    answers = [r.json()["results"] for r in (by_get, by_form, direct)]
    assert all(r.status_code == 200 for r in (by_get, by_form, direct))
    assert answers[0] == answers[1] == answers[2] and answers[0]["bindings"]


def test_content_negotiation_follows_q_values(http):
    def ctype(accept: str, query: str = COUNCILS) -> str:
        r = http.get("/sparql", params={"query": query}, headers={"Accept": accept})
        assert r.status_code == 200, r.text
        return r.headers["content-type"].split(";")[0]

    assert ctype("text/csv;q=0.5, application/sparql-results+xml;q=0.9") == "application/sparql-results+xml"
    assert ctype("text/tab-separated-values, */*;q=0.1") == "text/tab-separated-values"
    assert ctype("*/*") == "application/sparql-results+json"
    assert ctype("application/n-triples;q=0.4, application/rdf+xml;q=0.8", BRACKNELL_PLEDGES) == "application/rdf+xml"
    assert ctype("text/turtle;q=0, application/ld+json", BRACKNELL_PLEDGES) == "application/ld+json"
    xml_doc = http.get("/sparql", params={"query": COUNCILS}, headers={"Accept": "application/sparql-results+xml"})
    assert ET.fromstring(xml_doc.content).tag == "{http://www.w3.org/2005/sparql-results#}sparql"


def test_nothing_acceptable_is_406_with_the_error_body(http):
    r = http.get("/sparql", params={"query": COUNCILS}, headers={"Accept": "text/turtle"})
    assert r.status_code == 406
    assert r.json()["error"] == "not_acceptable" and "text/csv" in r.json()["message"]
    r = http.get("/sparql", params={"query": BRACKNELL_PLEDGES}, headers={"Accept": "text/csv"})
    assert r.status_code == 406


def test_syntax_error_is_400_with_a_message(server, http):
    r = http.get("/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert r.status_code == 400
    assert r.json()["error"] == "bad_input" and "syntax" in r.json()["message"].lower()
    with pytest.raises(QueryBadFormed):
        wrapper(server, JSON, "SELECT WHERE nonsense {").queryAndConvert()


@pytest.mark.parametrize("request_kwargs", [
    {"method": "POST", "data": {"update": "DROP ALL"}},
    {"method": "POST", "content": b"DROP ALL", "headers": {"Content-Type": "application/sparql-update"}},
    {"method": "GET", "params": {"query": "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }"}},
    {"method": "GET", "params": {"query": "LOAD <http://127.0.0.1:9/x.ttl>"}},
    {"method": "POST", "data": {"query": "DELETE WHERE { ?s ?p ?o }"}},
    {"method": "GET", "params": {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"}},
    {"method": "GET", "params": {"query": "# comment\nPREFIX x: <http://e/>\nselect * { service <http://localhost:1/> {} }"}},
])
def test_updates_load_and_service_are_forbidden(http, request_kwargs):
    before = http.get("/api/councils").json()["total"]
    r = http.request(url="/sparql", **request_kwargs)
    assert r.status_code == 403, r.text
    assert r.json()["error"] == "forbidden"
    assert http.get("/api/councils").json()["total"] == before


def test_sparqlwrapper_update_is_refused(server):
    sw = SPARQLWrapper(f"{server.url}/sparql")
    sw.setMethod("POST")
    sw.setQuery("DELETE WHERE { ?s ?p ?o }")
    with pytest.raises(urllib.error.HTTPError) as caught:
        sw.query()
    assert caught.value.code == 403


def test_words_inside_strings_are_not_keywords(http):
    query = 'SELECT ?x WHERE { BIND("please DELETE this SERVICE" AS ?x) }'
    r = http.get("/sparql", params={"query": query}, headers={"Accept": "application/json"})
    assert r.status_code == 200
    assert r.json()["results"]["bindings"][0]["x"]["value"] == "please DELETE this SERVICE"


def test_service_description_without_a_query(server, http):
    r = http.get("/sparql")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=r.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    service = URIRef(f"{server.url}/sparql")
    assert (service, URIRef(f"{sd}supportedLanguage"), URIRef(f"{sd}SPARQL11Query")) in g
    names = {str(o) for o in g.objects(None, URIRef(f"{sd}name"))}
    assert "https://w3id.org/cpgraph/graph/bracknell-forest-action-plan-2025-2028" in names
    assert "https://w3id.org/cpgraph/graph/curation" in names or len(names) >= 5


def test_row_cap_is_explicit(http):
    r = http.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}, headers={"Accept": "application/json"})
    assert r.status_code == 200
    assert r.headers["x-cpgraph-truncated"] == "true"
    body = r.json()
    assert list(body) == ["head", "results"] and len(body["results"]["bindings"]) == 200
    small = http.get("/sparql", params={"query": COUNCILS}, headers={"Accept": "text/csv"})
    assert small.headers["x-cpgraph-truncated"] == "false"
    graph = http.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, headers={"Accept": "application/n-triples"})
    assert graph.headers["x-cpgraph-truncated"] == "true" and len(graph.text.strip().splitlines()) == 200


def client_at(server, address: str) -> httpx.Client:
    """A client of ``server`` connecting from the loopback ``address`` (another client to the
    server, which shares its query workers between addresses)."""
    return server.client(transport=httpx.HTTPTransport(local_address=address))


def test_protocol_errors_never_500(http):
    cases = [
        http.post("/sparql", content=b"\xff\xfe", headers={"Content-Type": "application/sparql-query"}),
        http.post("/sparql", content=b"query=x", headers={"Content-Type": "text/plain"}),
        http.post("/sparql", data={"nothing": "here"}),
        http.get("/sparql", params=[("query", COUNCILS), ("query", COUNCILS)]),
        http.get("/sparql", params={"query": COUNCILS, "default-graph-uri": "not an iri"}),
        http.request("DELETE", "/sparql"),
    ]
    assert [r.status_code for r in cases] == [400, 400, 400, 400, 400, 405]
    assert all(set(r.json()) == {"error", "message"} for r in cases)


def test_default_graph_uri_restricts_the_dataset(http):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/cpgraph/ns#Pledge> }"
    graph = "https://w3id.org/cpgraph/graph/bracknell-forest-action-plan-2025-2028"
    only = http.get("/sparql", params={"query": query, "default-graph-uri": graph}, headers={"Accept": "text/csv"})
    none = http.get("/sparql", params={"query": query, "default-graph-uri": "https://w3id.org/cpgraph/graph/ontology"},
                    headers={"Accept": "text/csv"})
    assert only.text.splitlines()[1] == "10" and none.text.splitlines()[1] == "0"


def test_named_queries_as_json_and_csv(http):
    listed = http.get("/queries").json()
    names = {q["name"] for q in listed["items"]}
    assert {"councils", "post-responsibilities"} <= names
    r = http.get("/queries/post-responsibilities", params={"post": "child-participation-development-worker"})
    rows = r.json()["rows"]
    assert r.status_code == 200 and len({row["item"] for row in rows}) == 13
    as_csv = http.get("/queries/councils", headers={"Accept": "text/csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert "bracknell-forest-council" in as_csv.text
    assert r.headers["x-cpgraph-source"] in ("memory", "store")
    deadline = time.monotonic() + 60  # the query workers load the data in the background
    while (again := http.get("/queries/post-responsibilities", params={"post": "child-participation-development-worker"},
                             headers={"Cache-Control": "no-cache"})).headers["x-cpgraph-source"] != "memory":
        assert time.monotonic() < deadline, "the workers' in-memory copy never answered"
        time.sleep(0.1)
    assert sorted(row["item"] for row in again.json()["rows"]) == sorted(row["item"] for row in rows)
    hostile = http.get("/queries/post-responsibilities", params={"post": '"} ; DROP ALL ; {'})
    assert hostile.status_code == 200 and hostile.json()["rows"] == []
    assert http.get("/queries/councils", params={"nope": "1"}).status_code == 400
    assert http.get("/queries/..%2F..%2Fetc%2Fpasswd").status_code == 404
    assert json.loads(http.get("/queries/nothing-here").text)["error"] == "not_found"


JSON_RESULTS = {"Accept": "application/sparql-results+json"}
BRACKNELL = "https://w3id.org/cpgraph/graph/bracknell-forest-action-plan-2025-2028"


def test_from_and_from_named_restrict_the_dataset(http):
    count = f"SELECT (COUNT(*) AS ?n) FROM <{BRACKNELL}> WHERE {{ ?s a <https://w3id.org/cpgraph/ns#Pledge> }}"  # noqa: S608 - SPARQL
    r = http.get("/sparql", params={"query": count}, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.text.splitlines()[1] == "10"
    named = f"SELECT DISTINCT ?g FROM NAMED <{BRACKNELL}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"  # noqa: S608 - SPARQL
    rows = http.get("/sparql", params={"query": named}, headers=JSON_RESULTS).json()["results"]["bindings"]
    assert [b["g"]["value"] for b in rows] == [BRACKNELL]


def test_prefix_names_with_dots_are_accepted(http):
    query = "PREFIX cp.ns: <https://w3id.org/cpgraph/ns#> SELECT (COUNT(*) AS ?n) WHERE { ?p a cp.ns:Pledge }"
    r = http.get("/sparql", params={"query": query}, headers=JSON_RESULTS)
    assert r.status_code == 200, r.text
    assert int(r.json()["results"]["bindings"][0]["n"]["value"]) > 10


def test_a_query_body_in_another_charset_is_refused(http):
    sent = http.post("/sparql", content="ASK {}".encode("latin-1"),
                     headers={"Content-Type": "application/sparql-query; charset=ISO-8859-1"})
    assert sent.status_code == 400 and sent.json()["error"] == "bad_input"
    utf8 = http.post("/sparql", content=b"ASK {}", headers={**JSON_RESULTS,
                                                            "Content-Type": "application/sparql-query; charset=utf-8"})
    assert utf8.status_code == 200 and utf8.json()["boolean"] is True


def test_long_get_urls_are_answered_by_the_endpoint(server, http):
    """A GET query longer than the HTTP parser's default 16 KiB is run; one longer than the
    request cap (64 KiB on this server) is refused with 414 and the endpoint's JSON error."""
    padded = http.get("/sparql", params={"query": "ASK {} #" + "x" * 20_000}, headers=JSON_RESULTS)
    assert padded.status_code == 200 and padded.json()["boolean"] is True
    host, port = server.url.removeprefix("http://").split(":")
    conn = HTTPConnection(host, int(port), timeout=30)  # httpx refuses such URLs itself
    try:
        conn.request("GET", "/sparql?" + urlencode({"query": "ASK {} #" + "x" * 70_000}))
        too_long = conn.getresponse()
        status, body = too_long.status, json.loads(too_long.read())
    finally:
        conn.close()
    assert status == 414
    assert body["error"] == "uri_too_long" and "POST" in body["message"]


def quick_query_from(server, address: str) -> None:
    with client_at(server, address) as client:
        assert client.get("/sparql", params={"query": COUNCILS}).status_code == 200


def test_a_client_with_runaway_queries_cannot_take_every_worker(server):
    """The server runs with a 3 s query limit: a cross product of the store with itself three
    times cannot finish, and is stopped. Two such queries from one address: the second waits
    (its wait counted in the limit) while a quick query and a page from another address are
    answered within a second."""
    results: dict[str, tuple] = {}

    def runaway(name: str) -> None:
        started = time.monotonic()
        with client_at(server, "127.0.0.2") as client:
            r = client.get("/sparql", params={"query": SLOW}, headers=JSON_RESULTS)
        results[name] = (r.status_code, r.json()["error"], r.headers.get("retry-after"), time.monotonic() - started)

    for _ in range(2):  # both workers hold the data, as they do on a server in use
        pair = [threading.Thread(target=quick_query_from, args=(server, a)) for a in ("127.0.0.3", "127.0.0.4")]
        [t.start() for t in pair]
        [t.join(30) for t in pair]
    threads = [threading.Thread(target=runaway, args=(name,)) for name in ("first", "second")]
    threads[0].start()
    time.sleep(0.3)
    threads[1].start()
    time.sleep(0.5)
    with server.client() as client:
        started = time.monotonic()
        quick = client.get("/sparql", params={"query": COUNCILS}, headers=JSON_RESULTS)
        took = time.monotonic() - started
        rest = client.get("/api/pledges", params={"limit": 1})
    assert quick.status_code == 200 and quick.json()["results"]["bindings"] and rest.status_code == 200
    assert took < 1.0, f"a quick query took {took:.2f} s while runaways ran"
    for thread in threads:
        thread.join(30)
    assert {name: r[:2] for name, r in results.items()} == {"first": (503, "query_timeout"),
                                                            "second": (503, "query_timeout")}
    assert all(r[2] and r[2].isdigit() for r in results.values()), "503 answers carry Retry-After"
    assert 2.5 <= results["first"][3] < 15
    assert results["second"][3] < 3.0 + 1.5, "the wait for a worker was not counted in the limit"
    with server.client() as client:  # the killed workers were replaced: queries still work
        again = client.get("/sparql", params={"query": COUNCILS}, headers=JSON_RESULTS)
    assert again.status_code == 200 and again.json()["results"]["bindings"]


def test_a_cut_answer_links_to_its_next_page(http):
    """Row cap 200 on this server: following ``Link: rel=next`` reads the whole answer."""
    query = ("PREFIX cp: <https://w3id.org/cpgraph/ns#> SELECT ?a ?t WHERE { ?a a cp:Action ; cp:text ?t } "
             "ORDER BY ?a ?t")
    total = http.get("/sparql", params={"query": query.replace("SELECT ?a ?t", "SELECT (COUNT(*) AS ?n)")
                                        .replace("ORDER BY ?a ?t", "")}, headers=JSON_RESULTS)
    expected = int(total.json()["results"]["bindings"][0]["n"]["value"])
    rows, pages, url = [], 0, None
    r = http.get("/sparql", params={"query": query}, headers=JSON_RESULTS)
    while True:
        assert r.status_code == 200, r.text
        pages += 1
        rows += [(b["a"]["value"], b["t"]["value"]) for b in r.json()["results"]["bindings"]]
        link = r.links.get("next")
        assert (link is not None) == (r.headers["x-cpgraph-truncated"] == "true")
        assert r.headers.get("x-cpgraph-next-offset") == (str(200 * pages) if link else None)
        if link is None:
            break
        assert link["url"] != url and pages < 50
        url = link["url"]
        r = http.get(url, headers=JSON_RESULTS)
    assert pages >= 2 and len(rows) == expected and len(set(rows)) == expected
