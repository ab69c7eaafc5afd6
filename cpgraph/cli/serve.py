"""``cpgraph serve``: the web service (pages, REST API, SPARQL endpoint, curation)."""

from __future__ import annotations

from typing import Annotated

import typer

from cpgraph.cli import app
from cpgraph.cli.options import StoreOpt, settings
from cpgraph.errors import InputError


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on (keep 127.0.0.1 unless a proxy fronts it).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    store: StoreOpt = None,
) -> None:
    """Serve the pages, the REST API (/api), the SPARQL endpoint (/sparql) and curation.

    Builds the store from the shipped seeds first when it is empty. Curation writes need
    CPGRAPH_TOKEN set; without it they answer 403.

    Example: cpgraph serve --port 8000
    """
    import uvicorn

    from api import create_app
    from cpgraph.build import run_build
    from cpgraph.store import open_store

    if not 0 < port < 65536:
        raise InputError(f"--port must be between 1 and 65535, not {port}")
    s = settings(store)
    if s.store_location == ":memory:":
        raise InputError("cpgraph serve needs a store that outlives one command: a folder or a SPARQL server URL")
    st = open_store(s.store_location, settings=s)
    try:
        empty = len(st) == 0
    finally:
        st.close()
    if empty:
        typer.echo(f"The store at {s.store_location} is empty: building it from {', '.join(map(str, s.source_dirs))} …", err=True)
        run_build(s)
    typer.echo(f"cpgraph serving {s.store_location} at http://{host}:{port}/ (curation "
               f"{'on' if s.curation_token else 'off: set CPGRAPH_TOKEN to allow it'})", err=True)
    # h11 with room for a request line up to the request size cap, so that the app, not the
    # HTTP parser in plain text, answers an over-long query URL (httptools refuses any URL over
    # 64 KiB with a plain-text 400).
    uvicorn.run(create_app(s), host=host, port=port, log_level="warning", http="h11",
                h11_max_incomplete_event_size=s.max_request_bytes + 64 * 1024)
