"""The cp: vocabulary as a closed rdflib namespace, and the IRI bases cpgraph mints under.

``CP`` is closed (``_fail = True``): a typo raises instead of minting a new IRI. A test checks that
it names exactly the terms of ``ontology/cp.ttl``.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/cpgraph/"


class CP(DefinedNamespace):
    """Terms of the cpgraph vocabulary (``ontology/cp.ttl``)."""

    _NS = Namespace(BASE + "ns#")
    _fail = True

    Achievement: URIRef
    Action: URIRef
    ActionLevel: URIRef
    Assignment: URIRef
    BlockCount: URIRef
    ChildVoice: URIRef
    Classification: URIRef
    Council: URIRef
    ExpectedOutcome: URIRef
    GovernanceBody: URIRef
    GovernanceLevel: URIRef
    Initiative: URIRef
    Objective: URIRef
    OwnershipLevel: URIRef
    OwnershipLevels: URIRef
    PartnerAgency: URIRef
    Pledge: URIRef
    Principle: URIRef
    QualityFlag: URIRef
    Responsibility: URIRef
    Role: URIRef
    SourceDocument: URIRef
    Strategy: URIRef
    StrategyLevel: URIRef
    SuccessMeasure: URIRef
    assignee: URIRef
    assignmentFor: URIRef
    blockKind: URIRef
    blocksRead: URIRef
    chair: URIRef
    classification: URIRef
    concept: URIRef
    concerns: URIRef
    council: URIRef
    count: URIRef
    cue: URIRef
    datePrecision: URIRef
    documentKind: URIRef
    due: URIRef
    dueText: URIRef
    duplicateOf: URIRef
    endLine: URIRef
    evidence: URIRef
    fileName: URIRef
    flagKind: URIRef
    group: URIRef
    hasMeasure: URIRef
    hasOutcome: URIRef
    hasTheme: URIRef
    hat: URIRef
    heldBy: URIRef
    inStrategy: URIRef
    joint: URIRef
    key: URIRef
    lineCount: URIRef
    linkedInitiative: URIRef
    locator: URIRef
    meetingFrequency: URIRef
    memberPost: URIRef
    mentionedIn: URIRef
    national: URIRef
    number: URIRef
    objective: URIRef
    origin: URIRef
    oversees: URIRef
    ownerText: URIRef
    ownershipLevel: URIRef
    period: URIRef
    position: URIRef
    rag: URIRef
    readAsPlan: URIRef
    readNote: URIRef
    recurrence: URIRef
    servesPrinciple: URIRef
    share: URIRef
    sourceDocument: URIRef
    startLine: URIRef
    status: URIRef
    strategyLead: URIRef
    text: URIRef
    titleNote: URIRef
    underPledge: URIRef


ID = Namespace(BASE + "id/")
"""Base of minted instance IRIs (councils, strategies, pledges, actions, posts …)."""
GRAPH = Namespace(BASE + "graph/")
"""Base of named graph IRIs: one per source document, plus ``curation`` and ``ontology``."""
THEME = Namespace(BASE + "theme/")
PRINCIPLE = Namespace(BASE + "principle/")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
TIME = Namespace("http://www.w3.org/2006/time#")

CURATION_GRAPH = GRAPH["curation"]
ONTOLOGY_GRAPH = GRAPH["ontology"]

PREFIXES = {
    "cp": str(CP._NS),
    "org": str(ORG),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": str(OA),
    "time": str(TIME),
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "cpt": str(THEME),
    "cpp": str(PRINCIPLE),
}
"""Prefixes bound in every serialisation and available to named queries."""
