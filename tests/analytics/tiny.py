"""Tiny hand-made graphs for the analytics tests, minted as RDF in the shape ``cpgraph.rdf``
mints (so the analytics read them exactly as they read a build) and loaded into an in-memory
store. Not a test module."""

from __future__ import annotations

from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV, SKOS

from cpgraph.namespace import (
    CP,
    CURATION_GRAPH,
    GRAPH,
    ID,
    OA,
    ONTOLOGY_GRAPH,
    ORG,
    PRINCIPLE,
    THEME,
    TIME,
)
from cpgraph.rdf import new_graph, ontology_graph
from cpgraph.resolve import slug
from cpgraph.store import open_store

_TYPES = {"post": (ORG.Post,), "unit": (ORG.OrganizationalUnit,), "body": (CP.GovernanceBody, ORG.OrganizationalUnit),
          "agency": (CP.PartnerAgency, ORG.FormalOrganization), "role": (CP.Role, ORG.Role)}
_LEVELS = {"action": CP.ActionLevel, "governance": CP.GovernanceLevel, "strategy": CP.StrategyLevel}
_DATES = {"day": (TIME.inXSDDate, XSD.date), "month": (TIME.inXSDgYearMonth, XSD.gYearMonth),
          "year": (TIME.inXSDgYear, XSD.gYear)}


class Tiny:
    """A small graph built by hand: councils, strategies, pledges, actions, owners."""

    def __init__(self) -> None:
        self.g = new_graph()
        self.curation = new_graph()
        self._line = 1

    def add(self, *triple) -> None:
        self.g.add(triple)

    def _evidence(self, item: URIRef, source: str | None, lines: tuple[int, int] | None) -> None:
        if source is None:
            return
        if lines is None:
            lines = (self._line, self._line + 2)
            self._line += 3
        src = ID[f"source/{slug(source)}"]
        self.add(src, CP.fileName, Literal(source))
        ev, target = URIRef(f"{item}/evidence"), URIRef(f"{item}/evidence/target")
        self.add(item, CP.evidence, ev)
        self.add(ev, RDF.type, OA.Annotation)
        self.add(ev, CP.startLine, Literal(lines[0]))
        self.add(ev, CP.endLine, Literal(lines[1]))
        self.add(ev, OA.hasTarget, target)
        self.add(target, OA.hasSource, src)

    def council(self, key: str, label: str) -> URIRef:
        iri = ID[f"council/{key}"]
        self.add(iri, RDF.type, CP.Council)
        self.add(iri, RDFS.label, Literal(label))
        self.add(iri, CP.key, Literal(key))
        return iri

    def strategy(self, key: str, council: URIRef, *, source: str | None = None) -> URIRef:
        iri = ID[f"strategy/{key}"]
        self.add(iri, RDF.type, CP.Strategy)
        self.add(iri, CP.council, council)
        self.add(iri, CP.key, Literal(key))
        self.add(iri, RDFS.label, Literal(key))
        self.add(iri, CP.documentKind, Literal("strategy"))
        self.source = source or f"{key}.txt"
        src = ID[f"source/{slug(self.source)}"]
        self.add(iri, CP.sourceDocument, src)
        self.add(src, CP.fileName, Literal(self.source))
        return iri

    def pledge(self, strategy: URIRef, position: int, title: str, *, number: int | None = None,
               measures: int = 0, outcomes: int = 0, themes=(), principles=(),
               lines: tuple[int, int] | None = None) -> URIRef:
        iri = URIRef(f"{strategy}/pledge/{position}")
        self.add(iri, RDF.type, CP.Pledge)
        self.add(iri, CP.inStrategy, strategy)
        self.add(iri, CP.position, Literal(position))
        self.add(iri, CP.text, Literal(title))
        self.add(iri, RDFS.label, Literal(title))
        self.add(iri, CP.key, Literal(f"{slug(str(strategy))}-pledge-{position}"))
        if number is not None:
            self.add(iri, CP.number, Literal(number))
        self._children(iri, measures, outcomes)
        self._concepts(iri, themes, principles)
        self._evidence(iri, self.source, lines)
        return iri

    def action(self, pledge: URIRef, position: int, text: str, *, due: str | None = None,
               precision: str = "month", status: str | None = None, recurrence: str | None = None,
               measures: int = 0, outcomes: int = 0, themes=(), principles=(),
               lines: tuple[int, int] | None = None) -> URIRef:
        iri = URIRef(f"{pledge}/action/{position}")
        self.add(iri, RDF.type, CP.Action)
        self.add(iri, CP.underPledge, pledge)
        self.add(iri, CP.position, Literal(position))
        self.add(iri, CP.text, Literal(text))
        self.add(iri, RDFS.label, Literal(text))
        if due:
            node = URIRef(f"{iri}/due")
            prop, dtype = _DATES[precision]
            self.add(iri, CP.due, node)
            self.add(node, RDF.type, TIME.Instant)
            self.add(node, prop, Literal(due, datatype=dtype))
            self.add(node, CP.datePrecision, Literal(precision))
            self.add(iri, CP.dueText, Literal(due))
        if status:
            self.add(iri, CP.status, Literal(status))
        if recurrence:
            self.add(iri, CP.recurrence, Literal(recurrence))
        self._children(iri, measures, outcomes)
        self._concepts(iri, themes, principles)
        self._evidence(iri, self.source, lines)
        return iri

    def _children(self, item: URIRef, measures: int, outcomes: int) -> None:
        for k in range(1, measures + 1):
            node = URIRef(f"{item}/measure/{k}")
            self.add(item, CP.hasMeasure, node)
            self.add(node, RDF.type, CP.SuccessMeasure)
        for k in range(1, outcomes + 1):
            node = URIRef(f"{item}/outcome/{k}")
            self.add(item, CP.hasOutcome, node)
            self.add(node, RDF.type, CP.ExpectedOutcome)

    def _concepts(self, item: URIRef, themes, principles) -> None:
        for t in themes:
            self.add(item, CP.hasTheme, THEME[t])
        for p in principles:
            self.add(item, CP.servesPrinciple, PRINCIPLE[p])

    def agent(self, council_key: str, kind: str, name: str, *, alt: str | None = None) -> URIRef:
        iri = ID[f"{council_key}/{kind}/{slug(name)}"]
        for t in _TYPES[kind]:
            self.add(iri, RDF.type, t)
        self.add(iri, RDFS.label, Literal(name))
        self.add(iri, SKOS.prefLabel, Literal(name))
        self.add(iri, CP.key, Literal(slug(name)))
        self.add(iri, ORG.postIn if kind == "post" else ORG.unitOf, ID[f"council/{council_key}"])
        if alt:
            self.add(iri, SKOS.altLabel, Literal(alt))
        return iri

    def assign(self, item: URIRef, agent: URIRef, *, level: str = "action", owners: int = 1,
               curated_by: str | None = None, at: str | None = None) -> URIRef:
        """An assignment of ``item`` to ``agent`` (one of ``owners`` joint owners); with
        ``curated_by`` it goes to the curation graph with who and when."""
        node = URIRef(f"{item}/assignment/{slug(str(agent))}")
        g = self.curation if curated_by else self.g
        g.add((node, RDF.type, CP.Assignment))
        g.add((node, CP.assignmentFor, item))
        g.add((node, CP.assignee, agent))
        g.add((node, CP.ownershipLevel, _LEVELS[level]))
        g.add((node, CP.joint, Literal(owners > 1)))
        g.add((node, CP.share, Literal(Decimal(1) / Decimal(owners), datatype=XSD.decimal)))
        g.add((node, CP.origin, Literal("curated" if curated_by else "extracted")))
        if curated_by:
            g.add((node, PROV.wasAttributedTo, Literal(curated_by)))
            g.add((node, PROV.generatedAtTime, Literal(at or "2026-01-05T10:00:00", datatype=XSD.dateTime)))
        return node

    def lead(self, strategy: URIRef, agent: URIRef) -> None:
        self.add(strategy, CP.strategyLead, agent)

    def oversees(self, body: URIRef, item: URIRef) -> None:
        self.add(body, CP.oversees, item)

    def chair(self, body: URIRef, post: URIRef) -> None:
        self.add(body, CP.chair, post)

    def store(self, *, ontology: bool = True):
        """An in-memory store holding this graph (and the vocabulary, and the curation graph)."""
        st = open_store(":memory:")
        graphs: dict[str, Graph] = {str(GRAPH["tiny"]): self.g, str(CURATION_GRAPH): self.curation}
        if ontology:
            graphs[str(ONTOLOGY_GRAPH)] = ontology_graph()
        st.replace_graphs(graphs, drop_others=True)
        return st

