"""The app factory: routers, the one error body, the request size cap and the runtime's life."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.deps import TooLarge, Unauthorized
from api.docs_pages import add_offline_docs
from api.error_pages import error_page, wants_page
from api.response_cache import ResponseCache
from api.runtime import Runtime
from api.sparql import NotAcceptable
from cpgraph.errors import (
    CpgraphError,
    ForbiddenError,
    InputError,
    NotFoundError,
    QueryTimeoutError,
    StoreUnavailableError,
)
from cpgraph.settings import Settings

log = logging.getLogger("cpgraph.api")

ERRORS: dict[type[Exception], tuple[int, str]] = {
    InputError: (400, "bad_input"),
    Unauthorized: (401, "unauthorized"),
    ForbiddenError: (403, "forbidden"),
    NotFoundError: (404, "not_found"),
    NotAcceptable: (406, "not_acceptable"),
    TooLarge: (413, "too_large"),
    QueryTimeoutError: (503, "query_timeout"),
    StoreUnavailableError: (503, "store_unavailable"),
}
"""Domain errors and the HTTP status and error code each answers with."""
_HTTP_CODES = {400: "bad_input", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 406: "not_acceptable", 413: "too_large", 414: "uri_too_long",
               415: "unsupported_media_type"}


def error_body(status: int, code: str, message: str, headers: dict | None = None) -> JSONResponse:
    """The one error shape of the service: ``{"error": CODE, "message": …}``."""
    return JSONResponse({"error": code, "message": message}, status_code=status, headers=headers)


def _answer(request: Request, status: int, code: str, message: str, headers: dict | None = None) -> Response:
    """The error as a page for a browser asking for a page, else the JSON error body."""
    if wants_page(request):
        return error_page(request, status, message, headers)
    return error_body(status, code, message, headers)


def _domain_error(request: Request, exc: Exception) -> Response:
    for kind in type(exc).__mro__:
        if kind in ERRORS:
            status, code = ERRORS[kind]
            headers = {"WWW-Authenticate": 'Bearer realm="cpgraph curation"'} if status == 401 else None
            if status == 503:  # busy, timed out or a store not answering: all worth a later try
                headers = {"Retry-After": str(getattr(exc, "retry_after", 5))}
            return _answer(request, status, code, getattr(exc, "message", str(exc)), headers)
    return _answer(request, 400, "bad_input", getattr(exc, "message", str(exc)))


def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    code = _HTTP_CODES.get(exc.status_code, "http_error")
    message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
    if exc.status_code == 404 and message == "Not Found":
        message = f"nothing at {request.url.path[:200]}"
    return _answer(request, exc.status_code, code, message, getattr(exc, "headers", None))


def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    first = exc.errors()[0] if exc.errors() else {}
    where = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "request"
    return _answer(request, 422, "invalid_request", f"{where}: {first.get('msg', 'invalid value')}")


def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s", request.url.path)
    return _answer(request, 500, "internal_error", "the server failed to answer; the error is in its log")


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413, whether announced by Content-Length
    or streamed."""

    def __init__(self, app, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.limit:
                response = error_body(413, "too_large", f"request bodies are limited to {self.limit} bytes")
                return await response(scope, receive, send)
        seen = 0

        async def capped():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                # An HTTPException, not TooLarge: FastAPI turns any other error raised while it
                # parses a JSON body into "400 error parsing the body"; this one it lets through.
                raise StarletteHTTPException(413, f"request bodies are limited to {self.limit} bytes")
            return message

        return await self.app(scope, capped, send)


class SecurityHeaders:
    """Add ``X-Content-Type-Options: nosniff`` and a same-origin referrer policy to every answer."""

    _HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin")]

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *self._HEADERS]}
            await send(message)

        return await self.app(scope, receive, with_headers)


def create_app(settings: Settings, *, runtime: Runtime | None = None) -> FastAPI:
    """The cpgraph web service for ``settings``: REST under ``/api``, HTML pages, ``/sparql``,
    ``/queries``, ``/views`` and curation; OpenAPI at ``/docs``."""
    from api.routers import ROUTERS

    rt = runtime or Runtime(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        rt.open()
        try:
            yield
        finally:
            rt.close()

    app = FastAPI(
        title="cpgraph",
        summary="Who is responsible for what in councils' corporate parenting strategies.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.runtime = rt
    for kind in ERRORS:
        app.add_exception_handler(kind, _domain_error)
    app.add_exception_handler(CpgraphError, _domain_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)
    app.add_middleware(BodyLimit, limit=settings.max_request_bytes)
    app.add_middleware(ResponseCache)  # GET answers reused until the data changes (issue 7)

    app.add_middleware(SecurityHeaders)

    for router in ROUTERS:
        app.include_router(router)
    add_offline_docs(app)
    return app
