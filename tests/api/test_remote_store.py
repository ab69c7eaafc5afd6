"""The service on a remote SPARQL store: a real ``oxigraph serve`` holds the data, cpgraph serves
REST, pages and /sparql from it, and curation writes go to it."""

from __future__ import annotations

import pytest

from cpgraph.build import run_build
from cpgraph.settings import Settings
from tests.api.conftest import TOKEN, start_server

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def remote(tmp_path_factory, oxigraph_server):
    home = tmp_path_factory.mktemp("remote-home")
    run_build(Settings(home=home, store=oxigraph_server))
    srv = start_server(home, store=oxigraph_server, timeout_s=3.0)
    yield srv
    srv.stop()


def test_rest_pages_and_sparql_on_a_remote_store(remote, oxigraph_server):
    with remote.client() as client:
        councils = client.get("/api/councils").json()
        assert "bracknell-forest-council" in {c["key"] for c in councils["items"]}
        me = client.get("/api/posts/bracknell-forest-council/child-participation-development-worker").json()
        assert me["actions"] == 13
        assert client.get("/gaps").status_code == 200
        r = client.get("/sparql", params={"query": "PREFIX cp: <https://w3id.org/cpgraph/ns#> "
                                                   "SELECT (COUNT(*) AS ?n) WHERE { ?p a cp:Pledge }"},
                       headers={"Accept": "text/csv"})
        assert r.status_code == 200 and int(r.text.splitlines()[1]) == sum(c["pledges"] for c in councils["items"])
        slow = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"})
        assert slow.status_code == 503 and slow.json()["error"] == "query_timeout"
        assert client.post("/sparql", data={"update": "DROP ALL"}).status_code == 403


def test_curation_reaches_the_remote_store(remote, oxigraph_server):
    action = "bracknell-forest-action-plan-2025-2028-pledge-2-action-1"
    with remote.client() as client:
        r = client.post("/api/curation/status", headers={"Authorization": f"Bearer {TOKEN}"},
                        json={"action": action, "status": "Remote ok", "rag": "green", "by": "Ana"})
        assert r.status_code == 201, r.text
        assert client.get(f"/api/actions/{action}").json()["status"] == "Remote ok"
        ask = client.get("/sparql", params={"query": 'ASK { ?a <https://w3id.org/cpgraph/ns#status> "Remote ok" }'},
                         headers={"Accept": "application/json"})
        assert ask.json()["boolean"] is True


def test_the_protocol_dataset_and_base_iri_reach_the_remote_store(remote):
    """default-graph-uri, FROM and relative IRIs mean on a remote store what they mean on the
    embedded one (the server itself exposes the union and resolves against its own URL)."""
    plan = "https://w3id.org/cpgraph/graph/bracknell-forest-action-plan-2025-2028"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/cpgraph/ns#Pledge> }"
    csv = {"Accept": "text/csv"}
    with remote.client() as client:
        everything = client.get("/sparql", params={"query": count}, headers=csv).text.splitlines()[1]
        by_param = client.get("/sparql", params={"query": count, "default-graph-uri": plan}, headers=csv)
        by_from = client.get("/sparql", params={"query": count.replace("WHERE", f"FROM <{plan}> WHERE")}, headers=csv)
        named = client.get("/sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                                              "named-graph-uri": plan}, headers=csv)
        relative = client.get("/sparql", params={"query": "CONSTRUCT { <s> <p> 1 } WHERE {}"},
                              headers={"Accept": "application/n-triples"})
    assert int(everything) > 10
    assert by_param.text.splitlines()[1] == by_from.text.splitlines()[1] == "10"
    assert named.text.splitlines()[1:] == [plan]
    assert relative.status_code == 200 and relative.text.startswith(f"<{remote.url}/s> <{remote.url}/p> ")
