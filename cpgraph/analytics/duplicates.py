"""Duplicated actions: identical or near-identical texts, within and across pledges and councils.

Exact repeats are found by their normalised text; near repeats with rapidfuzz, comparing only
texts that share one of their rarest words (blocking), so the cost stays close to linear at
national scale instead of comparing every pair.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import networkx as nx
from rapidfuzz import fuzz

from cpgraph.analytics.ownership import actions_of, document_order

_MAX_BLOCK = 400  # a word shared by more actions than this is too common to block on
_BLOCK_WORDS = 3


def normalise(text: str) -> str:
    """Text folded for comparison: lower case, punctuation dropped, spaces collapsed."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def duplicate_pairs(G: nx.MultiDiGraph, threshold: float = 90.0) -> list[tuple[str, str, float]]:
    """``(first, later, score)`` for every action repeating an earlier one (document order across
    councils), each later action paired once with its earliest match; score 100 means identical
    once normalised. Actions already marked ``duplicate_of`` in the graph are included."""
    order = document_order(G)
    actions = sorted(actions_of(G), key=lambda a: (order[a], a))
    rank = {a: i for i, a in enumerate(actions)}
    texts = {a: normalise(G.nodes[a]["text"] or "") for a in actions}
    found: dict[str, tuple[str, float]] = {}

    def offer(later: str, first: str, score: float) -> None:
        if rank[first] >= rank[later]:
            first, later = later, first
        current = found.get(later)
        if current is None or rank[first] < rank[current[0]]:
            found[later] = (first, score)

    for a in actions:
        for _, b, d in G.out_edges(a, data=True):
            if d.get("kind") == "duplicate_of" and b in rank:
                offer(a, b, 100.0)
    first_of: dict[str, str] = {}
    for a in actions:
        if not texts[a]:
            continue
        if texts[a] in first_of:
            offer(a, first_of[texts[a]], 100.0)
        else:
            first_of[texts[a]] = a
    for a, b in _candidate_pairs(list(first_of.values()), texts):
        score = fuzz.token_sort_ratio(texts[a], texts[b])
        if score >= threshold:
            offer(a, b, float(score))
    return sorted(((first, later, score) for later, (first, score) in found.items()),
                  key=lambda t: (rank[t[1]], rank[t[0]]))


def _candidate_pairs(actions: list[str], texts: dict[str, str]) -> set[tuple[str, str]]:
    words = {a: {w for w in texts[a].split() if len(w) >= 4} for a in actions}
    frequency = Counter(w for ws in words.values() for w in ws)
    blocks: dict[str, list[str]] = defaultdict(list)
    for a in actions:
        if len(texts[a].split()) < 3:
            continue
        for w in sorted(words[a], key=lambda w: (frequency[w], w))[:_BLOCK_WORDS]:
            blocks[w].append(a)
    pairs: set[tuple[str, str]] = set()
    for members in blocks.values():
        if len(members) < 2 or len(members) > _MAX_BLOCK:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                pairs.add((a, b) if a < b else (b, a))
    return pairs
