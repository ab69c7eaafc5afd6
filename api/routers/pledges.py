"""Pledges: the promises that hold actions."""

from __future__ import annotations

from fastapi import APIRouter

from api import items
from api.deps import AnalyticsDep, PagingDep, StoreDep
from api.lookups import page
from cpgraph.analytics.ownership import OWNERSHIP_MEANING, ownership_by_item

router = APIRouter(prefix="/api/pledges", tags=["pledges"])


@router.get("", summary="List pledges")
def list_pledges(store: StoreDep, paging: PagingDep, council: str | None = None,
                 strategy: str | None = None) -> dict:
    """Pledges with counts of actions and their own owners, optionally of one council or
    strategy (by key)."""
    return page(items.pledges(store, council=council, strategy=strategy), paging.limit, paging.offset)


def with_ownership(store, analytics, key: str) -> dict:
    """:func:`api.items.pledge` with the ownership of the pledge and of each action (``action``,
    ``governance``, ``strategy`` or ``none``; see ``cpgraph.analytics.ownership``) and what it
    means, so that a page says "no owner at any level" only where that is so."""
    data = items.pledge(store, key)
    levels = ownership_by_item(analytics.graph())
    data["ownership"] = levels.get(data["iri"])
    for action in data["actions"]:
        action["ownership"] = levels.get(action["iri"])
    data["ownership_meaning"] = OWNERSHIP_MEANING
    return data


@router.get("/{pledge}", summary="One pledge with its actions")
def get_pledge(pledge: str, store: StoreDep, analytics: AnalyticsDep) -> dict:
    """One pledge by key (``<strategy>-pledge-<n>``): actions, owners, themes, measures; the
    ownership of the pledge and of each action (action, governance, strategy or none)."""
    return with_ownership(store, analytics, pledge)
