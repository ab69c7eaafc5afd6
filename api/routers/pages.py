"""The HTML pages (each with a JSON twin): home, a post's responsibilities and its calendar, the
gaps dashboard, a pledge, and the query page."""

from __future__ import annotations

import re
from datetime import date
from functools import partial
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from api import names
from api.calendar import ics
from api.deps import AnalyticsDep, RuntimeDep, StoreDep
from api.lookups import check_key
from api.query_page import STARTER, cell, with_prefixes
from api.render import page
from api.routers import councils, gaps, overload, pledges, posts, queries
from api.routers.sparql import run_query
from cpgraph.errors import CpgraphError, InputError
from cpgraph.namespace import PREFIXES

router = APIRouter(tags=["pages"])
_HEADLINE_RULES = 8
_SEARCH_RESULTS = 30


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
    loaded = [{"key": c["key"], "name": c["name"]} for c in councils.councils(store)]
    filters = {k: v for k, v in (("as_of", as_of and as_of.isoformat()), ("council", council), ("rule", rule),
                                 ("severity", severity)) if v}
    data = {"as_of": (as_of or date.today()).isoformat(), "council": council, "rule": rule, "severity": severity,
            "summary": gaps.summary(found), "total": len(found), "items": found,
            "groups": gaps.by_council(found, {c["key"]: c["name"] for c in loaded}),
            "downloads": {fmt: f"/api/gaps/download?{urlencode({**filters, 'format': fmt})}"
                          for fmt in ("csv", "xlsx", "json")},
            "not_read": gaps.not_read(analytics, council=council or None), "councils": loaded}
    return page(request, "gaps.html", data, title="Gaps")


@router.get("/search", summary="Search page")
def search_page(request: Request, store: StoreDep,
                q: Annotated[str, Query(max_length=200, description="Words of a name, roughly.")] = "") -> Response:
    """Posts, teams, boards, partners, councils and pledges whose name best matches ``q`` (all
    the words typed, in any order, or a close spelling), best first, each linking to its page."""
    found = names.best(names.named_things(store), q, limit=_SEARCH_RESULTS) if q.strip() else []
    data = {"q": q, "total": len(found),
            "items": [{k: v for k, v in t.items() if k != "aliases"} for t in found]}
    return page(request, "search.html", data, title=f"Search: {q}" if q else "Search", search_text=q)


@router.get("/pledges/{pledge}", summary="A pledge page")
def pledge_page(pledge: str, request: Request, store: StoreDep, analytics: AnalyticsDep) -> Response:
    """A pledge with its actions, owners (extracted or curated), due dates and sources, and how
    each is owned (named owner, owned above, or no owner at any level)."""
    data = pledges.with_ownership(store, analytics, pledge)
    return page(request, "pledge.html", data, title=data.get("text") or pledge)


@router.get("/query", summary="Query page")
async def query_page(request: Request, runtime: RuntimeDep,
                     query: Annotated[str | None, Query(max_length=100_000)] = None,
                     example: Annotated[str | None, Query(max_length=100, description="A named query to run.")] = None
                     ) -> Response:
    """A text area for SPARQL (the usual prefixes need no declaring), the named queries as
    examples run in one click, the results as a table with each IRI linking to its page, and
    the results to download as CSV or JSON."""
    examples = [dict(q, text=_text(q["name"]), required=[dict(p, value=_example_value(p)) for p in q["params"]
                                                          if not p["optional"]])
                for q in queries.catalogue()]
    data: dict = {"query": query or "", "examples": examples, "example": None, "result": None, "error": None,
                  "downloads": None, "prefixes": list(PREFIXES)}
    try:
        if example:
            data.update(await run_in_threadpool(_run_example, runtime, example, request.query_params))
        elif query:
            full = with_prefixes(query)
            answer = await run_in_threadpool(partial(run_query, runtime, full, "application/sparql-results+json",
                                                     client=request.client.host if request.client else ""))
            data["result"] = _table(answer)
            data["downloads"] = {fmt: f"/sparql?{urlencode({'query': full, 'format': fmt})}" for fmt in ("csv", "json")}
    except CpgraphError as exc:
        data["error"] = exc.message
    if not data["query"]:
        data["query"] = STARTER
    return page(request, "query.html", data, title="Query")


def _run_example(runtime, name: str, given) -> dict:
    """A named query run with the parameters in the address bound (never pasted in)."""
    from cpgraph import queries as named

    q = named.get(name)
    params = {p.name: given[p.name] for p in q.params if given.get(p.name)}
    selected = runtime.select(q.text, q.bindings(params))
    columns = list(q.columns) or list(dict.fromkeys(k for r in selected.rows for k in r))
    columns = [c for c in columns if any(c in r for r in selected.rows)] or columns
    rows = [[cell(r.get(c)) for c in columns] for r in selected.rows]
    link = f"/queries/{name}"
    return {"query": q.text, "example": {"name": name, "params": params},
            "result": {"columns": columns, "rows": rows, "truncated": selected.truncated, "linked": _linked(rows)},
            "downloads": {fmt: f"{link}?{urlencode({**params, 'format': fmt})}" for fmt in ("csv", "json")}}


def _example_value(param: dict) -> str:
    """A value to start a required parameter with: today for a date, else the example its
    description gives ("e.g. child-participation-development-worker")."""
    if param["type"] == "date":
        return date.today().isoformat()
    found = re.search(r"e\.g\.\s*([\w-]+)", param.get("doc") or "")
    return found.group(1) if found else ""


def _text(name: str) -> str:
    from cpgraph import queries as named

    return named.get(name).text


def _table(answer) -> dict:
    import json

    if not answer.media_type.endswith("json"):
        raise InputError("the query page shows SELECT and ASK results; use /sparql for graphs")
    doc = json.loads(answer.body)
    if "boolean" in doc:
        return {"columns": ["answer"], "rows": [[cell(str(doc["boolean"]).lower(), is_iri=False)]],
                "truncated": False, "linked": False}
    columns = doc["head"]["vars"]
    rows = [[cell(b[c]["value"], is_iri=b[c]["type"] == "uri") if c in b else cell(None, is_iri=False)
             for c in columns] for b in doc["results"]["bindings"]]
    return {"columns": columns, "rows": rows, "truncated": answer.truncated, "linked": _linked(rows)}


def _linked(rows: list[list[dict]]) -> bool:
    return any(c["link"] for row in rows for c in row)
