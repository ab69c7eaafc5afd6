"""Shared fixtures. Keep this file small: fixtures used by one test module live in that module."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from hypothesis import settings as hypothesis_settings

# Property tests draw the same examples on every run, so CI is repeatable; a failure found by
# chance elsewhere is added as an @example. HYPOTHESIS_PROFILE=explore draws fresh ones.
hypothesis_settings.register_profile("repeatable", derandomize=True, database=None)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_oxigraph(location: Path, log: Path) -> tuple[subprocess.Popen, str]:
    """Start ``oxigraph serve --union-default-graph`` on a free loopback port and wait until it
    answers; return the process and its base URL. Skips (or fails, if CPGRAPH_REQUIRE_SERVER=1)
    when the ``oxigraph`` executable is missing."""
    exe = shutil.which("oxigraph")
    if exe is None:
        reason = "the `oxigraph` server executable is not on PATH (pip install oxigraph)"
        if os.environ.get("CPGRAPH_REQUIRE_SERVER") == "1":
            pytest.fail(f"{reason}, and CPGRAPH_REQUIRE_SERVER=1 requires it")
        pytest.skip(reason)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
            stdout=out, stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"oxigraph serve exited with {proc.returncode}: {log.read_text(errors='replace')[-500:]}")
        try:
            httpx.get(f"{base}/query", params={"query": "ASK {}"}, timeout=1, trust_env=False)
            return proc, base
        except httpx.HTTPError:
            time.sleep(0.1)
    stop_process(proc)
    pytest.fail(f"oxigraph serve did not answer at {base} within 30 s")


def stop_process(proc: subprocess.Popen) -> None:
    """Terminate a process we started, killing it if it does not stop within 10 s."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a real ``oxigraph serve --union-default-graph`` for the whole session."""
    folder = tmp_path_factory.mktemp("oxigraph")
    proc, base = start_oxigraph(folder / "data", folder / "server.log")
    try:
        yield base
    finally:
        stop_process(proc)


@pytest.fixture
def remote_store(oxigraph_server: str):
    """A RemoteStore on the session's oxigraph server, emptied before the test."""
    from cpgraph.store import RemoteStore

    store = RemoteStore(oxigraph_server)
    store.update("DROP ALL")
    try:
        yield store
    finally:
        store.close()


@pytest.fixture(scope="session")
def unread_build(tmp_path_factory):
    """The seeds plus one document cpgraph cannot read as a plan (``tests/unread.py``), built
    once with the real build: ``(home, sources, summary)``. Tests must not write to the store."""
    from cpgraph.build import run_build
    from cpgraph.settings import Settings
    from tests import unread

    folder = tmp_path_factory.mktemp("unread")
    sources = unread.write_sources(folder / "sources")
    summary = run_build(Settings(home=folder / "home"), [sources])
    return folder / "home", sources, summary


@pytest.fixture(scope="session")
def unread_analytics(unread_build):
    """The analytics of the ``unread_build`` store (read only), shared by the report and views."""
    from cpgraph.analytics import Analytics
    from cpgraph.settings import Settings
    from cpgraph.store import open_store

    analytics = Analytics(open_store(Settings(home=unread_build[0]).store_location))
    yield analytics
    analytics.store.close()



CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium through Playwright, one for the whole session: Playwright's sync
    API allows one instance at a time in a process, so every browser test shares this one (each
    opens its own context or page). Skipped when /usr/bin/chromium is missing, unless
    CPGRAPH_REQUIRE_BROWSER=1 (as in CI) makes that a failure."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("CPGRAPH_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason}, and CPGRAPH_REQUIRE_BROWSER=1 requires it")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
