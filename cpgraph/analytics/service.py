"""One facade over a store for the CLI, the report and the API: the projection and every metric,
cached until the store changes (a build or a curation)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from cpgraph.analytics.coverage import Coverage, NotRead, compute_coverage, documents_not_read
from cpgraph.analytics.gaps import Gap, find_gaps
from cpgraph.analytics.officer import PostMatch, find_posts, responsibilities
from cpgraph.analytics.overload import PostLoad, compute_overload
from cpgraph.analytics.ownership import ownership_counts
from cpgraph.analytics.projection import project
from cpgraph.analytics.suggest import Suggestion, suggest_owners
from cpgraph.namespace import CURATION_GRAPH

_Q_FINGERPRINT = f"""
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX cp: <https://w3id.org/cpgraph/ns#>
SELECT ?curated ?last ?actions WHERE {{
  {{ SELECT (COUNT(*) AS ?curated) WHERE {{ GRAPH <{CURATION_GRAPH}> {{ ?s ?p ?o }} }} }}
  {{ SELECT (MAX(STR(?t)) AS ?last) WHERE {{
       GRAPH <{CURATION_GRAPH}> {{ ?s prov:generatedAtTime|prov:invalidatedAtTime|dcterms:created|dcterms:modified ?t }} }} }}
  {{ SELECT (COUNT(?a) AS ?actions) WHERE {{ ?a a cp:Action }} }}
}}"""


@dataclass
class OfficerView:
    """The answer to "what is NAME responsible for?": the posts that match and, when exactly one
    does, its responsibilities."""

    query: str
    matches: list[PostMatch]
    responsibilities: list[dict] = field(default_factory=list)

    @property
    def post(self) -> PostMatch | None:
        """The one matching post, or None when there is none or the name is ambiguous."""
        return self.matches[0] if len(self.matches) == 1 else None


class Analytics:
    """The analytics of one store, computed on demand and cached between writes.

    The cache key is the store's generation (where the backend has one) plus a fingerprint of
    the curation graph (its size and latest timestamp) and the number of actions, read with one
    cheap query on every call, so a build or a curation is seen at once. Safe to share between
    threads: one lock guards the cache.
    """

    def __init__(self, store) -> None:
        self.store = store
        self._lock = threading.RLock()
        self._key: Any = None
        self._graph: nx.MultiDiGraph | None = None
        self._memo: dict[tuple, Any] = {}

    def _fingerprint(self) -> tuple:
        generation = None
        if hasattr(self.store, "generation"):  # the embedded disk store: see a rebuild at once
            if hasattr(self.store, "refresh"):
                self.store.refresh()
            generation = self.store.generation()
        rows = self.store.select(_Q_FINGERPRINT)
        row = rows[0] if rows else {}
        return (generation, *(str(row.get(k)) for k in ("curated", "last", "actions")))

    def invalidate(self) -> None:
        """Forget the projection and every cached metric (the next call recomputes)."""
        with self._lock:
            self._key, self._graph, self._memo = None, None, {}

    def graph(self) -> nx.MultiDiGraph:
        """The projection of the store as it is now (rebuilt only when the store changed)."""
        with self._lock:
            key = self._fingerprint()
            if self._graph is None or key != self._key:
                self._graph, self._key, self._memo = project(self.store), key, {}
            return self._graph

    def _cached(self, name: tuple, compute: Callable[[nx.MultiDiGraph], Any]) -> Any:
        with self._lock:
            G = self.graph()
            if name not in self._memo:
                self._memo[name] = compute(G)
            return self._memo[name]

    def gaps(self, as_of: date | None = None, **options) -> list[Gap]:
        """Every gap as of ``as_of`` (default today); ``options`` as for ``find_gaps``."""
        when = as_of or date.today()
        return self._cached(("gaps", when, tuple(sorted(options.items()))),
                            lambda G: find_gaps(G, as_of=when, **options))

    def overload(self, as_of: date | None = None, **thresholds) -> list[PostLoad]:
        """Load per owner, heaviest first, overdue judged as of ``as_of`` (default today);
        ``thresholds`` as for ``compute_overload``."""
        when = as_of or date.today()
        return self._cached(("overload", when, tuple(sorted(thresholds.items()))),
                            lambda G: compute_overload(G, as_of=when, **thresholds))

    def ownership(self, council: str | None = None) -> dict[str, dict[str, int]]:
        """How many actions and pledges (of one council, by key, or of all) are owned at each
        level of ``cpgraph.analytics.ownership.OWNERSHIP``: ``{"actions": {...}, "pledges": {...}}``
        with ``no_named_owner`` and ``total`` in each."""
        return self._cached(("ownership", council), lambda G: {
            "actions": ownership_counts(G, "action", council=council),
            "pledges": ownership_counts(G, "pledge", council=council)})

    def coverage(self) -> Coverage:
        """Themes and statutory principles covered, per council."""
        return self._cached(("coverage",), compute_coverage)

    def not_read(self) -> list[NotRead]:
        """The documents not read as plans (nothing recognised in them), each with its message."""
        return self._cached(("not_read",), documents_not_read)

    def suggestions(self, action: str | None = None, limit: int = 3) -> list[Suggestion]:
        """Owner suggestions for every unowned action (or one ``action``); never written anywhere."""
        if action is not None:  # one action is cheap; caching every IRI asked for would grow unbounded
            return suggest_owners(self.graph(), action=action, limit=limit)
        return self._cached(("suggestions", limit), lambda G: suggest_owners(G, limit=limit))

    def officer(self, name: str, council: str | None = None) -> OfficerView:
        """Posts matching ``name`` and, when exactly one matches, its responsibilities (not cached:
        it is cheap, and names asked for are unbounded)."""
        G = self.graph()
        view = OfficerView(name, find_posts(G, name, council=council))
        if view.post is not None:
            view.responsibilities = responsibilities(G, view.post.iri)
        return view
