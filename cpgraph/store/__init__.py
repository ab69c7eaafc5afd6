"""The RDF store: one interface, three backends, the same answers.

* :class:`OxigraphDiskStore` — embedded Oxigraph in a folder of *generations* (the default).
* :class:`MemoryStore` — embedded Oxigraph in memory (``":memory:"``).
* :class:`RemoteStore` — any SPARQL 1.1 server over HTTP (Query, Update, Graph Store Protocol).

Data lives in named graphs (one per source document, plus ``…/graph/curation`` and
``…/graph/ontology``); queries see the union of all named graphs as their default graph.

Parameters are bound, never pasted: every backend applies bindings the same way, as a
``VALUES`` block placed first inside the query's outermost ``WHERE`` group (see :func:`bind`),
with each term validated and written by rdflib's ``.n3()``. Bound variables are therefore in
scope for the whole pattern — its FILTERs, OPTIONALs and aggregates — without being projected.

One module a job: ``interface`` (the abstract store, media types, query forms), ``embedded``
(pyoxigraph, and the store in memory), ``disk`` (generations and snapshots on disk), ``nquads``
(graphs streamed for one bulk load), ``remote`` (a SPARQL server over HTTP), ``binding``
(parameters) and ``terms`` (conversions between rdflib and pyoxigraph).
"""

from __future__ import annotations

from cpgraph.errors import InputError
from cpgraph.settings import Settings, from_env
from cpgraph.store.binding import MAX_BOUND_ROWS, Bindings, bind
from cpgraph.store.disk import READ_ONLY_RETRY_S, OxigraphDiskStore
from cpgraph.store.embedded import MEMORY, MemoryStore
from cpgraph.store.interface import GRAPH_FORMATS, RESULT_FORMATS, Store, query_form
from cpgraph.store.remote import RemoteStore
from cpgraph.store.terms import GraphData, NTriples

__all__ = [
    "GRAPH_FORMATS",
    "MAX_BOUND_ROWS",
    "MEMORY",
    "READ_ONLY_RETRY_S",
    "RESULT_FORMATS",
    "Bindings",
    "GraphData",
    "MemoryStore",
    "NTriples",
    "OxigraphDiskStore",
    "RemoteStore",
    "Store",
    "bind",
    "open_store",
    "query_form",
]


def open_store(location: str | None = None, *, settings: Settings | None = None) -> Store:
    """Open the store at ``location`` and return it (call :meth:`Store.close` when done).

    ``None`` means ``settings.store_location`` (the embedded default folder); ``":memory:"`` an
    empty in-memory store; an ``http(s)://`` URL a remote SPARQL 1.1 server; anything else an
    embedded store folder (created if missing). Raises StoreUnavailableError if it cannot be
    opened.
    """
    settings = settings or from_env()
    loc = settings.store_location if location is None else str(location)
    if not loc.strip():
        raise InputError("the store location is empty; give a folder, ':memory:' or an http(s) URL")
    if loc == MEMORY:
        return MemoryStore()
    if loc.lower().startswith(("http://", "https://")):
        return RemoteStore(loc, timeout=settings.query_timeout_s)
    return OxigraphDiskStore(loc)

