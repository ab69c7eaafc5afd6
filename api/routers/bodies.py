"""Governance bodies: boards, panels, subgroups and who sits on them."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import PagingDep, StoreDep
from api.lookups import EVIDENCE, agent_iri, entities, page, require, select, source
from cpgraph.namespace import CP

router = APIRouter(prefix="/api/bodies", tags=["bodies"])

_DETAIL = """
SELECT ?rel ?o ?label ?text ?file ?sl ?el WHERE {{
  VALUES ?rel {{ cp:chair cp:memberPost org:subOrganizationOf cp:oversees cp:objective cp:meetingFrequency }}
  ?target ?rel ?o .
  OPTIONAL {{ ?o rdfs:label|skos:prefLabel ?label }} OPTIONAL {{ ?o cp:text ?text }}
  {}
}} ORDER BY ?rel ?label ?text""".format(EVIDENCE.format(x="?o", p=""))


@router.get("", summary="List governance bodies")
def list_bodies(store: StoreDep, paging: PagingDep, council: str | None = None) -> dict:
    """Boards, panels and groups, optionally of one council."""
    return page(entities(store, CP.GovernanceBody, council=council), paging.limit, paging.offset)


@router.get("/{council}/{body}", summary="One governance body")
def get_body(council: str, body: str, store: StoreDep) -> dict:
    """One body: its chair, members, parent, themes it oversees and objectives."""
    iri = agent_iri(council, "body", body)
    out = require(entities(store, CP.GovernanceBody, target=iri), "body", f"{council}/{body}")
    for row in select(store, _DETAIL, target=iri):
        name = row["rel"].rsplit("#", 1)[-1]
        value = row.get("text") or row.get("label") or row["o"]
        out.setdefault(name, []).append({"value": value, "source": source(row)})
    return out
