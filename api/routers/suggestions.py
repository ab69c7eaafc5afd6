"""Owner suggestions for unowned actions (suggestions only: nothing is written until a curator
accepts one)."""

from __future__ import annotations

import dataclasses

from fastapi import APIRouter

from api.deps import AnalyticsDep, PagingDep, StoreDep
from api.lookups import action_iri, key_for_iri, page

router = APIRouter(prefix="/api/suggestions", tags=["suggestions"])


def suggestions(analytics, action: str | None = None) -> list[dict]:
    """Ranked candidate owners, each with its reason and the owned action it is based on."""
    out = []
    for s in analytics.suggestions(action=action):
        row = dataclasses.asdict(s)
        row["action_key"], row["action_link"] = key_for_iri(s.action)
        row["post_key"], row["post_link"] = key_for_iri(s.post)
        row["based_on_key"], _ = key_for_iri(s.based_on)
        out.append(row)
    return out


@router.get("", summary="Candidate owners for unowned actions")
def list_suggestions(analytics: AnalyticsDep, store: StoreDep, paging: PagingDep,
                     action: str | None = None) -> dict:
    """Suggestions for every unowned action, or for one action (by key)."""
    iri = str(action_iri(action)) if action else None
    return page(suggestions(analytics, iri), paging.limit, paging.offset)
