"""Triples are minted here and only here: a ``StrategyDocument`` becomes one named graph.

IRIs are stable (built from the council, the document and positions), never blank nodes, so a
rebuild gives the same graph and diffs mean something. Every fact carries ``cp:evidence``: a Web
Annotation whose target is the source document and a line range (RFC 5147 fragment), plus
``prov:wasDerivedFrom`` the document.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, SKOS

from cpgraph import lexicon, paths
from cpgraph.model import Action, Classification, Pledge, Span, StrategyDocument
from cpgraph.namespace import CP, GRAPH, ID, OA, ORG, PREFIXES, PRINCIPLE, THEME, TIME
from cpgraph.resolve import is_post, slug

RFC5147 = URIRef("http://tools.ietf.org/rfc/rfc5147")
LEVELS = {"action": CP.ActionLevel, "governance": CP.GovernanceLevel, "strategy": CP.StrategyLevel}
_DATE_TYPES = {"day": (TIME.inXSDDate, XSD.date), "month": (TIME.inXSDgYearMonth, XSD.gYearMonth),
               "year": (TIME.inXSDgYear, XSD.gYear)}


def document_key(source: str) -> str:
    """The stable key of a source document (its file name without suffix, as a slug)."""
    return slug(Path(source).stem)


def graph_iri(source: str) -> URIRef:
    """The named graph holding everything extracted from ``source``."""
    return GRAPH[document_key(source)]


def council_key(doc: StrategyDocument) -> str:
    """The key posts and bodies of ``doc`` are scoped under: its council, or the document when
    the council is not named."""
    if doc.council:
        return slug(doc.council)
    key = document_key(doc.source)
    return key if key.startswith("unnamed-") else f"unnamed-{key}"  # not "unnamed-unnamed-council-…"


def new_graph() -> Graph:
    """An empty graph with cpgraph's prefixes bound."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


class _Minter:
    def __init__(self, doc: StrategyDocument) -> None:
        self.doc = doc
        self.g = new_graph()
        self.key = document_key(doc.source)
        self.ckey = council_key(doc)
        self.strategy = ID[f"strategy/{self.key}"]
        self.source = ID[f"source/{self.key}"]
        self.council = ID[f"council/{self.ckey}"]
        self.abbreviations = lexicon.load("abbreviations")
        self.agency_names = {a.name: a for a in doc.agencies}
        self.national = {e["name"] for e in lexicon.load("agencies")["agencies"] if e.get("national")}
        self.body_names = {b.name.casefold(): b for b in doc.bodies}

    def add(self, s, p, o) -> None:
        self.g.add((s, p, o))

    def text(self, s, value: str | None, p=CP.text) -> None:
        if value:
            self.add(s, p, Literal(value))

    def evidence(self, fact: URIRef, span: Span | None) -> None:
        self.add(fact, PROV.wasDerivedFrom, self.source)
        if span is None:
            return
        # per document: shared entities (national agencies, posts) are evidenced by each document
        ev = URIRef(f"{fact}/evidence/{self.key}")
        target, selector = URIRef(f"{ev}/target"), URIRef(f"{ev}/selector")
        self.add(fact, CP.evidence, ev)
        self.add(ev, RDF.type, OA.Annotation)
        self.add(ev, OA.hasBody, fact)
        self.add(ev, OA.hasTarget, target)
        self.add(ev, CP.startLine, Literal(span.start))
        self.add(ev, CP.endLine, Literal(span.end))
        self.add(target, RDF.type, OA.SpecificResource)
        self.add(target, OA.hasSource, self.source)
        self.add(target, OA.hasSelector, selector)
        self.add(selector, RDF.type, OA.FragmentSelector)
        self.add(selector, DCTERMS.conformsTo, RFC5147)
        self.add(selector, RDF.value, Literal(f"line={span.start - 1},{span.end}"))

    def classify(self, item: URIRef, themes: list[Classification], principles: list[Classification]) -> None:
        for c in themes:
            self.add(item, CP.hasTheme, THEME[c.key])
            self._classification(item, THEME[c.key], c)
        for c in principles:
            self.add(item, CP.servesPrinciple, PRINCIPLE[c.key])
            self._classification(item, PRINCIPLE[c.key], c)

    def _classification(self, item: URIRef, concept: URIRef, c: Classification) -> None:
        node = URIRef(f"{item}/classification/{c.key}")
        self.add(item, CP.classification, node)
        self.add(node, RDF.type, CP.Classification)
        self.add(node, CP.concept, concept)
        self.add(node, CP.cue, Literal(c.cue))

    # --- agents -------------------------------------------------------------------------------
    def agent(self, name: str, span: Span | None) -> URIRef:
        """The IRI of a responsible post, unit, body or agency named ``name`` (minted once)."""
        key = slug(name)
        if name in self.agency_names:
            return self.agency(name, span)
        if name.casefold() in self.body_names:
            return self.body_iri(name)
        if is_post(name):
            iri = ID[f"{self.ckey}/post/{key}"]
            if (iri, RDF.type, ORG.Post) not in self.g:
                self.add(iri, RDF.type, ORG.Post)
                self.add(iri, ORG.postIn, self.council)
                self._name(iri, name)
        else:
            iri = ID[f"{self.ckey}/unit/{key}"]
            if (iri, RDF.type, ORG.OrganizationalUnit) not in self.g:
                self.add(iri, RDF.type, ORG.OrganizationalUnit)
                self.add(iri, ORG.unitOf, self.council)
                self._name(iri, name)
        self.add(iri, CP.mentionedIn, self.strategy)
        return iri

    def _name(self, iri: URIRef, name: str) -> None:
        self.add(iri, RDFS.label, Literal(name))
        self.add(iri, SKOS.prefLabel, Literal(name))
        self.add(iri, CP.key, Literal(slug(name)))
        expanded = name
        for abbr, full in self.abbreviations.items():
            expanded = _replace_word(expanded, abbr, full)
        if expanded != name:
            self.add(iri, SKOS.altLabel, Literal(expanded))

    def role(self, name: str) -> URIRef:
        if is_post(name) and not name.endswith("s"):
            return self.agent(name, None)
        iri = ID[f"{self.ckey}/role/{slug(name)}"]
        self.add(iri, RDF.type, CP.Role)
        self.add(iri, RDF.type, ORG.Role)
        self._name(iri, name)
        self.add(iri, CP.mentionedIn, self.strategy)
        return iri

    def agency(self, name: str, span: Span | None) -> URIRef:
        national = name in self.national
        iri = ID[f"agency/{slug(name)}"] if national else ID[f"{self.ckey}/agency/{slug(name)}"]
        if (iri, RDF.type, CP.PartnerAgency) not in self.g:
            self.add(iri, RDF.type, CP.PartnerAgency)
            self.add(iri, RDF.type, ORG.FormalOrganization)
            self._name(iri, name)
            self.add(iri, CP.national, Literal(national))
        self.add(iri, CP.mentionedIn, self.strategy)
        return iri

    def body_iri(self, name: str) -> URIRef:
        return ID[f"{self.ckey}/body/{slug(name)}"]

    # --- the document ---------------------------------------------------------------------------
    def mint(self) -> Graph:
        doc = self.doc
        self.add(self.council, RDF.type, CP.Council)
        self.add(self.council, RDF.type, ORG.FormalOrganization)
        council_name = doc.council or f"Council not named ({doc.source})"
        self.add(self.council, RDFS.label, Literal(council_name))
        self.add(self.council, SKOS.prefLabel, Literal(council_name))
        self.add(self.council, CP.key, Literal(self.ckey))

        self.add(self.source, RDF.type, CP.SourceDocument)
        self.add(self.source, CP.fileName, Literal(doc.source))
        self.add(self.source, CP.lineCount, Literal(doc.line_count))
        self.add(self.source, RDFS.label, Literal(doc.source))
        for kind, n in doc.blocks_read.items():
            count = URIRef(f"{self.source}/blocks/{slug(kind)}")
            self.add(self.source, CP.blocksRead, count)
            self.add(count, RDF.type, CP.BlockCount)
            self.add(count, CP.blockKind, Literal(kind))
            self.add(count, CP.count, Literal(n))

        s = self.strategy
        self.add(s, RDF.type, CP.Strategy)
        self.add(s, CP.council, self.council)
        self.add(s, DCTERMS.publisher, self.council)
        self.add(s, CP.sourceDocument, self.source)
        self.add(s, PROV.wasDerivedFrom, self.source)
        self.add(s, CP.key, Literal(self.key))
        self.add(s, CP.documentKind, Literal(doc.kind))
        self.add(s, RDFS.label, Literal(doc.title or doc.source))
        self.text(s, doc.title, DCTERMS.title)
        self.text(s, doc.period, CP.period)
        # never silent: a document in which nothing was recognised says so in its own graph
        self.add(s, CP.readAsPlan, Literal(not doc.not_read))
        if doc.not_read:
            self.add(s, CP.readNote, Literal(doc.not_read_message()))

        for agency in doc.agencies:
            self.evidence(self.agency(agency.name, agency.span), agency.span)
        for body in doc.bodies:
            self.mint_body(body)
        for initiative in doc.initiatives:
            self.evidence(self.initiative(initiative.name), initiative.span)
        for lead in doc.strategy_leads:
            self.add(s, CP.strategyLead, self.agent(lead.name, lead.span))
        for person in doc.people:
            iri = ID[f"{self.ckey}/person/{slug(person.name)}"]
            self.add(iri, RDF.type, FOAF.Person)
            self.add(iri, FOAF.name, Literal(person.name))
            self.add(iri, RDFS.label, Literal(person.name))
            self.add(iri, CP.mentionedIn, s)
            self.add(iri, ORG.holds, self.agent(person.role, person.span) if is_post(person.role)
                     else self.role(person.role))
            self.evidence(iri, person.span)
        for officer in doc.officers:
            self.agent(officer.name, officer.span)
        self.cited_list(doc.principles, CP.Principle, "principle")
        self.cited_list(doc.child_voice, CP.ChildVoice, "voice")
        self.cited_list(doc.achievements, CP.Achievement, "achievement")
        for r_index, resp in enumerate(doc.responsibilities, start=1):
            holder = self.agency(resp.holder, resp.span) if resp.holder in self.agency_names else self.role(resp.holder)
            for d_index, duty in enumerate(resp.duties, start=1):
                iri = URIRef(f"{s}/responsibility/{r_index}/{d_index}")
                self.add(iri, RDF.type, CP.Responsibility)
                self.add(iri, CP.inStrategy, s)
                self.add(iri, CP.heldBy, holder)
                self.add(iri, CP.position, Literal(d_index))
                self.text(iri, duty.text)
                self.evidence(iri, duty.span)
        actions: list[URIRef] = []
        for p_index, pledge in enumerate(doc.pledges, start=1):
            actions.extend(self.mint_pledge(pledge, p_index))
        for index, action in enumerate(doc.actions):
            if action.duplicate_of is not None:
                self.add(actions[index], CP.duplicateOf, actions[action.duplicate_of])
        for f_index, flag in enumerate(doc.quality_flags, start=1):
            iri = URIRef(f"{s}/flag/{f_index}")
            self.add(iri, RDF.type, CP.QualityFlag)
            self.add(iri, CP.flagKind, Literal(flag.kind))
            self.add(iri, RDFS.comment, Literal(flag.detail))
            self.add(iri, CP.concerns, s)
            if flag.span:
                self.evidence(iri, flag.span)
        return self.g

    def initiative(self, name: str) -> URIRef:
        iri = ID[f"{self.ckey}/initiative/{slug(name)}"]
        if (iri, RDF.type, CP.Initiative) not in self.g:
            self.add(iri, RDF.type, CP.Initiative)
            self._name(iri, name)
        self.add(iri, CP.mentionedIn, self.strategy)
        return iri

    def cited_list(self, items, cls: URIRef, kind: str) -> None:
        for i, item in enumerate(items, start=1):
            iri = URIRef(f"{self.strategy}/{kind}/{i}")
            self.add(iri, RDF.type, cls)
            self.add(iri, CP.inStrategy, self.strategy)
            self.add(iri, CP.position, Literal(i))
            self.text(iri, item.text)
            self.evidence(iri, item.span)

    def mint_body(self, body) -> None:
        iri = self.body_iri(body.name)
        self.add(iri, RDF.type, CP.GovernanceBody)
        self.add(iri, RDF.type, ORG.OrganizationalUnit)
        self._name(iri, body.name)
        for alias in body.aliases:
            self.add(iri, SKOS.altLabel, Literal(alias))
        self.add(iri, CP.inStrategy, self.strategy)
        self.add(iri, CP.mentionedIn, self.strategy)
        parent = self.body_iri(body.parent) if body.parent else self.council
        self.add(iri, ORG.subOrganizationOf, parent)
        if body.chair:
            self.add(iri, CP.chair, self.role(body.chair))
        self.text(iri, body.frequency, CP.meetingFrequency)
        for member in body.members:
            self.add(iri, CP.memberPost, self.role(member))
        for sub in body.subgroups:
            self.add(self.body_iri(sub), ORG.subOrganizationOf, iri)
        for key in body.themes:
            self.add(iri, CP.oversees, THEME[key])
        for i, objective in enumerate(body.objectives, start=1):
            o = URIRef(f"{iri}/objective/{i}")
            self.add(iri, CP.objective, o)
            self.add(o, RDF.type, CP.Objective)
            self.add(o, CP.position, Literal(i))
            self.text(o, objective.text)
            self.evidence(o, objective.span)
        self.evidence(iri, body.span)

    def mint_pledge(self, pledge: Pledge, index: int) -> list[URIRef]:
        iri = URIRef(f"{self.strategy}/pledge/{index}")
        self.add(iri, RDF.type, CP.Pledge)
        self.add(iri, CP.inStrategy, self.strategy)
        self.add(iri, CP.position, Literal(index))
        self.add(iri, CP.key, Literal(f"{self.key}-pledge-{index}"))
        if pledge.number is not None:
            self.add(iri, CP.number, Literal(pledge.number))
        self.text(iri, pledge.title)
        self.add(iri, RDFS.label, Literal(pledge.title))
        self.text(iri, pledge.group, CP.group)
        self.text(iri, pledge.title_flagged, CP.titleNote)
        self.evidence(iri, pledge.span)
        self.classify(iri, pledge.themes, pledge.principles)
        self.cited_children(iri, pledge.measures, CP.SuccessMeasure, CP.hasMeasure, "measure")
        self.cited_children(iri, pledge.outcomes, CP.ExpectedOutcome, CP.hasOutcome, "outcome")
        if pledge.owner_level in ("governance", "strategy"):
            for owner in pledge.owners:
                self.assign(iri, owner, pledge.owner_level, pledge.span, len(pledge.owners), None, None)
                if pledge.owner_level == "governance":
                    self.add(self.agent(owner, pledge.span), CP.oversees, iri)
        return [self.mint_action(iri, action, j) for j, action in enumerate(pledge.actions, start=1)]

    def cited_children(self, parent: URIRef, items, cls, prop, kind: str) -> None:
        for k, item in enumerate(items, start=1):
            node = URIRef(f"{parent}/{kind}/{k}")
            self.add(parent, prop, node)
            self.add(node, RDF.type, cls)
            self.add(node, CP.position, Literal(k))
            self.text(node, item.text)
            self.evidence(node, item.span)

    def mint_action(self, pledge_iri: URIRef, action: Action, index: int) -> URIRef:
        iri = URIRef(f"{pledge_iri}/action/{index}")
        self.add(iri, RDF.type, CP.Action)
        self.add(iri, CP.underPledge, pledge_iri)
        self.add(iri, CP.position, Literal(index))
        self.text(iri, action.text)
        self.add(iri, RDFS.label, Literal(action.text))
        self.evidence(iri, action.span)
        self.classify(iri, action.themes, action.principles)
        if action.due and action.due_precision:
            due = URIRef(f"{iri}/due")
            prop, dtype = _DATE_TYPES[action.due_precision]
            self.add(iri, CP.due, due)
            self.add(due, RDF.type, TIME.Instant)
            self.add(due, prop, Literal(action.due, datatype=dtype))
            self.add(due, CP.datePrecision, Literal(action.due_precision))
        self.text(iri, action.due_text, CP.dueText)
        self.text(iri, action.recurrence, CP.recurrence)
        self.text(iri, action.status, CP.status)
        self.text(iri, action.rag, CP.rag)
        for name in action.initiatives:
            self.add(iri, CP.linkedInitiative, self.initiative(name))
        self.cited_children(iri, action.outcome, CP.ExpectedOutcome, CP.hasOutcome, "outcome")
        self.cited_children(iri, action.measures, CP.SuccessMeasure, CP.hasMeasure, "measure")
        for owner in action.owners:
            self.assign(iri, owner, "action", action.span, len(action.owners), action.owner_text,
                        action.owner_hats.get(owner))
        return iri

    def assign(self, item: URIRef, owner: str, level: str, span: Span, count: int,
               owner_text: str | None, hat: str | None) -> None:
        assignee = self.agent(owner, span)
        node = URIRef(f"{item}/assignment/{slug(owner)}")
        self.add(node, RDF.type, CP.Assignment)
        self.add(node, CP.assignmentFor, item)
        self.add(node, CP.assignee, assignee)
        self.add(node, CP.ownershipLevel, LEVELS[level])
        self.add(node, CP.joint, Literal(count > 1))
        # four places: an xsd:decimal of 1/3 to 28 digits overflows Oxigraph's decimal arithmetic
        share = (Decimal(1) / Decimal(count or 1)).quantize(Decimal("0.0001"))
        self.add(node, CP.share, Literal(share, datatype=XSD.decimal))
        self.add(node, CP.origin, Literal("extracted"))
        self.text(node, owner_text, CP.ownerText)
        self.text(node, hat, CP.hat)
        self.evidence(node, span)


def _replace_word(text: str, word: str, full: str) -> str:
    return re.sub(rf"(?<![\w]){re.escape(word)}(?![\w])", full, text)


def to_graph(doc: StrategyDocument) -> Graph:
    """The named-graph content for ``doc``: every extracted fact as triples with evidence."""
    return _Minter(doc).mint()


def ontology_graph() -> Graph:
    """The vocabulary and SKOS schemes (``ontology/cp.ttl`` and ``themes.ttl``) as one graph,
    loaded into the store so queries can read labels, themes and principles."""

    g = new_graph()
    for name in ("cp.ttl", "themes.ttl"):
        g.parse(data=(paths.ontology_dir() / name).read_text(encoding="utf-8"), format="turtle")
    return g
