"""The five seed strategies built into one in-memory store, once per test session (imported by
fixtures; not a test module)."""

from __future__ import annotations

from functools import cache

from cpgraph import paths, read
from cpgraph.analytics import Analytics
from cpgraph.build import build_graphs
from cpgraph.namespace import CURATION_GRAPH
from cpgraph.rdf import new_graph
from cpgraph.settings import Settings
from cpgraph.sources import list_sources
from cpgraph.store import open_store


@cache
def seed_store():
    """An in-memory store holding every seed as a build loads it (validation skipped: the
    validation tests cover it). Shared: tests must not write to it."""
    found = list_sources([paths.default_sources_dir()], read.SUPPORTED_SUFFIXES)
    graphs, _, _ = build_graphs(found, Settings(), validate=False)
    graphs[str(CURATION_GRAPH)] = new_graph()
    store = open_store(":memory:")
    store.replace_graphs(graphs, drop_others=True)
    return store


@cache
def seed_analytics() -> Analytics:
    """The analytics of the seed store (its projection and metrics cached for the session)."""
    return Analytics(seed_store())
