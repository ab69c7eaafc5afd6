"""Exports of the whole store: Turtle (all graphs merged), TriG and N-Quads (named graphs kept),
JSON-LD (named graphs kept)."""

from __future__ import annotations

from rdflib import Dataset, Graph

from cpgraph.errors import InputError
from cpgraph.namespace import PREFIXES

FORMATS = {"turtle": "text/turtle", "trig": "application/trig", "nquads": "application/n-quads",
           "jsonld": "application/ld+json"}


def dataset(store) -> Dataset:
    """The store's content as an rdflib Dataset (named graphs kept)."""
    ds = Dataset()
    ds.parse(data=store.dump("nquads"), format="nquads")
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    return ds


def union_graph(store) -> Graph:
    """Every triple of every named graph, merged into one graph."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for s, p, o, _g in dataset(store).quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def export(store, fmt: str) -> bytes:
    """The store serialised in ``fmt`` (one of FORMATS)."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format '{fmt}': choose one of {', '.join(FORMATS)}")
    if fmt == "nquads":
        return store.dump("nquads")
    if fmt == "trig":
        return store.dump("trig")
    if fmt == "turtle":
        return union_graph(store).serialize(format="turtle").encode("utf-8")
    return dataset(store).serialize(format="json-ld", indent=1).encode("utf-8")
