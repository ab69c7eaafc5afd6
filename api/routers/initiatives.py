"""Initiatives: named programmes that actions are linked to."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import PagingDep, StoreDep
from api.lookups import agent_iri, entities, page, require, select
from cpgraph.namespace import CP

router = APIRouter(prefix="/api/initiatives", tags=["initiatives"])

_ACTIONS = """
SELECT ?action ?pledgeKey ?pos ?text WHERE {
  ?action cp:linkedInitiative ?target ; cp:underPledge ?p ; cp:position ?pos ; cp:text ?text .
  ?p cp:key ?pledgeKey .
} ORDER BY ?pledgeKey ?pos"""


@router.get("", summary="List initiatives")
def list_initiatives(store: StoreDep, paging: PagingDep, council: str | None = None) -> dict:
    """Initiatives, optionally of one council."""
    return page(entities(store, CP.Initiative, council=council), paging.limit, paging.offset)


@router.get("/{council}/{initiative}", summary="One initiative")
def get_initiative(council: str, initiative: str, store: StoreDep) -> dict:
    """One initiative and the actions linked to it."""
    iri = agent_iri(council, "initiative", initiative)
    out = require(entities(store, CP.Initiative, target=iri), "initiative", f"{council}/{initiative}")
    out["actions"] = [{"key": f"{r['pledgeKey']}-action-{r['pos']}", "text": r["text"]}
                      for r in select(store, _ACTIONS, target=iri)]
    return out
