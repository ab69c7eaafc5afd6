"""Overload: how many actions each owner carries, and when they fall due."""

from __future__ import annotations

import dataclasses

from fastapi import APIRouter

from api.deps import AnalyticsDep, PagingDep
from api.lookups import key_for_iri, page

router = APIRouter(prefix="/api/overload", tags=["overload"])


def loads(analytics, council: str | None = None) -> list[dict]:
    """Load per owner, heaviest first, with the rules that flagged it and the actions it is
    made of (each linking to its source through the action resource)."""
    out = []
    for load in analytics.overload():
        if council and load.council != council:
            continue
        row = dataclasses.asdict(load)
        row["key"], row["link"] = key_for_iri(load.iri)
        row["actions_owned"] = [{"key": key_for_iri(a)[0], "link": key_for_iri(a)[1]} for a in load.action_iris]
        out.append(row)
    return out


@router.get("", summary="Load per owner")
def list_overload(analytics: AnalyticsDep, paging: PagingDep, council: str | None = None) -> dict:
    """Owners by weighted load, with due-date clusters by month and quarter and any flags."""
    return page(loads(analytics, council), paging.limit, paging.offset)
