"""The interactive graph views (from ``viz``, when it is installed), and a page listing them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from api import items
from api.deps import AnalyticsDep, StoreDep
from api.lookups import check_key
from api.render import page
from api.routers import posts
from cpgraph.errors import InputError, NotFoundError

router = APIRouter(tags=["views"])


def _viz():
    try:
        import viz
    except ImportError:
        return None
    return viz


_ABOUT = {
    "family-tree": "Who answers to whom: each council's boards, pledges, actions and the posts responsible, left to right.",
    "coverage": "Which themes and statutory principles each council's pledges cover, and where the gaps are.",
    "officer": "One post: everything it owns, with whom, and by when.",
    "pledge": "One pledge: its actions and everyone responsible for them.",
}
_FOCUSED = {"officer": "post", "pledge": "pledge"}
"""Views that show one thing, and what that thing is."""


@router.get("/views", summary="The views page")
def views_page(request: Request, store: StoreDep) -> Response:
    """The graph views there are (or a note when they are not installed): the whole-graph views
    linked and embedded, the one-post and one-pledge views as a choice of post or pledge, so
    every link on the page opens a view."""
    viz = _viz()
    kinds = list(viz.VIEW_KINDS) if viz else []
    choices = {}
    if any(k in _FOCUSED for k in kinds):
        choices = {"officer": [{"value": p["iri"], "label": f"{p['name']} ({p['council_name']})"}
                               for p in posts.posts(store) if p["key"]],
                   "pledge": [{"value": p["key"], "label": _pledge_label(p)} for p in items.pledges(store)]}
    data = {"available": viz is not None,
            "views": [{"kind": k, "about": _ABOUT.get(k, ""), "link": None if k in _FOCUSED else f"/views/{k}",
                       "focus": _FOCUSED.get(k), "choices": choices.get(k, []),
                       "embed": k in ("family-tree", "coverage")} for k in kinds]}
    return page(request, "views.html", data, title="Views")


def _pledge_label(p: dict) -> str:
    text = p.get("text") or p["key"]
    text = text if len(text) <= 70 else text[:69] + "…"
    return f"{p['council_name']}: {('Pledge ' + str(p['number']) + ': ') if p.get('number') else ''}{text}"


@router.get("/views/{kind}", summary="One graph view", response_class=HTMLResponse)
async def view(kind: str, analytics: AnalyticsDep,
               focus: Annotated[str | None, Query(max_length=300)] = None,
               council: Annotated[str | None, Query(max_length=121)] = None) -> Response:
    """One self-contained HTML view: ``family-tree``, ``officer`` (focus: a post), ``pledge``
    (focus: a pledge) or ``coverage``."""
    check_key(kind)
    viz = _viz()
    if viz is None or kind not in viz.VIEW_KINDS:
        raise NotFoundError(f"no view '{kind}'")
    if kind in _FOCUSED and not (focus or "").strip():
        raise InputError(f"the {kind} view shows one {_FOCUSED[kind]}: choose one on the views page (/views)")
    html = await run_in_threadpool(viz.render_view, analytics, kind, focus=focus, council=council)
    return HTMLResponse(html)
