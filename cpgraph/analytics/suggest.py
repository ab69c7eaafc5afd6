"""Owner suggestions for unowned actions, ranked from similar owned actions.

A post of the action's own council comes first. A council that names no owner like it gets a
*kind* of post instead ("a Head of Fostering — in Bracknell Forest Council this post owns 3
similar actions"), never another council's post by name as if it were its own.

A suggestion is only that: it is returned to the user with its reason and never written to the
graph (accepting one is a curation, done elsewhere).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
from rapidfuzz import fuzz, process

from cpgraph.analytics.duplicates import normalise
from cpgraph.analytics.ownership import actions_of, named_owners
from cpgraph.errors import NotFoundError

_TEXT_WEIGHT, _THEME_WEIGHT = 0.75, 0.25
_RARE_WORDS = 4  # words of an action used to find similar actions in other councils
_MAX_POSTINGS = 500  # a word in more owned actions than this is too common to find anything by


SAME_COUNCIL_POST, KIND_OF_POST = "same_council_post", "kind_of_post"
"""What a suggestion offers: a post of the action's own council, or a kind of post (named after
a post of another council that owns similar actions)."""


@dataclass
class Suggestion:
    """A candidate owner for an unowned action, with the owned action that suggests it:
    a post of the same council (``kind`` "same_council_post"), or a kind of post (``kind``
    "kind_of_post"; ``post`` is then the example post of ``post_council``, not a post of the
    action's council). ``suggested`` says which, in plain English."""

    action: str
    action_label: str
    council: str | None
    rank: int
    post: str
    post_label: str
    post_council: str | None
    score: float  # 0–1
    same_council: bool
    reason: str
    based_on: str  # the similar owned action
    label: str = "suggestion"
    kind: str = SAME_COUNCIL_POST
    suggested: str = ""
    similar_actions: int = 1  # owned by ``post`` in ``post_council``

    def row(self) -> dict:
        """A flat row for tables and CSV."""
        return {"council": self.council, "action": self.action_label, "rank": self.rank,
                "suggested": self.suggested, "kind": self.kind,
                "suggested_post": self.post_label, "post_council": self.post_council,
                "score": round(self.score, 2), "same_council": self.same_council,
                "reason": self.reason, "label": self.label, "action_iri": self.action, "post_iri": self.post}


def _themes(G: nx.MultiDiGraph, action: str) -> set[str]:
    return {G.nodes[t]["key"] for _, t, d in G.out_edges(action, data=True) if d.get("kind") == "has_theme"}


def suggest_owners(G: nx.MultiDiGraph, *, action: str | None = None, limit: int = 3,
                   min_score: float = 0.4) -> list[Suggestion]:
    """Up to ``limit`` candidate owners for each unowned action (or for ``action`` alone).

    Candidates are posts owning similar actions (text similarity, with a share for common
    themes). Posts of the action's own council are offered when there are any; otherwise kinds
    of post (posts of other councils with the same title count as one kind, shown with the
    council where the best of them owns the most similar actions). Every owned action of
    the same council is compared; elsewhere only those sharing one of the action's rarer words
    (so the cost stays near linear at national scale). A candidate below ``min_score`` is not
    offered. Raises NotFoundError when ``action`` is not an action.
    """
    if action is not None:
        if action not in G or G.nodes[action]["kind"] != "action":
            raise NotFoundError(f"no action {action}")
        targets = [action]
    else:
        targets = [a for a in actions_of(G) if not named_owners(G, a)]
    asked = set(targets)
    owned = [a for a in actions_of(G) if a not in asked
             and any(G.nodes[o]["kind"] == "post" for o in named_owners(G, a))]
    if not targets or not owned:
        return []
    texts = {a: normalise(G.nodes[a]["text"] or "") for a in (*targets, *owned)}
    owned_themes = [_themes(G, a) for a in owned]
    owned_posts = [sorted(o for o in named_owners(G, a) if G.nodes[o]["kind"] == "post") for a in owned]
    by_council: dict[str | None, list[int]] = defaultdict(list)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, a in enumerate(owned):
        by_council[G.nodes[a]["council"]].append(i)
        for word in set(texts[a].split()):
            if len(word) >= 4:
                postings[word].append(i)
    # Only texts alike enough to reach min_score even with every theme shared are scored.
    cutoff = max(0.0, (min_score - _THEME_WEIGHT) / _TEXT_WEIGHT * 100.0)
    out: list[Suggestion] = []
    names = _council_names(G)
    for target in targets:
        candidates = set(by_council.get(G.nodes[target]["council"], ()))
        words = sorted({w for w in texts[target].split() if len(w) >= 4 and w in postings},
                       key=lambda w: (len(postings[w]), w))
        for word in words[:_RARE_WORDS]:
            if len(postings[word]) <= _MAX_POSTINGS:
                candidates.update(postings[word])
        chosen = sorted(candidates)
        alike = process.extract(texts[target], [texts[owned[i]] for i in chosen], scorer=fuzz.token_set_ratio,
                                score_cutoff=cutoff, limit=None)
        scores = {chosen[j]: s for _, s, j in alike}
        out.extend(_rank(G, target, owned, scores, owned_themes, owned_posts, limit, min_score, names))
    return out


def _rank(G: nx.MultiDiGraph, target: str, owned: list[str], text_scores: dict[int, float],
          owned_themes: list[set[str]], owned_posts: list[list[str]], limit: int,
          min_score: float, names: dict[str | None, str]) -> list[Suggestion]:
    node = G.nodes[target]
    themes = _themes(G, target)
    best: dict[str, tuple[float, str, set[str]]] = {}
    support: dict[str, int] = defaultdict(int)
    for i, raw in sorted(text_scores.items()):
        other = owned[i]
        text = float(raw) / 100.0
        union = themes | owned_themes[i]
        shared = themes & owned_themes[i]
        score = _TEXT_WEIGHT * text + _THEME_WEIGHT * (len(shared) / len(union) if union else 0.0)
        if score < min_score:
            continue
        for post in owned_posts[i]:
            support[post] += 1
            if post not in best or score > best[post][0]:
                best[post] = (score, other, shared)
    mine = [p for p in best if G.nodes[p]["council"] == node["council"]]
    if mine:
        chosen = sorted(mine, key=lambda p: (-best[p][0], -support[p], G.nodes[p]["label"], p))
    else:  # one example per kind of post: the post that owns the most similar actions
        kinds: dict[str, str] = {}
        for post in sorted(best, key=lambda p: (-support[p], -best[p][0], G.nodes[p]["label"], p)):
            kinds.setdefault(normalise(G.nodes[post]["label"] or ""), post)
        chosen = sorted(kinds.values(), key=lambda p: (-best[p][0], -support[p], G.nodes[p]["label"], p))
    out = []
    for rank, post in enumerate(chosen[:limit], start=1):
        score, other, shared = best[post]
        o = G.nodes[other]
        title = G.nodes[post]["label"]
        same = bool(mine)
        if same:
            suggested = f"{title} (a post of this council)"
            reason = f"owns a similar action in the same council ({score:.0%} alike, lines {o['lines'] or '?'}): "
        else:
            where = names.get(G.nodes[post]["council"]) or G.nodes[post]["council"] or "another council"
            count = f"{support[post]} similar action{'' if support[post] == 1 else 's'}"
            suggested = f"{_article(title)} {title} (a kind of post) — in {where} this post owns {count}"
            reason = (f"a kind of post: no post of this council owns a similar action; in {where} "
                      f"the {title} owns {count} ({score:.0%} alike, lines {o['lines'] or '?'}): ")
        reason += f"'{o['label']}'"
        if shared:
            reason += f"; shared themes: {', '.join(sorted(shared))}"
        if same and support[post] > 1:
            reason += f"; {support[post]} similar actions in all"
        out.append(Suggestion(action=target, action_label=node["label"], council=node["council"],
                              rank=rank, post=post, post_label=title,
                              post_council=G.nodes[post]["council"], score=round(score, 4),
                              same_council=same, reason=reason, based_on=other,
                              kind=SAME_COUNCIL_POST if same else KIND_OF_POST, suggested=suggested,
                              similar_actions=support[post]))
    return out


def _council_names(G: nx.MultiDiGraph) -> dict[str | None, str]:
    return {d["key"]: d["label"] for _, d in G.nodes(data=True) if d["kind"] == "council"}


def _article(title: str) -> str:
    return "an" if title[:1].lower() in "aeiou" else "a"
