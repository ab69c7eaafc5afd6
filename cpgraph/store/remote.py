"""A SPARQL 1.1 server over HTTP as the store."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import IO, Any

import httpx
import pyoxigraph as ox
import rdflib
from rdflib.term import URIRef

from cpgraph.errors import InputError, QueryTimeoutError, StoreUnavailableError
from cpgraph.store.interface import Store
from cpgraph.store.terms import (
    GraphData,
    dump_name,
    fill_graph,
    iri_ref,
    named_node,
    new_graph,
    ntriples,
    one_line,
    others_to_drop,
)


class RemoteStore(Store):
    """A SPARQL 1.1 server over HTTP: Query (``<base>/query``), Update (``<base>/update``) and
    Graph Store Protocol (``<base>/store?graph=IRI``) — Oxigraph's layout; pass ``query_url``,
    ``update_url`` or ``store_url`` for other servers.

    The server must expose the union of its named graphs as the default graph for queries, e.g.
    ``oxigraph serve --location DIR --bind 127.0.0.1:7878 --union-default-graph``.
    ``replace_graphs`` PUTs each graph (atomic per graph, not across graphs) and then drops the
    others, so readers may briefly see a mix of old and new graphs.
    """

    def __init__(
        self,
        base_url: str,
        *,
        query_url: str | None = None,
        update_url: str | None = None,
        store_url: str | None = None,
        timeout: float = 10.0,
        write_timeout: float = 300.0,
    ) -> None:
        base = base_url.rstrip("/")
        self.location = base
        self.query_url = query_url or f"{base}/query"
        self.update_url = update_url or f"{base}/update"
        self.store_url = store_url or f"{base}/store"
        self.timeout = timeout
        self._write_timeout = httpx.Timeout(write_timeout, connect=min(timeout, 10.0))
        self._client: httpx.Client | None = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)), trust_env=False
        )

    # -- HTTP -----------------------------------------------------------------------------------

    def _request(
        self, method: str, url: str, *, query: bool = False, missing_ok: bool = False, **kwargs: Any
    ) -> httpx.Response:
        if self._client is None:
            raise StoreUnavailableError(f"the store at {self.location} is closed")
        try:
            response = self._client.request(method, url, **kwargs)
        except httpx.TimeoutException as exc:
            if query and not isinstance(exc, httpx.ConnectTimeout):
                raise QueryTimeoutError(f"the query took longer than {self.timeout:g} s") from None
            raise StoreUnavailableError(f"the SPARQL store at {self.location} is not answering") from None
        except httpx.HTTPError:
            raise StoreUnavailableError(f"the SPARQL store at {self.location} is not answering") from None
        if response.status_code >= 400 and not (missing_ok and response.status_code == 404):
            detail = one_line(response.text.strip() or response.reason_phrase)
            if response.status_code in (400, 422):
                raise InputError(f"the SPARQL store rejected the request: {detail}")
            raise StoreUnavailableError(
                f"the SPARQL store at {self.location} answered HTTP {response.status_code}: {detail}"
            )
        return response

    def _post_update(self, sparql_update: str) -> None:
        self._request(
            "POST", self.update_url, content=sparql_update.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
            timeout=self._write_timeout,
        )

    # -- queries --------------------------------------------------------------------------------

    def _run(self, query: str, *, default_graphs: tuple[str, ...] = (), named_graphs: tuple[str, ...] = (),
             base_iri: str | None = None) -> tuple[str, Any]:
        if base_iri:  # the server would resolve relative IRIs against its own URL
            query = f"BASE {iri_ref(base_iri)}\n{query}"
        params = [("default-graph-uri", named_node(g).value) for g in default_graphs]
        params += [("named-graph-uri", named_node(g).value) for g in named_graphs]
        response = self._request(
            "POST", self.query_url, query=True, content=query.encode("utf-8"), params=params,
            headers={
                "Content-Type": "application/sparql-query; charset=utf-8",
                "Accept": "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8",
            },
        )
        ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            if ctype in ("application/sparql-results+json", "application/json"):
                result = ox.parse_query_results(response.content, ox.QueryResultsFormat.JSON)
                if isinstance(result, ox.QueryBoolean):
                    return "boolean", result
                return "solutions", result
            if ctype in ("application/n-triples", "text/turtle", "text/plain"):
                fmt = ox.RdfFormat.TURTLE if ctype == "text/turtle" else ox.RdfFormat.N_TRIPLES
                return "triples", [q.triple for q in ox.parse(response.content, fmt)]
        except (SyntaxError, ValueError) as exc:
            raise StoreUnavailableError(one_line(f"the SPARQL store at {self.location} sent a broken answer: {exc}")) from None
        raise StoreUnavailableError(f"the SPARQL store at {self.location} answered with unexpected {ctype or 'content'}")

    # -- graphs ---------------------------------------------------------------------------------

    def replace_graphs(
        self, graphs: Mapping[str, GraphData], *, drop_others: bool = False, keep: Iterable[str] = ()
    ) -> None:
        """PUT each graph given (Graph Store Protocol), then drop the others unless kept."""
        for name in graphs:
            named_node(name)
        drop = others_to_drop(self.graph_names(), graphs, keep) if drop_others else []
        for name, g in graphs.items():
            nt = ntriples(name, g)
            if not nt:
                drop.append(name)
                continue
            self._request(
                "PUT", self.store_url, params={"graph": name}, content=nt,
                headers={"Content-Type": "application/n-triples"}, timeout=self._write_timeout,
            )
        if drop:
            self._post_update(" ;\n".join(f"DROP SILENT GRAPH {iri_ref(n)}" for n in drop))

    def graph(self, iri: str) -> rdflib.Graph:
        """The triples of the named graph ``iri`` (empty if there is no such graph)."""
        named_node(iri)
        response = self._request(
            "GET", self.store_url, params={"graph": iri}, headers={"Accept": "application/n-triples"},
            timeout=self._write_timeout, missing_ok=True,
        )
        g = new_graph(URIRef(iri))
        if response.status_code == 404:
            return g
        try:
            return fill_graph(g, (q.triple for q in ox.parse(response.content, ox.RdfFormat.N_TRIPLES)))
        except SyntaxError as exc:
            raise StoreUnavailableError(one_line(f"the SPARQL store at {self.location} sent a broken graph: {exc}")) from None

    def graph_names(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return sorted(str(r["g"]) for r in rows if isinstance(r.get("g"), URIRef))

    def update(self, sparql_update: str) -> None:
        """POST a SPARQL 1.1 Update to the update endpoint (internal use; see :meth:`Store.update`)."""
        self._post_update(sparql_update)

    def dump_to(self, fmt: str, out: IO[bytes]) -> None:
        """Stream the whole dataset from the Graph Store endpoint into ``out``."""
        media = {"trig": "application/trig", "nquads": "application/n-quads"}[dump_name(fmt)]
        if self._client is None:
            raise StoreUnavailableError(f"the store at {self.location} is closed")
        try:
            with self._client.stream("GET", self.store_url, headers={"Accept": media}, timeout=self._write_timeout) as response:
                if response.status_code >= 400:
                    raise StoreUnavailableError(
                        f"the SPARQL store at {self.location} answered HTTP {response.status_code} to a dump"
                    )
                for chunk in response.iter_bytes():
                    out.write(chunk)
        except httpx.HTTPError:
            raise StoreUnavailableError(f"the SPARQL store at {self.location} is not answering") from None

    def __len__(self) -> int:
        """The number of quads in named graphs."""
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"]) if rows else 0

    def close(self) -> None:
        """Close the HTTP connections."""
        if self._client is not None:
            self._client.close()
            self._client = None
