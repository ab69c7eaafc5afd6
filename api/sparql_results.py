"""SPARQL results in the formats of the SPARQL 1.1 Protocol, written by pyoxigraph.

The endpoint caps rows, so the solutions it sends are a list cut from pyoxigraph's result, no
longer a result object pyoxigraph can write. The list is turned back into one by reading it as
SPARQL TSV (whose terms are N-Triples, which pyoxigraph writes exactly), and pyoxigraph writes
that in the format asked for: every escape, blank node and triple term is its serialiser's.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox

from cpgraph.tabular import safe_cell

SELECT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}

Row = Sequence[object | None]  # one term (or None when unbound) per variable

_XSD = "http://www.w3.org/2001/XMLSchema#"
_WHOLE_NUMBERS = {_XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                      "positiveInteger", "nonPositiveInteger", "negativeInteger",
                                      "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}
_NUMBERS = {_XSD + "decimal", _XSD + "double", _XSD + "float"}


def plain_value(term) -> object:
    """A result term as a JSON value, as :func:`api.lookups.plain` gives it for the same term
    read through rdflib: booleans and whole numbers typed, other numbers as floats, anything
    else (IRIs, text, dates) as its text."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype == _XSD + "boolean":
                return term.value.lower() in ("1", "true")
            if datatype in _WHOLE_NUMBERS:
                return int(term.value)
            if datatype in _NUMBERS:
                return float(term.value)
        except ValueError:
            pass  # an ill-typed literal: its text, as rdflib leaves it
        return term.value
    return term.value if hasattr(term, "value") else str(term)


def _nt(term) -> str:
    """``term`` in N-Triples syntax, as SPARQL TSV writes it (triple terms as ``<<( … )>>``)."""
    if isinstance(term, ox.Triple):
        return f"<<( {_nt(term.subject)} {_nt(term.predicate)} {_nt(term.object)} )>>"
    return str(term)


def _formula_safe(term):
    """For CSV: a literal a spreadsheet would run as a formula (``=cmd|…``) gets the same leading
    ``'`` as every other CSV cpgraph writes."""
    if not isinstance(term, ox.Literal):
        return term
    safe = safe_cell(term.value)
    if safe == term.value:
        return term
    if term.language:
        return ox.Literal(safe, language=term.language, direction=term.direction)
    return ox.Literal(safe, datatype=term.datatype)


def solutions_body(variables: Sequence[str], rows: Sequence[Row], media_type: str) -> bytes:
    """SELECT results (``rows`` of terms, one per variable) in ``media_type``, one of
    :data:`SELECT_TYPES`, written by pyoxigraph."""
    fmt = SELECT_TYPES[media_type]
    safe = _formula_safe if fmt == ox.QueryResultsFormat.CSV else (lambda t: t)
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if t is None else _nt(safe(t)) for t in row) for row in rows]
    table = ox.parse_query_results(("\n".join(lines) + "\n").encode("utf-8"), format=ox.QueryResultsFormat.TSV)
    return table.serialize(format=fmt)


def boolean_body(value: bool, media_type: str) -> bytes:
    """ASK results in ``media_type``, one of :data:`SELECT_TYPES`, written by pyoxigraph."""
    doc = json.dumps({"head": {}, "boolean": bool(value)}).encode()
    return ox.parse_query_results(doc, format=ox.QueryResultsFormat.JSON).serialize(format=SELECT_TYPES[media_type])


def graph_body(triples: Sequence[ox.Triple], media_type: str, prefixes: dict[str, str]) -> bytes:
    """CONSTRUCT or DESCRIBE results as RDF in ``media_type``, one of :data:`GRAPH_TYPES` (in
    N-Quads, the triples of the default graph)."""
    fmt = GRAPH_TYPES[media_type]
    if fmt == ox.RdfFormat.N_QUADS:
        return ox.serialize([ox.Quad(t.subject, t.predicate, t.object) for t in triples], format=fmt)
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML):
        return ox.serialize(triples, format=fmt, prefixes=prefixes)
    return ox.serialize(triples, format=fmt)


def with_head_link(body: bytes, media_type: str, link: str) -> bytes:
    """SELECT results in JSON or XML with ``link`` added to their head (``head.link`` /
    ``<link href>``, which the results formats provide for metadata about the results); other
    bodies unchanged."""
    fmt = SELECT_TYPES.get(media_type)
    if fmt == ox.QueryResultsFormat.JSON and body.startswith(b'{"head":{'):
        return b'{"head":{"link":' + json.dumps([link]).encode() + b"," + body[len(b'{"head":{'):]
    if fmt == ox.QueryResultsFormat.XML:
        tag = f"<link href={quoteattr(link)}/>".encode()
        if b"</head>" in body:
            return body.replace(b"</head>", tag + b"</head>", 1)
    return body
