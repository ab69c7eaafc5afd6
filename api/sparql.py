"""The SPARQL 1.1 Protocol, read-only: which query a request carries (GET, URL-encoded POST or
direct POST), which result format it wants, and the service description."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef

from api import negotiate
from api.sparql_text import classify
from cpgraph.errors import ForbiddenError, InputError

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

# What each query form can be answered in, in order of preference; aliases map to the type sent.
SELECT_OFFERS = {
    "application/sparql-results+json": "application/sparql-results+json",
    "application/json": "application/sparql-results+json",
    "application/sparql-results+xml": "application/sparql-results+xml",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "text/csv": "text/csv",
    "text/tab-separated-values": "text/tab-separated-values",
}
GRAPH_OFFERS = {
    "text/turtle": "text/turtle",
    "application/x-turtle": "text/turtle",
    "application/n-triples": "application/n-triples",
    "text/plain": "application/n-triples",
    "application/n-quads": "application/n-quads",
    "application/rdf+xml": "application/rdf+xml",
    "application/xml": "application/rdf+xml",
    "application/ld+json": "application/ld+json",
    "application/json": "application/ld+json",
}
_FORMAT_NAMES = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", None),
    "tsv": ("text/tab-separated-values", None),
    "turtle": (None, "text/turtle"),
    "ttl": (None, "text/turtle"),
    "nt": (None, "application/n-triples"),
    "ntriples": (None, "application/n-triples"),
    "n-triples": (None, "application/n-triples"),
    "nq": (None, "application/n-quads"),
    "nquads": (None, "application/n-quads"),
    "n-quads": (None, "application/n-quads"),
    "rdfxml": (None, "application/rdf+xml"),
    "rdf+xml": (None, "application/rdf+xml"),
    "rdf": (None, "application/rdf+xml"),
    "jsonld": (None, "application/ld+json"),
    "json-ld": (None, "application/ld+json"),
}
_RESULT_FORMATS = (FORMATS.SPARQL_Results_JSON, FORMATS.SPARQL_Results_XML, FORMATS.SPARQL_Results_CSV,
                   FORMATS.SPARQL_Results_TSV, FORMATS.Turtle, FORMATS["N-Triples"], FORMATS["N-Quads"], FORMATS.RDF_XML,
                   FORMATS["JSON-LD"])


class NotAcceptable(Exception):
    """No format the client accepts fits the query (HTTP 406)."""

    def __init__(self, offers: list[str]) -> None:
        super().__init__("none of the accepted formats fits this query; this endpoint offers " + ", ".join(offers))
        self.message = str(self)


@dataclass(frozen=True)
class ProtocolRequest:
    """A protocol operation: the query text (None when the request asks for the service
    description), the RDF dataset named by ``default-graph-uri`` / ``named-graph-uri``, the
    ``format`` asked for by name, and ``offset``: how many rows (or triples) of the answer to
    skip, to read an answer longer than the row cap page by page."""

    query: str | None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    format: str | None = None
    offset: int = 0


def _one(values: dict[str, list[str]], name: str) -> str | None:
    found = values.get(name) or []
    if len(found) > 1:
        raise InputError(f"give the '{name}' parameter once, not {len(found)} times")
    return found[0] if found else None


def _graphs(values: dict[str, list[str]], name: str) -> tuple[str, ...]:
    out = tuple(values.get(name) or ())
    for iri in out:
        if not iri.startswith(("http://", "https://", "urn:")) or any(c in iri for c in ' <>"{}|\\^`'):
            raise InputError(f"{name} must be an absolute IRI, not {iri[:80]!r}")
    return out


def _offset(values: dict[str, list[str]]) -> int:
    raw = _one(values, "offset")
    if raw is None or raw == "":
        return 0
    if not raw.isdigit() or len(raw) > 12:
        raise InputError(f"offset must be a whole number of rows to skip, not {raw[:40]!r}")
    return int(raw)


def _check_charset(content_type: str | None) -> None:
    """The protocol's bodies are UTF-8: another charset named in ``content_type`` is refused."""
    for param in (content_type or "").split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in ("utf-8", "utf8"):
            raise InputError(f"send the query as UTF-8, not {value.strip()[:40]}")


def read_request(method: str, url_query: str, content_type: str | None, body: bytes) -> ProtocolRequest:
    """The operation carried by an HTTP request to the endpoint.

    Updates, however they are sent, raise ForbiddenError; a POST with neither a query nor a
    known content type raises InputError.
    """
    params = parse_qs(url_query, keep_blank_values=True)
    media = (content_type or "").split(";")[0].strip().lower()
    if "update" in params or media == "application/sparql-update":
        raise ForbiddenError("SPARQL updates are not allowed: this endpoint is read-only")
    if method == "POST":
        _check_charset(content_type)
        if media == "application/x-www-form-urlencoded":
            try:
                form = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
            except UnicodeDecodeError as exc:
                raise InputError("the form body is not UTF-8") from exc
            if "update" in form:
                raise ForbiddenError("SPARQL updates are not allowed: this endpoint is read-only")
            merged = {**params, **form}
            query = _one(form, "query")
            if query is None:
                raise InputError("a POSTed form must carry a 'query' field")
        elif media == "application/sparql-query":
            try:
                query = body.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError("the query is not UTF-8") from exc
            merged = params
        else:
            raise InputError("POST a query as application/x-www-form-urlencoded or application/sparql-query")
    else:
        merged = params
        query = _one(params, "query")
    return ProtocolRequest(query, _graphs(merged, "default-graph-uri"), _graphs(merged, "named-graph-uri"),
                           (merged.get("format") or [None])[0], _offset(merged))


def media_type_for(query: str, accept: str | None, format_name: str | None = None) -> tuple[str, str]:
    """The query's form and the media type to answer in; ForbiddenError for updates, SERVICE
    and LOAD, InputError when it is no query, NotAcceptable when no accepted format fits."""
    form = classify(query)
    graph = form in ("CONSTRUCT", "DESCRIBE")
    offers = GRAPH_OFFERS if graph else SELECT_OFFERS
    if format_name:
        named = format_name.strip().lower()
        if named in offers:
            return form, offers[named]
        pair = _FORMAT_NAMES.get(named)
        if pair and pair[1 if graph else 0]:
            return form, pair[1 if graph else 0]
    chosen = negotiate.choose(accept, list(offers))
    if chosen is None:
        raise NotAcceptable(sorted(set(offers.values())))
    return form, offers[chosen]


def service_description(endpoint: str, named_graphs: list[str]) -> Graph:
    """The SPARQL service description (``sd:`` vocabulary) of the endpoint at ``endpoint``."""
    g = Graph()
    g.bind("sd", SD)
    g.bind("formats", FORMATS)
    me = URIRef(endpoint)
    g.add((me, RDF.type, SD.Service))
    g.add((me, SD.endpoint, me))
    g.add((me, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((me, SD.feature, SD.UnionDefaultGraph))
    for fmt in _RESULT_FORMATS:
        g.add((me, SD.resultFormat, fmt))
    dataset, default = BNode("dataset"), BNode("default")
    g.add((me, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    for i, name in enumerate(sorted(named_graphs)):
        node = BNode(f"graph{i}")
        g.add((dataset, SD.namedGraph, node))
        g.add((node, RDF.type, SD.NamedGraph))
        g.add((node, SD.name, URIRef(name)))
    g.add((me, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"),
           Literal("cpgraph: read-only, time-limited and row-capped SPARQL 1.1 Query endpoint")))
    return g
