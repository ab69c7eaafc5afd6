"""The store: the same tests on the three backends, then what only the disk or remote one does."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDFS, XSD, BNode, Literal, URIRef
from rdflib.compare import isomorphic

from cpgraph.errors import InputError, StoreUnavailableError
from cpgraph.settings import Settings
from cpgraph.store import (
    GRAPH_FORMATS,
    RESULT_FORMATS,
    MemoryStore,
    OxigraphDiskStore,
    RemoteStore,
    Store,
    bind,
    open_store,
)
from tests.conftest import free_port, start_oxigraph, stop_process

ROOT = Path(__file__).resolve().parent.parent
CP = rdflib.Namespace("https://w3id.org/cpgraph/ns#")
ID = rdflib.Namespace("https://w3id.org/cpgraph/id/")
G = "https://w3id.org/cpgraph/graph/"
DOC_A, DOC_B, CURATION = G + "doc-a", G + "doc-b", G + "curation"
PREFIX = "PREFIX cp: <https://w3id.org/cpgraph/ns#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


def doc_a() -> rdflib.Graph:
    """Council A: a post, two actions (one owned by the post), a label with awkward text."""
    g = rdflib.Graph()
    g.add((ID["post/leader"], RDFS.label, Literal("Team leader", lang="en")))
    g.add((ID["post/leader"], CP.key, Literal("leader")))
    for n, text in ((1, 'Hold "drop-ins"\nmonthly'), (2, "Review {care} plans; report")):
        action = ID[f"a/action/{n}"]
        g.add((action, CP.text, Literal(text)))
        g.add((action, CP.council, Literal("council-a")))
        g.add((action, CP.share, Literal(n * 0.5)))
    g.add((ID["a/action/1"], CP.owner, ID["post/leader"]))
    ev = BNode()
    g.add((ID["a/action/1"], CP.evidence, ev))
    g.add((ev, CP.startLine, Literal(12)))
    return g


def doc_b() -> rdflib.Graph:
    """Council B: one action owned by council A's post (so answers need both graphs)."""
    g = rdflib.Graph()
    g.add((ID["b/action/1"], CP.text, Literal("Celebrate achievements")))
    g.add((ID["b/action/1"], CP.council, Literal("council-b")))
    g.add((ID["b/action/1"], CP.owner, ID["post/leader"]))
    g.add((ID["b/action/1"], CP.due, Literal("2026-03-31", datatype=XSD.date)))
    return g


def curation() -> rdflib.Graph:
    g = rdflib.Graph()
    g.add((ID["a/action/2"], CP.status, Literal("on track")))
    return g


def make(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Store:
    if kind == "disk":
        return open_store(str(tmp_path / "store"), settings=Settings(home=tmp_path))
    if kind == "memory":
        return open_store(":memory:", settings=Settings(home=tmp_path))
    return request.getfixturevalue("remote_store")


BACKENDS = ["disk", "memory", pytest.param("remote", marks=pytest.mark.server)]


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path):
    s = make(request.param, tmp_path, request)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def loaded(store: Store) -> Store:
    store.replace_graphs({DOC_A: doc_a(), DOC_B: doc_b(), CURATION: curation()}, drop_others=True)
    return store


# --------------------------------------------------------------------------- every backend


def test_the_default_graph_is_the_union_of_named_graphs(loaded: Store):
    rows = loaded.select(PREFIX + """
        SELECT ?action ?label WHERE { ?action cp:owner ?post . ?post rdfs:label ?label } ORDER BY ?action""")
    assert rows == [
        {"action": ID["a/action/1"], "label": Literal("Team leader", lang="en")},
        {"action": ID["b/action/1"], "label": Literal("Team leader", lang="en")},
    ]
    assert loaded.graph_names() == sorted([DOC_A, DOC_B, CURATION])
    assert loaded.ask(PREFIX + "ASK { ?a cp:status ?s ; cp:text ?t }"), "curation joins document data"


def test_graph_returns_one_named_graph(loaded: Store):
    assert isomorphic(loaded.graph(DOC_A), doc_a())
    assert isomorphic(loaded.graph(DOC_B), doc_b())
    assert len(loaded.graph(G + "nothing-here")) == 0
    assert len(loaded) == len(doc_a()) + len(doc_b()) + len(curation())


def test_bound_variables_need_not_be_projected_and_reach_filters_and_aggregates(loaded: Store):
    q = PREFIX + """
        SELECT (COUNT(DISTINCT ?action) AS ?n) WHERE {
          ?action cp:council ?c .
          FILTER(!BOUND(?council) || ?c = ?council)
        }"""
    assert loaded.select(q) == [{"n": Literal(3)}]
    assert loaded.select(q, {"council": Literal("council-a")}) == [{"n": Literal(2)}]
    assert loaded.select(q, {"?council": Literal("council-b")}) == [{"n": Literal(1)}]
    assert loaded.select(q, {"council": Literal("nowhere")}) == [{"n": Literal(0)}]
    texts = loaded.select(PREFIX + "SELECT ?text WHERE { ?a cp:owner ?post ; cp:text ?text } ORDER BY ?text",
                          {"post": ID["post/leader"]})
    assert [r["text"] for r in texts] == [Literal("Celebrate achievements"), Literal('Hold "drop-ins"\nmonthly')]


def test_ask_and_construct_take_bindings(loaded: Store):
    q = PREFIX + "ASK { ?a cp:owner ?post }"
    assert loaded.ask(q, {"post": ID["post/leader"]})
    assert not loaded.ask(q, {"post": ID["post/nobody"]})
    g = loaded.construct(PREFIX + "CONSTRUCT { ?a cp:ownedBy ?post } WHERE { ?a cp:owner ?post ; cp:council ?c }",
                         {"c": Literal("council-b")})
    assert set(g) == {(ID["b/action/1"], CP.ownedBy, ID["post/leader"])}
    short = loaded.construct(PREFIX + "CONSTRUCT WHERE { ?a cp:council ?c }", {"c": Literal("council-b")})
    assert set(short) == {(ID["b/action/1"], CP.council, Literal("council-b"))}
    described = loaded.construct("DESCRIBE ?x", {"x": ID["b/action/1"]})
    assert isomorphic(described, doc_b())


def test_a_list_binds_each_value_in_turn(loaded: Store):
    q = PREFIX + "SELECT ?a ?text WHERE { ?a cp:text ?text } ORDER BY ?text"
    both = loaded.select(q, {"a": [ID["b/action/1"], ID["a/action/2"], ID["nothing"]]})
    assert {r["a"] for r in both} == {ID["b/action/1"], ID["a/action/2"]}
    assert loaded.select(q, {"a": []}) == []
    crossed = loaded.select("SELECT ?x ?y WHERE { }", {"x": [Literal(1), Literal(2)], "y": (Literal("z"),)})
    assert sorted((r["x"].toPython(), r["y"].toPython()) for r in crossed) == [(1, "z"), (2, "z")]
    with pytest.raises(InputError, match="too many bound values"):
        loaded.select("SELECT ?x ?y WHERE { }", {"x": [Literal(i) for i in range(200)],
                                                 "y": [Literal(i) for i in range(200)]})
    with pytest.raises(InputError):
        loaded.select(q, {"a": [ID["b/action/1"], BNode()]})


HOSTILE = [
    '"} ; DROP ALL ; {',
    '"""} } ; DROP ALL ; INSERT DATA { <http://x> <http://y> "z" } #\n{ {',
    "'''}\n\r\t\\\" ; CLEAR ALL ; '",
    '\\u0022 } ; DROP ALL ; { \\',
    "\u2028}\x00{",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_hostile_literal_is_bound_never_pasted(loaded: Store, text: str):
    before = sorted(loaded.dump("nquads").splitlines())
    q = PREFIX + "SELECT ?a WHERE { ?a cp:text ?t . FILTER(?t = ?text) }"
    assert loaded.select(q, {"text": Literal(text)}) == []
    assert loaded.select(q, {"text": Literal(text, lang="en")}) == []
    assert not loaded.ask(PREFIX + "ASK { ?a cp:text ?text }", {"text": Literal(text)})
    echoed = loaded.select("SELECT ?text WHERE { }", {"text": Literal(text)})
    assert echoed == [{"text": Literal(text)}], "the value arrives intact"
    assert sorted(loaded.dump("nquads").splitlines()) == before
    assert loaded.graph_names() == sorted([DOC_A, DOC_B, CURATION])


@pytest.mark.parametrize("bad", [
    {"x": URIRef("http://x/> } ; DROP ALL ; {")},
    {"x": URIRef("relative")},
    {"x": BNode()},
    {"x} ; DROP ALL ; {": Literal("1")},
    {"x": "a plain str"},
    {"x": Literal("1", datatype=URIRef("http://x/>"))},
])
def test_unsound_bindings_are_input_errors(loaded: Store, bad: dict):
    with pytest.raises(InputError):
        loaded.select("SELECT * WHERE { ?s ?p ?x }", bad)
    assert len(loaded) == len(doc_a()) + len(doc_b()) + len(curation())


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=40), lang=st.sampled_from([None, "en", "cy-gb"]))
def test_any_text_survives_binding(store: Store, text: str, lang: str | None):
    value = Literal(text, lang=lang)
    assert store.select("SELECT ?v WHERE { }", {"v": value}) == [{"v": value}]


@pytest.mark.parametrize("media_type", sorted(RESULT_FORMATS))
def test_select_serialises_in_every_results_format(loaded: Store, media_type: str):
    q = PREFIX + "SELECT ?action ?text WHERE { ?action cp:council ?c ; cp:text ?text } ORDER BY ?action"
    expected = [(str(r["action"]), str(r["text"])) for r in loaded.select(q, {"c": Literal("council-a")})]
    assert len(expected) == 2
    body = loaded.query_serialized(q, media_type + "; charset=utf-8", {"c": Literal("council-a")})
    assert parse_results(media_type, body) == expected


def parse_results(media_type: str, body: bytes) -> list[tuple[str, str]]:
    """Read (action, text) rows back with parsers independent of the store."""
    if media_type.endswith("json"):
        data = json.loads(body)
        assert data["head"]["vars"] == ["action", "text"]
        return [(b["action"]["value"], b["text"]["value"]) for b in data["results"]["bindings"]]
    if media_type.endswith("xml"):
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        rows = []
        for result in ET.fromstring(body).findall(".//r:result", ns):
            cells = {b.get("name"): "".join(b.itertext()) for b in result.findall("r:binding", ns)}
            rows.append((cells["action"], cells["text"]))
        return rows
    if media_type == "text/csv":
        reader = csv.reader(io.StringIO(body.decode("utf-8"), newline=""))
        assert next(reader) == ["action", "text"]
        return [(a, t) for a, t in reader]
    solutions = ox.parse_query_results(body, ox.QueryResultsFormat.TSV)
    return [(s["action"].value, s["text"].value) for s in solutions]


@pytest.mark.parametrize("media_type", sorted(RESULT_FORMATS))
def test_ask_serialises_in_every_results_format(loaded: Store, media_type: str):
    body = loaded.query_serialized(PREFIX + "ASK { ?a cp:owner ?p }", media_type)
    if media_type.endswith("json"):
        assert json.loads(body)["boolean"] is True
    else:
        assert b"true" in body


RDFLIB_FORMATS = {"text/turtle": "turtle", "application/n-triples": "nt",
                  "application/rdf+xml": "xml", "application/ld+json": "json-ld"}


@pytest.mark.parametrize("media_type", sorted(GRAPH_FORMATS))
def test_construct_serialises_in_every_graph_format(loaded: Store, media_type: str):
    body = loaded.query_serialized("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", media_type,
                                   {"g": URIRef(DOC_A)})
    assert isomorphic(parse_graph(body, media_type), doc_a())
    described = loaded.query_serialized(f"DESCRIBE <{ID['b/action/1']}>", media_type)
    assert isomorphic(parse_graph(described, media_type), doc_b())


def parse_graph(body: bytes, media_type: str) -> rdflib.Graph:
    with warnings.catch_warnings():  # rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        return rdflib.Graph().parse(data=body, format=RDFLIB_FORMATS[media_type])


@pytest.mark.parametrize(("query", "media_type"), [
    ("SELECT * WHERE { ?s ?p ?o }", "text/turtle"),
    ("ASK { ?s ?p ?o }", "application/ld+json"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "application/sparql-results+json"),
    ("SELECT * WHERE { ?s ?p ?o }", "text/html"),
    ("SELECT * WHERE { ?s ?p ?o }", "application/trig"),
])
def test_a_media_type_that_does_not_suit_the_query_is_an_input_error(loaded: Store, query: str, media_type: str):
    with pytest.raises(InputError) as err:
        loaded.query_serialized(query, media_type)
    assert "\n" not in err.value.message


@pytest.mark.parametrize("call", ["select", "ask", "construct", "serialized", "form", "update"])
def test_syntax_errors_are_one_line_input_errors(loaded: Store, call: str):
    bad = "SELECT ?x WHERE { ?x ?y"
    actions = {
        "select": lambda: loaded.select(bad),
        "ask": lambda: loaded.ask("ASK { ?x ?y }"),
        "construct": lambda: loaded.construct("CONSTRUCT { ?x } WHERE {}"),
        "serialized": lambda: loaded.query_serialized(bad, "application/sparql-results+json"),
        "form": lambda: loaded.query_form(bad),
        "update": lambda: loaded.update("INSERT DATA { GRAPH <http://g> { <http://a> } }"),
    }
    with pytest.raises(InputError) as err:
        actions[call]()
    assert err.value.message and "\n" not in err.value.message
    assert len(loaded) == len(doc_a()) + len(doc_b()) + len(curation())


@pytest.mark.parametrize("update", ["DROP ALL", "CLEAR ALL", "DELETE WHERE { ?s ?p ?o }",
                                    "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }"])
def test_updates_cannot_pass_as_queries(loaded: Store, update: str):
    for run in (loaded.select, loaded.ask, loaded.construct,
                lambda q: loaded.query_serialized(q, "application/sparql-results+json")):
        with pytest.raises(InputError):
            run(update)
    with pytest.raises(InputError):
        loaded.select(update, {"s": ID["x"]})
    assert loaded.graph_names() == sorted([DOC_A, DOC_B, CURATION])
    assert len(loaded) == len(doc_a()) + len(doc_b()) + len(curation())


def test_the_wrong_method_for_a_query_form_is_an_input_error(loaded: Store):
    with pytest.raises(InputError, match="expected a SELECT"):
        loaded.select("ASK {}")
    with pytest.raises(InputError, match="expected an ASK"):
        loaded.ask("SELECT * {}")
    with pytest.raises(InputError, match="expected a CONSTRUCT"):
        loaded.construct("SELECT * {}")


@pytest.mark.parametrize(("query", "form"), [
    ("PREFIX cp: <https://w3id.org/cpgraph/ns#>\nSELECT * WHERE { ?s cp:text ?t }", "SELECT"),
    ("ASK { ?s ?p ?o }", "ASK"),
    ("# a comment\nCONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("DESCRIBE <http://example.org/a>", "DESCRIBE"),
    ("INSERT DATA { GRAPH <http://g> { <http://a> <http://b> <http://c> } }", "UPDATE"),
    ("DROP ALL", "UPDATE"),
])
def test_query_form(store: Store, query: str, form: str):
    assert store.query_form(query) == form


@pytest.mark.parametrize("bad", ["", "   ", "SELEC ?x", "SELECT ?x WHERE { ?x ?y }", "DROP EVERYTHING"])
def test_query_form_rejects_what_is_not_sparql(store: Store, bad: str):
    with pytest.raises(InputError):
        store.query_form(bad)


def test_replace_graphs_drops_others_but_keeps_what_it_is_told(loaded: Store):
    new = rdflib.Graph()
    new.add((ID["c/action/1"], CP.text, Literal("New")))
    loaded.replace_graphs({G + "doc-c": new}, drop_others=True, keep=[CURATION, G + "never-existed"])
    assert loaded.graph_names() == sorted([G + "doc-c", CURATION])
    assert isomorphic(loaded.graph(CURATION), curation())
    assert not loaded.ask(PREFIX + "ASK { ?a cp:owner ?p }")

    loaded.replace_graphs({DOC_A: doc_a()})  # in place: the others stay
    assert loaded.graph_names() == sorted([DOC_A, G + "doc-c", CURATION])
    changed = doc_a()
    changed.remove((ID["a/action/2"], None, None))
    loaded.replace_graphs({DOC_A: changed})
    assert isomorphic(loaded.graph(DOC_A), changed)
    loaded.replace_graphs({G + "doc-c": rdflib.Graph()})  # an empty graph removes it
    assert loaded.graph_names() == sorted([DOC_A, CURATION])
    loaded.replace_graphs({}, drop_others=True)
    assert loaded.graph_names() == []
    assert len(loaded) == 0


def test_replace_graphs_rejects_a_bad_graph_name(loaded: Store):
    with pytest.raises(InputError):
        loaded.replace_graphs({"not an iri": doc_a()})
    with pytest.raises(InputError):
        loaded.replace_graphs({G + "x> } ; DROP ALL ; {": doc_a()}, drop_others=True)
    assert loaded.graph_names() == sorted([DOC_A, DOC_B, CURATION])


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_dump_round_trips(loaded: Store, fmt: str):
    data = loaded.dump(fmt)
    ds = rdflib.Dataset()
    with warnings.catch_warnings():  # rdflib 7.6's Dataset.parse calls its own deprecated API
        warnings.simplefilter("ignore", DeprecationWarning)
        ds.parse(data=data, format=fmt)
    graphs = {str(g.identifier): g for g in ds.graphs() if len(g)}
    assert set(graphs) == {DOC_A, DOC_B, CURATION}
    assert isomorphic(graphs[DOC_A], doc_a()) and isomorphic(graphs[DOC_B], doc_b())
    again = MemoryStore()
    again.replace_graphs(graphs)
    assert again.graph_names() == loaded.graph_names() and len(again) == len(loaded)
    for name in loaded.graph_names():
        assert isomorphic(again.graph(name), loaded.graph(name))
    with pytest.raises(InputError):
        loaded.dump("turtle")


def test_updates_write_and_the_union_sees_them(loaded: Store):
    loaded.update(f"""PREFIX cp: <https://w3id.org/cpgraph/ns#>
        INSERT DATA {{ GRAPH <{CURATION}> {{ <{ID['b/action/1']}> cp:status "done" }} }}""")
    rows = loaded.select(PREFIX + "SELECT ?s WHERE { ?a cp:status ?s ; cp:council ?c } ORDER BY ?s",
                         {"c": Literal("council-b")})
    assert rows == [{"s": Literal("done")}]


def test_a_closed_store_says_so(store: Store):
    store.close()
    with pytest.raises(StoreUnavailableError):
        store.select("SELECT * {}")


# --------------------------------------------------------------------------- same answers everywhere

SAME_ANSWER_QUERIES = [
    (PREFIX + "SELECT ?a ?text ?share WHERE { ?a cp:text ?text OPTIONAL { ?a cp:share ?share } } ORDER BY ?a", None),
    (PREFIX + "SELECT ?c (COUNT(*) AS ?n) (SUM(?s) AS ?total) WHERE { ?a cp:council ?c OPTIONAL { ?a cp:share ?s } }"
              " GROUP BY ?c ORDER BY ?c", None),
    (PREFIX + "SELECT ?text ?due WHERE { ?a cp:owner ?p ; cp:text ?text OPTIONAL { ?a cp:due ?due } } ORDER BY ?text",
     {"p": ID["post/leader"]}),
    (PREFIX + "SELECT ?a ?x WHERE { ?a cp:text ?t OPTIONAL { ?a cp:owner ?x } } ORDER BY ?a", {"x": ID["post/leader"]}),
    (PREFIX + "SELECT ?label (LANG(?label) AS ?lang) (DATATYPE(?d) AS ?dt) WHERE { ?p rdfs:label ?label . ?b cp:due ?d }", None),
    (PREFIX + "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g", None),
    (PREFIX + "ASK { ?a cp:status ?s }", None),
]


@pytest.mark.parametrize("other", ["memory", pytest.param("remote", marks=pytest.mark.server)])
def test_every_backend_gives_the_same_answers(other: str, tmp_path: Path, request: pytest.FixtureRequest):
    reference, store = make("disk", tmp_path, request), make(other, tmp_path, request)
    try:
        for s in (reference, store):
            s.replace_graphs({DOC_A: doc_a(), DOC_B: doc_b(), CURATION: curation()}, drop_others=True)
        for query, bindings in SAME_ANSWER_QUERIES:
            for media_type in RESULT_FORMATS:
                assert store.query_serialized(query, media_type, bindings) == \
                    reference.query_serialized(query, media_type, bindings), (query, media_type)
            if query.lstrip().splitlines()[-1].startswith("ASK"):
                assert store.ask(query, bindings) == reference.ask(query, bindings)
            else:
                assert store.select(query, bindings) == reference.select(query, bindings)
        construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
        assert isomorphic(store.construct(construct), reference.construct(construct))
        assert store.graph_names() == reference.graph_names() and len(store) == len(reference)
        for name in reference.graph_names():
            assert isomorphic(store.graph(name), reference.graph(name))
    finally:
        reference.close()
        store.close()


# --------------------------------------------------------------------------- bind() itself


@pytest.mark.parametrize(("query", "rows"), [
    ("SELECT ?o WHERE { ?s <http://p> ?o }", 2),
    ("SELECT (COUNT(*) AS ?n) WHERE { ?s <http://p> ?o }", 1),
    ("SELECT * WHERE { SELECT ?s ?o WHERE { ?s <http://p> ?o } }", 2),
    ("SELECT * { { SELECT ?s ?o WHERE { ?s <http://p> ?o } } }", 2),
    ("# a comment { with braces\nSELECT ?o WHERE { ?s <http://p> ?o FILTER(?o != \"}{\") }", 2),
    ("SELECT ?o (EXISTS { ?s <http://q> ?x } AS ?e) WHERE { ?s <http://p> ?o }", 2),
    ("SELECT $o WHERE { $s <http://p> $o } # trailing comment", 2),
    ("SELECT ?o WHERE { ?s <http://p> ?o } VALUES ?o { \"1\" \"2\" \"3\" }", 2),
])
def test_bind_applies_values_to_the_whole_where_pattern(query: str, rows: int):
    s = MemoryStore()
    s.update('INSERT DATA { GRAPH <http://g> { <http://a> <http://p> "1", "2" . <http://b> <http://p> "3" } }')
    got = s.select(query, {"s": URIRef("http://a")})
    if "COUNT" in query:
        assert got == [{"n": Literal(2)}]
    else:
        assert len(got) == rows and all(r["o"] in (Literal("1"), Literal("2")) for r in got)


def test_bind_without_bindings_leaves_the_query_alone():
    q = "SELECT * WHERE { ?s ?p ?o }"
    assert bind(q, None) is q and bind(q, {}) is q


# --------------------------------------------------------------------------- disk only


def disk(path: Path) -> OxigraphDiskStore:
    store = open_store(str(path))
    assert isinstance(store, OxigraphDiskStore)
    return store


def test_open_store_picks_the_backend(tmp_path: Path):
    settings = Settings(home=tmp_path)
    default = open_store(settings=settings)
    assert isinstance(default, OxigraphDiskStore) and default.location == str(tmp_path / ".cpgraph" / "store")
    default.close()
    assert isinstance(open_store(":memory:", settings=settings), MemoryStore)
    remote = open_store("http://127.0.0.1:9", settings=settings)
    assert isinstance(remote, RemoteStore) and remote.query_url == "http://127.0.0.1:9/query"
    remote.close()
    with pytest.raises(InputError):
        open_store(" ", settings=settings)


def test_a_rebuild_writes_a_new_generation_and_keeps_one_previous(tmp_path: Path):
    s = disk(tmp_path / "store")
    assert s.generation() == "gen-000001" and len(s) == 0
    for n in range(3):
        s.replace_graphs({DOC_A: doc_a(), G + f"round-{n}": doc_b()}, drop_others=True)
    assert s.generation() == "gen-000004"
    assert os.readlink(tmp_path / "store" / "current") == "gen-000004"
    assert sorted(p.name for p in (tmp_path / "store").glob("gen-*")) == ["gen-000003", "gen-000004"]
    assert s.graph_names() == [DOC_A, G + "round-2"]
    s.replace_graphs({DOC_B: doc_b()})  # in place: no new generation
    assert s.generation() == "gen-000004" and DOC_B in s.graph_names()
    s.close()
    again = disk(tmp_path / "store")
    assert again.graph_names() == [DOC_A, DOC_B, G + "round-2"]
    again.close()


def test_a_half_built_generation_is_ignored_then_cleaned(tmp_path: Path):
    s = disk(tmp_path / "store")
    s.replace_graphs({DOC_A: doc_a()}, drop_others=True)
    s.close()
    half = tmp_path / "store" / "gen-000003"  # a crashed build: files, but `current` never moved
    half.mkdir()
    (half / "000007.sst").write_bytes(b"\0garbage")
    (tmp_path / "store" / f".current.{os.getpid() + 1}.tmp").symlink_to("gen-000003")

    s = disk(tmp_path / "store")
    assert s.generation() == "gen-000002" and isomorphic(s.graph(DOC_A), doc_a())
    s.replace_graphs({DOC_B: doc_b()}, drop_others=True)
    assert s.generation() == "gen-000004" and not half.exists()
    assert s.graph_names() == [DOC_B]
    s.close()


CRASHING_BUILD = textwrap.dedent("""
    import sys, time
    from collections.abc import Mapping
    import rdflib
    from rdflib import Literal, URIRef
    from cpgraph.store import open_store

    class SlowGraphs(Mapping):
        '''A big graph, then one whose production never ends: the build is killed inside.'''
        def __init__(self):
            self.big = rdflib.Graph()
            for i in range(20000):
                self.big.add((URIRef(f"https://w3id.org/cpgraph/id/x/{i}"), URIRef("http://p"), Literal(i)))
        def __iter__(self):
            return iter(["https://w3id.org/cpgraph/graph/big", "https://w3id.org/cpgraph/graph/slow"])
        def __len__(self):
            return 2
        def __getitem__(self, key):
            if key.endswith("big"):
                return self.big
            print("LOADING", flush=True)
            time.sleep(120)
            raise KeyError(key)

    store = open_store(sys.argv[1])
    store.replace_graphs(SlowGraphs(), drop_others=True)
    print("FINISHED", flush=True)
""")


def test_a_build_killed_midway_leaves_the_old_generation_readable(tmp_path: Path):
    location = tmp_path / "store"
    s = disk(location)
    s.replace_graphs({DOC_A: doc_a(), CURATION: curation()}, drop_others=True)
    old = s.dump("nquads")
    s.close()

    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen([sys.executable, "-c", CRASHING_BUILD, str(location)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == b"LOADING", proc.stderr.read() if proc.stderr else line
        assert (location / "gen-000003").is_dir(), "the new generation was being written"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL

    s = disk(location)
    assert s.generation() == "gen-000002"
    assert sorted(s.dump("nquads").splitlines()) == sorted(old.splitlines())
    s.replace_graphs({DOC_B: doc_b()}, drop_others=True, keep=[CURATION])
    assert s.generation() == "gen-000004" and not (location / "gen-000003").exists()
    assert s.graph_names() == [CURATION, DOC_B]
    s.close()


def test_refresh_picks_up_a_rebuild_made_by_another_store(tmp_path: Path):
    server = disk(tmp_path / "store")  # like `cpgraph serve`: holds the live generation read-write
    server.replace_graphs({DOC_A: doc_a()}, drop_others=True)
    assert not server.read_only and server.refresh() is False

    builder = disk(tmp_path / "store")  # like `cpgraph build`: the folder is locked, so read-only
    assert builder.read_only and builder.select("SELECT ?g WHERE { GRAPH ?g {} }") == [{"g": URIRef(DOC_A)}]
    with pytest.raises(StoreUnavailableError, match="read-only"):
        builder.update(f"INSERT DATA {{ GRAPH <{CURATION}> {{ <http://a> <http://b> <http://c> }} }}")
    with pytest.raises(StoreUnavailableError, match="read-only"):
        builder.replace_graphs({DOC_B: doc_b()})
    builder.replace_graphs({DOC_B: doc_b()}, drop_others=True)  # a full rebuild still works
    assert builder.generation() == "gen-000003" and not builder.read_only

    assert server.generation() == "gen-000002" and server.graph_names() == [DOC_A], "old data until refresh"
    assert server.refresh() is True
    assert server.generation() == "gen-000003" and server.graph_names() == [DOC_B]
    builder.close()
    server.refresh(snapshot=True)  # the builder is gone: a fresh look opens it read-write
    assert not server.read_only and server.refresh() is False
    server.update(f"INSERT DATA {{ GRAPH <{CURATION}> {{ <http://a> <http://b> <http://c> }} }}")
    assert server.graph_names() == [CURATION, DOC_B]
    server.close()


HOLDER = textwrap.dedent("""
    import sys, time
    from cpgraph.store import open_store
    store = open_store(sys.argv[1])
    print("HOLDING", store.read_only, flush=True)
    time.sleep(120)
""")


def test_another_process_holding_the_store_makes_this_one_read_only(tmp_path: Path):
    location = tmp_path / "store"
    s = disk(location)
    s.replace_graphs({DOC_A: doc_a()}, drop_others=True)
    s.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(location)], stdout=subprocess.PIPE, env=env)
    try:
        assert holder.stdout is not None and holder.stdout.readline().split() == [b"HOLDING", b"False"]
        reader = disk(location)
        assert reader.read_only and isomorphic(reader.graph(DOC_A), doc_a())
        with pytest.raises(StoreUnavailableError):
            reader.update("DROP ALL")
        reader.replace_graphs({DOC_B: doc_b()}, drop_others=True)
        assert reader.graph_names() == [DOC_B]
        reader.close()
    finally:
        stop_process(holder)
        holder.stdout.close()


def test_two_builds_at_once_are_refused(tmp_path: Path):
    import fcntl

    s = disk(tmp_path / "store")
    with open(tmp_path / "store" / ".build.lock", "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(StoreUnavailableError, match="another cpgraph build"):
            s.replace_graphs({DOC_A: doc_a()}, drop_others=True)
    s.replace_graphs({DOC_A: doc_a()}, drop_others=True)
    assert s.graph_names() == [DOC_A]
    s.close()


def test_a_folder_that_is_not_a_store_is_refused(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(StoreUnavailableError, match="not a cpgraph store"):
        disk(tmp_path)
    with pytest.raises(StoreUnavailableError, match="is a file"):
        disk(tmp_path / "notes.txt")
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_many_graphs_bulk_load_into_one_generation(tmp_path: Path):
    # How fast a national corpus loads is the benchmark's business (bench/run.py); this checks
    # what the bulk load keeps: every graph, every triple, every blank node.
    half = Literal("0.5", datatype=XSD.decimal)
    graphs = {}
    for c in range(30):
        g, council = rdflib.Graph(), ID[f"c{c}"]
        for i in range(50):
            action, evidence = ID[f"c{c}/action/{i}"], BNode()
            g.add((action, CP.text, Literal(f'Action {i} of council {c}, with "quotes"', lang="en")))
            g.add((action, CP.council, council))
            g.add((action, CP.share, half))
            g.add((action, CP.evidence, evidence))
            g.add((evidence, CP.startLine, Literal(i)))
        graphs[G + f"c{c}"] = g
    s = disk(tmp_path / "store")
    s.replace_graphs(graphs, drop_others=True)
    assert len(s) == 30 * 50 * 5 and len(s.graph_names()) == 30
    lines = s.select("PREFIX cp: <https://w3id.org/cpgraph/ns#> SELECT (COUNT(DISTINCT ?e) AS ?n) "
                     "WHERE { ?a cp:evidence ?e }")
    assert int(lines[0]["n"]) == 30 * 50
    s.close()


# --------------------------------------------------------------------------- remote only


@pytest.mark.server
def test_a_server_that_goes_away_is_store_unavailable(tmp_path: Path):
    proc, base = start_oxigraph(tmp_path / "data", tmp_path / "server.log")
    store = RemoteStore(base)
    try:
        store.replace_graphs({DOC_A: doc_a()}, drop_others=True)
        assert store.graph_names() == [DOC_A]
    finally:
        stop_process(proc)
    for action in (lambda: store.select("SELECT * {}"), lambda: store.replace_graphs({DOC_B: doc_b()}),
                   lambda: store.dump("trig"), lambda: len(store), lambda: store.graph(DOC_A)):
        with pytest.raises(StoreUnavailableError, match=f"the SPARQL store at {base} is not answering"):
            action()
    store.close()


@pytest.mark.server
def test_a_wrong_endpoint_is_store_unavailable(remote_store: RemoteStore):
    wrong = RemoteStore(remote_store.location, query_url=remote_store.location + "/nope")
    with pytest.raises(StoreUnavailableError, match="HTTP 404"):
        wrong.select("SELECT * {}")
    wrong.close()


def test_nothing_listening_is_store_unavailable():
    store = RemoteStore(f"http://127.0.0.1:{free_port()}", timeout=2)
    with pytest.raises(StoreUnavailableError, match="is not answering"):
        store.ask("ASK {}")
    store.close()


def test_a_protocol_dataset_and_base_iri_reach_every_backend(loaded: Store):
    """default_graphs / named_graphs replace the union as the query's dataset; base_iri resolves
    relative IRIs: the same on every backend."""
    texts = "SELECT ?t WHERE { ?a <https://w3id.org/cpgraph/ns#text> ?t } ORDER BY ?t"
    only_b = loaded.query_serialized(texts, "text/csv", default_graphs=[DOC_B]).decode()
    assert only_b.split() == ["t", "Celebrate", "achievements"]
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    named = loaded.query_serialized(graphs, "text/csv", named_graphs=[DOC_A]).decode().split()
    assert named == ["g", DOC_A]
    relative = loaded.query_serialized("CONSTRUCT { <s> <p> 1 } WHERE {}", "application/n-triples",
                                       base_iri="http://example.org/sparql").decode()
    assert relative.startswith("<http://example.org/s> <http://example.org/p> ")
