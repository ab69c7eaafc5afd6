"""The REST API under measurement: a uvicorn server on 127.0.0.1 over a built store, the named
queries' latency through it, and a bounded concurrent load on posts' JSON pages.

The load generator is ``wrk`` when it is installed (a C program, so the load it makes costs the
server's two cores little), else threads with keep-alive ``httpx`` clients. Both stop at a
request cap or a time limit, whichever comes first.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx

from bench.measure import percentiles


def app_from_env():
    """The cpgraph app for the settings in the environment (for ``uvicorn --factory``)."""
    from api import create_app
    from cpgraph.settings import from_env

    return create_app(from_env())


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(home: Path, *, workers: int, log: Path, ready_timeout_s: float = 180.0):
    """Run the API over the store under ``home`` with ``workers`` uvicorn processes on a free
    loopback port; yield its base URL once it answers, stop it afterwards."""
    port = _free_port()
    env = {**os.environ, "CPGRAPH_HOME": str(home), "CPGRAPH_STORE": str(home / "store")}
    env.pop("CPGRAPH_TOKEN", None)  # no writes during a benchmark
    cmd = [sys.executable, "-m", "uvicorn", "bench.api_load:app_from_env", "--factory",
           "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
           "--log-level", "warning", "--no-access-log"]
    with open(log, "ab") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env,
                                cwd=Path(__file__).resolve().parent.parent, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + ready_timeout_s
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the API server exited with {proc.returncode}; see {log}")
            try:
                if httpx.get(f"{base}/queries", timeout=5, trust_env=False).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the API server did not answer within {ready_timeout_s:g} s; see {log}")
            time.sleep(0.2)
        yield base
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen) -> None:
    """Stop the server we started (its process group: uvicorn's workers are its children)."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, 15)
        proc.wait(15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        proc.wait(5)
    except ProcessLookupError:
        pass


class _Lean:
    """One keep-alive HTTP/1.1 connection with the standard library's client: it costs a request
    about 0.3-0.45 ms less than httpx (measured here), which would otherwise be counted as the API's."""

    def __init__(self, base: str, headers: dict[str, str], timeout: float = 300.0) -> None:
        parts = urlsplit(base)
        self._conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        self._headers = headers

    def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        """Status, headers (lower-case names) and body of ``GET path``."""
        self._conn.request("GET", path, headers=self._headers)
        response = self._conn.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body

    def close(self) -> None:
        self._conn.close()


def wait_for_query_workers(base: str, *, workers: int = 2, within_s: float = 300.0) -> bool:
    """Wait until every query worker holds the current data: ``workers`` requests for a small
    named query sent at once all come back from a worker (each takes an idle worker holding the
    data; one still loading leaves a request to the store). Without this the first variants
    would be timed while a worker loads beside them. True when they all do within ``within_s``."""
    path = "/queries/unowned-pledges?" + urlencode({"council": "none"})
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        clients = [_Lean(base, {"Cache-Control": "no-cache"}) for _ in range(workers)]
        sources: list[str | None] = [None] * workers
        barrier = threading.Barrier(workers)

        def ask(i: int, client: _Lean, sources: list, barrier: threading.Barrier) -> None:
            barrier.wait()
            try:
                sources[i] = client.get(path)[1].get("x-cpgraph-source")
            except OSError:
                sources[i] = None

        threads = [threading.Thread(target=ask, args=(i, clients[i], sources, barrier)) for i in range(workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for c in clients:
            c.close()
        if all(s in ("memory", "snapshot") for s in sources):
            return True
        time.sleep(0.5)
    return False


def named_query_latency(base: str, query: str, params: dict[str, str], *, budget_s: float,
                        min_runs: int = 5, max_runs: int = 50, fresh: bool = False,
                        settle_s: float = 300.0) -> dict[str, Any]:
    """p50/p95 of ``/queries/{query}`` with ``params``, sequential requests on one keep-alive
    connection (a lean client, :class:`_Lean`; the body is read within the time, parsed after),
    after warm-up requests; errors are counted. With ``fresh`` every request asks for a fresh
    answer (``Cache-Control: no-cache``), so the query runs each time, and the warm-up goes on
    until the answer comes from a query worker (``X-Cpgraph-Source: memory`` for its in-memory
    copy, ``snapshot`` for its read-only copy on disk) or ``settle_s`` pass; ``sources`` counts where the measured answers came from."""
    path = f"/queries/{query}" + (f"?{urlencode(params)}" if params else "")
    times: list[float] = []
    errors = 0
    rows = None
    sources: dict[str, int] = {}
    client = _Lean(base, {"Cache-Control": "no-cache"} if fresh else {})
    try:
        deadline = time.monotonic() + settle_s
        while True:
            start = time.perf_counter()
            status, headers, body = client.get(path)
            took = time.perf_counter() - start
            if (not fresh or status != 200 or time.monotonic() > deadline
                    or headers.get("x-cpgraph-source") in ("memory", "snapshot")):
                break
            time.sleep(0.2)
        if status == 200:
            rows = json.loads(body).get("total")
        if took > budget_s:  # slow: the (last) warm-up is the one sample
            source = headers.get("x-cpgraph-source", "cache")
            return {**percentiles([took]), "errors": int(status != 200), "rows": rows, "sources": {source: 1}}
        spent = 0.0
        while len(times) < max_runs and (len(times) < min_runs or spent < budget_s):
            start = time.perf_counter()
            status, headers, body = client.get(path)
            took = time.perf_counter() - start
            errors += status != 200
            source = headers.get("x-cpgraph-source", "cache")
            sources[source] = sources.get(source, 0) + 1
            times.append(took)
            spent += took
    finally:
        client.close()
    return {**percentiles(times), "errors": errors, "rows": rows, "sources": sources}


def pick_post_pages(base: str, *, count: int = 16) -> list[dict[str, Any]]:
    """JSON pages of ``count`` posts spread over the range of loads (the busiest included),
    read from the ``load-per-post`` named query, each with the number of actions it holds."""
    rows = httpx.get(f"{base}/queries/load-per-post", timeout=300, trust_env=False).json()["rows"]
    posts = sorted(({"council": r["council"], "iri": r["post"], "actions": int(r["actions"])} for r in rows
                    if "/post/" in str(r["post"])), key=lambda r: (-r["actions"], r["iri"]))
    if not posts:
        return []
    step = max(1, len(posts) // count)
    chosen = posts[::step][:count]
    for post in chosen:
        council, _, key = post["iri"].split("/id/", 1)[1].partition("/post/")
        post["path"] = f"/api/posts/{council}/{key}"
    return chosen


def cold_pages(base: str, paths: list[str], *, limit_s: float = 120.0) -> dict[str, Any]:
    """Each page requested once, one after another, on a server that has not answered it yet:
    the service time of a page nobody has asked for since the data last changed (stopping after
    ``limit_s``)."""
    times, errors = [], 0
    started = time.monotonic()
    with httpx.Client(base_url=base, timeout=300, trust_env=False) as client:
        for path in paths:
            if time.monotonic() - started > limit_s:
                break
            start = time.perf_counter()
            errors += client.get(path).status_code != 200
            times.append(time.perf_counter() - start)
    return {**percentiles(times), "errors": errors}


def resource_pages(base: str) -> list[str]:
    """One page of each other kind a user opens, chosen from the data: the busiest council's
    pledge and action lists, one pledge and one action page, the agencies, bodies and
    initiatives lists, one theme, a search, the gaps and overload of that council."""
    with httpx.Client(base_url=base, timeout=300, trust_env=False) as client:
        rows = client.get("/queries/load-per-post").json()["rows"]
        council = max(rows, key=lambda r: int(r["actions"]))["council"] if rows else None
        if council is None:
            return []
        pledges = client.get("/api/pledges", params={"council": council}).json()["items"]
        actions = client.get("/api/actions", params={"council": council}).json()["items"]
    paths = [f"/api/pledges?council={council}", f"/api/actions?council={council}"]
    paths += [f"/api/pledges/{pledges[0]['key']}"] if pledges else []
    paths += [f"/api/actions/{actions[0]['key']}"] if actions else []
    return paths + ["/api/agencies", f"/api/agencies?council={council}", "/api/bodies", "/api/initiatives",
                    "/api/themes/governance", "/api/search?q=virtual%20school", f"/api/gaps?council={council}",
                    f"/api/overload?council={council}", "/api/councils", "/api/posts?limit=50"]


def each_page_once(base: str, paths: list[str], *, limit_s: float = 600.0) -> dict[str, Any]:
    """Each page asked once with ``Cache-Control: no-cache`` (computed, not served from the
    response cache): its milliseconds and status, by path (stopping after ``limit_s``)."""
    out: dict[str, Any] = {}
    started = time.monotonic()
    with httpx.Client(base_url=base, timeout=limit_s, trust_env=False) as client:
        for path in paths:
            if time.monotonic() - started > limit_s:
                out[path] = {"skipped": "time limit"}
                continue
            start = time.perf_counter()
            try:
                status = client.get(path, headers={"Cache-Control": "no-cache"}).status_code
            except httpx.TimeoutException:
                out[path] = {"skipped": f"no answer within {limit_s:g} s"}
                continue
            out[path] = {"ms": (time.perf_counter() - start) * 1000, "status": status}
    return out


def warm_up(base: str, paths: list[str], *, connections: int = 4, fast_ms: float = 250.0,
            limit_s: float = 300.0) -> dict[str, Any]:
    """Request every page over ``connections`` fresh connections, round after round, until a
    whole round answers each request within ``fast_ms`` (every worker has every page cached) or
    ``limit_s`` passes. Returns how many rounds and seconds that took."""
    started = time.monotonic()
    rounds = 0
    while time.monotonic() - started < limit_s:
        rounds += 1
        if _round_slowest(base, paths, connections, deadline=started + limit_s) * 1000 < fast_ms:
            break
    return {"rounds": rounds, "seconds": time.monotonic() - started, "fast_ms": fast_ms, "connections": connections}


def _round_slowest(base: str, paths: list[str], connections: int, *, deadline: float) -> float:
    """Seconds of the slowest answer when ``connections`` clients each request every page (no new
    request after ``deadline``, a ``time.monotonic()`` value)."""
    slowest = [0.0]
    lock = threading.Lock()

    def one(offset: int) -> None:
        with httpx.Client(base_url=base, timeout=300, trust_env=False) as client:
            for path in paths[offset:] + paths[:offset]:
                if time.monotonic() > deadline:
                    return
                start = time.perf_counter()
                client.get(path)
                with lock:
                    slowest[0] = max(slowest[0], time.perf_counter() - start)

    threads = [threading.Thread(target=one, args=(n,)) for n in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return slowest[0]


def load_test(base: str, paths: list[str], *, connections: int, duration_s: float, max_requests: int,
              log_dir: Path) -> dict[str, Any]:
    """Closed-loop load: ``connections`` clients request ``paths`` in turn until ``duration_s``
    passes or ``max_requests`` are answered. Throughput, latency percentiles, errors."""
    if shutil.which("wrk"):
        return _wrk(base, paths, connections=connections, duration_s=duration_s, max_requests=max_requests,
                    log_dir=log_dir)
    return _threads(base, paths, connections=connections, duration_s=duration_s, max_requests=max_requests)


_WRK_SCRIPT = """
-- Each thread stops itself after its share of the requests; wrk still reports its whole -d as
-- the duration, so every thread notes (in globals, which done() reads) when it sent its first
-- request and got its last answer, and the rate uses those times.
local ffi = require("ffi")
ffi.cdef[[ typedef struct { long tv_sec; long tv_usec; } cpgraph_timeval;
           int gettimeofday(cpgraph_timeval *tv, void *tz); ]]
local function now_us()
  local tv = ffi.new("cpgraph_timeval")
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000000 + tonumber(tv.tv_usec)
end
local threads = {}
function setup(thread) table.insert(threads, thread) end
local paths = {%(paths)s}
local i = 0
local answered = 0
local cap = %(cap)d
first_us = 0
last_us = 0
request = function()
  if first_us == 0 then first_us = now_us() end
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
response = function(status, headers, body)
  answered = answered + 1
  last_us = now_us()
  if answered >= cap then wrk.thread:stop() end
end
done = function(summary, latency, requests)
  local e = summary.errors
  local first, last = 0, 0
  for _, t in ipairs(threads) do
    local f, l = t:get("first_us"), t:get("last_us")
    if f > 0 and (first == 0 or f < first) then first = f end
    if l > last then last = l end
  end
  io.write(string.format('BENCH {"requests": %%d, "duration_us": %%d, "active_us": %%d, "status_errors": %%d, ' ..
    '"connect": %%d, "read": %%d, "write": %%d, "timeout": %%d, "p50_us": %%d, "p95_us": %%d, "p99_us": %%d, ' ..
    '"max_us": %%d, "mean_us": %%f}\\n', summary.requests, summary.duration, last - first, e.status, e.connect,
    e.read, e.write, e.timeout, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean))
end
"""


def _wrk(base: str, paths: list[str], *, connections: int, duration_s: float, max_requests: int,
         log_dir: Path) -> dict[str, Any]:
    threads = min(2, connections)
    script = _WRK_SCRIPT % {"paths": ", ".join(json.dumps(p) for p in paths),
                            "cap": max(1, max_requests // threads)}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", dir=log_dir, delete=False) as fh:
        fh.write(script)
    try:
        cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(duration_s))}s", "--timeout", "10s",
               "-s", fh.name, base]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=duration_s + 60)
    finally:
        Path(fh.name).unlink(missing_ok=True)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("BENCH ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no result: {done.stdout[-300:]} {done.stderr[-300:]}")
    r = json.loads(line[6:])
    # from the first request to the last answer; wrk's own duration is its whole -d even when the
    # threads stopped early at the request cap
    seconds = (r["active_us"] if 0 < r["active_us"] <= r["duration_us"] else r["duration_us"]) / 1e6
    errors = r["status_errors"] + r["connect"] + r["read"] + r["write"] + r["timeout"]
    return {"tool": "wrk", "connections": connections, "threads": threads, "requests": r["requests"],
            "seconds": seconds, "rps": r["requests"] / seconds if seconds else 0.0, "errors": errors,
            "error_detail": {k: r[k] for k in ("status_errors", "connect", "read", "write", "timeout")},
            "p50": r["p50_us"] / 1000, "p95": r["p95_us"] / 1000, "p99": r["p99_us"] / 1000,
            "max": r["max_us"] / 1000, "mean": r["mean_us"] / 1000}


def _threads(base: str, paths: list[str], *, connections: int, duration_s: float, max_requests: int) -> dict[str, Any]:
    lock = threading.Lock()
    times: list[float] = []
    errors = [0]
    issued = [0]
    deadline = time.monotonic() + duration_s

    def client(offset: int) -> None:
        with httpx.Client(base_url=base, timeout=10, trust_env=False) as http:
            i = offset
            while time.monotonic() < deadline:
                with lock:
                    if issued[0] >= max_requests:
                        return
                    issued[0] += 1
                start = time.perf_counter()
                try:
                    ok = http.get(paths[i % len(paths)]).status_code == 200
                except httpx.HTTPError:
                    ok = False
                took = time.perf_counter() - start
                with lock:
                    times.append(took)
                    errors[0] += not ok
                i += 1

    started = time.perf_counter()
    workers = [threading.Thread(target=client, args=(n,)) for n in range(connections)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    seconds = time.perf_counter() - started
    stats = percentiles(times)
    return {"tool": "python threads + httpx", "connections": connections, "requests": len(times), "seconds": seconds,
            "rps": len(times) / seconds if seconds else 0.0, "errors": errors[0],
            **{k: stats.get(k) for k in ("p50", "p95", "p99", "max", "mean")}}
