"""Posts (and units): who they are and everything they are responsible for."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter

from api import items
from api.deps import AnalyticsDep, PagingDep, StoreDep
from api.lookups import agent_iri, agent_path, check_key, page, require, select
from api.routers import overload

router = APIRouter(prefix="/api/posts", tags=["posts"])

_POSTS = """
SELECT ?x ?name ?ckey ?council (COUNT(DISTINCT ?item) AS ?items) WHERE {
  VALUES ?type { org:Post org:OrganizationalUnit }
  ?x a ?type ; rdfs:label ?name ; org:postIn|org:unitOf ?c .
  FILTER NOT EXISTS { ?x a cp:GovernanceBody }
  ?c cp:key ?ckey ; rdfs:label ?council .
  OPTIONAL { ?asg cp:assignee ?x ; cp:assignmentFor ?item . FILTER NOT EXISTS { ?asg prov:invalidatedAtTime ?gone } }
}
GROUP BY ?x ?name ?ckey ?council
ORDER BY ?council ?name"""
# Callers bind ?x (one post) or ?ckey (one council's): a bound variable in a triple pattern is
# an index lookup, where a FILTER would test every post.




def _post(row: dict) -> dict:
    council, kind, key = agent_path(row["x"]) or (row["ckey"], "post", None)
    return {"key": key, "council": council, "kind": kind, "name": row["name"], "iri": row["x"],
            "council_name": row["council"], "items": row["items"], "page": f"/posts/{council}/{key}"}


def posts(store, council: str | None = None) -> list[dict]:
    """Posts and units, each with the number of actions and pledges they own."""
    return [_post(r) for r in select(store, _POSTS, ckey=council)]


def post_iri(store, council: str, post: str):
    """The IRI of the post (or unit) ``post`` of ``council``; NotFoundError if there is none."""
    check_key(council, post)
    for kind in ("post", "unit"):
        iri = agent_iri(council, kind, post)
        if select(store, _POSTS, x=iri):
            return iri
    require([], "post", f"{council}/{post}")


def responsibilities(store, council: str, post: str) -> dict:
    """A post's page data: its actions and pledges with co-owners, due dates, status, how it
    came to own each (extracted with the source lines, or curated by whom and when)."""
    iri = post_iri(store, council, post)
    me = _post(select(store, _POSTS, x=iri)[0])
    actions, pledges = items.held_by(store, iri)
    found = [{**a, "kind": "action"} for a in actions] + [{**p, "kind": "pledge"} for p in pledges]
    for item in found:
        mine = [o for o in item["owners"] if o["iri"] == str(iri)]
        item["assignment"] = mine[0] if mine else None
        item["co_owners"] = [o for o in item["owners"] if o["iri"] != str(iri)]
    found.sort(key=lambda i: (i.get("due") or "9999", i["key"]))
    me["responsibilities"] = found
    me["actions"] = len(actions)
    me["pledges"] = len(pledges)
    return me


@router.get("", summary="List posts and units")
def list_posts(store: StoreDep, paging: PagingDep, council: str | None = None) -> dict:
    """Posts and units named as owners or mentioned in the strategies, with their item counts."""
    return page(posts(store, council), paging.limit, paging.offset)


def with_overload(store, analytics, council: str, post: str, as_of: date | None = None) -> dict:
    """:func:`responsibilities` plus what the overload analytics say about the post as of
    ``as_of`` (default today): ``overload`` (its flags with their rules in plain English, overdue
    actions by month, repeated actions; None when it owns no action) and ``as_of``."""
    data = responsibilities(store, council, post)
    data["as_of"] = (as_of or date.today()).isoformat()
    data["overload"] = overload.post_overload(analytics, data["iri"], data["council"], as_of=as_of)
    return data


@router.get("/{council}/{post}", summary="A post's responsibilities")
def get_post(council: str, post: str, store: StoreDep, analytics: AnalyticsDep, as_of: overload.AsOf = None) -> dict:
    """Everything one post is responsible for, with co-owners, due dates and source spans, and
    whether an overload rule flags it (with its overdue and repeated actions)."""
    return with_overload(store, analytics, council, post, as_of)
