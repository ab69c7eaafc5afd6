"""Gaps: unowned pledges and actions, board-only ownership, overdue, duplicates and more."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api import downloads
from api.deps import AnalyticsDep, PagingDep
from api.lookups import cite, key_for_iri, page
from cpgraph.analytics.gaps import RULES, SEVERITIES
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
        row["meaning"] = RULES.get(gap.rule, gap.rule)
        out.append(row)
    return out


DOWNLOAD_COLUMNS = ("severity", "rule", "meaning", "council", "kind", "label", "detail", "owner_above",
                    "file", "lines", "link", "item")
"""The columns of the gaps download, in every format."""


def download_rows(found: list[dict]) -> list[dict]:
    """The gaps as flat rows for a spreadsheet (``DOWNLOAD_COLUMNS``)."""
    return [{**g, "owner_above": "; ".join(g.get("owner_above") or []),
             "file": (g.get("source") or {}).get("file")} for g in found]


def by_council(found: list[dict], council_names: dict[str, str]) -> list[dict]:
    """The gaps grouped by council, then by severity (high first), then by rule: each rule once
    with the count of items it found and the items, so a rule found on forty actions of one
    council reads as one line, not forty. Councils with the most high-severity gaps first."""
    councils: dict[str | None, dict] = {}
    for g in found:
        c = councils.setdefault(g["council"], {
            "key": g["council"], "name": council_names.get(g["council"] or "", g["council"] or "No council"),
            "total": 0, "by_severity": {}, "severities": {}})
        c["total"] += 1
        c["by_severity"][g["severity"]] = c["by_severity"].get(g["severity"], 0) + 1
        rules = c["severities"].setdefault(g["severity"], {})
        rule = rules.setdefault(g["rule"], {"rule": g["rule"], "meaning": g["meaning"], "items": []})
        rule["items"].append(g)
    out = []
    for c in councils.values():
        severities = []
        for sev in sorted(c["severities"], key=_severity_rank):
            rules = sorted(c["severities"][sev].values(), key=lambda r: (-len(r["items"]), r["rule"]))
            for r in rules:
                r["count"] = len(r["items"])
                r["same_detail"] = len({i["detail"] for i in r["items"]}) == 1
            severities.append({"severity": sev, "total": sum(r["count"] for r in rules), "rules": rules})
        out.append({"key": c["key"], "name": c["name"], "total": c["total"], "by_severity": c["by_severity"],
                    "severities": severities})
    return sorted(out, key=lambda c: (-c["by_severity"].get("high", 0), -c["total"], c["name"]))


def _severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


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
    """Counts of gaps by rule and by severity, and what each rule means."""
    by_rule: dict[str, int] = {}
    by_severity: dict[str, int] = {}
    for g in found:
        by_rule[g["rule"]] = by_rule.get(g["rule"], 0) + 1
        by_severity[g["severity"]] = by_severity.get(g["severity"], 0) + 1
    return {"by_rule": dict(sorted(by_rule.items())), "by_severity": by_severity,
            "meanings": {r: RULES.get(r, r) for r in by_rule}}


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


@router.get("/download", summary="Download the gaps as CSV, XLSX or JSON", response_class=Response)
def download_gaps(analytics: AnalyticsDep,
                  format: Annotated[str, Query(description="csv, xlsx or json.")] = "csv",  # noqa: A002
                  as_of: Annotated[date | None, Query(description="Judge due dates against this day (default today).")] = None,
                  council: str | None = None, rule: str | None = None, severity: str | None = None) -> Response:
    """Every gap (no paging; optionally of one council, rule or severity) as a file: one row
    per gap with its rule, what the rule means, its item, council and source lines."""
    found = gaps(analytics, as_of=as_of, council=council, rule=rule, severity=severity)
    name = "gaps" + (f"-{council}" if council else "")
    return downloads.download(download_rows(found), DOWNLOAD_COLUMNS, format, name, sheet="gaps")
