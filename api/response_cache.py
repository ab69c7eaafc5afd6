"""A cache of the REST answers for the store's current content: a page many officers open at once
is computed once per build or curation, not once per request (issue 7: the post page costs many
SPARQL queries, and a national store makes each one slower).

An answer is reused only while everything it could depend on is unchanged: the runtime's
``version`` (a new store generation, curation written through this process), the curation file
on disk (curation written by another process or worker), today's date (``as_of`` defaults to
today) and the request itself (path, query string, and ``Accept`` for named queries). Only successful ``GET`` answers
under the cached prefixes are kept, up to a number of entries and a size each; a request with
``Cache-Control: no-cache`` is answered afresh. Cacheable answers say ``X-Cpgraph-Cache: hit``
or ``miss``.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date

from starlette.concurrency import run_in_threadpool

CACHED_PREFIXES = ("/api/", "/queries/")
"""Paths whose GET answers are cached (JSON and CSV resources; not /sparql, pages or views)."""
_HIT, _MISS = (b"x-cpgraph-cache", b"hit"), (b"x-cpgraph-cache", b"miss")
"""Says on each cacheable answer whether it came from the cache."""


class ResponseCache:
    """ASGI middleware answering a repeated GET from memory while the data behind it is unchanged."""

    def __init__(self, app, *, max_entries: int = 2048, max_body_bytes: int = 2 * 1024 * 1024) -> None:
        self.app = app
        self.max_entries = max_entries
        self.max_body_bytes = max_body_bytes
        self._entries: OrderedDict[tuple, tuple[int, list, bytes]] = OrderedDict()
        self._state: tuple | None = None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith(CACHED_PREFIXES):
            return await self.app(scope, receive, send)
        state = await run_in_threadpool(self._data_state, scope)
        if state is None:  # the service is not started: let the route say so
            return await self.app(scope, receive, send)
        if state != self._state:
            self._entries.clear()
            self._state = state
        headers = dict(scope.get("headers", []))
        # only named queries choose their format by Accept; /api/ resources are JSON whatever it says
        accept = headers.get(b"accept", b"") if scope["path"].startswith("/queries/") else b""
        key = (scope["path"], scope.get("query_string", b""), accept)
        fresh = b"no-cache" in headers.get(b"cache-control", b"").lower()  # the client asks for a fresh answer
        hit = None if fresh else self._entries.get(key)
        if hit is not None:
            self._entries.move_to_end(key)
            status, headers, body = hit
            await send({"type": "http.response.start", "status": status, "headers": [*headers, _HIT]})
            await send({"type": "http.response.body", "body": body})
            return None
        start: dict = {}
        chunks: list[bytes] = []
        size = 0

        async def capture(message):
            nonlocal size
            if message["type"] == "http.response.start":
                start.update(message)
                message = {**message, "headers": [*message.get("headers", []), _MISS]}
            elif message["type"] == "http.response.body" and size <= self.max_body_bytes:
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
            await send(message)

        await self.app(scope, receive, capture)
        if start.get("status") == 200 and size <= self.max_body_bytes and self._state == state:
            self._entries[key] = (200, list(start.get("headers", [])), b"".join(chunks))
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return None

    @staticmethod
    def _data_state(scope) -> tuple | None:
        """What the answers depend on besides the request, or None if there is no runtime yet."""
        runtime = getattr(getattr(scope.get("app"), "state", None), "runtime", None)
        if runtime is None:
            return None
        try:
            runtime.store()  # follows a new generation or curation file (at most twice a second)
        except Exception:  # not started or unavailable: the route answers with the error
            return None
        try:
            stat = runtime.settings.curation_file.stat()
            curation = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        except OSError:
            curation = None
        return runtime.version, curation, date.today()
