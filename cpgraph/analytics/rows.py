"""SELECT results as plain text rows, read in bulk: what the projection is built from."""

from __future__ import annotations

import re
from typing import Any

from rdflib.term import Identifier

from cpgraph.namespace import PREFIXES

PREFIX_LINES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
"""The cpgraph prefixes, declared ahead of every query the analytics send."""
_TSV = "text/tab-separated-values"
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.S)
_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f"}


def select_rows(store, query: str) -> list[dict[str, str]]:
    """The rows of a SELECT (the cpgraph prefixes are declared for it) as {variable: lexical
    form}; IRIs come without their angle brackets, unbound variables are left out.

    Bulk reads go through the store's SPARQL results TSV, which Oxigraph writes whatever the
    backend (a remote answer is parsed and re-written natively): an order of magnitude faster at
    national scale than making an rdflib term of every cell. A store without
    ``query_serialized`` (a test double) is read with ``select``.
    """
    if not hasattr(store, "query_serialized"):
        return [{k: text(v) for k, v in row.items() if v is not None} for row in store.select(PREFIX_LINES + query)]
    lines = store.query_serialized(PREFIX_LINES + query, _TSV).decode("utf-8").split("\n")
    names = [v.lstrip("?$") for v in lines[0].rstrip("\r").split("\t")] if lines and lines[0] else []
    rows = []
    for line in lines[1:]:
        if not line:
            continue
        rows.append({name: _term(cell) for name, cell in zip(names, line.rstrip("\r").split("\t"), strict=False)
                     if cell})
    return rows


def text(value: Any) -> str | None:
    """A result value (plain text, an rdflib term or a pyoxigraph term) as its lexical form."""
    if value is None or type(value) is str:
        return value
    if isinstance(value, Identifier):
        return str(value)
    return str(getattr(value, "value", value))


def _term(cell: str) -> str:
    """The lexical form of one TSV cell: an IRI, a literal in Turtle syntax, or a bare number."""
    first = cell[0]
    if first == "<":
        return cell[1:-1]
    if first == '"':
        body = cell[1:cell.rfind('"')]
        return _ESCAPE.sub(_unescape, body) if "\\" in body else body
    return cell


def _unescape(m: re.Match) -> str:
    if m.group(1) or m.group(2):
        return chr(int(m.group(1) or m.group(2), 16))
    return _ESCAPES.get(m.group(3), m.group(3))
