"""Find the council a user named: by key, IRI or name exactly, else by a close (fuzzy) name, as
``cpgraph officer`` finds posts ("bracknell" or "Leicester city" are enough)."""

from __future__ import annotations

import networkx as nx
from rapidfuzz import fuzz, utils

from cpgraph.errors import InputError
from cpgraph.resolve import clean, slug

_MIN_SCORE = 80.0
_CLEAR_LEAD = 5.0
_SHOWN = 8


def find_council(G: nx.MultiDiGraph, name: str) -> str:
    """The key of the council ``name`` names in the projection ``G``.

    An exact key, IRI or name (any case) wins; otherwise the council whose name matches best
    (rapidfuzz: words in any order, part of the name, a slip of spelling) if it is a clear winner.
    InputError, in one line, when nothing matches (listing the councils loaded) or when several
    match equally well (listing them, so the user can give a key)."""
    councils = {d["key"]: (n, d.get("label") or d["key"]) for n, d in G.nodes(data=True)
                if d.get("kind") == "council" and d.get("key")}
    wanted = clean(name)
    if not wanted:
        raise InputError("give the council's key or name")
    for key, (iri, label) in councils.items():
        if wanted in (key, iri) or slug(wanted) == key or wanted.casefold() == label.casefold():
            return key
    # token_set_ratio takes part of a name ("bracknell"); WRatio forgives a misspelling.
    scored = sorted(((max(fuzz.token_set_ratio(wanted, label, processor=utils.default_process),
                          fuzz.WRatio(wanted, label, processor=utils.default_process)),
                      fuzz.WRatio(wanted, label, processor=utils.default_process), key)
                     for key, (_, label) in councils.items()), reverse=True)
    good = [s for s in scored if s[0] >= _MIN_SCORE]
    if good and (len(good) == 1 or good[1][0] < good[0][0] - _CLEAR_LEAD):
        return good[0][2]
    if good:
        shown = ", ".join(f"{key} ({councils[key][1]})" for _, _, key in good[:_SHOWN])
        raise InputError(f"'{wanted[:80]}' matches {len(good)} councils: {shown}; give one of these keys")
    choices = ", ".join(sorted(councils)) or "none loaded (run cpgraph build)"
    raise InputError(f"no council '{wanted[:80]}' in the store; councils: {choices}")
