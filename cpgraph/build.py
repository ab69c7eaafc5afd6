"""The main job: read every source, extract, mint RDF, validate, and load the store atomically."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from cpgraph import curation, read
from cpgraph.errors import InputError
from cpgraph.extract import extract
from cpgraph.model import StrategyDocument
from cpgraph.namespace import CURATION_GRAPH, ONTOLOGY_GRAPH
from cpgraph.rdf import graph_iri, ontology_graph, to_graph
from cpgraph.settings import Settings
from cpgraph.sources import catalogue_entry, list_sources
from cpgraph.store import open_store
from cpgraph.validate import ValidationResult, validate_graph


def extract_file(path: Path, settings: Settings) -> StrategyDocument:
    """Read ``path`` (any supported format) and extract its model, using what the sources
    catalogue beside it says about the council, kind and period."""
    doc = read.read_document(path, max_bytes=settings.max_file_bytes)
    return extract(doc, catalogue_entry(path))


@dataclass
class DocumentSummary:
    """What one source contributed to a build."""

    source: str
    council: str | None
    pledges: int
    actions: int
    unowned_actions: int
    triples: int
    violations: int
    warnings: list[str] = field(default_factory=list)


@dataclass
class BuildSummary:
    """What a build did: per document counts, validation, and where the store is."""

    store: str
    documents: list[DocumentSummary]
    triples: int
    seconds: float
    conforms: bool
    curated_triples: int = 0

    def rows(self) -> list[dict]:
        """One row per document, for printing."""
        return [d.__dict__ for d in self.documents]


def build_graphs(paths_: list[Path], settings: Settings, *, validate: bool = True
                 ) -> tuple[dict[str, Graph], list[DocumentSummary], bool]:
    """Extract and mint every source into its named graph; validate each with SHACL.

    Returns the graphs by named-graph IRI (ontology graph included), per-document summaries,
    and whether every document conforms.
    """
    graphs: dict[str, Graph] = {str(ONTOLOGY_GRAPH): ontology_graph()}
    summaries: list[DocumentSummary] = []
    conforms = True
    onto = graphs[str(ONTOLOGY_GRAPH)]
    for path in paths_:
        model = extract_file(path, settings)
        g = to_graph(model)
        iri = str(graph_iri(model.source))
        if iri in graphs:
            raise InputError(f"two sources would share the graph {iri}: rename one of them ({path.name})")
        graphs[iri] = g
        result: ValidationResult | None = validate_graph(g + onto) if validate else None
        if result is not None and not result.conforms:
            conforms = False
        actions = model.actions
        summaries.append(DocumentSummary(
            source=model.source,
            council=model.council,
            pledges=len(model.pledges),
            actions=len(actions),
            unowned_actions=sum(1 for a in actions if not a.owners),
            triples=len(g),
            violations=len(result.violations) if result else 0,
            warnings=list(model.warnings),
        ))
    return graphs, summaries, conforms


def run_build(settings: Settings, sources: list[Path] | None = None, *, validate: bool = True) -> BuildSummary:
    """Build the store from ``sources`` (default: the settings' source folders).

    Everything is extracted and validated before the store is touched; the store's documents
    are then replaced in one swap, and the curation graph is reloaded from the curation file,
    so a failed or killed build leaves the previous store and curation as they were.
    """
    started = time.perf_counter()
    found = list_sources(list(sources or settings.source_dirs), read.SUPPORTED_SUFFIXES)
    if not found:
        raise InputError("no documents to build from (cpgraph reads " + " ".join(read.SUPPORTED_SUFFIXES) + ")")
    graphs, summaries, conforms = build_graphs(found, settings, validate=validate)
    curated = curation.load_graph(settings.curation_file)
    graphs[str(CURATION_GRAPH)] = curated
    store = open_store(settings.store_location, settings=settings)
    try:
        store.replace_graphs(graphs, drop_others=True)
        total = len(store)
    finally:
        store.close()
    return BuildSummary(
        store=settings.store_location,
        documents=summaries,
        triples=total,
        seconds=round(time.perf_counter() - started, 2),
        conforms=conforms,
        curated_triples=len(curated),
    )
