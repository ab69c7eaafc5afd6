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
"""

from __future__ import annotations

import contextlib
import functools
import io
import itertools
import math
import os
import re
import shutil
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import httpx
import pyoxigraph as ox
import rdflib
from rdflib.term import BNode, Literal, Node, URIRef

from cpgraph.errors import InputError, QueryTimeoutError, StoreUnavailableError
from cpgraph.namespace import PREFIXES
from cpgraph.settings import Settings, from_env

try:  # POSIX only; without it concurrent builds are not guarded against each other
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "GRAPH_FORMATS",
    "GraphData",
    "MemoryStore",
    "NTriples",
    "OxigraphDiskStore",
    "RESULT_FORMATS",
    "RemoteStore",
    "Store",
    "bind",
    "open_store",
]

MEMORY = ":memory:"


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
        return cls(_ntriples(str(g.identifier), g), len(g))

    def __len__(self) -> int:
        return self.triples


GraphData = rdflib.Graph | NTriples
"""What ``replace_graphs`` accepts for each named graph."""
Bindings = Mapping[str, Node | list[Node] | tuple[Node, ...]]
"""Variables bound by :func:`bind`: a term each, or a list of terms taken in turn."""

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

_DUMP_FORMATS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}
READ_ONLY_RETRY_S = 30.0
"""How often a store opened read-only beside another process tries to open read-write again."""
_READ_ONLY_ATTEMPTS = 8  # opening read-only beside a writer races its compactions (see _open_read_only)
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


# --------------------------------------------------------------------------- open_store


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


# --------------------------------------------------------------------------- the interface


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
            raise InputError(f"expected a SELECT query, got {_describe_kind(kind)}")
        return self._guard(lambda: _rows(result))

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        """Run an ASK query and return its answer."""
        kind, result = self._run(bind(query, bindings))
        if kind != "boolean":
            raise InputError(f"expected an ASK query, got {_describe_kind(kind)}")
        return bool(result)

    def construct(self, query: str, bindings: Bindings | None = None) -> rdflib.Graph:
        """Run a CONSTRUCT or DESCRIBE query and return the triples as a new rdflib Graph."""
        kind, result = self._run(bind(query, bindings))
        if kind != "triples":
            raise InputError(f"expected a CONSTRUCT or DESCRIBE query, got {_describe_kind(kind)}")
        return self._guard(lambda: _to_graph(result))

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
            raise InputError(f"{mt} does not suit a {_describe_kind(kind)}; use one of {', '.join(RESULT_FORMATS)}")
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
            raise InputError(_one_line(f"not a valid SPARQL query: {exc}")) from None
        except OSError as exc:
            raise StoreUnavailableError(_one_line(f"reading the store at {self.location} failed: {exc}")) from None
        except (RuntimeError, ValueError) as exc:
            raise InputError(_one_line(f"the query failed: {exc}")) from None

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


# --------------------------------------------------------------------------- embedded (pyoxigraph)


class _OxigraphStore(Store):
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
            options["default_graph"] = [_named_node(g) for g in default_graphs]
            options["named_graphs"] = [_named_node(g) for g in named_graphs]
        else:
            options["use_default_graph_as_union"] = True
        try:
            result = store.query(query, **options)
        except SyntaxError as exc:
            raise InputError(_one_line(f"not a valid SPARQL query: {exc}")) from None
        except OSError as exc:
            raise StoreUnavailableError(_one_line(f"reading the store at {self.location} failed: {exc}")) from None
        except (RuntimeError, ValueError) as exc:
            raise InputError(_one_line(f"the query failed: {exc}")) from None
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
            raise InputError(_one_line(f"not a valid SPARQL update: {exc}")) from None
        except OSError as exc:
            raise StoreUnavailableError(_one_line(f"writing the store at {self.location} failed: {exc}")) from None
        except (RuntimeError, ValueError) as exc:
            raise InputError(_one_line(f"the update failed: {exc}")) from None

    def _replace_in_place(self, graphs: Mapping[str, GraphData], drop: Iterable[str]) -> None:
        """Drop ``drop`` and replace ``graphs`` in ONE SPARQL update, hence one transaction."""
        ops = [f"DROP SILENT GRAPH {_iri(name)}" for name in [*drop, *graphs]]
        inserts = []
        for name, g in graphs.items():
            nt = _ntriples(name, g)
            if nt:
                inserts.append(f"GRAPH {_iri(name)} {{\n{nt.decode('utf-8')}}}\n")
        if inserts:
            ops.append("INSERT DATA {\n" + "".join(inserts) + "}")
        if ops:
            self.update(" ;\n".join(ops))

    def graph(self, iri: str) -> rdflib.Graph:
        """The triples of the named graph ``iri`` (empty if there is no such graph)."""
        name = _named_node(iri)
        store = self._live()
        g = _new_graph(URIRef(iri))
        return self._guard(lambda: _fill(g, (q.triple for q in store.quads_for_pattern(None, None, None, name))))

    def graph_names(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        store = self._live()
        return sorted(n.value for n in store.named_graphs() if isinstance(n, ox.NamedNode))

    def dump_to(self, fmt: str, out: IO[bytes]) -> None:
        """Stream the whole dataset as ``"trig"`` or ``"nquads"`` into ``out``."""
        rdf_format = _dump_format(fmt)
        prefixes = PREFIXES if rdf_format == ox.RdfFormat.TRIG else None
        store = self._live()
        self._guard(lambda: store.dump(out, rdf_format, prefixes=prefixes))

    def __len__(self) -> int:
        """The number of quads."""
        return len(self._live())

    def close(self) -> None:
        """Release the store (and, on disk, its lock)."""
        self._store = None


class MemoryStore(_OxigraphStore):
    """An embedded Oxigraph store held in memory; gone when closed."""

    def __init__(self) -> None:
        self.location = MEMORY
        self._store = ox.Store()

    def replace_graphs(
        self, graphs: Mapping[str, GraphData], *, drop_others: bool = False, keep: Iterable[str] = ()
    ) -> None:
        """Replace the graphs given (and drop the others unless kept) in one transaction."""
        drop = _others(self.graph_names(), graphs, keep) if drop_others else []
        self._replace_in_place(graphs, drop)


class OxigraphDiskStore(_OxigraphStore):
    """An embedded Oxigraph store in a folder of generations, rebuilt atomically.

    The folder holds ``gen-000001/``, ``gen-000002/`` … (each an Oxigraph database) and a
    symlink ``current`` naming the live one. A full rebuild (``replace_graphs(...,
    drop_others=True)``) writes a new generation with bulk loading, then swaps ``current`` in one
    ``os.replace``: a build killed midway leaves ``current`` on the old generation, and the next
    build deletes the half-built one. The previous generation is kept (a server may still be
    reading it), older ones are deleted. Other writes change the live generation in place, in
    one transaction.

    Oxigraph (RocksDB) lets one process open a database read-write. If another process holds
    it (say ``cpgraph serve``), this store opens it read-only: queries answer from a snapshot
    taken at opening, full rebuilds still work (they write a new generation), in-place writes
    raise StoreUnavailableError. :meth:`refresh` reopens after a rebuild elsewhere.
    """

    LINK = "current"
    _GEN = re.compile(r"gen-(\d{6,})")

    def __init__(self, location: str | os.PathLike[str]) -> None:
        self.location = str(location)
        self._dir = Path(os.path.expanduser(self.location))
        self._store = None
        self._gen = ""
        self._opened_at = 0.0
        self._mutex = threading.RLock()
        try:
            if self._dir.exists() and not self._dir.is_dir():
                raise StoreUnavailableError(f"the store location {self.location} is a file, not a folder")
            self._dir.mkdir(parents=True, exist_ok=True)
            if self._current() is None:
                with self._build_lock():
                    if self._current() is None:
                        self._initialise()
            self._open(self._current() or "")
        except OSError as exc:
            raise StoreUnavailableError(_one_line(f"the store at {self.location} cannot be opened: {exc}")) from None

    # -- generations --------------------------------------------------------------------------

    def generation(self) -> str:
        """The name of the generation this object reads (e.g. ``"gen-000002"``)."""
        return self._gen

    def refresh(self, *, snapshot: bool = False) -> bool:
        """Reopen if ``current`` moved. A read-only store (another process holds the database)
        also reopens when ``snapshot`` asks for a fresh view of that process's writes, and every
        :data:`READ_ONLY_RETRY_S` seconds to try read-write again. Returns True if it reopened.
        Cheap when nothing changed: one readlink."""
        with self._mutex:
            if self._store is None:
                return False
            live = self._current()
            if live is None:
                return False
            if live == self._gen:
                if not self.read_only:
                    return False
                if not snapshot and time.monotonic() - self._opened_at < READ_ONLY_RETRY_S:
                    return False
            try:
                self._open(live)
            except OSError as exc:
                raise StoreUnavailableError(_one_line(f"the store at {self.location} cannot be opened: {exc}")) from None
            return True

    def snapshot(self, target: str | os.PathLike[str]) -> None:
        """Make ``target`` (a folder that must not exist yet) an independent copy of what the
        store holds now, which :func:`pyoxigraph.Store.read_only` can open while this store keeps
        changing: an Oxigraph backup, made of hard links, so it takes milliseconds and little
        disk at any size. StoreUnavailableError when this store is read-only (another process
        holds the database and may change it under the copy)."""
        with self._mutex:
            if self.read_only:
                raise StoreUnavailableError("a read-only store cannot be copied (another process holds it)")
            store = self._live()
            try:
                store.backup(str(target))
            except (OSError, RuntimeError) as exc:
                raise StoreUnavailableError(_one_line(f"the store at {self.location} cannot be copied: {exc}")) from None

    def _current(self) -> str | None:
        """The generation ``current`` names, None if there is no link yet."""
        link = self._dir / self.LINK
        try:
            target = os.readlink(link)
        except FileNotFoundError:
            return None
        except OSError:  # not a symlink: a plain file naming the generation (no symlink support)
            target = link.read_text(encoding="utf-8").strip()
        name = os.path.basename(target.rstrip("/\\"))
        if not self._GEN.fullmatch(name) or not (self._dir / name).is_dir():
            raise StoreUnavailableError(f"the store at {self.location} is damaged: 'current' names {target!r}")
        return name

    def _generations(self) -> list[str]:
        """All generation folders, oldest first."""
        found = [p.name for p in self._dir.iterdir() if self._GEN.fullmatch(p.name) and p.is_dir()]
        return sorted(found, key=lambda n: int(n[4:]))

    def _initialise(self) -> None:
        """Make an empty first generation and point ``current`` at it (build lock held)."""
        gens = self._generations()
        stray = [p.name for p in self._dir.iterdir() if not p.name.startswith(".") and p.name not in gens]
        if gens == ["gen-000001"] and not stray:  # an initialisation interrupted before the link
            self._swap("gen-000001")
            return
        if gens or stray:
            raise StoreUnavailableError(
                f"{self.location} is not a cpgraph store folder (it has files but no 'current' link); "
                "choose a new or empty folder"
            )
        created = ox.Store(str(self._dir / "gen-000001"))  # creates the database
        created.flush()
        del created
        self._swap("gen-000001")

    def _open(self, gen: str) -> None:
        """Open generation ``gen`` read-write, or read-only if another process holds it."""
        path = str(self._dir / gen)
        try:
            store, read_only = ox.Store(path), False
        except OSError as exc:
            if "lock" not in str(exc).lower():
                raise
            store, read_only = self._open_read_only(path), True
        self._store, self._gen, self.read_only = store, gen, read_only
        self._opened_at = time.monotonic()

    def _open_read_only(self, path: str) -> ox.Store:
        """Open ``path`` read-only beside the process that holds it. RocksDB may delete a file
        named in the manifest this open is reading (the holder is compacting): that is a
        passing race, so try again a few times before saying the store is busy."""
        error: Exception | None = None
        for attempt in range(_READ_ONLY_ATTEMPTS):
            try:
                return ox.Store.read_only(path)
            except (OSError, RuntimeError) as exc:
                error = exc
                time.sleep(0.05 * (attempt + 1))
        raise StoreUnavailableError(_one_line(
            f"the store at {self.location} is busy (another process is writing it): {error}"))

    def _swap(self, gen: str) -> None:
        """Point ``current`` at ``gen`` atomically (temp link + os.replace), then sync the folder."""
        tmp = self._dir / f".{self.LINK}.{os.getpid()}.tmp"
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        try:
            os.symlink(gen, tmp)
        except (OSError, NotImplementedError):  # no symlinks (Windows without privilege)
            tmp.write_text(gen, encoding="utf-8")
        os.replace(tmp, self._dir / self.LINK)
        _fsync_dir(self._dir)

    @contextlib.contextmanager
    def _build_lock(self) -> Iterator[None]:
        """Hold ``.build.lock`` so two builds never write the same folder at once."""
        with open(self._dir / ".build.lock", "a+b") as fh:
            if fcntl is not None:
                try:
                    fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    raise StoreUnavailableError(
                        f"another cpgraph build is writing the store at {self.location}; try again when it ends"
                    ) from None
            try:
                yield
            finally:
                if fcntl is not None:
                    fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    # -- writes ---------------------------------------------------------------------------------

    def replace_graphs(
        self, graphs: Mapping[str, GraphData], *, drop_others: bool = False, keep: Iterable[str] = ()
    ) -> None:
        """With ``drop_others``: build a new generation (graphs given + ``keep`` graphs copied from
        the live one) and swap it in atomically. Without: replace the graphs given in the live
        generation in one transaction."""
        self._live()
        names = {_named_node(name).value for name in graphs}
        if not drop_others:
            self._check_writable()
            with self._mutex:
                self._replace_in_place(graphs, [])
            return
        keep = [k for k in keep if k not in names]
        try:
            with self._mutex, self._build_lock():
                self._rebuild(graphs, keep)
        except OSError as exc:
            raise StoreUnavailableError(_one_line(f"writing the store at {self.location} failed: {exc}")) from None

    def _rebuild(self, graphs: Mapping[str, GraphData], keep: list[str]) -> None:
        if self._current() != self._gen:  # rebuilt elsewhere since we opened: keep from the live one
            self._open(self._current() or self._gen)
        old = self._gen
        gens = self._generations()
        older = [g for g in gens if int(g[4:]) < int(old[4:])]
        previous = older[-1] if older else None
        for stale in gens:  # half-built generations of killed builds, and anything older than previous
            if stale not in (old, previous):
                shutil.rmtree(self._dir / stale, ignore_errors=True)
        new = f"gen-{int(gens[-1][4:]) + 1 if gens else 1:06d}"
        source = self._live()
        target = ox.Store(str(self._dir / new))
        try:
            for name in keep:
                target.bulk_extend(source.quads_for_pattern(None, None, None, _named_node(name)))
            reader = _NQuadsReader(graphs)
            try:
                target.bulk_load(io.BufferedReader(reader, 1 << 20), ox.RdfFormat.N_QUADS)
            except (SyntaxError, OSError, ValueError) as exc:
                if reader.error is not None:
                    raise reader.error from None
                raise InputError(_one_line(f"the graphs could not be loaded: {exc}")) from None
            if reader.error is not None:
                raise reader.error
            target.optimize()
            target.flush()
        except BaseException:
            del target
            shutil.rmtree(self._dir / new, ignore_errors=True)
            raise
        self._swap(new)
        self._store, self._gen, self.read_only = target, new, False
        del source
        for gone in self._generations():
            if gone not in (new, old):
                shutil.rmtree(self._dir / gone, ignore_errors=True)


class _NQuadsReader(io.RawIOBase):
    """A file-like object streaming rdflib graphs as N-Quads (for one bulk load of them all)."""

    def __init__(self, graphs: Mapping[str, GraphData]) -> None:
        self._chunks = self._generate(graphs)
        self._buf = memoryview(b"")
        self.error: BaseException | None = None

    @staticmethod
    def _generate(graphs: Mapping[str, GraphData]) -> Iterator[bytes]:
        for name, g in graphs.items():
            nt = _ntriples(name, g)
            if nt:  # N-Triples lines all end " .\n" (newlines inside literals are escaped)
                yield nt.replace(b" .\n", b" " + _iri(name).encode("utf-8") + b" .\n")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._buf:
            try:
                self._buf = memoryview(next(self._chunks))
            except StopIteration:
                return 0
            except BaseException as exc:  # surfaced by the caller: pyoxigraph would mask its type
                self.error = exc
                return 0
        n = min(len(buffer), len(self._buf))
        buffer[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n


# --------------------------------------------------------------------------- remote


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
            detail = _one_line(response.text.strip() or response.reason_phrase)
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
            query = f"BASE {_iri(base_iri)}\n{query}"
        params = [("default-graph-uri", _named_node(g).value) for g in default_graphs]
        params += [("named-graph-uri", _named_node(g).value) for g in named_graphs]
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
            raise StoreUnavailableError(_one_line(f"the SPARQL store at {self.location} sent a broken answer: {exc}")) from None
        raise StoreUnavailableError(f"the SPARQL store at {self.location} answered with unexpected {ctype or 'content'}")

    # -- graphs ---------------------------------------------------------------------------------

    def replace_graphs(
        self, graphs: Mapping[str, GraphData], *, drop_others: bool = False, keep: Iterable[str] = ()
    ) -> None:
        """PUT each graph given (Graph Store Protocol), then drop the others unless kept."""
        for name in graphs:
            _named_node(name)
        drop = _others(self.graph_names(), graphs, keep) if drop_others else []
        for name, g in graphs.items():
            nt = _ntriples(name, g)
            if not nt:
                drop.append(name)
                continue
            self._request(
                "PUT", self.store_url, params={"graph": name}, content=nt,
                headers={"Content-Type": "application/n-triples"}, timeout=self._write_timeout,
            )
        if drop:
            self._post_update(" ;\n".join(f"DROP SILENT GRAPH {_iri(n)}" for n in drop))

    def graph(self, iri: str) -> rdflib.Graph:
        """The triples of the named graph ``iri`` (empty if there is no such graph)."""
        _named_node(iri)
        response = self._request(
            "GET", self.store_url, params={"graph": iri}, headers={"Accept": "application/n-triples"},
            timeout=self._write_timeout, missing_ok=True,
        )
        g = _new_graph(URIRef(iri))
        if response.status_code == 404:
            return g
        try:
            return _fill(g, (q.triple for q in ox.parse(response.content, ox.RdfFormat.N_TRIPLES)))
        except SyntaxError as exc:
            raise StoreUnavailableError(_one_line(f"the SPARQL store at {self.location} sent a broken graph: {exc}")) from None

    def graph_names(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return sorted(str(r["g"]) for r in rows if isinstance(r.get("g"), URIRef))

    def update(self, sparql_update: str) -> None:
        """POST a SPARQL 1.1 Update to the update endpoint (internal use; see :meth:`Store.update`)."""
        self._post_update(sparql_update)

    def dump_to(self, fmt: str, out: IO[bytes]) -> None:
        """Stream the whole dataset from the Graph Store endpoint into ``out``."""
        media = {"trig": "application/trig", "nquads": "application/n-quads"}[_dump_name(fmt)]
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


# --------------------------------------------------------------------------- bindings


_TOKEN = re.compile(
    r"""
      (?P<ws>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<string>\"\"\"(?:(?:\"|\"\")?(?:[^\"\\]|\\.))*\"\"\"
               | '''(?:(?:'|'')?(?:[^'\\]|\\.))*'''
               | "(?:[^"\\\n\r]|\\.)*"
               | '(?:[^'\\\n\r]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$]\w+)
    | (?P<word>(?:[\w:.%-]|\\.)+)
    | (?P<char>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


MAX_BOUND_ROWS = 10_000
"""The most rows a VALUES block made by :func:`bind` may have."""


def bind(query: str, bindings: Bindings | None) -> str:
    """Return ``query`` with ``bindings`` applied as a VALUES block (the query if none).

    The block goes first inside the outermost WHERE group, so bound variables are in scope for
    the whole pattern — FILTERs, OPTIONALs, aggregates — and need not be projected. A query
    whose WHERE is a lone sub-SELECT gets it wrapped; ``CONSTRUCT WHERE {…}`` is expanded to
    its long form; a query without WHERE (``DESCRIBE ?x``) gets a trailing VALUES clause.
    Names must be plain variable names; values IRIs or literals (InputError otherwise). A
    value may also be a list or tuple of terms: the variable then takes each in turn (one row
    per combination, at most :data:`MAX_BOUND_ROWS`); an empty list matches nothing.
    """
    if not bindings:
        return query
    names, columns = [], []
    for raw_name, term in bindings.items():
        name = raw_name[1:] if raw_name[:1] in "?$" else raw_name
        if not re.fullmatch(r"\w+", name):
            raise InputError(f"{raw_name!r} is not a SPARQL variable name")
        names.append(f"?{name}")
        many = term if isinstance(term, list | tuple) else [term]
        columns.append([_term_n3(name, t) for t in many])
    if math.prod(len(c) for c in columns) > MAX_BOUND_ROWS:
        raise InputError(f"too many bound values (more than {MAX_BOUND_ROWS} combinations)")
    rows = " ".join(f"({' '.join(row)})" for row in itertools.product(*columns))
    values = f" VALUES ({' '.join(names)}) {{ {rows} }} "

    plan = _values_slot(query) if len(query) <= _CACHED_QUERY_CHARS else _values_slot.__wrapped__(query)
    kind = plan[0]
    if kind == "insert":
        at_open = plan[1]
        return query[:at_open] + values + query[at_open:]
    if kind == "wrap":  # { SubSelect }
        at_open, at_close = plan[1], plan[2]
        return query[:at_open] + values + "{" + query[at_open:at_close] + "}" + query[at_close:]
    if kind == "construct-where":  # CONSTRUCT WHERE { T } == CONSTRUCT { T } WHERE { T }
        at_form, at_open, at_close = plan[1], plan[2], plan[3]
        body = query[at_open:at_close]
        return (query[:at_form] + " {" + body + "}" + query[at_form:at_open]
                + values + query[at_open:at_close] + query[at_close:])
    return query + "\n" + values  # no WHERE group (or not a query: the backend reports the error)


_CACHED_QUERY_CHARS = 20_000  # named and app queries are a few kB; a user's long query is not kept


@functools.lru_cache(maxsize=256)
def _values_slot(query: str) -> tuple:
    """Where :func:`bind` puts a VALUES block in ``query``: ("insert", offset) inside the WHERE
    group, ("wrap", open, close) around a lone sub-SELECT, ("construct-where", form end, open,
    close) for the short CONSTRUCT form, or ("append",). Worked out once per query text: reading
    the tokens took half a millisecond, more than a small named query takes to run."""
    tokens = [(m.lastgroup, m.start(), m.end(), m.group()) for m in _TOKEN.finditer(query)]
    sig = [t for t in tokens if t[0] not in ("ws", "comment")]
    match = _match_braces(sig)
    form_at = next((i for i, t in enumerate(sig) if t[0] == "word" and t[3].upper() in _FORMS), None)
    if form_at is None:
        return ("append",)
    form = sig[form_at][3].upper()
    start = form_at + 1
    if form == "CONSTRUCT":
        if start < len(sig) and sig[start][3] == "{":  # skip the template
            start = match.get(start, len(sig)) + 1
        else:
            where = _first_group(sig, start)
            if where is None or where not in match:
                return ("append",)
            return ("construct-where", sig[form_at][2], sig[where][2], sig[match[where]][1])
    where = _first_group(sig, start)
    if where is None or where not in match:
        return ("append",)
    at_open, at_close = sig[where][2], sig[match[where]][1]
    first = sig[where + 1] if where + 1 < len(sig) else None
    if first is not None and first[0] == "word" and first[3].upper() == "SELECT":
        return ("wrap", at_open, at_close)
    return ("insert", at_open)


def _first_group(sig: list[tuple[str | None, int, int, str]], start: int) -> int | None:
    """Index of the first '{' at parenthesis depth 0 from ``start`` (the WHERE group)."""
    depth = 0
    for i in range(start, len(sig)):
        text = sig[i][3]
        if sig[i][0] != "char":
            continue
        if text == "(":
            depth += 1
        elif text == ")":
            depth -= 1
        elif text == "{" and depth <= 0:
            return i
    return None


def _match_braces(sig: list[tuple[str | None, int, int, str]]) -> dict[int, int]:
    """Map the index of each '{' token to the index of its matching '}'."""
    stack: list[int] = []
    pairs: dict[int, int] = {}
    for i, (kind, _, _, text) in enumerate(sig):
        if kind != "char":
            continue
        if text == "{":
            stack.append(i)
        elif text == "}" and stack:
            pairs[stack.pop()] = i
    return pairs


def _term_n3(name: str, term: Node) -> str:
    """A bound value written for a VALUES block, after checking it is a sound IRI or literal."""
    if isinstance(term, URIRef):
        _named_node(str(term), what=f"the value of ?{name}")
        return f"<{term}>"
    if isinstance(term, Literal):
        try:
            if term.datatype is not None:
                _named_node(str(term.datatype), what=f"the datatype of ?{name}")
            return term.n3()
        except InputError:
            raise
        except Exception as exc:  # rdflib raises bare Exceptions for unserialisable terms
            raise InputError(_one_line(f"the value of ?{name} cannot be bound: {exc}")) from None
    if isinstance(term, BNode):
        raise InputError(f"?{name} cannot be bound to a blank node; use an IRI or a literal")
    raise InputError(f"?{name} must be bound to an rdflib URIRef or Literal, not {type(term).__name__}")


# --------------------------------------------------------------------------- query form


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
                _one_line(f"not a valid SPARQL query: line {best.lineno}, column {best.col}: {best.msg}")
            ) from None


# --------------------------------------------------------------------------- terms & helpers


def _named_node(iri: str, *, what: str = "the graph name") -> ox.NamedNode:
    """A checked NamedNode: absolute IRI, no characters that could break out of ``<…>``."""
    try:
        return ox.NamedNode(str(iri))
    except (ValueError, TypeError) as exc:
        raise InputError(_one_line(f"{what} {str(iri)!r} is not a valid IRI: {exc}")) from None


def _iri(iri: str) -> str:
    """``<iri>`` for SPARQL or N-Quads text, after checking it."""
    return f"<{_named_node(iri).value}>"


def _ntriples(name: str, g: GraphData) -> bytes:
    """``g`` as N-Triples bytes (b"" if empty); InputError if rdflib cannot write a term."""
    if isinstance(g, NTriples):
        return g.data
    if len(g) == 0:
        return b""
    try:
        return g.serialize(format="nt", encoding="utf-8")
    except Exception as exc:  # rdflib raises bare Exceptions for invalid IRIs
        raise InputError(_one_line(f"graph {name} cannot be written: {exc}")) from None


def _to_rdflib(term: Any) -> Node:
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


def _rows(solutions: Any) -> list[dict[str, Node]]:
    variables = [(v, v.value) for v in solutions.variables]
    rows = []
    for solution in solutions:
        row = {}
        for var, name in variables:
            value = solution[var]
            if value is not None:
                row[name] = _to_rdflib(value)
        rows.append(row)
    return rows


def _new_graph(identifier: Node | None = None) -> rdflib.Graph:
    g = rdflib.Graph(identifier=identifier)
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def _fill(g: rdflib.Graph, triples: Iterable[Any]) -> rdflib.Graph:
    for t in triples:
        g.add((_to_rdflib(t.subject), _to_rdflib(t.predicate), _to_rdflib(t.object)))
    return g


def _to_graph(triples: Iterable[Any]) -> rdflib.Graph:
    return _fill(_new_graph(), triples)


def _others(existing: Iterable[str], graphs: Mapping[str, GraphData], keep: Iterable[str]) -> list[str]:
    """Graph names to drop: existing ones neither replaced nor kept."""
    spared = {*graphs.keys(), *keep}
    return [name for name in existing if name not in spared]


def _describe_kind(kind: str) -> str:
    return {"solutions": "a SELECT query", "boolean": "an ASK query", "triples": "a CONSTRUCT/DESCRIBE query"}[kind]


def _dump_name(fmt: str) -> str:
    name = fmt.strip().lower().replace("-", "")
    if name not in _DUMP_FORMATS:
        raise InputError(f"cannot dump the store as {fmt!r}; use trig or nquads")
    return name


def _dump_format(fmt: str) -> ox.RdfFormat:
    return _DUMP_FORMATS[_dump_name(fmt)]


def _one_line(message: str) -> str:
    first = str(message).strip().splitlines()
    return first[0] if first else "unknown error"


def _fsync_dir(path: Path) -> None:
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
