"""Overload: how many actions each owner carries, when they fall due, what is overdue or repeated;
the JSON resource (``/api/overload``), the page listing the flagged posts (``/overload``), and the
banner of a post's page. All three read the same rows, so they cannot disagree."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import AnalyticsDep, PagingDep
from api.lookups import check_key, key_for_iri, page
from api.render import page as render_page

router = APIRouter(prefix="/api/overload", tags=["overload"])
pages = APIRouter(tags=["pages"])

AsOf = Annotated[date | None, Query(description="Judge overdue actions as of this day (default today).")]


def loads(analytics, council: str | None = None, *, as_of: date | None = None, flagged: bool = False) -> list[dict]:
    """Load per owner, heaviest first, with the rules that flagged it (in plain English), its
    overdue actions by month, its repeated actions and the actions it is made of (each linking
    to its source through the action resource); only flagged owners with ``flagged``."""
    out = []
    for load in analytics.overload(as_of):
        if (council and load.council != council) or (flagged and not load.flags):
            continue
        row = dataclasses.asdict(load)
        row["key"], row["link"] = key_for_iri(load.iri)
        row["actions_owned"] = [{"key": key_for_iri(a)[0], "link": key_for_iri(a)[1]} for a in load.action_iris]
        row["overdue_text"] = load.overdue_text
        for repeat in row["duplicates"]:
            repeat["link"] = key_for_iri(repeat["action"])[1]
            repeat["repeats_link"] = key_for_iri(repeat["repeats"])[1]
        out.append(row)
    return out


def post_overload(analytics, iri: str, council: str, *, as_of: date | None = None) -> dict | None:
    """What the overload analytics say about one post of one council (its flags with their rules
    in plain English, overdue actions by month, repeated actions), or None when it owns nothing."""
    return next((row for row in loads(analytics, council, as_of=as_of) if row["iri"] == str(iri)), None)


def _council_names(analytics) -> dict[str, str]:
    return {d["key"]: d["label"] for _, d in analytics.graph().nodes(data=True) if d["kind"] == "council"}


@router.get("", summary="Load per owner")
def list_overload(analytics: AnalyticsDep, paging: PagingDep, council: str | None = None, as_of: AsOf = None,
                  flagged: Annotated[bool, Query(description="Only owners an overload rule flagged.")] = False) -> dict:
    """Owners by weighted load, with due-date clusters by month and quarter, overdue actions by
    month, repeated actions and any flags (each with its severity, its rule in plain English and
    why it fired)."""
    return page(loads(analytics, council, as_of=as_of, flagged=flagged), paging.limit, paging.offset)


@pages.get("/overload", summary="Overloaded posts page")
def overload_page(request: Request, analytics: AnalyticsDep, as_of: AsOf = None, council: str | None = None) -> Response:
    """The posts an overload rule flagged, council by council, each with why in plain English,
    its overdue actions and repeated actions, linked to its page (the rows of ``/api/overload?flagged=true``)."""
    if council:
        check_key(council)
    names = _council_names(analytics)
    groups: dict[str, dict] = {}
    for row in loads(analytics, council or None, as_of=as_of, flagged=True):
        key = row["council"] or ""
        groups.setdefault(key, {"key": key, "name": names.get(key, key or "shared"), "posts": []})["posts"].append(row)
    for group in groups.values():  # the most serious first, then the heaviest
        group["posts"].sort(key=lambda r: (min(_RANK[f["severity"]] for f in r["flags"]), -r["actions"], r["label"]))
    councils = sorted(groups.values(), key=lambda g: (min(_RANK[f["severity"]] for r in g["posts"] for f in r["flags"]),
                                                     g["name"]))
    data = {"as_of": (as_of or date.today()).isoformat(), "council": council, "councils": councils,
            "flagged": sum(len(g["posts"]) for g in councils)}
    return render_page(request, "overload.html", data, title="Overloaded posts")


_RANK = {"high": 0, "medium": 1, "low": 2}
