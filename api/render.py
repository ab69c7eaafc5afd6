"""Pages and their JSON twins: one call answers HTML to a browser and the same data as JSON to a
client that asks for it (``Accept: application/json``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates

from api.negotiate import wants_json

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
# Pages are plain server-rendered HTML: no script at all, styles only inline, frames only ours.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
                               "form-action 'self'; frame-src 'self'; base-uri 'none'; frame-ancestors 'self'",
}


def page(request: Request, template: str, data: dict[str, Any], *, title: str,
         search_text: str = "") -> Response:
    """``template`` rendered with ``data`` (HTML), or ``data`` itself when JSON is preferred;
    ``search_text`` is what the search box at the top of the page shows."""
    if wants_json(request.headers.get("accept")):
        return JSONResponse(jsonable_encoder(data))
    return TEMPLATES.TemplateResponse(request, template, {"data": data, "title": title,
                                                          "search_text": search_text},
                                      headers=PAGE_HEADERS)
