"""The store's interface: one abstract :class:`Store` every backend implements, the media types
it writes, and :func:`query_form`."""

from __future__ import annotations

import functools
import io
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import IO, Any

import pyoxigraph as ox
import rdflib
from rdflib.term import Node

from cpgraph.errors import InputError, StoreUnavailableError
from cpgraph.namespace import PREFIXES
from cpgraph.store.binding import Bindings, bind
from cpgraph.store.terms import GraphData, describe_kind, one_line, rows_of, to_graph

RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
"""Media types :meth:`Store.query_serialized` writes for SELECT and ASK."""

GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
"""Media types :meth:`Store.query_serialized` writes for CONSTRUCT and DESCRIBE."""


class Store(ABC):
    """An RDF dataset of named graphs that answers SPARQL with their union as default graph.

    Every backend gives the same answers to the same queries over the same data. Errors reach
    callers as :class:`~cpgraph.errors.InputError` (bad query, bad media type, bad term) or
    :class:`~cpgraph.errors.StoreUnavailableError` (cannot reach or open the store).
    """

    location: str
    read_only: bool = False
    """True when this store answers queries but refuses writes."""

    # -- queries (shared; backends implement _run) ------------------------------------------

    def select(self, query: str, bindings: Bindings | None = None) -> list[dict[str, Node]]:
        """Run a SELECT query; one dict per row, variable name -> term (unbound ones left out)."""
        kind, result = self._run(bind(query, bindings))
        if kind != "solutions":
            raise InputError(f"expected a SELECT query, got {describe_kind(kind)}")
        return self._guard(lambda: rows_of(result))

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        """Run an ASK query and return its answer."""
        kind, result = self._run(bind(query, bindings))
        if kind != "boolean":
            raise InputError(f"expected an ASK query, got {describe_kind(kind)}")
        return bool(result)

    def construct(self, query: str, bindings: Bindings | None = None) -> rdflib.Graph:
        """Run a CONSTRUCT or DESCRIBE query and return the triples as a new rdflib Graph."""
        kind, result = self._run(bind(query, bindings))
        if kind != "triples":
            raise InputError(f"expected a CONSTRUCT or DESCRIBE query, got {describe_kind(kind)}")
        return self._guard(lambda: to_graph(result))

    def query_serialized(
        self, query: str, media_type: str, bindings: Bindings | None = None, *,
        default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = (), base_iri: str | None = None,
    ) -> bytes:
        """Run any query and return its answer serialised as ``media_type``.

        SELECT/ASK: SPARQL results JSON or XML, CSV, TSV. CONSTRUCT/DESCRIBE: Turtle, N-Triples,
        RDF/XML, JSON-LD. A media type that does not suit the query form is an InputError.
        With ``default_graphs`` or ``named_graphs`` (the SPARQL Protocol's dataset) the query sees
        those graphs instead of the union of all; ``base_iri`` resolves its relative IRIs.
        """
        mt = media_type.split(";")[0].strip().lower()
        if mt not in RESULT_FORMATS and mt not in GRAPH_FORMATS:
            raise InputError(
                f"unsupported media type {media_type!r}; use one of "
                + ", ".join([*RESULT_FORMATS, *GRAPH_FORMATS])
            )
        kind, result = self._run(bind(query, bindings), default_graphs=tuple(default_graphs),
                                 named_graphs=tuple(named_graphs), base_iri=base_iri)
        if kind == "triples":
            if mt not in GRAPH_FORMATS:
                raise InputError(f"{mt} does not suit a CONSTRUCT/DESCRIBE query; use one of {', '.join(GRAPH_FORMATS)}")
            fmt = GRAPH_FORMATS[mt]
            prefixes = None if fmt in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.JSON_LD) else PREFIXES
            return self._guard(lambda: ox.serialize(result, format=fmt, prefixes=prefixes))
        if mt not in RESULT_FORMATS:
            raise InputError(f"{mt} does not suit a {describe_kind(kind)}; use one of {', '.join(RESULT_FORMATS)}")
        return self._guard(lambda: result.serialize(format=RESULT_FORMATS[mt]))

    def query_form(self, query: str) -> str:
        """Return "SELECT", "ASK", "CONSTRUCT", "DESCRIBE" or "UPDATE"; InputError if not SPARQL."""
        return query_form(query)

    # -- backend duties ---------------------------------------------------------------------

    @abstractmethod
    def _run(self, query: str, *, default_graphs: tuple[str, ...] = (), named_graphs: tuple[str, ...] = (),
             base_iri: str | None = None) -> tuple[str, Any]:
        """Start ``query``; return ("solutions", ox.QuerySolutions) | ("boolean", ox.QueryBoolean)
        | ("triples", iterable of ox.Triple). With ``default_graphs`` or ``named_graphs`` it sees
        that dataset instead of the union of all graphs; ``base_iri`` resolves relative IRIs."""

    def _guard(self, fn: Callable[[], Any]) -> Any:
        """Call ``fn`` (which consumes a lazily evaluated answer), mapping errors to ours."""
        try:
            return fn()
        except SyntaxError as exc:
            raise InputError(one_line(f"not a valid SPARQL query: {exc}")) from None
        except OSError as exc:
            raise StoreUnavailableError(one_line(f"reading the store at {self.location} failed: {exc}")) from None
        except (RuntimeError, ValueError) as exc:
            raise InputError(one_line(f"the query failed: {exc}")) from None

    @abstractmethod
    def replace_graphs(
        self, graphs: Mapping[str, GraphData], *, drop_others: bool = False, keep: Iterable[str] = ()
    ) -> None:
        """Replace the named graphs given (an empty graph removes it), as atomically as the
        backend allows. With ``drop_others`` every other named graph is removed except those in
        ``keep``."""

    @abstractmethod
    def graph(self, iri: str) -> rdflib.Graph:
        """The triples of the named graph ``iri`` (empty if there is no such graph)."""

    @abstractmethod
    def graph_names(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""

    @abstractmethod
    def update(self, sparql_update: str) -> None:
        """Run a SPARQL 1.1 Update (internal use: curation; never exposed to users).

        WHERE clauses must name their graphs with ``GRAPH``: the embedded backends do not use the
        union default graph for updates (an oxigraph server started with --union-default-graph does).
        """

    def dump(self, fmt: str) -> bytes:
        """The whole dataset, named graphs kept, as ``"trig"`` or ``"nquads"`` bytes."""
        out = io.BytesIO()
        self.dump_to(fmt, out)
        return out.getvalue()

    @abstractmethod
    def dump_to(self, fmt: str, out: IO[bytes]) -> None:
        """Stream the whole dataset as ``"trig"`` or ``"nquads"`` into the binary file ``out``."""

    @abstractmethod
    def __len__(self) -> int:
        """The number of quads."""

    @abstractmethod
    def close(self) -> None:
        """Release the store; the object must not be used afterwards."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.location}>"



def query_form(query: str) -> str:
    """Return "SELECT", "ASK", "CONSTRUCT", "DESCRIBE" or "UPDATE" for a SPARQL text, parsed with
    rdflib's grammar; InputError (one line) if it is neither a valid query nor a valid update."""
    if not query or not query.strip():
        raise InputError("the query is empty")
    return _query_form(query)


@functools.lru_cache(maxsize=256)
def _query_form(query: str) -> str:
    import pyparsing
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        parsed = parseQuery(query)
        return {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
                "DescribeQuery": "DESCRIBE"}[parsed[1].name]
    except pyparsing.ParseBaseException as as_query:
        try:
            parseUpdate(query)
            return "UPDATE"
        except pyparsing.ParseBaseException as as_update:
            best = as_query if as_query.loc >= as_update.loc else as_update
            raise InputError(
                one_line(f"not a valid SPARQL query: line {best.lineno}, column {best.col}: {best.msg}")
            ) from None

