"""Gaps: unowned pledges and actions, board-only ownership, overdue, duplicates and more."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AnalyticsDep, PagingDep
from api.lookups import cite, key_for_iri, page
from cpgraph.analytics.ownership import OWNERSHIP_MEANING

router = APIRouter(prefix="/api/gaps", tags=["gaps"])


def gaps(analytics, *, as_of: date | None = None, council: str | None = None, rule: str | None = None,
         severity: str | None = None) -> list[dict]:
    """Every gap (optionally of one council, rule or severity), each naming its rule, linking to
    its item and citing the source lines."""
    out = []
    for gap in analytics.gaps(as_of):
        if (council and gap.council != council) or (rule and gap.rule != rule) or (severity and gap.severity != severity):
            continue
        row = dataclasses.asdict(gap)
        row["key"], row["link"] = key_for_iri(gap.item)
        row["source"] = cite(gap.source, gap.lines)
        out.append(row)
    return out


def not_read(analytics, *, council: str | None = None) -> list[dict]:
    """The documents not read as plans (nothing recognised in them), optionally of one council:
    no gap is reported for them, and every page that lists gaps says so with this."""
    return [{"council": n.council, "council_name": n.council_label, "strategy": n.key,
             "source": cite(n.source, None), "message": n.message}
            for n in analytics.not_read() if not council or n.council == council]


def ownership(analytics, *, council: str | None = None) -> dict:
    """How many actions and pledges are owned at each level (action, governance, strategy,
    none), with what each level means: the same counts as the build table, the report and the
    views (``cpgraph.analytics.ownership``)."""
    return {**analytics.ownership(council), "meaning": OWNERSHIP_MEANING}


def summary(found: list[dict]) -> dict:
    """Counts of gaps by rule and by severity."""
    by_rule: dict[str, int] = {}
    by_severity: dict[str, int] = {}
    for g in found:
        by_rule[g["rule"]] = by_rule.get(g["rule"], 0) + 1
        by_severity[g["severity"]] = by_severity.get(g["severity"], 0) + 1
    return {"by_rule": dict(sorted(by_rule.items())), "by_severity": by_severity}


@router.get("", summary="List gaps")
def list_gaps(analytics: AnalyticsDep, paging: PagingDep,
              as_of: Annotated[date | None, Query(description="Judge due dates against this day (default today).")] = None,
              council: str | None = None, rule: str | None = None, severity: str | None = None) -> dict:
    """Gaps found by the analytics, each with its rule, severity, item and source span;
    ``not_read`` lists the documents not read as plans, for which no gap can be reported;
    ``ownership`` counts actions and pledges by ownership level (``none``: no owner at any level;
    ``no_named_owner``: nobody named on the item, owned above or not at all)."""
    found = gaps(analytics, as_of=as_of, council=council, rule=rule, severity=severity)
    return {**page(found, paging.limit, paging.offset), "summary": summary(found),
            "not_read": not_read(analytics, council=council), "ownership": ownership(analytics, council=council)}
