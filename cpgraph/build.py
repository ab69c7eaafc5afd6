"""The main job: read every source, extract, mint RDF, validate, and load the store atomically."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

from cpgraph import curation, read
from cpgraph.analytics.ownership import ownership_counts_by
from cpgraph.analytics.projection import project
from cpgraph.errors import InputError
from cpgraph.extract import extract
from cpgraph.model import StrategyDocument
from cpgraph.namespace import CURATION_GRAPH, ONTOLOGY_GRAPH
from cpgraph.rdf import graph_iri, ontology_graph, to_graph
from cpgraph.settings import Settings
from cpgraph.sources import catalogue_entry, list_sources
from cpgraph.store import GraphData, NTriples, open_store
from cpgraph.validate import ValidationResult, validate_document


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
    actions_no_named_owner: int
    """Actions with no owner named on them (owned above by a board or strategy lead, or by
    nobody): counted from the loaded graph with ``cpgraph.analytics.ownership``."""
    triples: int
    violations: int
    warnings: list[str] = field(default_factory=list)
    read: bool = True
    """False when nothing (no pledge, action, duty or body) was recognised: not read as a plan."""
    not_read_message: str | None = None
    """For a document not read: what it was read as, and how to see why (else None)."""
    actions_no_owner_any_level: int = 0
    """Actions nobody owns at any level (``ownership`` "none"), as ``cpgraph gaps`` counts them."""


@dataclass
class BuildSummary:
    """What a build did: per document counts, validation, and where the store is."""

    store: str
    documents: list[DocumentSummary]
    triples: int
    seconds: float
    conforms: bool
    curated_triples: int = 0
    jobs: int = 1
    stage_seconds: dict[str, float] = field(default_factory=dict)
    """CPU seconds per stage summed over documents (extract, rdf, validate, write), and the
    wall seconds of loading the store (load)."""

    def rows(self) -> list[dict]:
        """One row per document, for printing."""
        return [d.__dict__ for d in self.documents]

    @property
    def not_read(self) -> list[DocumentSummary]:
        """The documents in which nothing was recognised (not read as plans), in build order."""
        return [d for d in self.documents if not d.read]

    def not_read_report(self) -> list[str]:
        """Lines saying plainly how many documents were not read as plans, with each one's
        message (on the same line when there is one, else one line each); [] when every
        document was read."""
        missed = self.not_read
        if not missed:
            return []
        verb = "was" if len(missed) == 1 else "were"
        head = f"{len(missed)} of {len(self.documents)} documents {verb} not read as a plan:"
        messages = [d.not_read_message or f"{d.source}: recognised no commitments" for d in missed]
        if len(messages) == 1:
            return [f"{head} {messages[0]}"]
        return [head, *(f"  - {m}" for m in messages)]


PARALLEL_FROM = 12
"""Builds of fewer documents run in this process: starting workers costs more than it saves."""


@dataclass
class BuiltDocument:
    """One source extracted, minted, validated and written out, ready to load."""

    iri: str
    graph: NTriples
    summary: DocumentSummary
    conforms: bool
    cpu_seconds: dict[str, float]


def build_document(path: Path, settings: Settings, validate: bool = True) -> BuiltDocument:
    """Extract ``path``, mint its named graph, validate it with SHACL (against the ontology) and
    write it as N-Triples; the CPU seconds of each stage are reported with it."""
    clock = time.process_time()
    cpu: dict[str, float] = {}

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.process_time()
        cpu[stage] = now - clock
        clock = now

    model = extract_file(path, settings)
    lap("extract")
    g = to_graph(model)
    lap("rdf")
    result: ValidationResult | None = validate_document(g) if validate else None
    lap("validate")
    written = NTriples.of(g)
    lap("write")
    actions = model.actions
    summary = DocumentSummary(
        source=model.source,
        council=model.council,
        pledges=len(model.pledges),
        actions=len(actions),
        actions_no_named_owner=sum(1 for a in actions if not a.owners),  # until the graph is loaded
        triples=len(g),
        violations=len(result.violations) if result else 0,
        warnings=list(model.warnings),
        read=not model.not_read,
        not_read_message=model.not_read_message() if model.not_read else None,
    )
    return BuiltDocument(str(graph_iri(model.source)), written, summary,
                         result is None or result.conforms, cpu)


def build_jobs(settings: Settings, documents: int) -> int:
    """How many worker processes a build of ``documents`` sources uses: the setting if given
    (``CPGRAPH_BUILD_JOBS``, ``--jobs``), else one per core this process may run on; always one
    for small builds."""
    if settings.build_jobs > 0:
        wanted = settings.build_jobs
    else:
        wanted = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        if documents < PARALLEL_FROM:
            wanted = 1
    return max(1, min(wanted, documents))


def build_documents(paths_: list[Path], settings: Settings, *, validate: bool = True) -> Iterator[BuiltDocument]:
    """Every source built (see :func:`build_document`), in the order given, by worker
    processes when :func:`build_jobs` says so. The first error stops the build."""
    jobs = build_jobs(settings, len(paths_))
    if jobs == 1:
        for path in paths_:
            yield build_document(path, settings, validate)
        return
    # spawn: a forked copy of a process that holds open stores and threads may deadlock
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        try:
            yield from pool.map(build_document, paths_, repeat(settings), repeat(validate),
                                chunksize=max(1, min(8, len(paths_) // (jobs * 4))))
        except BrokenProcessPool:
            raise InputError("a build worker stopped unexpectedly (out of memory?); "
                             "try again with --jobs 1") from None
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


Progress = Callable[[int, int, DocumentSummary | None], None]
"""Called with (documents done, documents in all, the summary of the one just built): once with
(0, n, None) before the first, then after each document."""


def build_graphs(paths_: list[Path], settings: Settings, *, validate: bool = True,
                 cpu_seconds: dict[str, float] | None = None, progress: Progress | None = None,
                 ) -> tuple[dict[str, GraphData], list[DocumentSummary], bool]:
    """Extract and mint every source into its named graph; validate each with SHACL.

    Returns the graphs by named-graph IRI (ontology graph included), per-document summaries,
    and whether every document conforms. Stage CPU seconds are added into ``cpu_seconds``;
    ``progress`` hears of each document as it is done.
    """
    graphs: dict[str, GraphData] = {str(ONTOLOGY_GRAPH): ontology_graph()}
    summaries: list[DocumentSummary] = []
    conforms = True
    if progress is not None:
        progress(0, len(paths_), None)
    for built in build_documents(paths_, settings, validate=validate):
        if built.iri in graphs:
            raise InputError(f"two sources would share the graph {built.iri}: "
                             f"rename one of them ({Path(built.summary.source).name})")
        graphs[built.iri] = built.graph
        summaries.append(built.summary)
        if progress is not None:
            progress(len(summaries), len(paths_), built.summary)
        conforms = conforms and built.conforms
        if cpu_seconds is not None:
            for stage, seconds in built.cpu_seconds.items():
                cpu_seconds[stage] = cpu_seconds.get(stage, 0.0) + seconds
    return graphs, summaries, conforms


def count_ownership(store, summaries: list[DocumentSummary]) -> None:
    """Set each document's ownership counts from the loaded graph (curation included), with the
    one definition every other surface uses (``cpgraph.analytics.ownership``)."""
    G = project(store)
    by_source = ownership_counts_by(G, "action", "source")
    for summary in summaries:
        counts = by_source.get(Path(summary.source).name) or by_source.get(summary.source)
        if counts is not None:
            summary.actions_no_named_owner = counts["no_named_owner"]
            summary.actions_no_owner_any_level = counts["none"]
        elif summary.actions == 0:
            summary.actions_no_named_owner = summary.actions_no_owner_any_level = 0


def run_build(settings: Settings, sources: list[Path] | None = None, *, validate: bool = True,
              progress: Progress | None = None) -> BuildSummary:
    """Build the store from ``sources`` (default: the settings' source folders); ``progress``
    hears of each document as it is built.

    Everything is extracted and validated before the store is touched; the store's documents
    are then replaced in one swap, and the curation graph is reloaded from the curation file,
    so a failed or killed build leaves the previous store and curation as they were.
    """
    started = time.perf_counter()
    found = list_sources(list(sources or settings.source_dirs), read.SUPPORTED_SUFFIXES)
    if not found:
        raise InputError("no documents to build from (cpgraph reads " + " ".join(read.SUPPORTED_SUFFIXES) + ")")
    stages: dict[str, float] = {}
    graphs, summaries, conforms = build_graphs(found, settings, validate=validate, cpu_seconds=stages,
                                               progress=progress)
    curated = curation.load_graph(settings.curation_file)
    graphs[str(CURATION_GRAPH)] = curated
    loading = time.perf_counter()
    store = open_store(settings.store_location, settings=settings)
    try:
        store.replace_graphs(graphs, drop_others=True)
        total = len(store)
        count_ownership(store, summaries)
    finally:
        store.close()
    stages = {k: round(v, 3) for k, v in stages.items()} | {"load": round(time.perf_counter() - loading, 3)}
    return BuildSummary(
        store=settings.store_location,
        documents=summaries,
        triples=total,
        seconds=round(time.perf_counter() - started, 2),
        conforms=conforms,
        curated_triples=len(curated),
        jobs=build_jobs(settings, len(found)),
        stage_seconds=stages,
    )
