"""The W3C SPARQL 1.1 Protocol test cases (the query and refused-update cases of the
specification's test suite, https://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/),
run against the live service.

The W3C cases load their datasets from documents on the web (``data1.rdf`` …); this server reads
nothing from the web, so the same cases name the seeds' own graphs: two documents' graphs play
``data1`` and ``data2``, the ontology graph plays ``data3``. The endpoint is read-only, so every
update case must be refused (403) and change nothing.
"""

from __future__ import annotations

import pytest
from rdflib import Graph

CP = "https://w3id.org/cpgraph/ns#"
GRAPH = "https://w3id.org/cpgraph/graph/"
DATA1 = GRAPH + "bracknell-forest-action-plan-2025-2028"
DATA3 = GRAPH + "ontology"
RESULT_TYPES = {"application/sparql-results+xml", "application/sparql-results+json", "text/csv",
                "text/tab-separated-values"}
RDF_TYPES = {"text/turtle", "application/n-triples", "application/n-quads", "application/rdf+xml",
             "application/ld+json"}
JSON = {"Accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def data2(http) -> str:
    """A second document's graph, other than ``DATA1``."""
    query = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?p a <{CP}Pledge> }} FILTER(?g != <{DATA1}>) }} ORDER BY ?g LIMIT 1"
    rows = http.get("/sparql", params={"query": query}, headers=JSON).json()["results"]["bindings"]
    return rows[0]["g"]["value"]


def ctype(response) -> str:
    return response.headers["content-type"].split(";")[0].strip()


def boolean(response) -> bool:
    assert response.status_code == 200, response.text
    return response.json()["boolean"]


# --- query operation: the three ways to send it -------------------------------------------------

def test_query_get(http):
    r = http.get("/sparql", params={"query": "ASK {}"}, headers=JSON)
    assert r.status_code == 200 and ctype(r) in RESULT_TYPES and boolean(r) is True


def test_query_post_form(http):
    r = http.post("/sparql", data={"query": "ASK {}"}, headers=JSON)
    assert r.status_code == 200 and ctype(r) in RESULT_TYPES and boolean(r) is True


def test_query_post_direct(http):
    r = http.post("/sparql", content=b"ASK {}", headers={**JSON, "Content-Type": "application/sparql-query"})
    assert r.status_code == 200 and ctype(r) in RESULT_TYPES and boolean(r) is True


# --- query operation: the dataset ----------------------------------------------------------------

def ask_has_pledges(graph: str) -> str:
    """An ASK true when the default graph holds a pledge of the document whose graph is ``graph``."""
    key = graph.removeprefix(GRAPH)
    return f'ASK {{ ?p a <{CP}Pledge> ; <{CP}key> ?k FILTER(STRSTARTS(?k, "{key}-")) }}'


def test_query_dataset_default_graph(http, data2):
    params = {"query": ask_has_pledges(DATA1), "default-graph-uri": DATA1}
    assert boolean(http.get("/sparql", params=params, headers=JSON)) is True
    params = {"query": ask_has_pledges(data2), "default-graph-uri": DATA1}
    assert boolean(http.get("/sparql", params=params, headers=JSON)) is False


def test_query_dataset_default_graphs_get(http, data2):
    """Two default-graph-uri: the default graph is their merge."""
    both = [("default-graph-uri", DATA1), ("default-graph-uri", data2)]
    for graph in (DATA1, data2):
        assert boolean(http.get("/sparql", params=[("query", ask_has_pledges(graph)), *both], headers=JSON)) is True


def test_query_dataset_default_graphs_post(http, data2):
    form = {"query": ask_has_pledges(data2), "default-graph-uri": [DATA1, data2]}
    assert boolean(http.post("/sparql", data=form, headers=JSON)) is True


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_query_dataset_named_graphs(http, data2, method):
    """named-graph-uri: GRAPH ?g sees those graphs, and only those."""
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    fields = [("query", query), ("named-graph-uri", DATA1), ("named-graph-uri", data2)]
    if method == "GET":
        r = http.get("/sparql", params=fields, headers=JSON)
    else:
        r = http.post("/sparql", data={"query": query, "named-graph-uri": [DATA1, data2]}, headers=JSON)
    assert r.status_code == 200, r.text
    assert [b["g"]["value"] for b in r.json()["results"]["bindings"]] == sorted([DATA1, data2])


def test_query_dataset_full(http, data2):
    """A default graph and named graphs together: the default graph is the ontology alone, the
    named graphs the two documents."""
    query = f"""SELECT ?g (COUNT(*) AS ?n) WHERE {{ {{ <{CP}Pledge> ?y ?z }} GRAPH ?g {{ ?p a <{CP}Pledge> }} }}
                GROUP BY ?g ORDER BY ?g"""
    params = [("query", query), ("default-graph-uri", DATA3), ("named-graph-uri", DATA1), ("named-graph-uri", data2)]
    rows = http.get("/sparql", params=params, headers=JSON).json()["results"]["bindings"]
    assert [r["g"]["value"] for r in rows] == sorted([DATA1, data2])
    alone = http.get("/sparql", params=[("query", query), ("named-graph-uri", DATA1)], headers=JSON)
    assert alone.json()["results"]["bindings"] == []  # the documents' default graph is not the ontology


def test_query_multiple_dataset(http, data2):
    """The protocol's dataset wins over the query's FROM."""
    query = ask_has_pledges(data2).replace("ASK {", f"ASK FROM <{DATA1}> {{", 1)
    assert boolean(http.get("/sparql", params={"query": query}, headers=JSON)) is False  # FROM alone
    params = {"query": query, "default-graph-uri": data2}
    assert boolean(http.get("/sparql", params=params, headers=JSON)) is True


# --- query operation: content types --------------------------------------------------------------

@pytest.mark.parametrize(("query", "types"), [
    ("SELECT (1 AS ?value) {}", RESULT_TYPES),
    ("ASK {}", RESULT_TYPES),
    ("DESCRIBE <http://example.org/>", RDF_TYPES),
    ("CONSTRUCT { <s> <p> 1 } WHERE {}", RDF_TYPES),
], ids=["select", "ask", "describe", "construct"])
def test_query_content_type(http, query, types):
    accept = ("application/sparql-results+xml, application/sparql-results+json;q=0.9, "
              "text/turtle;q=0.8, application/rdf+xml;q=0.7")
    r = http.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert ctype(r) in types


def test_query_construct_relative_iris_resolve_against_the_endpoint(server, http):
    r = http.get("/sparql", params={"query": "CONSTRUCT { <s> <p> 1 } WHERE {}"},
                 headers={"Accept": "application/n-triples"})
    assert r.status_code == 200, r.text
    assert r.text.strip() == (f'<{server.url}/s> <{server.url}/p> '
                              '"1"^^<http://www.w3.org/2001/XMLSchema#integer> .')


# --- bad requests --------------------------------------------------------------------------------

def test_bad_query_method(http):
    assert http.request("PUT", "/sparql", params={"query": "ASK {}"}).status_code in (400, 405)


def test_bad_multiple_queries(http):
    r = http.get("/sparql", params=[("query", "ASK {}"), ("query", "SELECT * {}")])
    assert r.status_code == 400 and r.json()["error"] == "bad_input"


def test_bad_query_wrong_media_type(http):
    r = http.post("/sparql", content=b"ASK {}", headers={"Content-Type": "text/plain"})
    assert r.status_code in (400, 415)


@pytest.mark.parametrize("body", [b"query=ASK%20%7B%7D", b"ASK {}"], ids=["form", "direct"])
def test_bad_query_missing_type(http, body):
    r = http.post("/sparql", content=body, headers={"Content-Type": ""})
    assert r.status_code in (400, 415)


def test_bad_query_non_utf8(http):
    r = http.post("/sparql", content="ASK {}".encode("utf-16"),
                  headers={"Content-Type": "application/sparql-query; charset=UTF-16"})
    assert r.status_code == 400 and r.json()["error"] == "bad_input" and "UTF-8" in r.json()["message"]


def test_bad_query_syntax(http):
    r = http.get("/sparql", params={"query": "ASK {"})
    assert r.status_code == 400 and r.json()["error"] == "bad_input"


# --- update operation: refused on this read-only endpoint ---------------------------------------

UPDATE = f"PREFIX dc: <http://purl.org/dc/terms/> INSERT DATA {{ GRAPH <{GRAPH}x> {{ <http://e/a> dc:title 'x' }} }}"


@pytest.mark.parametrize("request_kwargs", [
    {"method": "POST", "data": {"update": UPDATE}},  # update_post_form
    {"method": "POST", "content": UPDATE.encode(), "headers": {"Content-Type": "application/sparql-update"}},
    {"method": "POST", "data": {"update": UPDATE, "using-graph-uri": DATA1}},  # update_dataset_default_graph
    {"method": "POST", "data": {"update": UPDATE, "using-named-graph-uri": DATA1}},  # update_dataset_named_graph
    {"method": "GET", "params": {"update": UPDATE}},  # bad_update_get
    {"method": "POST", "data": {"update": [UPDATE, UPDATE]}},  # bad_multiple_updates
    {"method": "POST", "data": {"update": "CLEAR XYZ"}},  # bad_update_syntax
], ids=["post-form", "post-direct", "using-graph", "using-named-graph", "get", "multiple", "syntax"])
def test_update_is_refused(http, request_kwargs):
    r = http.request(url="/sparql", **request_kwargs)
    assert r.status_code == 403 and r.json()["error"] == "forbidden", r.text
    graphs = http.get("/sparql", params={"query": f"ASK {{ GRAPH <{GRAPH}x> {{ ?s ?p ?o }} }}"}, headers=JSON)
    assert boolean(graphs) is False


def test_service_description_parses(http):
    r = http.get("/sparql", headers={"Accept": "application/n-quads"})
    assert r.status_code == 200 and ctype(r) == "application/n-quads"
    assert len(Graph().parse(data=r.text, format="nt")) > 10
