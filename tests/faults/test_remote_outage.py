"""The remote store goes away and comes back: while it is gone every route of the service answers
a clear 503 with the one error body (never a 500, never a hang), a curation write is refused
before anything is written, and when the store is back the service answers again — with the
data and the curation it had, without a restart."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from cpgraph.build import run_build
from cpgraph.settings import Settings
from tests.api.conftest import TOKEN, Server, start_server
from tests.cli_runner import SEED_PLAN, curation_file
from tests.conftest import free_port, stop_process

pytestmark = pytest.mark.server

ACTION = "bracknell-forest-action-plan-2025-2028-pledge-1-action-1"
ASK = "ASK { ?s ?p ?o }"


@dataclass
class Oxigraph:
    """An `oxigraph serve` we start and stop, always on the same port and folder."""

    folder: Path
    port: int
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """Its base URL."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Start it and wait (at most 30 s) until it answers."""
        exe = shutil.which("oxigraph")
        if exe is None:
            pytest.skip("the `oxigraph` server executable is not on PATH")
        log = open(self.folder / "server.log", "ab")  # noqa: SIM115 (the process writes to it)
        self.process = subprocess.Popen(
            [exe, "serve", "--location", str(self.folder / "data"), "--bind", f"127.0.0.1:{self.port}",
             "--union-default-graph"], stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.process.poll() is None, (self.folder / "server.log").read_text(errors="replace")[-500:]
            try:
                httpx.get(f"{self.url}/query", params={"query": ASK}, timeout=1, trust_env=False)
                return
            except httpx.HTTPError:
                time.sleep(0.1)
        pytest.fail(f"oxigraph did not answer at {self.url}")

    def stop(self) -> None:
        """Stop it (the data stays in its folder)."""
        if self.process is not None:
            stop_process(self.process)
            self.process = None


@pytest.fixture
def remote(tmp_path) -> Iterator[Oxigraph]:
    """A running oxigraph server, loaded by a cpgraph build of one seed."""
    server = Oxigraph(tmp_path / "oxigraph", free_port())
    server.folder.mkdir()
    server.start()
    try:
        run_build(Settings(home=tmp_path / "builder", store=server.url), [SEED_PLAN], validate=False)
        yield server
    finally:
        server.stop()


@pytest.fixture
def service(remote, tmp_path) -> Iterator[Server]:
    """`cpgraph serve --store URL` of the remote server (SPARQL time limit 3 s)."""
    home = tmp_path / "home"
    home.mkdir()
    server = start_server(home, store=remote.url, timeout_s=3.0)
    try:
        yield server
    finally:
        server.stop()


ROUTES = ["/api/councils", "/api/pledges", f"/api/actions/{ACTION}", "/api/gaps", "/api/overload",
          "/gaps", "/", "/queries/unowned-actions"]


def _answers(http: httpx.Client) -> dict[str, int]:
    found = {route: http.get(route).status_code for route in ROUTES}
    found["/sparql"] = http.get("/sparql", params={"query": ASK}, headers={"Accept": "application/json"}).status_code
    return found


def test_outage_is_a_clear_503_and_the_service_recovers(remote, service):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with service.client() as http:
        assert set(_answers(http).values()) == {200}
        recorded = http.post("/api/curation/status", headers=auth,
                             json={"action": ACTION, "status": "Before the outage", "by": "Tester"})
        assert recorded.status_code == 201, recorded.text
        saved = curation_file(service.home).read_bytes()

        remote.stop()
        started = time.monotonic()
        for route in [*ROUTES, "/sparql"]:
            params = {"query": ASK} if route == "/sparql" else None
            response = http.get(route, params=params, headers={"Accept": "application/json"})
            assert response.status_code == 503, f"{route}: {response.status_code} {response.text[:200]}"
            body = response.json()
            assert body["error"] == "store_unavailable" and "\n" not in body["message"], body
        assert time.monotonic() - started < 45, "a request hung on the missing store"
        refused = http.post("/api/curation/status", headers=auth,
                            json={"action": ACTION, "status": "During the outage", "by": "Tester"})
        assert refused.status_code == 503 and refused.json()["error"] == "store_unavailable"
        assert curation_file(service.home).read_bytes() == saved, "a refused write changed the curation file"

        remote.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and set(_answers(http).values()) != {200}:
            time.sleep(0.5)
        assert set(_answers(http).values()) == {200}, _answers(http)
        action = http.get(f"/api/actions/{ACTION}").json()
        assert action["status"] == "Before the outage"
        assert http.get("/api/councils").json()["total"] == 1
