"""Everything a person may look for by name (posts, teams, boards, partners, councils, pledges),
each with the page it has, and the best of them for words typed roughly: the search page and
the "did you mean" of the error pages."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process, utils

from api.lookups import agent_path, select

_NAMES = """
SELECT ?x ?kind ?name ?label (SAMPLE(?ck) AS ?ckey) (SAMPLE(?cn) AS ?council) (SAMPLE(?k) AS ?key) WHERE {
  VALUES (?type ?kind) { (cp:Council "council") (org:Post "post") (org:OrganizationalUnit "unit")
                         (cp:GovernanceBody "body") (cp:PartnerAgency "agency") (cp:Pledge "pledge") }
  ?x a ?type ; rdfs:label ?name ; rdfs:label|skos:altLabel ?label .
  OPTIONAL { ?x cp:key ?k }
  OPTIONAL { ?x (org:postIn|org:unitOf|cp:inStrategy/cp:council|cp:mentionedIn/cp:council) ?c .
             ?c cp:key ?ck ; rdfs:label ?cn }
}
GROUP BY ?x ?kind ?name ?label"""

KIND_NAMES = {"post": "post", "unit": "team", "body": "board or group", "agency": "partner",
              "council": "council", "pledge": "pledge"}
"""How each kind of thing is called on the pages."""
_MIN_SCORE = 70
_KEY_WEIGHT = 0.95
_ORDER = {"post": 0, "unit": 1, "pledge": 2, "body": 3, "council": 4, "agency": 5}
_WORDS = re.compile(r"[^a-z0-9]+")


def named_things(store) -> list[dict]:
    """Every post, team, board, partner, council and pledge: its name, kind, council, the page
    that shows it (None when it has none) and the names it is known by (label and expansions)."""
    found: dict[str, dict] = {}
    for row in select(store, _NAMES):
        thing = found.get(row["x"])
        if thing is None:
            thing = found[row["x"]] = _thing(row)
        thing["aliases"].append((row["label"], 1.0))
    for thing in found.values():
        if thing["key"] and thing["kind"] in ("pledge", "post", "unit"):
            # what a mistyped URL holds; below the names, which say what a thing is
            thing["aliases"].append((words(thing["key"]), _KEY_WEIGHT))
    # posts and teams first: they are what people look for most
    return sorted(found.values(), key=lambda t: (_ORDER.get(t["kind"], 9), t["name"]))


def _thing(row: dict) -> dict:
    kind, key, council = row["kind"], row.get("key"), row.get("ckey")
    path = agent_path(row["x"])
    if path:
        council, key = path[0], path[2]
    link = {"post": f"/posts/{council}/{key}", "unit": f"/posts/{council}/{key}",
            "pledge": f"/pledges/{key}", "council": f"/gaps?council={key}"}.get(kind)
    return {"name": row["name"], "kind": kind, "kind_name": KIND_NAMES.get(kind, kind), "key": key,
            "council": council, "council_name": row.get("council") or (row["name"] if kind == "council" else None),
            "iri": row["x"], "link": link if key and (council or kind in ("pledge", "council")) else None,
            "aliases": []}  # (name, weight): a match on a weaker name counts for less


def words(text: str) -> str:
    """``text`` as lower-case words: a slug from a URL (``child-participation-worker``) reads as
    the words it was made of."""
    return " ".join(_WORDS.split(text.lower())).strip()


def best(things: list[dict], typed: str, *, limit: int = 20, min_score: int = _MIN_SCORE) -> list[dict]:
    """The things whose name (or another name they are known by) best matches ``typed``, best
    first, each with its ``score`` (0–100): all the words typed found in the name score 100,
    so "participation worker" finds the Child Participation Development Worker."""
    query = words(typed)
    if not query:
        return []
    choices = [(index, alias, weight) for index, thing in enumerate(things) for alias, weight in thing["aliases"]]
    scores: dict[int, float] = {}
    for _alias, score, at in process.extract(query, [alias for _, alias, _ in choices], scorer=_score,
                                             processor=utils.default_process, limit=None,
                                             score_cutoff=min_score):
        index, _, weight = choices[at]
        if score * weight >= min_score:
            scores[index] = max(scores.get(index, 0), score * weight)
    ranked = sorted(scores.items(), key=lambda pair: (-pair[1], _ORDER.get(things[pair[0]]["kind"], 9),
                                                      things[pair[0]]["name"]))
    return [{**things[i], "score": round(s)} for i, s in ranked[:limit]]


def _score(query: str, name: str, **kwargs) -> float:
    """All the words typed found in the name, in any order, score 100; then close spellings,
    and the words typed as part of a longer name."""
    return max(fuzz.token_set_ratio(query, name, **kwargs), fuzz.partial_ratio(query, name, **kwargs) * 0.9)
