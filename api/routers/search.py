"""Search by name across councils, posts, units, bodies, agencies, initiatives and pledges."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import PagingDep, StoreDep
from api.lookups import agent_path, page, select, source

router = APIRouter(prefix="/api/search", tags=["search"])

_SEARCH = """
SELECT ?x ?name ?kind (SAMPLE(?ck) AS ?ckey) (SAMPLE(?k) AS ?key) (SAMPLE(?f) AS ?file) (SAMPLE(?s1) AS ?sl) (SAMPLE(?e1) AS ?el)
WHERE {
  VALUES (?type ?kind) { (cp:Council "council") (org:Post "post") (org:OrganizationalUnit "unit")
                         (cp:GovernanceBody "body") (cp:PartnerAgency "agency") (cp:Initiative "initiative")
                         (cp:Pledge "pledge") (cp:Role "role") }
  ?x a ?type ; rdfs:label|skos:altLabel ?label .
  FILTER(CONTAINS(LCASE(STR(?label)), LCASE(?q)))
  ?x rdfs:label ?name .
  OPTIONAL { ?x cp:key ?k }
  OPTIONAL { ?x (org:postIn|org:unitOf|cp:inStrategy/cp:council|cp:mentionedIn/cp:council) ?c . ?c cp:key ?ck }
  OPTIONAL { ?x cp:evidence ?ev . ?ev cp:startLine ?s1 ; cp:endLine ?e1 ; oa:hasTarget/oa:hasSource/cp:fileName ?f }
  OPTIONAL { ?asg cp:assignee ?x ; cp:evidence ?ev2 . ?ev2 cp:startLine ?s1 ; cp:endLine ?e1 ;
             oa:hasTarget/oa:hasSource/cp:fileName ?f }
}
GROUP BY ?x ?name ?kind
ORDER BY ?kind ?name"""

_LINKS = {"post": "/posts/{c}/{k}", "unit": "/posts/{c}/{k}", "pledge": "/pledges/{k}",
          "council": "/api/councils/{k}", "body": "/api/bodies/{c}/{k}", "agency": "/api/agencies/{c}/{k}",
          "initiative": "/api/initiatives/{c}/{k}"}


def search(store, q: str) -> list[dict]:
    """Things whose name (or expanded abbreviation) contains ``q``, case-insensitively."""
    out = []
    for row in select(store, _SEARCH, q=q.strip()):
        path = agent_path(row["x"])
        key = (path[2] if path else None) or row.get("key")
        scope = path[0] if path else row.get("ckey")
        link = _LINKS.get(row["kind"])
        out.append({"name": row["name"], "kind": row["kind"], "key": key, "council": row.get("ckey"),
                    "iri": row["x"], "source": source(row),
                    "link": link.format(c=scope, k=key) if link and key else None})
    return out


@router.get("", summary="Search by name")
def search_names(store: StoreDep, paging: PagingDep,
                 q: Annotated[str, Query(min_length=1, max_length=200, description="Part of a name.")]) -> dict:
    """Councils, posts, units, bodies, agencies, initiatives and pledges whose name contains ``q``."""
    return page(search(store, q), paging.limit, paging.offset)
