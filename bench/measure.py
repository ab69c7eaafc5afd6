"""Measurements run by ``bench.run`` in child processes, one task per process, so the peak
memory and the caches of one corpus size or task never mix with another's.

``python -m bench.measure TASK --corpus DIR --home DIR --out FILE.json [--params FILE.json]``

* ``build`` — the stages of ``cpgraph build`` (extract, RDF, validate, load) timed one by one,
  document by document as :func:`cpgraph.build.build_graphs` runs them, with peak memory;
* ``queries`` — each named query on pyoxigraph directly, through cpgraph's store, on an
  in-memory copy and through a running API server, one engine after the other per query;
* ``analytics`` — the analytics (projection and each metric, cold and cached), view generation,
  SHACL over the store;
* ``rdflib`` — the same named queries on rdflib's in-memory Dataset (default graph = union).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

AS_OF = date(2026, 1, 1)
"""The date gaps and overdue actions are judged against (fixed, so runs compare)."""


class Overtime(Exception):
    """A single measured operation ran past its time limit."""


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`Overtime` in the main thread if the block runs longer than ``seconds``
    (pure-Python work such as rdflib's SPARQL engine is interrupted between bytecodes)."""
    if not seconds:
        yield
        return

    def _raise(signum, frame):
        raise Overtime(f"stopped after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def percentiles(seconds: list[float]) -> dict[str, Any]:
    """p50/p95/p99 (nearest rank), mean, min and max of ``seconds``, in milliseconds."""
    if not seconds:
        return {"n": 0}
    ordered = sorted(seconds)

    def rank(p: float) -> float:
        return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))] * 1000

    return {"n": len(ordered), "p50": rank(50), "p95": rank(95), "p99": rank(99),
            "mean": statistics.fmean(ordered) * 1000, "min": ordered[0] * 1000, "max": ordered[-1] * 1000}


def repeat(fn: Callable[[], Any], *, min_runs: int = 5, max_runs: int = 50, budget_s: float = 3.0,
           warmup: int = 1, limit_s: float | None = None) -> list[float]:
    """Seconds taken by each of at least ``min_runs`` (at most ``max_runs``) calls of ``fn``,
    stopping once ``budget_s`` is spent; ``warmup`` calls first are not counted, except that a
    warm-up call longer than ``budget_s`` is the only sample (slow things are timed once). A
    single call longer than ``limit_s`` raises :class:`Overtime`."""
    for _ in range(warmup):
        start = time.perf_counter()
        with time_limit(limit_s):
            fn()
        took = time.perf_counter() - start
        if took > budget_s:
            return [took]
    times: list[float] = []
    spent = 0.0
    while len(times) < max_runs and (len(times) < min_runs or spent < budget_s):
        start = time.perf_counter()
        with time_limit(limit_s):
            fn()
        took = time.perf_counter() - start
        times.append(took)
        spent += took
    return times


def peak_rss_mb() -> float:
    """The peak resident memory of this process so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --------------------------------------------------------------------------- build


def measure_build(corpus: Path, home: Path, jobs: int = 0, serial: bool = False) -> dict[str, Any]:
    """``cpgraph build`` of ``corpus`` into the store under ``home``, run as users run it
    (:func:`cpgraph.build.run_build`, worker processes chosen as by default unless ``jobs``):
    wall seconds, CPU seconds per stage summed over workers, peak memory of this process and of
    the largest worker. With ``serial`` the same build then runs in one process of its own (so
    it touches neither memory figure), for the ratio."""
    from cpgraph.build import run_build
    from cpgraph.settings import Settings

    baseline = peak_rss_mb()
    settings = Settings(home=home, store=str(home / "store"), sources=(corpus,), build_jobs=jobs)
    start, start_cpu = time.perf_counter(), time.process_time()
    summary = run_build(settings)
    total = time.perf_counter() - start
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    out: dict[str, Any] = {
        "documents": len(summary.documents), "pledges": sum(d.pledges for d in summary.documents),
        "actions": sum(d.actions for d in summary.documents), "quads": summary.triples,
        "violations": sum(d.violations for d in summary.documents), "jobs": summary.jobs,
        "cores": len(os.sched_getaffinity(0)), "seconds": summary.stage_seconds, "total_s": total,
        "main_cpu_s": time.process_time() - start_cpu,
        "cpu_total_s": sum(v for k, v in summary.stage_seconds.items() if k != "load"),
        "rss_baseline_mb": baseline, "peak_rss_mb": peak_rss_mb(),
        "peak_rss_worker_mb": children.ru_maxrss / 1024 if summary.jobs > 1 else None,
    }
    if serial:
        serial_home = home / "serial"
        done = subprocess.run([sys.executable, "-m", "cpgraph", "build", str(corpus), "--store",
                               str(serial_home / "store"), "--jobs", "1", "--format", "json"],
                              capture_output=True, text=True, check=True, cwd=home,
                              env={**os.environ, "CPGRAPH_HOME": str(serial_home)})
        one = json.loads(done.stdout)
        out["serial_total_s"], out["serial_seconds"] = one["seconds"], one["stage_seconds"]
        shutil.rmtree(serial_home, ignore_errors=True)
    return out


# --------------------------------------------------------------------------- named queries


@dataclass(frozen=True)
class Variant:
    """One named query with one set of parameters, as measured on every engine."""

    id: str
    query: str
    params: dict[str, str]


def choose_parameters(store) -> dict[str, str]:
    """Parameters for the named queries, picked from the data: the busiest post (its key, its
    council) and the fixed date :data:`AS_OF`."""
    from cpgraph import queries

    q = queries.get("load-per-post")
    rows = store.select(q.text, q.bindings({}))
    rows.sort(key=lambda r: (-int(r["actions"]), str(r["post"])))
    busiest = rows[0]
    return {"council": str(busiest["council"]), "post": str(busiest["post"]).rsplit("/", 1)[-1],
            "post_iri": str(busiest["post"]), "as_of": AS_OF.isoformat()}


def variants(chosen: dict[str, str]) -> list[Variant]:
    """Every named query once with its required parameters, and again for one council where it
    takes an optional ``council``."""
    from cpgraph import queries

    out = []
    for name, q in sorted(queries.catalogue().items()):
        required = {p.name: chosen[p.name] for p in q.params if not p.optional}
        out.append(Variant(name, name, required))
        if any(p.name == "council" and p.optional for p in q.params):
            out.append(Variant(f"{name} (council)", name, {**required, "council": chosen["council"]}))
    return out


RDFLIB_FORMS = {"unowned-pledges": Path(__file__).parent / "rdflib_forms" / "unowned-pledges.rq"}
"""Queries rdflib cannot evaluate as shipped, and the file of an equivalent form it runs instead."""


def _bound_text(variant: Variant, form: Path | None = None) -> str:
    """The variant's query (or ``form``, an equivalent text) with its parameters bound."""
    from cpgraph import queries
    from cpgraph.store import bind

    q = queries.get(variant.query)
    return bind(form.read_text(encoding="utf-8") if form else q.text, q.bindings(variant.params))


def _consume_ox(result) -> int:
    rows = 0
    names = [v for v in result.variables]
    for solution in result:
        for name in names:
            solution[name]
        rows += 1
    return rows


def measure_queries(home: Path, *, quick: bool, memory_copy: bool, api: str | None, light: bool = False
                    ) -> dict[str, Any]:
    """Each named query variant on pyoxigraph directly, through cpgraph's store, (with
    ``memory_copy``) on an in-memory pyoxigraph copy of the store, and (with ``api``, the base
    URL of a running server) through the REST API, fresh and cached — one engine after the other
    for each query, so every ratio compares measurements taken seconds apart."""
    import io

    import pyoxigraph as ox

    from cpgraph.settings import Settings
    from cpgraph.store import open_store

    settings = Settings(home=home, store=str(home / "store"))
    store = open_store(settings.store_location, settings=settings)
    raw = ox.Store.read_only(os.path.realpath(home / "store" / "current"))
    memory = None
    out: dict[str, Any] = {}
    if memory_copy:
        start = time.perf_counter()
        dump = io.BytesIO()
        raw.dump(dump, ox.RdfFormat.N_QUADS)
        memory = ox.Store()
        memory.bulk_load(dump.getvalue(), ox.RdfFormat.N_QUADS)
        out["memory_copy_load_s"] = time.perf_counter() - start
        del dump
    chosen = choose_parameters(store)
    out["parameters"] = chosen
    out["queries"] = _time_queries(store, raw, memory, api, chosen, budget_s=0.5 if light else (1.0 if quick else 2.0),
                                   light=light)
    out["light"] = light
    out["peak_rss_mb"] = peak_rss_mb()
    store.close()
    return out


def measure_analytics(home: Path, chosen: dict[str, str], *, shacl_limit_s: float | None,
                      analytics_limit_s: float | None) -> dict[str, Any]:
    """The analytics (cold and cached), view generation, and SHACL over the whole store (skipped
    when ``shacl_limit_s`` is 0). Run with no server holding the store, as ``cpgraph`` would."""
    from cpgraph.settings import Settings
    from cpgraph.store import open_store

    settings = Settings(home=home, store=str(home / "store"))
    store = open_store(settings.store_location, settings=settings)
    out = {"analytics": _analytics(store, chosen, analytics_limit_s),
           "views": _views(store, chosen, analytics_limit_s),
           "shacl": _shacl(store, shacl_limit_s), "peak_rss_mb": peak_rss_mb(),
           "store_read_only": bool(getattr(store, "read_only", False))}
    store.close()
    return out


def _time_queries(store, raw, memory, api: str | None, chosen: dict[str, str], *, budget_s: float,
                  light: bool = False) -> dict[str, Any]:
    """Each query variant on pyoxigraph (disk), through ``store``, on ``memory`` and via ``api``
    (``light``: pyoxigraph and the fresh API only)."""
    from bench.api_load import named_query_latency, wait_for_query_workers
    from cpgraph import queries

    out: dict[str, Any] = {}
    settle_s = 300.0  # until a query worker holds the data (in memory, or a snapshot above a size)
    if api:  # every query worker holds the data before any variant is timed
        wait_for_query_workers(api)
    for v in variants(chosen):
        text = _bound_text(v)
        q = queries.get(v.query)
        bindings = q.bindings(v.params)

        def on(engine, text: str = text) -> int:
            return _consume_ox(engine.query(text, use_default_graph_as_union=True))

        def wrapped(q=q, bindings=bindings) -> list:
            return store.select(q.text, bindings)

        out[v.id] = {"query": v.query, "params": v.params, "rows": on(raw),
                     "pyoxigraph": percentiles(repeat(lambda: on(raw), budget_s=budget_s))}
        if not light:
            out[v.id]["store"] = percentiles(repeat(wrapped, budget_s=budget_s))
        if memory is not None:
            out[v.id]["memory"] = percentiles(repeat(lambda: on(memory), budget_s=budget_s))
        if api:
            out[v.id]["api"] = named_query_latency(api, v.query, v.params, budget_s=budget_s, fresh=True,
                                                   settle_s=settle_s)
            if not light:
                out[v.id]["api_cached"] = named_query_latency(api, v.query, v.params, budget_s=0.5, max_runs=20)
    return out


def _analytics(store, chosen: dict[str, str], limit_s: float | None) -> dict[str, Any]:
    from cpgraph.analytics.service import Analytics

    analytics = Analytics(store)
    cold: dict[str, float] = {}
    steps = {"projection": analytics.graph, "gaps": lambda: analytics.gaps(AS_OF),
             "overload": analytics.overload, "coverage": analytics.coverage}
    try:
        for name, fn in steps.items():
            start = time.perf_counter()
            with time_limit(limit_s):
                fn()
            cold[name] = time.perf_counter() - start
    except Overtime as exc:
        return {"cold_s": cold, "skipped": f"{next(n for n in steps if n not in cold)}: {exc}"}
    cached = {name: percentiles(repeat(fn, min_runs=10, max_runs=30, budget_s=1.0)) for name, fn in steps.items()}
    G = analytics.graph()
    return {"cold_s": cold, "cold_total_s": sum(cold.values()),
            "cached_total_p50_ms": sum(c["p50"] for c in cached.values()), "cached": cached,
            "nodes": G.number_of_nodes(), "edges": G.number_of_edges()}


def _views(store, chosen: dict[str, str], limit_s: float | None) -> dict[str, Any]:
    import viz
    from cpgraph.analytics.service import Analytics

    analytics = Analytics(store)
    analytics.graph()
    pledge = next((n for n, d in analytics.graph().nodes(data=True)
                   if d.get("kind") == "pledge" and d.get("council") == chosen["council"]), None)
    focus = {"officer": chosen["post_iri"], "pledge": pledge}
    out: dict[str, Any] = {}
    for kind in viz.VIEW_KINDS:
        start = time.perf_counter()
        try:
            with time_limit(limit_s):
                html = viz.render_view(analytics, kind, focus=focus.get(kind))
        except Overtime as exc:
            out[kind] = {"skipped": str(exc)}
            continue
        except Exception as exc:  # a view that cannot be drawn is a result to report, not a crash
            out[kind] = {"error": f"{type(exc).__name__}: {str(exc)[:160]}"}
            continue
        out[kind] = {"seconds": time.perf_counter() - start, "bytes": len(html.encode("utf-8"))}
    return out


def _shacl(store, limit_s: float | None) -> dict[str, Any]:
    from cpgraph.validate import validate_store

    if limit_s == 0:
        return {"skipped": "not run at this size (see the report)"}
    start = time.perf_counter()
    try:
        with time_limit(limit_s):
            result = validate_store(store)
    except Overtime as exc:
        return {"skipped": str(exc)}
    return {"seconds": time.perf_counter() - start, "conforms": result.conforms,
            "violations": len(result.violations), "warnings": len(result.warnings)}


# --------------------------------------------------------------------------- rdflib baseline


def measure_rdflib(home: Path, chosen: dict[str, str], *, quick: bool, limit_s: float) -> dict[str, Any]:
    """Load the store's dump into rdflib's in-memory Dataset (default graph = union of the named
    graphs) and run each named query on it; a query over ``limit_s`` is stopped and reported."""
    from rdflib import Dataset

    from cpgraph.settings import Settings
    from cpgraph.store import open_store

    settings = Settings(home=home, store=str(home / "store"))
    store = open_store(settings.store_location, settings=settings)
    dump = store.dump("nquads")
    store.close()
    start = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(data=dump, format="nquads")
    load_s = time.perf_counter() - start
    del dump
    out: dict[str, Any] = {"load_s": load_s, "quads": len(ds), "queries": {}}
    for v in variants(chosen):
        text = _bound_text(v, RDFLIB_FORMS.get(v.query))

        def run(text: str = text) -> int:
            return sum(1 for row in ds.query(text) for _ in row)

        try:
            times = repeat(run, min_runs=1, max_runs=5, budget_s=2.0 if quick else 5.0, warmup=0, limit_s=limit_s)
            out["queries"][v.id] = {"rdflib": percentiles(times)}
        except Overtime:
            # a lower bound: the run was stopped, so rdflib takes at least this long
            out["queries"][v.id] = {"rdflib": {"n": 0, "p50": limit_s * 1000, "lower_bound": True},
                                    "note": f"stopped after {limit_s:g} s"}
        except Exception as exc:  # rdflib cannot run every query Oxigraph runs: report which
            out["queries"][v.id] = {"skipped": f"rdflib failed: {type(exc).__name__}: {str(exc)[:120]}"}
    out["peak_rss_mb"] = peak_rss_mb()
    return out


# --------------------------------------------------------------------------- entry point


def main(argv: list[str] | None = None) -> int:
    """Run one task and write its results as JSON (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m bench.measure")
    parser.add_argument("task", choices=["build", "queries", "analytics", "rdflib"])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--params", type=Path, help="the queries task's JSON (analytics and rdflib reuse its parameters)")
    parser.add_argument("--api", help="base URL of a running API server to time the named queries through")
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--serial", action="store_true")
    parser.add_argument("--shacl-limit", type=float, default=None)
    parser.add_argument("--analytics-limit", type=float, default=None)
    parser.add_argument("--query-limit", type=float, default=60.0)
    parser.add_argument("--memory-copy", action="store_true", help="also query an in-memory copy of the store")
    parser.add_argument("--light", action="store_true", help="pyoxigraph and the fresh API only (big corpora)")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    if args.task == "build":
        result = measure_build(args.corpus, args.home, args.jobs, args.serial)
    elif args.task == "queries":
        result = measure_queries(args.home, quick=args.quick, memory_copy=args.memory_copy, api=args.api,
                                 light=args.light)
    else:
        chosen = json.loads(args.params.read_text(encoding="utf-8"))["parameters"]
        if args.task == "analytics":
            result = measure_analytics(args.home, chosen, shacl_limit_s=args.shacl_limit,
                                       analytics_limit_s=args.analytics_limit)
        else:
            result = measure_rdflib(args.home, chosen, quick=args.quick, limit_s=args.query_limit)
    args.out.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
