"""A real cpgraph server for the API tests: ``cpgraph serve`` in a subprocess on a free loopback
port, on a store built from the seeds in a temporary folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from cpgraph.build import run_build
from cpgraph.settings import Settings
from tests.conftest import free_port, stop_process

REPO = Path(__file__).resolve().parents[2]
TOKEN = "test-curation-token"
ARTIFACTS = REPO / "tests" / "artifacts"


@dataclass
class Server:
    """A running ``cpgraph serve``: its base URL, home folder, process and log file."""

    url: str
    home: Path
    process: subprocess.Popen
    log: Path

    def client(self, **kwargs) -> httpx.Client:
        """An HTTP client for this server (no proxies from the environment)."""
        return httpx.Client(base_url=self.url, timeout=30, trust_env=False, **kwargs)

    def stop(self) -> None:
        """Stop the server process."""
        stop_process(self.process)


def start_server(home: Path, *, token: str | None = TOKEN, store: str | None = None, timeout_s: float = 10.0,
                 row_cap: int = 10_000) -> Server:
    """Start ``cpgraph serve`` for ``home`` and wait (at most 60 s) until it answers."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CPGRAPH_")}
    env.update({"CPGRAPH_HOME": str(home), "CPGRAPH_QUERY_TIMEOUT": str(timeout_s),
                "CPGRAPH_QUERY_ROW_CAP": str(row_cap), "CPGRAPH_MAX_REQUEST_BYTES": "65536",
                "PYTHONPATH": os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)})
    if token:
        env["CPGRAPH_TOKEN"] = token
    args = [sys.executable, "-c", "from cpgraph.cli import main; main()", "serve", "--port", str(port)]
    if store:
        args += ["--store", store]
    log = home / f"serve-{port}.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=home)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"cpgraph serve exited with {proc.returncode}: {log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(f"{url}/api/councils", timeout=2, trust_env=False).status_code == 200:
                return Server(url, home, proc, log)
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop_process(proc)
    pytest.fail(f"cpgraph serve did not answer at {url} within 60 s")


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The seed corpus built once with the real build: ``(home, summary)``, the summary being
    what ``cpgraph build`` prints. Tests must not write to this home: copy it (``new_home``)."""
    home = tmp_path_factory.mktemp("seed-home")
    return home, run_build(Settings(home=home))


@pytest.fixture(scope="session")
def built_store(seed_build) -> Path:
    """A store built once from the seed corpus; tests copy it into their own home."""
    return seed_build[0] / ".cpgraph" / "store"


def new_home(tmp_path_factory, built_store: Path, name: str) -> Path:
    """A fresh home folder holding a copy of the seed store (and no curation yet)."""
    home = tmp_path_factory.mktemp(name)
    shutil.copytree(built_store, home / ".cpgraph" / "store", symlinks=True)
    return home


@pytest.fixture(scope="session")
def server(tmp_path_factory, built_store) -> Iterator[Server]:
    """A read-only server on the seeds (no curation token, query limit 3 s, row cap 200) shared
    by the tests that do not curate."""
    srv = start_server(new_home(tmp_path_factory, built_store, "serve-home"), token=None, timeout_s=3.0,
                       row_cap=200)
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="session")
def http(server) -> Iterator[httpx.Client]:
    """A client of the shared server."""
    with server.client() as client:
        yield client


@pytest.fixture(scope="session")
def unread_server(tmp_path_factory, unread_build) -> Iterator[Server]:
    """A read-only server on the seeds plus one document cpgraph cannot read as a plan
    (``tests/unread.py``), on a copy of the session's ``unread_build`` store."""
    home = tmp_path_factory.mktemp("unread-serve-home")
    shutil.copytree(unread_build[0] / ".cpgraph" / "store", home / ".cpgraph" / "store", symlinks=True)
    srv = start_server(home, token=None)
    try:
        yield srv
    finally:
        srv.stop()
