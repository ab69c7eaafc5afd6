"""``/sparql``: the read-only SPARQL 1.1 Protocol endpoint (queries run in worker processes,
time-limited and row-capped)."""

from __future__ import annotations

from functools import partial
from typing import Annotated
from urllib.parse import urlencode

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from api import negotiate
from api.deps import RuntimeDep
from api.sparql import (
    GRAPH_OFFERS,
    NotAcceptable,
    ProtocolRequest,
    media_type_for,
    read_request,
    service_description,
)
from api.sparql_results import with_head_link
from api.sparql_text import names_dataset
from api.sparql_worker import Answer, Job
from cpgraph.errors import StoreUnavailableError

router = APIRouter(tags=["sparql"])

_DESCRIPTION_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml",
                      "application/ld+json": "json-ld", "application/n-quads": "nt"}  # N-Triples are N-Quads
_MAX_LINK = 8000  # longer next-page URLs go in the results' head only: proxies cut long headers


def run_query(runtime, query: str, accept: str | None, format_name: str | None = None,
              default_graphs: tuple[str, ...] = (), named_graphs: tuple[str, ...] = (), *,
              base_iri: str | None = None, offset: int = 0, client: str = "") -> Answer:
    """Run a user's query in a worker, for ``client`` (an address; workers are shared fairly
    between clients): the answer in the negotiated format, or the protocol's errors
    (ForbiddenError, InputError, NotAcceptable, QueryTimeoutError)."""
    form, media_type = media_type_for(query, accept, format_name)
    runtime.store()  # follow a rebuild before the workers are asked
    if runtime.pool is None:
        raise StoreUnavailableError("the query workers are not running")
    job = Job(query, form, media_type, default_graphs, named_graphs, names_dataset(query), base_iri, offset)
    return runtime.pool.run(job, client)


def next_page(endpoint: str, op: ProtocolRequest, row_cap: int) -> str:
    """The URL of the next page of an answer cut at ``row_cap`` rows: the same request by GET,
    ``offset`` rows further on."""
    params = [("query", op.query or "")]
    params += [("default-graph-uri", g) for g in op.default_graphs]
    params += [("named-graph-uri", g) for g in op.named_graphs]
    if op.format:
        params.append(("format", op.format))
    params.append(("offset", str(op.offset + row_cap)))
    return f"{endpoint}?{urlencode(params)}"


def answer_response(answer: Answer, next_url: str | None = None, next_offset: int | None = None) -> Response:
    """The HTTP response for a query answer: whether it was cut at the row cap in the
    ``X-Cpgraph-Truncated`` header and, when it was, the next page: its ``offset`` in
    ``X-Cpgraph-Next-Offset``, its URL in a ``Link: rel="next"`` header (when short enough for a
    header) and in the head of JSON and XML results."""
    charset = "" if answer.media_type.endswith("json") else "; charset=utf-8"
    headers = {"X-Cpgraph-Truncated": "true" if answer.truncated else "false", "Vary": "Accept"}
    body = answer.body
    if answer.truncated and next_offset is not None:
        headers["X-Cpgraph-Next-Offset"] = str(next_offset)
    if answer.truncated and next_url:
        body = with_head_link(body, answer.media_type, next_url)
        if len(next_url) <= _MAX_LINK:
            headers["Link"] = f'<{next_url}>; rel="next"'
    return Response(body, media_type=answer.media_type + charset, headers=headers)


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
    answer as JSON, XML, CSV or TSV; CONSTRUCT/DESCRIBE as Turtle, N-Triples, N-Quads, RDF/XML or
    JSON-LD,
    by content negotiation. Updates, LOAD and SERVICE are refused (403). Without a query, GET
    answers the service description."""
    limit = runtime.settings.max_request_bytes
    if len(request.url.query) > limit:
        raise HTTPException(414, f"the URL is longer than {limit} bytes: send the query by POST")
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
    endpoint = str(request.url_for("sparql_get"))
    client = request.client.host if request.client else ""
    answer = await run_in_threadpool(partial(run_query, runtime, op.query, accept, op.format, op.default_graphs,
                                             op.named_graphs, base_iri=_base_iri(endpoint), offset=op.offset,
                                             client=client))
    cap = runtime.settings.query_row_cap
    return answer_response(answer, next_page(endpoint, op, cap), op.offset + cap)


def _base_iri(endpoint: str) -> str | None:
    """The endpoint's URL as the base of the query's relative IRIs, if it is a valid IRI."""
    try:
        return ox.NamedNode(endpoint).value
    except ValueError:
        return None
