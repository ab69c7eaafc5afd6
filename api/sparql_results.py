"""SPARQL results written out in the formats of the SPARQL 1.1 Protocol, from pyoxigraph terms.

Results are written here rather than by pyoxigraph because the endpoint caps rows: the capped
list of solutions is no longer a pyoxigraph result object, and the JSON form carries the
``cpgraph.truncated`` extension key.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from cpgraph.tabular import safe_cell

SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

Row = Sequence[object | None]  # one term (or None when unbound) per variable


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}  # quoted triples: shown as text


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


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != _XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _csv_cell(term) -> str:
    """A term's value for the CSV results; a literal a spreadsheet would run as a formula
    (``=cmd|…``) gets the same leading ``'`` as every other CSV cpgraph writes."""
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return safe_cell(term.value)
    return term.value if hasattr(term, "value") else str(term)


def select_body(variables: Sequence[str], rows: Sequence[Row], fmt: str, *, truncated: bool) -> bytes:
    """SELECT results in ``fmt`` ("json", "xml", "csv" or "tsv")."""
    if fmt == "json":
        bindings = [{v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None}
                    for row in rows]
        doc = {"head": {"vars": list(variables)}, "results": {"bindings": bindings},
               "cpgraph": {"truncated": truncated}}
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        out = ['<?xml version="1.0" encoding="utf-8"?>',
               '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
        out += [f"<variable name={quoteattr(v)}/>" for v in variables]
        out += ["</head>", "<results>"]
        for row in rows:
            out.append("<result>")
            out += [f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                    for v, t in zip(variables, row, strict=True) if t is not None]
            out.append("</result>")
        out += ["</results>", "</sparql>"]
        return "\n".join(out).encode("utf-8")
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(variables)
        for row in rows:
            writer.writerow([_csv_cell(t) for t in row])
        return buf.getvalue().encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(f"unknown results format {fmt}")


def ask_body(value: bool, fmt: str) -> bytes:
    """ASK results in ``fmt`` ("json", "xml", "csv" or "tsv")."""
    word = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if fmt == "xml":
        return ('<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{word}</boolean></sparql>").encode()
    if fmt == "csv":
        return f"_askResult\r\n{word}\r\n".encode()
    return f"?_askResult\n{word}\n".encode()


def graph_body(triples: Sequence[ox.Triple], media_type: str, prefixes: dict[str, str]) -> bytes:
    """CONSTRUCT or DESCRIBE results as RDF in ``media_type``."""
    fmt = GRAPH_TYPES[media_type]
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML):
        return ox.serialize(triples, format=fmt, prefixes=prefixes)
    return ox.serialize(triples, format=fmt)
