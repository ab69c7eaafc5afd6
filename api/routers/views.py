"""The interactive graph views (from ``viz``, when it is installed), and a page listing them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from api.deps import AnalyticsDep
from api.lookups import check_key
from api.render import page
from cpgraph.errors import NotFoundError

router = APIRouter(tags=["views"])


def _viz():
    try:
        import viz
    except ImportError:
        return None
    return viz


@router.get("/views", summary="The views page")
def views_page(request: Request) -> Response:
    """The graph views there are, each embedded (or a note when the views are not installed)."""
    viz = _viz()
    kinds = list(viz.VIEW_KINDS) if viz else []
    data = {"available": viz is not None,
            "views": [{"kind": k, "link": f"/views/{k}", "embed": k in ("family-tree", "coverage")} for k in kinds]}
    return page(request, "views.html", data, title="Views")


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
    html = await run_in_threadpool(viz.render_view, analytics, kind, focus=focus, council=council)
    return HTMLResponse(html)
