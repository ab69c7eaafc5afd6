"""``/sparql``: the read-only SPARQL 1.1 Protocol endpoint (queries run in worker processes,
time-limited and row-capped)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from api import negotiate
from api.deps import RuntimeDep
from api.sparql import (
    GRAPH_OFFERS,
    NotAcceptable,
    media_type_for,
    read_request,
    service_description,
)
from api.sparql_worker import Answer, Job
from cpgraph.errors import StoreUnavailableError

router = APIRouter(tags=["sparql"])

_DESCRIPTION_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml",
                      "application/ld+json": "json-ld"}


def run_query(runtime, query: str, accept: str | None, format_name: str | None = None,
              default_graphs: tuple[str, ...] = (), named_graphs: tuple[str, ...] = ()) -> Answer:
    """Run a user's query in a worker: the answer in the negotiated format, or the protocol's
    errors (ForbiddenError, InputError, NotAcceptable, QueryTimeoutError)."""
    form, media_type = media_type_for(query, accept, format_name)
    runtime.store()  # follow a rebuild before the workers are asked
    if runtime.pool is None:
        raise StoreUnavailableError("the query workers are not running")
    return runtime.pool.run(Job(query, form, media_type, default_graphs, named_graphs))


def answer_response(answer: Answer) -> Response:
    """The HTTP response for a query answer, with the truncation flag in a header."""
    charset = "" if answer.media_type.endswith("json") else "; charset=utf-8"
    return Response(answer.body, media_type=answer.media_type + charset,
                    headers={"X-Cpgraph-Truncated": "true" if answer.truncated else "false", "Vary": "Accept"})


QueryParam = Annotated[str | None, Query(description="A SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE).")]


@router.get("/sparql", summary="SPARQL 1.1 Protocol: query by GET (read-only)", response_class=Response)
async def sparql_get(request: Request, runtime: RuntimeDep, query: QueryParam = None) -> Response:
    """Query by GET (``?query=``); without a query, the service description."""
    return await sparql_endpoint(request, runtime)


@router.post("/sparql", summary="SPARQL 1.1 Protocol: query by POST (read-only)", response_class=Response)
async def sparql_post(request: Request, runtime: RuntimeDep, query: QueryParam = None) -> Response:
    """Query by URL-encoded POST (``query=``) or direct POST (``application/sparql-query``)."""
    return await sparql_endpoint(request, runtime)


async def sparql_endpoint(request: Request, runtime) -> Response:
    """Query by GET, URL-encoded POST or direct POST (``application/sparql-query``). SELECT/ASK
    answer as JSON, XML, CSV or TSV; CONSTRUCT/DESCRIBE as Turtle, N-Triples, RDF/XML or JSON-LD,
    by content negotiation. Updates, LOAD and SERVICE are refused (403). Without a query, GET
    answers the service description."""
    body = await request.body() if request.method == "POST" else b""
    op = read_request(request.method, request.url.query, request.headers.get("content-type"), body)
    accept = request.headers.get("accept")
    if op.query is None:
        chosen = negotiate.choose(accept, list(GRAPH_OFFERS))
        if chosen is None:
            raise NotAcceptable(sorted(set(GRAPH_OFFERS.values())))
        media = GRAPH_OFFERS[chosen]
        store = runtime.store()
        names = await run_in_threadpool(store.graph_names)
        graph = service_description(str(request.url_for("sparql_get")), names)
        return Response(graph.serialize(format=_DESCRIPTION_TYPES[media]), media_type=media)
    answer = await run_in_threadpool(run_query, runtime, op.query, accept, op.format,
                                     op.default_graphs, op.named_graphs)
    return answer_response(answer)
