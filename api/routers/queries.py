"""Named queries (``ontology/queries/*.rq``): listed at ``/queries``, run at ``/queries/{name}``
with their parameters bound, as JSON or CSV."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from api import negotiate
from api.deps import RuntimeDep
from cpgraph import queries, tabular
from cpgraph.errors import InputError

router = APIRouter(prefix="/queries", tags=["queries"])


def catalogue() -> list[dict]:
    """Every named query with its summary, parameters and columns."""
    return [{"name": q.name, "summary": q.summary, "columns": list(q.columns),
             "params": [{"name": p.name, "type": p.type, "optional": p.optional, "doc": p.doc} for p in q.params],
             "link": f"/queries/{q.name}", "source": {"file": f"ontology/queries/{q.name}.rq",
                                                       "start": 1, "end": len(q.text.splitlines()),
                                                       "lines": f"1-{len(q.text.splitlines())}"}}
            for q in queries.catalogue().values()]


@router.get("", summary="List the named queries")
def list_queries() -> dict:
    """The named queries and their parameters."""
    found = catalogue()
    return {"total": len(found), "items": found}


@router.get("/{name}", summary="Run a named query", response_class=Response)
def run_named(name: str, request: Request, runtime: RuntimeDep) -> Response:
    """Run the named query ``name`` with its parameters from the URL (``?post=…``), bound, never
    pasted. JSON by default; CSV with ``Accept: text/csv`` or ``?format=csv``. Answered by a
    query worker once the workers hold the current data (``X-Cpgraph-Source: memory`` for an
    in-memory copy, ``snapshot`` for a read-only copy on disk of a large store), from the store
    until then (``store``)."""
    q = queries.get(name)
    params = {k: v for k, v in request.query_params.items() if k != "format"}
    fmt = request.query_params.get("format") or (
        "csv" if negotiate.choose(request.headers.get("accept"), ["application/json", "text/csv"]) == "text/csv" else "json")
    if fmt not in ("json", "csv"):
        raise InputError("format must be json or csv")
    selected = runtime.select(q.text, q.bindings(params))
    headers = {"X-Cpgraph-Truncated": "true" if selected.truncated else "false",
               "X-Cpgraph-Source": selected.source}
    if fmt == "csv":
        columns = list(dict.fromkeys(k for r in selected.rows for k in r))
        return Response(tabular.to_csv(selected.rows, columns), media_type="text/csv; charset=utf-8", headers=headers)
    return JSONResponse({"name": q.name, "summary": q.summary, "params": params, "total": len(selected.rows),
                         "rows": selected.rows, "cpgraph": {"truncated": selected.truncated}}, headers=headers)
