"""Partner agencies: national bodies (shared) and local partners (scoped to a council)."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import PagingDep, StoreDep
from api.lookups import agent_iri, entities, page, require
from cpgraph.namespace import CP

router = APIRouter(prefix="/api/agencies", tags=["agencies"])


@router.get("", summary="List partner agencies")
def list_agencies(store: StoreDep, paging: PagingDep, council: str | None = None) -> dict:
    """Partner agencies, optionally those one council mentions."""
    return page(entities(store, CP.PartnerAgency, council=council), paging.limit, paging.offset)


@router.get("/{scope}/{agency}", summary="One partner agency")
def get_agency(scope: str, agency: str, store: StoreDep) -> dict:
    """One agency: ``scope`` is ``national`` or the council key of a local partner."""
    iri = agent_iri(scope, "agency", agency)
    return require(entities(store, CP.PartnerAgency, target=iri), "agency", f"{scope}/{agency}")
