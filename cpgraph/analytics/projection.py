"""The one NetworkX projection of the graph in the store, built from a handful of SPARQL SELECTs.

Every analytic reads this projection, never the extractor's objects, so curated data and remote
stores give the same answers. Node and edge kinds are documented in ``cpgraph.analytics``.

The queries are deliberately plain (typed nodes, links, literal attributes, evidence, dates,
statuses, counts, concepts): a long list of OPTIONALs is slow to evaluate, and a fixed set of
simple patterns costs the same however many councils there are.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal, InvalidOperation
from typing import Any

import networkx as nx

from cpgraph.analytics.rows import select_rows
from cpgraph.namespace import CURATION_GRAPH, PREFIXES

NODE_KINDS = ("council", "strategy", "pledge", "action", "post", "unit", "body", "agency", "role",
              "initiative", "theme", "principle")
"""Every value the ``kind`` attribute of a node can take."""
AGENT_KINDS = ("post", "unit", "body", "agency", "role")
"""Node kinds that can own an action or a pledge."""
EDGE_KINDS = ("in_strategy", "of_council", "under_pledge", "owns", "has_theme", "serves_principle",
              "linked_initiative", "subgroup_of", "chairs", "member_of", "oversees", "duplicate_of",
              "lead_of")
"""Every value the ``kind`` attribute of an edge can take."""
NODE_ATTRIBUTES = ("kind", "label", "key", "council", "text", "source", "lines", "due",
                   "due_precision", "recurrence", "status", "rag", "number", "group", "origin")
"""Attributes present on every node (``None`` where they do not apply)."""


def _iri(curie: str) -> str:
    prefix, local = curie.split(":")
    return PREFIXES[prefix] + local


# rdf:type → kind; when a node has several types the first listed wins (a body is also an
# org:OrganizationalUnit, a role may also be a post).
_TYPES = {_iri(c): k for c, k in (
    ("cp:Council", "council"), ("cp:Strategy", "strategy"), ("cp:Pledge", "pledge"), ("cp:Action", "action"),
    ("cp:Assignment", "assignment"), ("cp:GovernanceBody", "body"), ("cp:PartnerAgency", "agency"),
    ("org:Post", "post"), ("cp:Role", "role"), ("org:OrganizationalUnit", "unit"), ("cp:Initiative", "initiative"))}
_KIND_ORDER = list(dict.fromkeys(_TYPES.values()))
_LINKS = {_iri(c): name for c, name in (
    ("cp:council", "council"), ("cp:inStrategy", "in_strategy"), ("cp:underPledge", "under_pledge"),
    ("cp:assignmentFor", "assignment_for"), ("cp:assignee", "assignee"), ("cp:ownershipLevel", "level"),
    ("cp:strategyLead", "lead"), ("org:postIn", "home"), ("org:unitOf", "home"), ("cp:mentionedIn", "seen_in"),
    ("cp:hasTheme", "has_theme"), ("cp:servesPrinciple", "serves_principle"),
    ("cp:linkedInitiative", "linked_initiative"), ("org:subOrganizationOf", "subgroup_of"), ("cp:chair", "chairs"),
    ("cp:memberPost", "member_of"), ("cp:oversees", "oversees"), ("cp:duplicateOf", "duplicate_of"),
    ("cp:sourceDocument", "source_document"), ("prov:wasAttributedTo", "by"))}
_ATTRS = {_iri(c): name for c, name in (
    ("rdfs:label", "label"), ("foaf:name", "name"), ("skos:altLabel", "alt"), ("cp:key", "key"), ("cp:text", "text"),
    ("cp:number", "number"), ("cp:group", "group"), ("cp:position", "position"), ("cp:titleNote", "title_note"),
    ("cp:dueText", "due_text"), ("cp:recurrence", "recurrence"), ("cp:national", "national"),
    ("cp:documentKind", "doc_kind"), ("cp:period", "period"), ("cp:fileName", "file"), ("cp:joint", "joint"),
    ("cp:share", "share"), ("cp:origin", "origin"), ("cp:hat", "hat"), ("cp:ownerText", "owner_text"),
    ("prov:generatedAtTime", "at"), ("dcterms:created", "at"), ("prov:wasAttributedTo", "by"),
    ("prov:invalidatedAtTime", "withdrawn"), ("cp:readAsPlan", "read_as_plan"), ("cp:readNote", "read_note"))}
_LEVELS = {_iri("cp:ActionLevel"): "action", _iri("cp:GovernanceLevel"): "governance",
           _iri("cp:StrategyLevel"): "strategy"}
_CURATION = f"<{CURATION_GRAPH}>"


def _values(iris) -> str:
    return " ".join(f"<{i}>" for i in sorted(set(iris)))


_Q_TYPES = f"SELECT ?x ?t WHERE {{ VALUES ?t {{ {_values(_TYPES)} }} ?x a ?t }}"
_Q_LINKS = f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {_values(_LINKS)} }} ?s ?p ?o . FILTER(isIRI(?o)) }}"
_Q_ATTRS = f"SELECT ?x ?p ?v WHERE {{ VALUES ?p {{ {_values(_ATTRS)} }} ?x ?p ?v . FILTER(isLiteral(?v)) }}"
_Q_EVIDENCE = "SELECT ?x ?sl ?el WHERE { ?x cp:evidence ?ev . ?ev cp:startLine ?sl ; cp:endLine ?el }"
_Q_DUE = """SELECT ?x ?due ?precision WHERE {
  ?x cp:due ?d . ?d (time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear) ?due .
  OPTIONAL { ?d cp:datePrecision ?precision } }"""
# Status and RAG may be reported twice (from a tracker and by curation): curation wins.
_Q_STATUS = f"""SELECT ?x ?p ?v ?curated WHERE {{
  VALUES ?p {{ cp:status cp:rag }} ?x ?p ?v .
  BIND(EXISTS {{ GRAPH {_CURATION} {{ ?x ?p ?v }} }} AS ?curated) }}"""
_Q_COUNTS = """SELECT ?x ?rel (COUNT(DISTINCT ?o) AS ?n) WHERE {
  VALUES ?rel { cp:hasMeasure cp:hasOutcome } ?x ?rel ?o } GROUP BY ?x ?rel"""
_Q_CONCEPTS = """SELECT ?c ?scheme ?notation ?label WHERE {
  VALUES ?scheme { cp:Themes cp:StatutoryPrinciples } ?c skos:inScheme ?scheme .
  OPTIONAL { ?c skos:notation ?notation } OPTIONAL { ?c skos:prefLabel ?label } }"""
_Q_CURATED_NODES = f"""SELECT DISTINCT ?x WHERE {{
  GRAPH {_CURATION} {{ ?x a ?t }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?x a ?t2 }} FILTER(?g != {_CURATION}) }} }}"""
QUERIES = (_Q_TYPES, _Q_LINKS, _Q_ATTRS, _Q_EVIDENCE, _Q_DUE, _Q_STATUS, _Q_COUNTS, _Q_CONCEPTS, _Q_CURATED_NODES)
"""Every query the projection sends (each once, whatever the size of the graph)."""


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _float(text: str | None) -> float | None:
    try:
        return float(Decimal(text)) if text is not None else None
    except (InvalidOperation, ValueError):
        return None


def _bool(text: str | None) -> bool:
    return (text or "").strip().lower() in ("true", "1")


def _tail(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _blank(kind: str, **attrs: Any) -> dict[str, Any]:
    node = dict.fromkeys(NODE_ATTRIBUTES)
    node.update(kind=kind, origin="extracted")
    node.update(attrs)
    return node


class _Facts:
    """The query results, indexed: types, links and literal attributes per subject."""

    def __init__(self, store) -> None:
        self.types: dict[str, set[str]] = defaultdict(set)
        for r in select_rows(store, _Q_TYPES):
            self.types[r["x"]].add(_TYPES[r["t"]])
        self.links: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.by_link: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for r in select_rows(store, _Q_LINKS):
            name = _LINKS[r["p"]]
            self.links[r["s"]][name].append(r["o"])
            self.by_link[name].append((r["s"], r["o"]))
        self.attrs: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for r in select_rows(store, _Q_ATTRS):
            self.attrs[r["x"]][_ATTRS[r["p"]]].append(r["v"])
        self.lines = {}
        for r in select_rows(store, _Q_EVIDENCE):
            self.lines.setdefault(r["x"], f"{r['sl']}-{r.get('el', r['sl'])}")

    def kind(self, iri: str) -> str | None:
        kinds = self.types.get(iri)
        return next((k for k in _KIND_ORDER if k in kinds), None) if kinds else None

    def of_kind(self, kind: str) -> list[str]:
        return sorted(x for x in self.types if self.kind(x) == kind)

    def one(self, iri: str, name: str) -> str | None:
        """One value of an attribute (the smallest, so every backend gives the same)."""
        values = self.attrs.get(iri, {}).get(name)
        return min(values) if values else None

    def link(self, iri: str, name: str) -> str | None:
        values = self.links.get(iri, {}).get(name)
        return min(values) if values else None


def project(store) -> nx.MultiDiGraph:
    """The store's graph as one typed ``MultiDiGraph`` keyed by IRI strings.

    Nodes carry ``kind`` (one of ``NODE_KINDS``) and the attributes of ``NODE_ATTRIBUTES``
    (``None`` where they do not apply) plus kind-specific extras (``alt_labels``, ``pledge``,
    ``strategy``, ``measures``, ``outcomes`` …). Edges carry ``kind`` (one of ``EDGE_KINDS``);
    ``owns`` edges are keyed by their assignment IRI and carry ``level``, ``joint``, ``share``,
    ``origin``, ``assigned_by`` and ``assigned_at``. Built from the fixed set ``QUERIES``, so the
    cost grows with the size of the graph, not with the number of queries.
    """
    facts = _Facts(store)
    G = nx.MultiDiGraph()
    _add_documents(G, facts)
    _add_dates_statuses_counts(G, store)
    _add_concepts(G, store)
    _add_agents(G, facts)
    for row in select_rows(store, _Q_CURATED_NODES):
        if row["x"] in G:
            G.nodes[row["x"]]["origin"] = "curated"
    _add_assignments(G, facts)
    _add_relations(G, facts)
    return G


def _add_documents(G: nx.MultiDiGraph, f: _Facts) -> None:
    for iri in f.of_kind("council"):
        key = f.one(iri, "key") or _tail(iri)
        G.add_node(iri, **_blank("council", label=f.one(iri, "label") or key, key=key, council=key))
    for iri in f.of_kind("strategy"):
        council = f.link(iri, "council")
        doc = f.link(iri, "source_document")
        G.add_node(iri, **_blank(
            "strategy", label=f.one(iri, "label") or f.one(iri, "key") or _tail(iri), key=f.one(iri, "key"),
            council=G.nodes[council]["key"] if council in G else None, source=f.one(doc, "file") if doc else None,
            doc_kind=f.one(iri, "doc_kind"), period=f.one(iri, "period"), council_iri=council,
            not_read=f.one(iri, "read_as_plan") is not None and not _bool(f.one(iri, "read_as_plan")),
            read_note=f.one(iri, "read_note")))
        if council in G:
            G.add_edge(iri, council, key="of_council", kind="of_council")
    for iri in f.of_kind("pledge"):
        strategy = next((s for s in sorted(f.links[iri]["in_strategy"]) if s in G), None)
        if strategy is None:
            continue
        s = G.nodes[strategy]
        text = f.one(iri, "text") or f.one(iri, "label") or ""
        G.add_node(iri, **_blank(
            "pledge", label=f.one(iri, "label") or text, key=f.one(iri, "key"), text=text, council=s["council"],
            source=s["source"], lines=f.lines.get(iri), number=_int(f.one(iri, "number")),
            group=f.one(iri, "group"), position=_int(f.one(iri, "position")), title_note=f.one(iri, "title_note"),
            strategy=strategy, measures=0, outcomes=0))
        G.add_edge(iri, strategy, key="in_strategy", kind="in_strategy")
    for iri in f.of_kind("action"):
        pledge = next((p for p in sorted(f.links[iri]["under_pledge"]) if p in G), None)
        if pledge is None:
            continue
        p = G.nodes[pledge]
        text = f.one(iri, "text") or f.one(iri, "label") or ""
        G.add_node(iri, **_blank(
            "action", label=text, key=_tail(iri), text=text, council=p["council"], source=p["source"],
            lines=f.lines.get(iri), due_text=f.one(iri, "due_text"), recurrence=f.one(iri, "recurrence"),
            position=_int(f.one(iri, "position")), pledge=pledge, strategy=p["strategy"], measures=0, outcomes=0))
        G.add_edge(iri, pledge, key="under_pledge", kind="under_pledge")


def _add_dates_statuses_counts(G: nx.MultiDiGraph, store) -> None:
    for row in select_rows(store, _Q_DUE):
        node = G.nodes.get(row["x"])
        if node is not None and node["kind"] == "action" and (node["due"] is None or row["due"] < node["due"]):
            node["due"], node["due_precision"] = row["due"], row.get("precision")
    curated_seen: set[tuple[str, str]] = set()
    for row in sorted(select_rows(store, _Q_STATUS), key=lambda r: (r["x"], r["p"], r["v"])):
        node, prop = G.nodes.get(row["x"]), _tail(row["p"])
        if node is None:
            continue
        curated = _bool(row.get("curated"))
        if (row["x"], prop) in curated_seen and not curated:
            continue
        if curated:
            curated_seen.add((row["x"], prop))
        node[prop] = row["v"]
    for row in select_rows(store, _Q_COUNTS):
        node = G.nodes.get(row["x"])
        if node is not None and "measures" in node:
            node["measures" if _tail(row["rel"]) == "hasMeasure" else "outcomes"] = _int(row["n"]) or 0


def _add_concepts(G: nx.MultiDiGraph, store) -> None:
    for row in select_rows(store, _Q_CONCEPTS):
        iri = row["c"]
        kind = "theme" if _tail(row["scheme"]) == "Themes" else "principle"
        key = row.get("notation") or _tail(iri)
        if iri not in G:
            G.add_node(iri, **_blank(kind, label=row.get("label") or key, key=key))


def _council_of(G: nx.MultiDiGraph, f: _Facts, iri: str) -> str | None:
    """The council key of an agent: where it is a post or unit, else the council of the strategy
    it belongs to or (when exactly one) of the strategies that mention it."""
    links = f.links.get(iri, {})
    for candidates in (links.get("home", []),
                       [G.nodes[s]["council_iri"] for s in links.get("in_strategy", []) if s in G],
                       [G.nodes[s]["council_iri"] for s in links.get("seen_in", []) if s in G]):
        found = {c for c in candidates if c in G}
        if found:
            return G.nodes[next(iter(found))]["key"] if len(found) == 1 else None
    return None


def _add_agents(G: nx.MultiDiGraph, f: _Facts) -> None:
    for kind in ("body", "agency", "post", "role", "unit", "initiative"):
        for iri in f.of_kind(kind):
            key = f.one(iri, "key") or _tail(iri)
            G.add_node(iri, **_blank(
                kind, label=f.one(iri, "label") or key, key=key, council=_council_of(G, f, iri),
                alt_labels=sorted(set(f.attrs.get(iri, {}).get("alt", []))), national=_bool(f.one(iri, "national"))))


def _add_assignments(G: nx.MultiDiGraph, f: _Facts) -> None:
    for asg in f.of_kind("assignment"):
        if f.one(asg, "withdrawn"):  # withdrawn by a later curation
            continue
        item, who = f.link(asg, "assignment_for"), f.link(asg, "assignee")
        if item not in G or who not in G:
            continue
        by = f.one(asg, "by")
        if by is None and (agent := f.link(asg, "by")):
            by = f.one(agent, "label") or f.one(agent, "name") or agent
        share = _float(f.one(asg, "share"))
        G.add_edge(who, item, key=asg, kind="owns", level=_LEVELS.get(f.link(asg, "level") or "", "action"),
                   joint=_bool(f.one(asg, "joint")), share=share if share is not None else 1.0,
                   origin=f.one(asg, "origin") or "extracted", assigned_by=by, assigned_at=f.one(asg, "at"),
                   hat=f.one(asg, "hat"), owner_text=f.one(asg, "owner_text"),
                   source=G.nodes[item]["source"] if asg in f.lines else None, lines=f.lines.get(asg))


def _add_relations(G: nx.MultiDiGraph, f: _Facts) -> None:
    for kind in ("has_theme", "serves_principle", "linked_initiative", "subgroup_of", "chairs", "member_of",
                 "oversees", "duplicate_of", "in_strategy", "lead"):
        for s, o in sorted(f.by_link.get(kind, [])):
            if s not in G or o not in G:
                continue
            edge = kind
            if kind in ("chairs", "member_of"):
                s, o = o, s  # stored as body → post; projected as post → body
            elif kind == "lead":
                s, o, edge = o, s, "lead_of"  # stored as strategy → post
            elif kind == "subgroup_of" and G.nodes[o]["kind"] != "body":
                continue  # a top-level body sits under its council, which its attributes already say
            if not G.has_edge(s, o, key=edge):
                G.add_edge(s, o, key=edge, kind=edge)
