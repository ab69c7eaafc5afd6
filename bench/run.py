"""The benchmark, in one command: ``python -m bench.run [--sizes 5,150,1500] [--quick]``.

For each corpus size (5 = the seed documents; larger sizes add councils from
:mod:`bench.corpus` to the seeds) it measures, side by side in one run: the build stages and
peak memory, each named query on pyoxigraph directly, through cpgraph's store, through the REST
API and on rdflib's in-memory store, the analytics cold and cached, view generation, SHACL over
the store, and the API under concurrent load on posts' JSON pages. Each measurement that holds
data runs in its own child process, so memory and caches never mix between sizes. Results go to
``docs/benchmarks.md`` (replaced atomically) and, in full, to ``<work>/results.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import api_load
from bench.corpus import CATALOGUE, generate

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "sources"
DEFAULT_SIZES = (5, 150, 1500)
RDFLIB_MAX_COUNCILS = 150
"""Above this size the rdflib baseline is not run: loading millions of triples into rdflib takes
minutes and gigabytes, and its SPARQL engine would need hours for the named queries."""
SHACL_MAX_COUNCILS = 150
"""Above this size SHACL over the whole store is not run (pyshacl holds and walks an rdflib copy
of everything); the build's per-document validation is sampled and scaled instead."""
OTHER_PAGES_MAX_COUNCILS = 150
"""Above this size the other pages are not each computed once: some national lists take minutes
uncomputed, and the posts' pages under load are what is measured there."""


class Budget:
    """The wall-clock budget of the whole run: steps ask how much is left and skip when none."""

    def __init__(self, minutes: float) -> None:
        self.deadline = time.monotonic() + minutes * 60
        self.started = time.monotonic()

    def left(self) -> float:
        """Seconds left (never negative)."""
        return max(0.0, self.deadline - time.monotonic())

    def elapsed(self) -> float:
        """Seconds since the run started."""
        return time.monotonic() - self.started


def prepare_corpus(size: int, folder: Path, seed: int) -> dict[str, Any]:
    """Fill ``folder`` with ``size`` councils' documents: the seeds (the first ``size`` of them
    when ``size`` <= 5), plus generated councils beyond five; one catalogue naming them all."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    seeds = sorted(p for p in SEEDS.iterdir() if p.suffix == ".txt")
    extra = max(0, size - len(seeds))
    if extra:
        generate(extra, folder, seed)
    catalogue = json.loads((folder / CATALOGUE).read_text(encoding="utf-8")) if extra else {}
    seed_catalogue = json.loads((SEEDS / CATALOGUE).read_text(encoding="utf-8"))
    for path in seeds[:size]:
        shutil.copyfile(path, folder / path.name)
        catalogue[path.name] = seed_catalogue.get(path.name, {})
    (folder / CATALOGUE).write_text(json.dumps(catalogue, indent=1) + "\n", encoding="utf-8")
    docs = [p for p in folder.iterdir() if p.suffix == ".txt"]
    return {"councils": size, "documents": len(docs), "generated": extra,
            "bytes": sum(p.stat().st_size for p in docs)}


def _child(task: str, args: list[str], *, out: Path, log: Path, timeout: float) -> dict[str, Any]:
    """Run ``bench.measure TASK`` in a fresh interpreter; its JSON, or {"skipped": why}."""
    if timeout <= 5:
        return {"skipped": "the run's time budget was spent"}
    cmd = [sys.executable, "-m", "bench.measure", task, "--out", str(out), *args]
    code = _run_logged(cmd, log, timeout)
    if code is None:
        return {"skipped": f"stopped after {timeout:.0f} s (time budget)"}
    if code != 0 or not out.is_file():
        return {"error": f"exit {code}; see {log}"}
    return json.loads(out.read_text(encoding="utf-8"))


def _run_logged(cmd: list[str], log: Path, timeout: float) -> int | None:
    """Run ``cmd`` from the repository with its output appended to ``log`` (after the command
    line); its exit code, or None if it was stopped at ``timeout`` seconds."""
    with open(log, "ab") as fh:
        fh.write(f"\n$ {' '.join(cmd)}\n".encode())
        fh.flush()
        try:
            return subprocess.run(cmd, stdout=fh, stderr=subprocess.STDOUT, cwd=ROOT, timeout=timeout).returncode
        except subprocess.TimeoutExpired:
            return None


def _load_avg() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def run_size(size: int, work: Path, *, seed: int, quick: bool, budget: Budget) -> dict[str, Any]:
    """Every measurement at one corpus size."""
    print(f"[{budget.elapsed():6.0f} s] {size} councils: corpus", flush=True)
    result: dict[str, Any] = {"councils": size, "load_avg_before": _load_avg(), "skipped": []}
    corpus, home = work / f"corpus-{size}", work / f"home-{size}"
    result["corpus"] = prepare_corpus(size, corpus, seed)
    if home.exists():
        shutil.rmtree(home)
    home.mkdir(parents=True)
    log = work / f"log-{size}.txt"
    print(f"[{budget.elapsed():6.0f} s] {size} councils: build", flush=True)
    # side by side: the same build in one process after it, up to 150 councils
    serial = ["--serial"] if size <= SHACL_MAX_COUNCILS else []
    result["build"] = _child("build", ["--corpus", str(corpus), "--home", str(home), *serial],
                             out=home / "build.json", log=log, timeout=budget.left())
    if "quads" not in result["build"]:
        result["skipped"].append(f"everything after the build: {result['build']}")
        return result

    print(f"[{budget.elapsed():6.0f} s] {size} councils: named queries (pyoxigraph, store, memory, API)", flush=True)
    big = size > RDFLIB_MAX_COUNCILS
    extra = (["--quick"] if quick else []) + (["--light"] if big else ["--memory-copy"])
    if big:
        result["skipped"].append("named queries: pyoxigraph and the fresh API only, each timed once when slower "
                                 "than 0.5 s (no store wrapper, in-memory copy or cached API at this size)")
    try:
        with api_load.serve(home, workers=1, log=log) as base:
            result["queries"] = _child("queries", ["--home", str(home), "--api", base, *extra],
                                       out=home / "queries.json", log=log, timeout=budget.left())
    except RuntimeError as exc:  # the server would not start: time the queries without it
        result["skipped"].append(f"named queries through the API: {exc}")
        result["queries"] = _child("queries", ["--home", str(home), *extra],
                                   out=home / "queries.json", log=log, timeout=budget.left())
    if "parameters" not in result["queries"]:
        result["skipped"].append(f"everything after the named queries: no parameters ({result['queries']})")
        return result

    print(f"[{budget.elapsed():6.0f} s] {size} councils: analytics, views, SHACL", flush=True)
    shacl = ["--shacl-limit", "0"] if size > SHACL_MAX_COUNCILS else ["--shacl-limit", "240"]
    if size > SHACL_MAX_COUNCILS:
        result["skipped"].append(f"SHACL over the whole store: not run above {SHACL_MAX_COUNCILS} councils "
                                 "(pyshacl validates an rdflib copy of every triple; see the build's sampled time)")
    result["analytics"] = _child("analytics", ["--home", str(home), "--params", str(home / "queries.json"),
                                               "--analytics-limit", "300", *shacl],
                                 out=home / "analytics.json", log=log, timeout=budget.left())

    print(f"[{budget.elapsed():6.0f} s] {size} councils: REST API under load", flush=True)
    try:
        result["api"] = measure_api(home, quick=quick, log=log, budget=budget,
                                    other_pages=size <= OTHER_PAGES_MAX_COUNCILS)
    except Exception as exc:  # the API failing is a finding to report, not a reason to lose the run
        result["api"] = {"error": f"{type(exc).__name__}: {exc}"}

    if size > OTHER_PAGES_MAX_COUNCILS:
        result["skipped"].append(f"other pages each computed once: not run above {OTHER_PAGES_MAX_COUNCILS} "
                                 "councils (national lists such as the agencies take minutes uncached)")
    if size > RDFLIB_MAX_COUNCILS:
        result["skipped"].append(f"rdflib baseline: not run above {RDFLIB_MAX_COUNCILS} councils (loading "
                                 "the dump into rdflib takes minutes and gigabytes; its queries would take hours)")
    else:
        print(f"[{budget.elapsed():6.0f} s] {size} councils: rdflib baseline", flush=True)
        limit = "10" if quick else "20"
        result["rdflib"] = _child("rdflib", ["--home", str(home), "--params", str(home / "queries.json"),
                                             "--query-limit", limit] + (["--quick"] if quick else []),
                                  out=home / "rdflib.json", log=log, timeout=min(budget.left(), 900))
    if size <= RDFLIB_MAX_COUNCILS and budget.left() > 300:
        print(f"[{budget.elapsed():6.0f} s] {size} councils: family tree in headless Chromium", flush=True)
        result["browser"] = browser_views(corpus, home, log=log, timeout=min(budget.left() - 60, 600))
    result["load_avg_after"] = _load_avg()
    return result


def browser_views(corpus: Path, home: Path, *, log: Path, timeout: float) -> dict[str, Any]:
    """``bench.views`` (the views' own benchmark): the family tree of ``corpus`` opened in headless
    Chromium until its layout settles, three times; {"skipped": why} if it cannot run."""
    out = home / "browser.json"
    cmd = [sys.executable, "-m", "bench.views", "--sources", str(corpus), "--runs", "3", "--json", str(out)]
    code = _run_logged(cmd, log, timeout)
    if code is None:
        return {"skipped": f"stopped after {timeout:.0f} s"}
    if code != 0 or not out.is_file():
        return {"skipped": f"bench.views exited with {code}; see {log}"}
    return json.loads(out.read_text(encoding="utf-8"))


def measure_api(home: Path, *, quick: bool, log: Path, budget: Budget, other_pages: bool = True) -> dict[str, Any]:
    """The cold service time of posts' JSON pages (one uvicorn worker, nothing cached yet), then
    load on those pages with one and with two workers, after a warm-up that is not measured."""
    out: dict[str, Any] = {"load": {}}
    duration = 5.0 if quick else 20.0
    paths: list[str] = []
    with api_load.serve(home, workers=1, log=log) as base:
        pages = api_load.pick_post_pages(base)
        out["pages"] = pages
        paths = [p["path"] for p in pages]
        if paths and budget.left() > 60:
            out["cold_pages"] = api_load.cold_pages(base, paths)
        if other_pages and budget.left() > 120:
            out["other_pages"] = api_load.each_page_once(base, api_load.resource_pages(base),
                                                         limit_s=min(600, budget.left() / 3))
        if budget.left() > 120:
            out["load"]["1 worker"] = _load(base, paths, duration / 2, home)
    if paths and budget.left() > 60:
        with api_load.serve(home, workers=2, log=log) as base:
            out["load"]["2 workers"] = _load(base, paths, duration, home)
    return out


def _load(base: str, paths: list[str], duration: float, home: Path) -> dict[str, Any]:
    """A warm-up (until every worker answers every page from its cache; not measured), then the load."""
    warm = api_load.warm_up(base, paths)
    result = api_load.load_test(base, paths, connections=16, duration_s=duration, max_requests=10_000, log_dir=home)
    return {**result, "warm_up": warm}


def merge(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The first run's results, with the sizes it did not complete taken from later runs; each
    size taken from another run carries that run's start time and command (``from_run``)."""
    merged = {**runs[0], "sizes": dict(runs[0]["sizes"])}
    for run in runs[1:]:
        for size, result in run["sizes"].items():
            done = merged["sizes"].get(size, {})
            if "quads" not in done.get("build", {}):
                merged["sizes"][size] = {**result, "from_run": {"started": run["started"], "command": run["command"],
                                                                "elapsed_s": run.get("elapsed_s")}}
    return merged


def machine() -> dict[str, Any]:
    """The machine and the versions of what is measured."""
    from importlib.metadata import PackageNotFoundError, version

    cpu = next((line.split(":", 1)[1].strip() for line in _read("/proc/cpuinfo").splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    mem_kb = next((int(line.split()[1]) for line in _read("/proc/meminfo").splitlines()
                   if line.startswith("MemTotal:")), 0)
    versions = {"python": platform.python_version()}
    for package in ("pyoxigraph", "rdflib", "pyshacl", "networkx", "fastapi", "uvicorn", "httpx"):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = "not installed"
    wrk = shutil.which("wrk")
    if wrk:
        done = subprocess.run([wrk, "--version"], capture_output=True, text=True)
        versions["wrk"] = (done.stdout or done.stderr).split()[1] if (done.stdout or done.stderr).split() else "?"
    return {"nproc": os.cpu_count(), "memory_gib": round(mem_kb / 1024 / 1024, 1), "cpu": cpu,
            "system": f"{platform.system()} {platform.release()}", "versions": versions}


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and write ``docs/benchmarks.md``; exit 2 on bad arguments."""
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="corpus sizes in councils, comma-separated (default 5,150,1500)")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and shorter loads (a smoke run)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed number (default 0)")
    parser.add_argument("--budget-min", type=float, default=25.0, help="stop measuring after this many minutes")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "cpgraph-bench",
                        help="folder for corpora, stores and logs (default: a folder in the temp dir)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md", help="the report to write")
    parser.add_argument("--from-results", type=Path, nargs="+", metavar="RESULTS.json",
                        help="only write the report again from a run's results.json; sizes missing from the "
                             "first are taken from the others (each labelled with its own run)")
    args = parser.parse_args(argv)
    from bench.report import render, write

    if args.from_results:
        write(args.out, render(merge([json.loads(p.read_text(encoding="utf-8")) for p in args.from_results])))
        print(f"wrote {args.out}")
        return 0
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        print(f"error: --sizes takes whole numbers separated by commas, not {args.sizes!r}", file=sys.stderr)
        return 2
    if not sizes or any(s < 1 for s in sizes):
        print("error: every size must be at least 1 council", file=sys.stderr)
        return 2

    args.work.mkdir(parents=True, exist_ok=True)
    budget = Budget(args.budget_min)
    results: dict[str, Any] = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": "python -m bench.run " + " ".join(argv if argv is not None else sys.argv[1:]),
        "quick": args.quick, "seed": args.seed, "machine": machine(), "sizes": {},
    }
    for size in sizes:
        results["sizes"][str(size)] = run_size(size, args.work, seed=args.seed, quick=args.quick, budget=budget)
        (args.work / "results.json").write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    results["elapsed_s"] = budget.elapsed()
    (args.work / "results.json").write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    write(args.out, render(results))
    print(f"[{budget.elapsed():6.0f} s] wrote {args.out} (raw results: {args.work / 'results.json'})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
