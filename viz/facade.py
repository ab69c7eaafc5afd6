"""What the views take from the analytics facade, read in one place.

Views never query the store: they read ``Analytics(store).graph()`` (the NetworkX projection),
the overload flags and the coverage, and resolve the ``--focus``/``--council``/``--theme`` a user
typed into nodes of the projection, with a one-line error listing candidates when the name is
ambiguous or unknown.
"""

from __future__ import annotations

from collections import Counter
from functools import cached_property

import networkx as nx
from rdflib import URIRef

from cpgraph.analytics.council_lookup import find_council
from cpgraph.errors import InputError, NotFoundError
from viz.viewgraph import (
    AGENT_KINDS,
    clean_text,
    kind_of,
    label_of,
    natural_key,
    nodes_of_kind,
    short,
)

MAX_CANDIDATES = 8

_Q_CITED = """
PREFIX cp: <https://w3id.org/cpgraph/ns#>
SELECT ?rel ?m ?text ?sl ?el WHERE {
  VALUES ?rel { cp:hasMeasure cp:hasOutcome }
  ?item ?rel ?m .
  OPTIONAL { ?m cp:text ?text }
  OPTIONAL { ?m cp:evidence ?ev . ?ev cp:startLine ?sl ; cp:endLine ?el }
}"""


class Facts:
    """The projection and the analytics results the views need, computed once per render."""

    def __init__(self, analytics) -> None:
        self.analytics = analytics

    @cached_property
    def graph(self) -> nx.Graph:
        """The analytics projection (typed nodes keyed by IRI, typed edges)."""
        return self.analytics.graph()

    @cached_property
    def overloaded(self) -> dict[str, str]:
        """Owners an overload rule flagged, with the rules that fired ("rule: detail; …")."""
        flagged: dict[str, list[str]] = {}
        for load in self.analytics.overload():
            rules = [clean_text(f"{f.get('rule')}: {f.get('detail')}") for f in load.flags]
            if rules:
                flagged.setdefault(load.iri, []).extend(rules)
        return {iri: "; ".join(rules) for iri, rules in flagged.items()}

    @cached_property
    def action_load(self) -> Counter:
        """Actions owned per owner (every council added up): the ranking used for ``--top``."""
        load: Counter = Counter()
        for row in self.analytics.overload():
            load[row.iri] += row.actions
        return load

    @cached_property
    def councils_by_key(self) -> dict[str, str]:
        """Council node by council key (the projection's ``council`` attribute holds keys)."""
        return {str(d.get("key")): n for n, d in self.graph.nodes(data=True)
                if d.get("kind") == "council"}

    @cached_property
    def _by_council(self) -> dict[str, dict[str, list[str]]]:
        index: dict[str, dict[str, list[str]]] = {}
        for node in sorted(self.graph, key=natural_key):
            data = self.graph.nodes[node]
            councils = {self.council_of(node)}
            if data.get("kind") == "body":  # a body may say its council only through its strategy
                councils |= {self.council_of(s) for s, _, d in self.graph.out_edges(node, data=True)
                             if d.get("kind") == "in_strategy"}
            for council in councils - {None}:
                index.setdefault(council, {}).setdefault(str(data.get("kind")), []).append(node)
        return index

    def members(self, council: str, kind: str) -> list[str]:
        """The nodes of ``kind`` belonging to ``council`` (a council node), in a stable order."""
        return self._by_council.get(council, {}).get(kind, [])

    def council_of(self, node: str) -> str | None:
        """The council node ``node`` belongs to (None for shared nodes: themes, national agencies)."""
        data = self.graph.nodes[node]
        if data.get("kind") == "council":
            return node
        return self.councils_by_key.get(str(data.get("council")))

    def cited(self, item: str) -> list[dict]:
        """The success measures and expected outcomes of a pledge or action, in document order:
        ``{"key", "what": "measure"|"outcome", "text", "lines"}``. The projection only counts
        them, so their text is read from the store (with the item bound, never pasted)."""
        data = self.graph.nodes[item]
        if not (data.get("measures") or data.get("outcomes")):
            return []
        rows = self.analytics.store.select(_Q_CITED, {"item": URIRef(item)})
        out = []
        for row in rows:
            start, end = row.get("sl"), row.get("el")
            out.append({"key": _value(row["m"]),
                        "what": "measure" if _value(row["rel"]).endswith("hasMeasure") else "outcome",
                        "text": clean_text(_value(row.get("text")) or ""),
                        "lines": f"{_value(start)}-{_value(end)}" if start is not None else None})
        return sorted(out, key=lambda c: (c["what"], natural_key(c["key"])))

    def concept_label(self, node: str) -> str:
        """The label of a theme or principle node ('' for one the graph lacks)."""
        return label_of(self.graph, node) if node in self.graph else node.split(":", 1)[-1]

    def concept_kind(self, node: str) -> str:
        """"theme" or "principle"."""
        return kind_of(self.graph, node) if node in self.graph else node.split(":", 1)[0]

    def top_posts(self, n: int) -> list[str]:
        """The ``n`` posts owning the most actions (ties broken by IRI, so the choice is stable)."""
        posts = [p for p in self.action_load if p in self.graph and kind_of(self.graph, p) == "post"]
        posts.sort(key=lambda p: (-self.action_load[p], natural_key(p)))
        return posts[:n]

    # --- resolving what a user typed ------------------------------------------------------------
    def council(self, name: str) -> str:
        """The council node a ``--council`` value names: IRI, key or name (case-insensitive), else
        a close name as the analytics find it ("bracknell")."""
        exact = self._exact(name, ("council",))
        if exact:
            return exact
        key = find_council(self.graph, name)
        return next(n for n in nodes_of_kind(self.graph, "council") if self.graph.nodes[n].get("key") == key)

    def concept(self, name: str) -> str:
        """The theme or principle node a ``--theme`` value names (IRI, key or label)."""
        return self._pick(name, ("theme", "principle"), "theme or principle")

    def pledge(self, name: str) -> str:
        """The pledge node a ``--focus`` names: its IRI, its key (``…-pledge-3``) or words of
        its title (unique match required)."""
        return self._pick(name, ("pledge",), "pledge")

    def post(self, name: str, council: str | None = None) -> str:
        """The post (or unit, body, agency, role) a ``--focus`` names: its IRI or key, else the
        analytics officer lookup (fuzzy, within ``council`` if given); an error listing the
        candidates when several match."""
        exact = self._exact(name, AGENT_KINDS)
        if exact:
            return exact
        key = self.graph.nodes[self.council(council)].get("key") if council else None
        matches = self.analytics.officer(name, council=key).matches
        if len(matches) == 1:
            return matches[0].iri
        if not matches:
            raise NotFoundError(f"no post matches '{clean_text(name)}'")
        shown = ", ".join(f"{_name(self.graph, m.iri)}" for m in matches[:MAX_CANDIDATES])
        raise InputError(f"'{clean_text(name)}' matches {len(matches)} posts: {shown}; "
                         "give one of these keys")

    def _exact(self, name: str, kinds: tuple[str, ...]) -> str | None:
        wanted = clean_text(name).casefold()
        if name in self.graph and kind_of(self.graph, name) in kinds:
            return name
        for node in nodes_of_kind(self.graph, *kinds):
            data = self.graph.nodes[node]
            if wanted in (str(data.get("key") or "").casefold(), label_of(self.graph, node).casefold()):
                return node
        return None

    def _pick(self, name: str, kinds: tuple[str, ...], what: str) -> str:
        exact = self._exact(name, kinds)
        if exact:
            return exact
        words = clean_text(name).casefold().split()
        if not words:
            raise InputError(f"give the {what} to show (its key or name)")
        tail = "-" + "-".join(words)  # "pledge 9" or "pledge-9" ends the key "…-pledge-9"
        matches = [n for n in nodes_of_kind(self.graph, *kinds)
                   if all(w in label_of(self.graph, n).casefold() for w in words)
                   or str(self.graph.nodes[n].get("key") or "").casefold().endswith(tail)]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            known = [_name(self.graph, n) for n in nodes_of_kind(self.graph, *kinds)]
            hint = f"; known: {', '.join(known[:MAX_CANDIDATES])}" if known else ""
            raise NotFoundError(f"no {what} matches '{clean_text(name)}'{hint}")
        shown = ", ".join(_name(self.graph, n) for n in matches[:MAX_CANDIDATES])
        more = f" and {len(matches) - MAX_CANDIDATES} more" if len(matches) > MAX_CANDIDATES else ""
        raise InputError(f"'{clean_text(name)}' matches {len(matches)} {what}s: {shown}{more}; "
                         "give one of these keys")


def _name(graph: nx.Graph, node: str) -> str:
    key = graph.nodes[node].get("key")
    label = short(label_of(graph, node), 40)
    return f"{key} ({label})" if key and key != label else label


def _value(term) -> str:
    """A SPARQL result term as plain text (rdflib and pyoxigraph terms alike)."""
    if term is None:
        return ""
    return str(getattr(term, "value", term))
