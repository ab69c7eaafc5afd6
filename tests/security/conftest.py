"""A cpgraph server over a store holding the hostile document (and one seed beside it), shared
by the security tests of the API and the browser tests."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from cpgraph.build import run_build
from cpgraph.settings import Settings
from tests.api.conftest import TOKEN, Server, start_server
from tests.cli_runner import HOSTILE_PLAN, SEED_PLAN, Result, copy_home, run_cpgraph


@dataclass
class HostileSite:
    """The running server and the keys of what the hostile document put in it."""

    server: Server
    council: str
    pledges: list[str]
    posts: list[tuple[str, str]]
    token: str = TOKEN

    @property
    def home(self) -> Path:
        """The server's home folder (store and curation file)."""
        return self.server.home


@pytest.fixture(scope="session")
def hostile_home(tmp_path_factory) -> Path:
    """A home whose store was built from the hostile action plan and the Bracknell Forest seed."""
    home = tmp_path_factory.mktemp("hostile-home")
    run_build(Settings(home=home), [HOSTILE_PLAN, SEED_PLAN], validate=False)
    return home


@pytest.fixture(scope="session")
def hostile_site(hostile_home) -> Iterator[HostileSite]:
    """`cpgraph serve` on the hostile home (curation token set, 64 KiB request limit)."""
    server = start_server(hostile_home, timeout_s=5.0, row_cap=500)
    try:
        with server.client() as http:
            councils = http.get("/api/councils", params={"limit": 100}).json()["items"]
            council = next(c["key"] for c in councils if "Hostile" in (c.get("name") or ""))
            pledges = [p["key"] for p in http.get("/api/pledges", params={"council": council}).json()["items"]]
            posts = [(council, p["key"]) for p in
                     http.get("/api/posts", params={"council": council, "limit": 200}).json()["items"]]
        assert pledges and posts
        yield HostileSite(server, council, pledges, posts)
    finally:
        server.stop()


@pytest.fixture(scope="session")
def hostile_http(hostile_site) -> Iterator[httpx.Client]:
    """A client of the hostile server."""
    with hostile_site.server.client() as client:
        yield client


@pytest.fixture(scope="session")
def hostile_cli_runs(hostile_home, tmp_path_factory) -> dict[str, tuple[Result, Path | None]]:
    """The CSV-printing and HTML-writing commands of test_hostile_cli, run in a copy of the hostile
    home, four at a time: name -> (what the process did, the HTML file it wrote or None)."""
    from tests.security.test_hostile_cli import CSV_COMMANDS, HTML_COMMANDS

    home = copy_home(hostile_home, tmp_path_factory.mktemp("hostile-cli") / "home")
    jobs = [(name, [*args, "--format", "csv"], None) for name, args in CSV_COMMANDS.items()]
    jobs += [(f"{name}-json", [*args, "--format", "json"], None) for name, args in CSV_COMMANDS.items()
             if name in ("gaps", "overload")]
    jobs += [(name, [*args, "-o", home / f"{name}.html"], home / f"{name}.html") for name, args in HTML_COMMANDS.items()]

    def run(job):
        name, args, output = job
        return name, (run_cpgraph(home, *args), output)

    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(pool.map(run, jobs))
