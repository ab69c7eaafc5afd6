"""Pledges: the promises that hold actions."""

from __future__ import annotations

from fastapi import APIRouter

from api import items
from api.deps import PagingDep, StoreDep
from api.lookups import page

router = APIRouter(prefix="/api/pledges", tags=["pledges"])


@router.get("", summary="List pledges")
def list_pledges(store: StoreDep, paging: PagingDep, council: str | None = None,
                 strategy: str | None = None) -> dict:
    """Pledges with counts of actions and their own owners, optionally of one council or
    strategy (by key)."""
    return page(items.pledges(store, council=council, strategy=strategy), paging.limit, paging.offset)


@router.get("/{pledge}", summary="One pledge with its actions")
def get_pledge(pledge: str, store: StoreDep) -> dict:
    """One pledge by key (``<strategy>-pledge-<n>``): actions, owners, themes, measures."""
    return items.pledge(store, pledge)
