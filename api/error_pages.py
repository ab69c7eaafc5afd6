"""Errors as a page for people: a browser asking for a page that is not there (or with a value
that makes no sense) gets the site's navigation, the message in plain English and the pages it
probably meant, while API clients (``/api/…``, ``/sparql``, ``/queries/…``) keep the JSON body."""

from __future__ import annotations

import logging
from urllib.parse import unquote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse

from api import names, negotiate
from api.render import PAGE_HEADERS, TEMPLATES

log = logging.getLogger("cpgraph.api")

API_PREFIXES = ("/api/", "/sparql", "/queries", "/openapi.json", "/static/")
"""Paths whose errors are always the JSON error body, whatever the client accepts."""
SITE_PAGES = [("Home", "/"), ("Gaps", "/gaps"), ("Views", "/views"), ("Query", "/query"),
              ("Search", "/search"), ("API documentation", "/docs")]
"""The site's own pages, offered when a mistyped address looks like one of them."""
TITLES = {400: "That request could not be answered", 401: "You need to sign in",
          403: "That is not allowed", 404: "Page not found", 405: "That is not allowed here",
          406: "That format is not available", 413: "That request is too large",
          422: "A value in the address is not valid", 500: "Something went wrong",
          503: "The service is busy or unavailable"}
_SUGGESTIONS = 5
_MIN_SCORE = 80
_FOCUSED_VIEWS = {"/views/officer": ("post", "unit"), "/views/pledge": ("pledge",)}
_LOOKED_FOR = ("focus", "council", "q", "post", "pledge")


def wants_page(request: Request) -> bool:
    """True when the error should be a page: a browser (``text/html`` named and preferred to
    JSON) asking for something outside the API paths."""
    if request.url.path.startswith(API_PREFIXES):
        return False
    accept = request.headers.get("accept")
    return negotiate.choose(accept, ["application/json", "text/html"]) == "text/html" and \
        any(media == "text/html" for media, q, _ in negotiate.parse_accept(accept) if q > 0)


def error_page(request: Request, status: int, message: str, headers: dict | None = None) -> HTMLResponse:
    """The HTML error page for ``status`` with ``message`` and, for a page not found or a name
    not recognised, the closest pages there are ("did you mean")."""
    suggestions = did_you_mean(request) if status in (400, 404, 422) else []
    context = {"title": TITLES.get(status, "Something went wrong"), "data": {
        "status": status, "heading": TITLES.get(status, "Something went wrong"), "message": message,
        "path": request.url.path, "suggestions": suggestions}}
    return TEMPLATES.TemplateResponse(request, "error.html", context, status_code=status,
                                      headers={**PAGE_HEADERS, **(headers or {})})


def did_you_mean(request: Request) -> list[dict]:
    """The pages a person most probably meant: the site pages and the posts, teams, pledges and
    councils whose name is closest to the last part of the address or the name they typed."""
    typed = [request.query_params[k] for k in _LOOKED_FOR if request.query_params.get(k)]
    segments = [s for s in unquote(request.url.path).split("/") if s]
    if segments:
        typed.append(segments[-1].removesuffix(".ics"))
    if not typed:
        return []
    things = [{"name": name, "kind": "page", "kind_name": "page", "link": link, "council_name": None,
               "aliases": [(name, 1.0)]} for name, link in SITE_PAGES]
    try:
        store = request.app.state.runtime.store()
        things += [t for t in names.named_things(store) if t["link"]]
    except Exception:  # noqa: BLE001 - a suggestion is a nicety: the error page must still answer
        log.warning("no suggestions for %s: the store could not be read", request.url.path[:200])
    view = _FOCUSED_VIEWS.get(request.url.path)
    if view:  # a view of one post or pledge: offer that view of the things meant
        things = [{**t, "link": f"{request.url.path}?{urlencode({'focus': t['iri']})}"}
                  for t in things if t["kind"] in view]
    found: dict[str, dict] = {}
    for text in typed:
        for thing in names.best(things, text[:200], limit=_SUGGESTIONS, min_score=_MIN_SCORE):
            if thing["link"] != request.url.path and thing["link"] not in found:
                found[thing["link"]] = thing
    return sorted(found.values(), key=lambda t: -t["score"])[:_SUGGESTIONS]
