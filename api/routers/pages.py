"""The HTML pages (each with a JSON twin): home, a post's responsibilities and its calendar, the
gaps dashboard, a pledge, and the query page."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from api.calendar import ics
from api.deps import AnalyticsDep, RuntimeDep, StoreDep
from api.lookups import check_key
from api.render import page
from api.routers import councils, gaps, overload, pledges, posts, queries
from api.routers.sparql import run_query
from cpgraph.errors import CpgraphError, InputError

router = APIRouter(tags=["pages"])
_HEADLINE_RULES = 8


@router.get("/", summary="Home page")
def home(request: Request, store: StoreDep, analytics: AnalyticsDep) -> Response:
    """What is loaded (councils, strategies, counts; a document not read as a plan says so with
    its message, never as a plan of 0 pledges), the headline gaps and where each officer's page is."""
    found = gaps.gaps(analytics)
    high = [g for g in found if g["severity"] == "high"]
    loaded = councils.councils(store)
    data = {"councils": loaded, "not_read": councils.not_read(loaded), "gaps": gaps.summary(found),
            "total_gaps": len(found), "headline": high[:_HEADLINE_RULES], "posts": posts.posts(store)}
    return page(request, "home.html", data, title="Home")


@router.get("/posts/{council}/{post}.ics", summary="A post's due dates as a calendar",
            response_class=Response)
def post_calendar(council: str, post: str, store: StoreDep) -> Response:
    """An iCalendar file with one all-day event per dated action of the post."""
    data = posts.responsibilities(store, council, post)
    events = [{"uid": f"{item['key']}@cpgraph", "due": item["due"], "summary": item.get("text") or item["key"],
               "description": _describe(item)} for item in data["responsibilities"] if item.get("due")]
    body = ics(f"{data['name']} ({data['council_name']})", events)
    return Response(body, media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{council}-{post}.ics"'})


def _describe(item: dict) -> str:
    parts = [f"Pledge: {item.get('pledge_text') or item.get('pledge')}"]
    if item.get("co_owners"):
        parts.append("With: " + ", ".join(o["name"] for o in item["co_owners"]))
    if item.get("source"):
        parts.append(f"Source: {item['source']['file']} lines {item['source']['lines']}")
    return "\n".join(parts)


@router.get("/posts/{council}/{post}", summary="A post's responsibilities page")
def post_page(council: str, post: str, request: Request, store: StoreDep, analytics: AnalyticsDep,
              as_of: overload.AsOf = None) -> Response:
    """What this post is responsible for, with whom, by when and where the strategy says so; a
    banner when it is flagged as overloaded (why, in plain English), or has overdue or repeated
    actions (``overload``, as in ``/api/overload``)."""
    data = posts.with_overload(store, analytics, council, post, as_of)
    return page(request, "post.html", data, title=data["name"])


@router.get("/gaps", summary="Gaps dashboard")
def gaps_page(request: Request, analytics: AnalyticsDep, store: StoreDep,
              as_of: Annotated[date | None, Query(description="Judge due dates against this day.")] = None,
              council: str | None = None, rule: str | None = None, severity: str | None = None) -> Response:
    """Every gap, by rule and severity, each linking to its item and its source lines."""
    if council:
        check_key(council)
    found = gaps.gaps(analytics, as_of=as_of, council=council or None, rule=rule or None, severity=severity or None)
    data = {"as_of": (as_of or date.today()).isoformat(), "council": council, "rule": rule, "severity": severity,
            "summary": gaps.summary(found), "total": len(found), "items": found,
            "not_read": gaps.not_read(analytics, council=council or None),
            "councils": [{"key": c["key"], "name": c["name"]} for c in councils.councils(store)]}
    return page(request, "gaps.html", data, title="Gaps")


@router.get("/pledges/{pledge}", summary="A pledge page")
def pledge_page(pledge: str, request: Request, store: StoreDep, analytics: AnalyticsDep) -> Response:
    """A pledge with its actions, owners (extracted or curated), due dates and sources, and how
    each is owned (named owner, owned above, or no owner at any level)."""
    data = pledges.with_ownership(store, analytics, pledge)
    return page(request, "pledge.html", data, title=data.get("text") or pledge)


@router.get("/query", summary="Query page")
async def query_page(request: Request, runtime: RuntimeDep,
                     query: Annotated[str | None, Query(max_length=100_000)] = None) -> Response:
    """A text area for SPARQL, the named queries as examples, and the results as a table."""
    data: dict = {"query": query or "", "examples": [dict(q, text=_text(q["name"])) for q in queries.catalogue()],
                  "result": None, "error": None}
    if query:
        try:
            answer = await run_in_threadpool(run_query, runtime, query, "application/sparql-results+json")
            data["result"] = _table(answer)
        except CpgraphError as exc:
            data["error"] = exc.message
    return page(request, "query.html", data, title="Query")


def _text(name: str) -> str:
    from cpgraph import queries as named

    return named.get(name).text


def _table(answer) -> dict:
    import json

    if not answer.media_type.endswith("json"):
        raise InputError("the query page shows SELECT and ASK results; use /sparql for graphs")
    doc = json.loads(answer.body)
    if "boolean" in doc:
        return {"columns": ["answer"], "rows": [[str(doc["boolean"]).lower()]], "truncated": False}
    columns = doc["head"]["vars"]
    rows = [[b.get(c, {}).get("value", "") for c in columns] for b in doc["results"]["bindings"]]
    return {"columns": columns, "rows": rows, "truncated": answer.truncated}
