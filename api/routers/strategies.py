"""Strategies and action plans: one per source document."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import PagingDep, StoreDep
from api.items import pledges
from api.lookups import check_key, page, require, select
from api.routers.councils import read_status

router = APIRouter(prefix="/api/strategies", tags=["strategies"])

_STRATEGIES = """
SELECT ?key ?title ?kind ?period ?ckey ?council ?file ?lines ?readAsPlan ?readNote
       (GROUP_CONCAT(DISTINCT ?leadName; separator="; ") AS ?leads)
WHERE {
  ?s a cp:Strategy ; cp:key ?key ; rdfs:label ?title ; cp:council ?c .
  ?c cp:key ?ckey ; rdfs:label ?council .
  FILTER(!BOUND(?target) || ?key = ?target)
  FILTER(!BOUND(?councilKey) || ?ckey = ?councilKey)
  OPTIONAL { ?s cp:documentKind ?kind } OPTIONAL { ?s cp:period ?period }
  OPTIONAL { ?s cp:sourceDocument ?d . ?d cp:fileName ?file ; cp:lineCount ?lines }
  OPTIONAL { ?s cp:strategyLead/rdfs:label ?leadName }
  OPTIONAL { ?s cp:readAsPlan ?readAsPlan } OPTIONAL { ?s cp:readNote ?readNote }
}
GROUP BY ?key ?title ?kind ?period ?ckey ?council ?file ?lines ?readAsPlan ?readNote
ORDER BY ?council ?key"""


def strategies(store, *, target: str | None = None, council: str | None = None) -> list[dict]:
    """Strategies, each citing its whole source document and saying whether it was read as a
    plan (``read``; ``not_read`` holds the message when it was not)."""
    return [{"key": r["key"], "title": r["title"], "kind": r.get("kind"), "period": r.get("period"),
             "council": r["ckey"], "council_name": r["council"],
             "leads": [x for x in (r.get("leads") or "").split("; ") if x], **read_status(r),
             "source": {"file": r["file"], "start": 1, "end": r.get("lines"), "lines": f"1-{r.get('lines')}"}
             if r.get("file") else None}
            for r in select(store, _STRATEGIES, target=target, councilKey=council)]


@router.get("", summary="List strategies")
def list_strategies(store: StoreDep, paging: PagingDep, council: str | None = None) -> dict:
    """Strategies and action plans, optionally of one council (by key)."""
    return page(strategies(store, council=council), paging.limit, paging.offset)


@router.get("/{strategy}", summary="One strategy with its pledges")
def get_strategy(strategy: str, store: StoreDep) -> dict:
    """One strategy by key, with its pledges."""
    check_key(strategy)
    out = require(strategies(store, target=strategy), "strategy", strategy)
    out["pledges"] = pledges(store, strategy=strategy)
    return out
