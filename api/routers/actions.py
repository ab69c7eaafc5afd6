"""Actions: what a council will do, by whom and by when."""

from __future__ import annotations

from fastapi import APIRouter

from api import items
from api.deps import PagingDep, StoreDep
from api.lookups import page

router = APIRouter(prefix="/api/actions", tags=["actions"])


@router.get("", summary="List actions")
def list_actions(store: StoreDep, paging: PagingDep, council: str | None = None,
                 owned: bool | None = None) -> dict:
    """Actions with owners, due dates and source spans; ``owned=false`` lists those nobody owns."""
    found = items.actions(store, council=council)
    if owned is not None:
        found = [a for a in found if bool(a["owners"]) == owned]
    return page(found, paging.limit, paging.offset)


@router.get("/{action}", summary="One action")
def get_action(action: str, store: StoreDep) -> dict:
    """One action by key (``<strategy>-pledge-<n>-action-<m>``)."""
    return items.action(store, action)
