"""RDF terms and graphs between rdflib and pyoxigraph, and the small helpers every backend uses:
checked IRIs, N-Triples, rows of solutions, one-line error messages."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib
from rdflib.term import BNode, Literal, Node, URIRef

from cpgraph.errors import InputError
from cpgraph.namespace import PREFIXES

_DUMP_FORMATS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class NTriples:
    """A graph already written as N-Triples (UTF-8), as build workers hand it back: stores load
    it as it is, so the main process never rebuilds an rdflib graph it would only write out."""

    __slots__ = ("data", "triples")

    def __init__(self, data: bytes, triples: int) -> None:
        self.data = data
        self.triples = triples

    @classmethod
    def of(cls, g: rdflib.Graph) -> NTriples:
        """``g`` written as N-Triples; InputError if rdflib cannot write one of its terms."""
        return cls(ntriples(str(g.identifier), g), len(g))

    def __len__(self) -> int:
        return self.triples


GraphData = rdflib.Graph | NTriples
"""What ``replace_graphs`` accepts for each named graph."""


def named_node(iri: str, *, what: str = "the graph name") -> ox.NamedNode:
    """A checked NamedNode: absolute IRI, no characters that could break out of ``<…>``."""
    try:
        return ox.NamedNode(str(iri))
    except (ValueError, TypeError) as exc:
        raise InputError(one_line(f"{what} {str(iri)!r} is not a valid IRI: {exc}")) from None


def iri_ref(iri: str) -> str:
    """``<iri>`` for SPARQL or N-Quads text, after checking it."""
    return f"<{named_node(iri).value}>"


def ntriples(name: str, g: GraphData) -> bytes:
    """``g`` as N-Triples bytes (b"" if empty); InputError if rdflib cannot write a term."""
    if isinstance(g, NTriples):
        return g.data
    if len(g) == 0:
        return b""
    try:
        return g.serialize(format="nt", encoding="utf-8")
    except Exception as exc:  # rdflib raises bare Exceptions for invalid IRIs
        raise InputError(one_line(f"graph {name} cannot be written: {exc}")) from None


def to_rdflib(term: Any) -> Node:
    """An rdflib term for a pyoxigraph one (xsd:string literals become plain literals)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype in (_XSD_STRING, _RDF_LANG_STRING):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise InputError(f"cpgraph cannot handle the RDF term {term!r} (quoted triples are not supported)")


def rows_of(solutions: Any) -> list[dict[str, Node]]:
    variables = [(v, v.value) for v in solutions.variables]
    rows = []
    for solution in solutions:
        row = {}
        for var, name in variables:
            value = solution[var]
            if value is not None:
                row[name] = to_rdflib(value)
        rows.append(row)
    return rows


def new_graph(identifier: Node | None = None) -> rdflib.Graph:
    g = rdflib.Graph(identifier=identifier)
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def fill_graph(g: rdflib.Graph, triples: Iterable[Any]) -> rdflib.Graph:
    for t in triples:
        g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return g


def to_graph(triples: Iterable[Any]) -> rdflib.Graph:
    return fill_graph(new_graph(), triples)


def others_to_drop(existing: Iterable[str], graphs: Mapping[str, GraphData], keep: Iterable[str]) -> list[str]:
    """Graph names to drop: existing ones neither replaced nor kept."""
    spared = {*graphs.keys(), *keep}
    return [name for name in existing if name not in spared]


def describe_kind(kind: str) -> str:
    return {"solutions": "a SELECT query", "boolean": "an ASK query", "triples": "a CONSTRUCT/DESCRIBE query"}[kind]


def dump_name(fmt: str) -> str:
    name = fmt.strip().lower().replace("-", "")
    if name not in _DUMP_FORMATS:
        raise InputError(f"cannot dump the store as {fmt!r}; use trig or nquads")
    return name


def dump_format(fmt: str) -> ox.RdfFormat:
    return _DUMP_FORMATS[dump_name(fmt)]


def one_line(message: str) -> str:
    first = str(message).strip().splitlines()
    return first[0] if first else "unknown error"


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (no-op where folders cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
