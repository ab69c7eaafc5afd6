"""User curation: owners assigned, statuses reported, corrections — kept in their own named
graph and saved as a human-readable TriG file that builds read but never write."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV

from cpgraph.atomic import write_atomic
from cpgraph.errors import InputError, NotFoundError, StoreUnavailableError
from cpgraph.namespace import CP, CURATION_GRAPH, ID, PREFIXES
from cpgraph.rdf import new_graph
from cpgraph.resolve import slug

try:  # POSIX; elsewhere concurrent writers are not serialised
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def load_graph(path: Path) -> Graph:
    """The curation graph saved in ``path`` (empty when the file does not exist yet)."""
    if not path.exists():
        return new_graph()
    ds = Dataset()
    try:
        ds.parse(data=path.read_bytes(), format="trig")
    except Exception as exc:  # rdflib raises many parser error types
        raise InputError(f"{path}: the curation file cannot be read ({type(exc).__name__}); "
                         "fix it or move it aside") from exc
    g = new_graph()
    for triple in ds.graph(CURATION_GRAPH):
        g.add(triple)
    return g


# --- recording curation -----------------------------------------------------------------------
# Each write takes the file lock, reads the file, changes the graph, writes the file atomically
# and then puts the graph into the store's curation graph: the file is the record, the store a
# copy that every build reloads from it.

ITEM_KEY = re.compile(r"^([a-z0-9][a-z0-9-]*)-pledge-(\d+)(?:-action-(\d+))?$")
_OWNER_KEY = re.compile(r"^(?:([a-z0-9][a-z0-9-]{0,120})/)?([a-z0-9][a-z0-9-]{0,120})$")
_OWNER_KINDS = ("post", "unit", "body", "role", "agency")
RAG = ("red", "amber", "green")
CORRECTABLE = ("text", "due")
_DUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_PREFIX_LINES = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()) + "\n"


@dataclass
class Record:
    """What a curation write recorded: the kind, the item, the value, who and when, and whether
    the store already shows it (False when another process holds the store; it then picks the
    file up itself)."""

    kind: str
    item: str
    value: str
    by: str
    at: str
    node: str
    applied: bool = True
    extra: dict = field(default_factory=dict)


def item_iri(key: str) -> URIRef:
    """The IRI of an action (``<strategy>-pledge-<n>-action-<m>``) or a pledge
    (``<strategy>-pledge-<n>``) from its key; NotFoundError for anything else."""
    m = ITEM_KEY.match(key or "")
    if not m or len(key) > 200:
        raise NotFoundError(f"no action or pledge '{(key or '')[:80]}' (keys look like "
                            "<strategy>-pledge-3 or <strategy>-pledge-3-action-2)")
    base = f"strategy/{m[1]}/pledge/{m[2]}"
    return ID[f"{base}/action/{m[3]}"] if m[3] else ID[base]


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(f".{path.name}.lock"), "a+b") as fh:
        if fcntl is not None:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def save_graph(path: Path, graph: Graph) -> None:
    """Write ``graph`` as the curation named graph of a TriG file, atomically."""
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    ds.bind("prov", str(PROV))
    target = ds.graph(CURATION_GRAPH)
    for triple in graph:
        target.add(triple)
    header = ("# cpgraph curation: owners assigned, statuses reported and corrections made by people.\n"
              "# Builds read this file and never write it. Edit with care, or use cpgraph assign/status.\n")
    write_atomic(path, header + ds.serialize(format="trig"))


def _ask(store, query: str, **bindings) -> bool:
    return store.ask(_PREFIX_LINES + query, bindings)


def _check_item(store, item: URIRef, *, action_only: bool = False) -> None:
    types = "cp:Action" if action_only else "cp:Action cp:Pledge"
    if not _ask(store, f"ASK {{ VALUES ?t {{ {types} }} ?item a ?t }}", item=item):
        what = "action" if action_only else "action or pledge"
        raise NotFoundError(f"no {what} {item} in the store (build it first?)")


def resolve_owner(store, item: URIRef, owner: str) -> URIRef:
    """The IRI of the owner ``owner`` names for ``item``: a key of a post, unit, body, role or
    agency of the item's council (``head-of-service``), or ``council/key``, or ``national/key``
    for a national agency. NotFoundError when nothing by that key exists."""
    m = _OWNER_KEY.match(owner or "")
    if not m:
        raise NotFoundError(f"no owner '{(owner or '')[:80]}' (owners are keys like head-of-service or council/key)")
    scope, key = m[1], m[2]
    if scope is None:
        rows = store.select(_PREFIX_LINES + "SELECT ?ck WHERE { ?item (cp:underPledge/cp:inStrategy|cp:inStrategy)"
                            "/cp:council/cp:key ?ck }", {"item": item})
        scopes = [str(r["ck"]) for r in rows if "ck" in r] + ["national"]
    else:
        scopes = [scope]
    for sc in scopes:
        kinds = ("agency",) if sc == "national" else _OWNER_KINDS
        for kind in kinds:
            iri = ID[f"agency/{key}"] if sc == "national" else ID[f"{sc}/{kind}/{key}"]
            if _ask(store, "ASK { ?x a ?t . VALUES ?t { org:Post org:OrganizationalUnit cp:GovernanceBody "
                           "cp:Role cp:PartnerAgency } }", x=iri):
                return iri
    raise NotFoundError(f"no post, unit, body or agency '{owner}' for this item's council")


def _agent(g: Graph, by: str) -> URIRef:
    by = " ".join((by or "").split())
    if not by or len(by) > 120:
        raise InputError("say who is recording this (--by NAME, 1 to 120 characters)")
    agent = ID[f"curator/{slug(by)}"]
    g.set((agent, RDF.type, PROV.Agent))
    g.set((agent, RDFS.label, Literal(by)))
    return agent


def _stamp(g: Graph, node: URIRef, agent: URIRef, at: str) -> None:
    g.set((node, CP.origin, Literal("curated")))
    g.set((node, PROV.wasAttributedTo, agent))
    g.set((node, PROV.generatedAtTime, Literal(at, datatype=XSD.dateTime)))


def _statement(g: Graph, item: URIRef, prop: URIRef, name: str, value: Literal, agent: URIRef, at: str) -> URIRef:
    node = URIRef(f"{item}/curation/{name}")
    g.remove((node, None, None))
    g.add((node, RDF.type, RDF.Statement))
    g.add((node, RDF.subject, item))
    g.add((node, RDF.predicate, prop))
    g.add((node, RDF.object, value))
    _stamp(g, node, agent, at)
    return node


def _now(now: datetime | None) -> str:
    return (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _write(settings, store, change: Callable[[Graph], Record]) -> Record:
    with _file_lock(settings.curation_file):
        g = load_graph(settings.curation_file)
        record = change(g)
        save_graph(settings.curation_file, g)
        try:
            store.replace_graphs({str(CURATION_GRAPH): g})
        except StoreUnavailableError:  # another process holds the store: it reloads the file
            record.applied = False
    return record


def assign(settings, store, item: URIRef, owner: URIRef, by: str, *, now: datetime | None = None) -> Record:
    """Record that ``owner`` is responsible for the action or pledge ``item``, by ``by``, now."""
    _check_item(store, item)
    at = _now(now)
    others = store.select(_PREFIX_LINES + "SELECT DISTINCT ?who WHERE { ?a cp:assignmentFor ?item ; cp:assignee ?who . "
                          "FILTER NOT EXISTS { ?a prov:invalidatedAtTime ?t } FILTER(?who != ?owner) }",
                          {"item": item, "owner": owner})
    is_action = _ask(store, "ASK { ?item a cp:Action }", item=item)

    def change(g: Graph) -> Record:
        agent = _agent(g, by)
        node = URIRef(f"{item}/assignment/curated-{slug(str(owner).removeprefix(str(ID)))}")
        g.remove((node, None, None))
        g.add((node, RDF.type, CP.Assignment))
        g.add((node, CP.assignmentFor, item))
        g.add((node, CP.assignee, owner))
        g.add((node, CP.ownershipLevel, CP.ActionLevel if is_action else CP.StrategyLevel))
        g.add((node, CP.joint, Literal(bool(others))))
        g.add((node, CP.share, Literal(Decimal(1) / Decimal(len(others) + 1), datatype=XSD.decimal)))
        _stamp(g, node, agent, at)
        return Record("assignment", str(item), str(owner), by, at, str(node))

    return _write(settings, store, change)


def report_status(settings, store, action: URIRef, status: str, rag: str | None, by: str, *,
                  now: datetime | None = None) -> Record:
    """Record the progress ``status`` (and RAG, red/amber/green) of ``action``."""
    status = " ".join((status or "").split())
    if not status or len(status) > 200:
        raise InputError("a status is 1 to 200 characters of text, e.g. 'In progress'")
    if rag is not None and rag.lower() not in RAG:
        raise InputError(f"RAG must be one of {', '.join(RAG)}, not {rag[:20]!r}")
    _check_item(store, action, action_only=True)
    at = _now(now)

    def change(g: Graph) -> Record:
        agent = _agent(g, by)
        g.set((action, CP.status, Literal(status)))
        _statement(g, action, CP.status, "status", Literal(status), agent, at)
        if rag is not None:
            g.set((action, CP.rag, Literal(rag.lower())))
            _statement(g, action, CP.rag, "rag", Literal(rag.lower()), agent, at)
        return Record("status", str(action), status, by, at, f"{action}/curation/status",
                      extra={"rag": rag.lower() if rag else None})

    return _write(settings, store, change)


def correct(settings, store, item: URIRef, field_name: str, value: str, by: str, *,
            now: datetime | None = None) -> Record:
    """Record a correction of an item's ``text`` or ``due`` date (YYYY, YYYY-MM or YYYY-MM-DD).
    The extracted value stays; the correction is shown beside it, marked as curated."""
    if field_name not in CORRECTABLE:
        raise InputError(f"only these can be corrected: {', '.join(CORRECTABLE)}")
    value = " ".join((value or "").split())
    if field_name == "text":
        if not value or len(value) > 2000:
            raise InputError("a corrected text is 1 to 2000 characters")
        term = Literal(value)
    else:
        term = _due_literal(value)
    _check_item(store, item)
    at = _now(now)

    def change(g: Graph) -> Record:
        agent = _agent(g, by)
        prop = CP.text if field_name == "text" else CP.due
        node = _statement(g, item, prop, field_name, term, agent, at)
        return Record("correction", str(item), value, by, at, str(node), extra={"field": field_name})

    return _write(settings, store, change)


def _due_literal(value: str) -> Literal:
    m = _DUE.match(value)
    try:
        if m and m[3]:
            return Literal(date.fromisoformat(value), datatype=XSD.date)
        if m and m[2] and 1 <= int(m[2]) <= 12:
            return Literal(value, datatype=XSD.gYearMonth)
        if m and not m[2]:
            return Literal(value, datatype=XSD.gYear)
    except ValueError:
        pass
    raise InputError(f"a due date is YYYY, YYYY-MM or YYYY-MM-DD, not {value[:20]!r}")
