"""Embedded Oxigraph (pyoxigraph): what the in-memory and on-disk stores share, and the
in-memory store."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import IO, Any

import pyoxigraph as ox
import rdflib
from rdflib.term import URIRef

from cpgraph.errors import InputError, StoreUnavailableError
from cpgraph.namespace import PREFIXES
from cpgraph.store.interface import Store
from cpgraph.store.terms import (
    GraphData,
    dump_format,
    fill_graph,
    iri_ref,
    named_node,
    new_graph,
    ntriples,
    one_line,
    others_to_drop,
)

MEMORY = ":memory:"
"""The location of a store held in memory."""


class OxigraphStore(Store):
    """What the in-memory and on-disk embedded stores share."""

    _store: ox.Store | None

    def _live(self) -> ox.Store:
        if self._store is None:
            raise StoreUnavailableError(f"the store at {self.location} is closed")
        return self._store

    def _run(self, query: str, *, default_graphs: tuple[str, ...] = (), named_graphs: tuple[str, ...] = (),
             base_iri: str | None = None) -> tuple[str, Any]:
        store = self._live()
        options: dict[str, Any] = {"base_iri": base_iri}
        if default_graphs or named_graphs:
            options["default_graph"] = [named_node(g) for g in default_graphs]
            options["named_graphs"] = [named_node(g) for g in named_graphs]
        else:
            options["use_default_graph_as_union"] = True
        try:
            result = store.query(query, **options)
        except SyntaxError as exc:
            raise InputError(one_line(f"not a valid SPARQL query: {exc}")) from None
        except OSError as exc:
            raise StoreUnavailableError(one_line(f"reading the store at {self.location} failed: {exc}")) from None
        except (RuntimeError, ValueError) as exc:
            raise InputError(one_line(f"the query failed: {exc}")) from None
        if isinstance(result, ox.QuerySolutions):
            return "solutions", result
        if isinstance(result, ox.QueryBoolean):
            return "boolean", result
        return "triples", result

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreUnavailableError(
                f"the store at {self.location} is open read-only because another process "
                "(e.g. cpgraph serve) is using it; stop that process or write through it"
            )

    def update(self, sparql_update: str) -> None:
        """Run a SPARQL 1.1 Update in one transaction (internal use; see :meth:`Store.update`)."""
        self._check_writable()
        try:
            self._live().update(sparql_update)
        except SyntaxError as exc:
            raise InputError(one_line(f"not a valid SPARQL update: {exc}")) from None
        except OSError as exc:
            raise StoreUnavailableError(one_line(f"writing the store at {self.location} failed: {exc}")) from None
        except (RuntimeError, ValueError) as exc:
            raise InputError(one_line(f"the update failed: {exc}")) from None

    def _replace_in_place(self, graphs: Mapping[str, GraphData], drop: Iterable[str]) -> None:
        """Drop ``drop`` and replace ``graphs`` in ONE SPARQL update, hence one transaction."""
        ops = [f"DROP SILENT GRAPH {iri_ref(name)}" for name in [*drop, *graphs]]
        inserts = []
        for name, g in graphs.items():
            nt = ntriples(name, g)
            if nt:
                inserts.append(f"GRAPH {iri_ref(name)} {{\n{nt.decode('utf-8')}}}\n")
        if inserts:
            ops.append("INSERT DATA {\n" + "".join(inserts) + "}")
        if ops:
            self.update(" ;\n".join(ops))

    def graph(self, iri: str) -> rdflib.Graph:
        """The triples of the named graph ``iri`` (empty if there is no such graph)."""
        name = named_node(iri)
        store = self._live()
        g = new_graph(URIRef(iri))
        return self._guard(lambda: fill_graph(g, (q.triple for q in store.quads_for_pattern(None, None, None, name))))

    def graph_names(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        store = self._live()
        return sorted(n.value for n in store.named_graphs() if isinstance(n, ox.NamedNode))

    def dump_to(self, fmt: str, out: IO[bytes]) -> None:
        """Stream the whole dataset as ``"trig"`` or ``"nquads"`` into ``out``."""
        rdf_format = dump_format(fmt)
        prefixes = PREFIXES if rdf_format == ox.RdfFormat.TRIG else None
        store = self._live()
        self._guard(lambda: store.dump(out, rdf_format, prefixes=prefixes))

    def __len__(self) -> int:
        """The number of quads."""
        return len(self._live())

    def close(self) -> None:
        """Release the store (and, on disk, its lock)."""
        self._store = None


class MemoryStore(OxigraphStore):
    """An embedded Oxigraph store held in memory; gone when closed."""

    def __init__(self) -> None:
        self.location = MEMORY
        self._store = ox.Store()

    def replace_graphs(
        self, graphs: Mapping[str, GraphData], *, drop_others: bool = False, keep: Iterable[str] = ()
    ) -> None:
        """Replace the graphs given (and drop the others unless kept) in one transaction."""
        drop = others_to_drop(self.graph_names(), graphs, keep) if drop_others else []
        self._replace_in_place(graphs, drop)

