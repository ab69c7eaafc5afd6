"""Dependencies of the routes, as ``Annotated`` aliases: the settings, the store (kept current),
the analytics facade, the runtime, list paging, and the curation token check."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request

from api.runtime import Runtime
from cpgraph.errors import CpgraphError, ForbiddenError
from cpgraph.settings import Settings
from cpgraph.store import Store


class Unauthorized(CpgraphError):
    """A write came without a valid bearer token (HTTP 401)."""


class TooLarge(CpgraphError):
    """A request body is larger than the service accepts (HTTP 413)."""


def get_runtime(request: Request) -> Runtime:
    """The runtime of the app serving ``request``."""
    return request.app.state.runtime


def get_settings(request: Request) -> Settings:
    """The settings the app was made with."""
    return request.app.state.runtime.settings


def get_store(runtime: Annotated[Runtime, Depends(get_runtime)]) -> Store:
    """The store, refreshed when a rebuild swapped in a new generation."""
    return runtime.store()


def get_analytics(runtime: Annotated[Runtime, Depends(get_runtime)]):
    """The analytics facade (``cpgraph.analytics.service.Analytics``) over the current store."""
    return runtime.analytics()


@dataclass(frozen=True)
class Paging:
    """``?limit=&offset=`` of a list resource."""

    limit: int
    offset: int


def get_paging(limit: Annotated[int, Query(ge=1, le=1000, description="Items per page.")] = 50,
               offset: Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")] = 0) -> Paging:
    """The page a list request asks for."""
    return Paging(limit, offset)


def require_writer(request: Request, settings: Annotated[Settings, Depends(get_settings)]) -> None:
    """Allow a write only with the configured curation token as a bearer token: 403 when writes
    are off (no token configured), 401 when the token is missing or wrong."""
    if not settings.curation_token:
        raise ForbiddenError("curation is switched off on this server (no curation token configured)")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), settings.curation_token.encode()):
        raise Unauthorized("send the curation token as 'Authorization: Bearer <token>'")


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
AnalyticsDep = Annotated[object, Depends(get_analytics)]
PagingDep = Annotated[Paging, Depends(get_paging)]
WriterDep = Annotated[None, Depends(require_writer)]
