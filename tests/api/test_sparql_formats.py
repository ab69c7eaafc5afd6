"""Every result format of /sparql read back by three independent readers: pyoxigraph (strict),
rdflib and SPARQLWrapper, with the same rows as the JSON answer."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.query import Result
from SPARQLWrapper import CSV, JSON, JSONLD, TSV, TURTLE, XML, SPARQLWrapper

CP = "https://w3id.org/cpgraph/ns#"
SELECT = f"""PREFIX cp: <{CP}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?c ?key ?name ?none WHERE {{ ?c a cp:Council ; cp:key ?key ; rdfs:label ?name }} ORDER BY ?key"""
ASK = f'ASK {{ ?c <{CP}key> "bracknell-forest-council" }}'
CONSTRUCT = f"""PREFIX cp: <{CP}>
CONSTRUCT {{ ?p cp:text ?t }} WHERE {{ ?p a cp:Pledge ; cp:text ?t ; cp:key ?k .
  FILTER(STRSTARTS(?k, "bracknell-forest-action-plan-2025-2028")) }}"""
SELECT_FORMATS = {"application/sparql-results+json": "json", "application/sparql-results+xml": "xml",
                  "text/csv": "csv", "text/tab-separated-values": "tsv"}
OX_RESULTS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML, "tsv": ox.QueryResultsFormat.TSV}
GRAPH_FORMATS = {"text/turtle": ("turtle", ox.RdfFormat.TURTLE), "application/n-triples": ("nt", ox.RdfFormat.N_TRIPLES),
                 "application/n-quads": ("nquads", ox.RdfFormat.N_QUADS),
                 "application/rdf+xml": ("xml", ox.RdfFormat.RDF_XML),
                 "application/ld+json": ("json-ld", ox.RdfFormat.JSON_LD)}


def get(http, query: str, accept: str):
    r = http.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == accept
    return r


@pytest.fixture(scope="module")
def councils(http) -> list[tuple[str, str, str]]:
    """The SELECT's rows as (IRI, key, name), read from its JSON answer."""
    doc = get(http, SELECT, "application/sparql-results+json").json()
    assert list(doc) == ["head", "results"] and doc["head"]["vars"] == ["c", "key", "name", "none"]
    return [(b["c"]["value"], b["key"]["value"], b["name"]["value"]) for b in doc["results"]["bindings"]]


@pytest.mark.parametrize("media", list(SELECT_FORMATS))
def test_select_results_parse_with_pyoxigraph_and_rdflib(http, councils, media):
    body = get(http, SELECT, media).content
    name = SELECT_FORMATS[media]
    if name in OX_RESULTS:
        parsed = ox.parse_query_results(body, format=OX_RESULTS[name])
        assert [v.value for v in parsed.variables] == ["c", "key", "name", "none"]
        assert [(s["c"].value, s["key"].value, s["name"].value) for s in parsed] == councils
    result = Result.parse(io.BytesIO(body), format=name)
    assert [str(v) for v in result.vars] == ["c", "key", "name", "none"]
    assert [(str(r[0]), str(r[1]), str(r[2])) for r in result] == councils


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_select_results_parse_with_sparqlwrapper(server, councils, fmt):
    sw = SPARQLWrapper(f"{server.url}/sparql")
    sw.setQuery(SELECT)
    sw.setReturnFormat(fmt)
    converted = sw.queryAndConvert()
    if fmt == JSON:
        rows = [(b["c"]["value"], b["key"]["value"], b["name"]["value"]) for b in converted["results"]["bindings"]]
    elif fmt == XML:
        rows = []
        for result in converted.getElementsByTagName("result"):
            values = {b.getAttribute("name"): b.firstChild.firstChild.data for b in result.getElementsByTagName("binding")}
            rows.append((values["c"], values["key"], values["name"]))
    else:
        text = converted.decode("utf-8")
        reader = csv.reader(io.StringIO(text), delimiter="," if fmt == CSV else "\t")
        rows = [tuple(r[:3]) for r in list(reader)[1:]]
        if fmt == TSV:  # TSV writes terms: <iri> and "literal"
            rows = [(c.strip("<>"), k.strip('"'), n.strip('"')) for c, k, n in rows]
    assert rows == councils


@pytest.mark.parametrize("media", list(SELECT_FORMATS))
def test_ask_results_parse(http, server, media):
    body = get(http, ASK, media).content
    name = SELECT_FORMATS[media]
    if name in OX_RESULTS:
        assert bool(ox.parse_query_results(body, format=OX_RESULTS[name])) is True
    if name in ("json", "xml"):
        assert Result.parse(io.BytesIO(body), format=name).askAnswer is True
        sw = SPARQLWrapper(f"{server.url}/sparql")
        sw.setQuery(ASK)
        sw.setReturnFormat(JSON if name == "json" else XML)
        converted = sw.queryAndConvert()
        answer = converted["boolean"] if name == "json" else converted.getElementsByTagName("boolean")[0].firstChild.data
        assert answer in (True, "true")
    else:
        assert body.decode().strip().lower().endswith("true")


@pytest.mark.parametrize("media", list(GRAPH_FORMATS))
def test_construct_results_parse_with_pyoxigraph_and_rdflib(http, media):
    body = get(http, CONSTRUCT, media).content
    rdflib_name, ox_format = GRAPH_FORMATS[media]
    assert len(list(ox.parse(body, format=ox_format))) == 10  # the action plan's ten pledges
    if rdflib_name == "nquads":
        from rdflib import Dataset

        assert len(Dataset().parse(data=body, format="nquads")) == 10
    else:
        assert len(Graph().parse(data=body, format=rdflib_name)) == 10


@pytest.mark.parametrize("fmt", [TURTLE, XML, JSONLD])
def test_construct_results_parse_with_sparqlwrapper(server, fmt):
    sw = SPARQLWrapper(f"{server.url}/sparql")
    sw.setQuery(CONSTRUCT)
    sw.setReturnFormat(fmt)
    g = sw.queryAndConvert()
    if not isinstance(g, Graph):
        g = Graph().parse(data=g, format="turtle")
    assert len(g) == 10


def test_select_json_passes_a_strict_parser_when_truncated(http):
    """The row cap (200 on this server) is said in headers and in head.link, which strict
    parsers accept; no member follows ``results``."""
    r = get(http, "SELECT * WHERE { ?s ?p ?o }", "application/sparql-results+json")
    assert r.headers["x-cpgraph-truncated"] == "true"
    assert len(list(ox.parse_query_results(r.content, format=ox.QueryResultsFormat.JSON))) == 200
    doc = json.loads(r.content)
    assert list(doc) == ["head", "results"] and doc["head"]["link"][0].endswith("offset=200")
    xml = get(http, "SELECT * WHERE { ?s ?p ?o }", "application/sparql-results+xml")
    assert len(list(ox.parse_query_results(xml.content, format=ox.QueryResultsFormat.XML))) == 200
    assert len(list(Result.parse(io.BytesIO(xml.content), format="xml"))) == 200


def test_csv_blank_nodes_are_written_with_their_prefix(http):
    r = get(http, "SELECT ?b ?x WHERE { BIND(BNODE() AS ?b) BIND('=1+1' AS ?x) }", "text/csv")
    row = list(csv.reader(io.StringIO(r.text)))[1]
    assert row[0].startswith("_:") and len(row[0]) > 2
    assert row[1] == "'=1+1"  # a formula stays text in a spreadsheet


def test_triple_terms_are_triples_in_json_and_xml(http):
    query = "SELECT ?t WHERE { BIND(<<( <http://e/s> <http://e/p> 'o' )>> AS ?t) }"
    expected = ox.Triple(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o"))
    for media, fmt in (("application/sparql-results+json", ox.QueryResultsFormat.JSON),
                       ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
                       ("text/tab-separated-values", ox.QueryResultsFormat.TSV)):
        body = get(http, query, media).content
        assert [s["t"] for s in ox.parse_query_results(body, format=fmt)] == [expected], media
    assert get(http, query, "application/sparql-results+json").json()["results"]["bindings"][0]["t"]["type"] == "triple"
