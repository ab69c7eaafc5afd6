"""How long a view takes to open: the family tree of the whole seed corpus (or of any folder of
documents) rendered by cpgraph and laid out in headless Chromium, from navigation start to
vis-network's ``stabilizationIterationsDone`` (when the page stops the physics).

Measured, not asserted: the numbers are printed (and written as JSON with ``--json``) for the
benchmarks page. The page is opened from ``file://`` with every other request aborted.

``python -m bench.views [--sources DIR] [--runs N] [--kind KIND] [--json FILE]``
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def build(sources: list[Path] | None, home: Path):
    """Build ``sources`` (default: the seed corpus) into a store under ``home``; its analytics."""
    from cpgraph.analytics.service import Analytics
    from cpgraph.build import run_build
    from cpgraph.settings import Settings
    from cpgraph.store import open_store

    settings = Settings(home=home)
    run_build(settings, sources, validate=False)
    return Analytics(open_store(settings.store_location))


def settle_times(page_path: Path, runs: int) -> list[dict]:
    """Open ``page_path`` ``runs`` times in a fresh headless Chromium page each; per run the
    milliseconds from navigation start to the end of stabilisation, and the wall time."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1500, "height": 950})
                page.route("**/*", lambda route: route.continue_()
                           if route.request.url.startswith("file://") else route.abort())
                started = time.perf_counter()
                page.goto(page_path.as_uri())
                page.wait_for_selector('body[data-ready="1"]', state="attached", timeout=120_000)
                wall = time.perf_counter() - started
                settled_at, script_ms = page.evaluate("[cpgraph.settledAt, cpgraph.settleMs]")
                out.append({"settled_ms": settled_at, "layout_ms": script_ms,
                            "wall_ms": round(wall * 1000)})
                page.close()
        finally:
            browser.close()
    return out


def main(argv: list[str] | None = None) -> int:
    """Measure and print; exit 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, help="documents to build (default: the seeds)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--kind", default="family-tree")
    parser.add_argument("--focus")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)

    import viz

    with tempfile.TemporaryDirectory(prefix="cpgraph-bench-views-") as tmp:
        started = time.perf_counter()
        analytics = build([args.sources] if args.sources else None, Path(tmp) / "home")
        built_s = time.perf_counter() - started
        started = time.perf_counter()
        view = viz.build_view(analytics, args.kind, focus=args.focus)
        html = viz.page.render(view)
        render_s = time.perf_counter() - started
        page_path = Path(tmp) / f"{args.kind}.html"
        page_path.write_text(html, encoding="utf-8")
        runs = settle_times(page_path, args.runs)
        analytics.store.close()
    settled = [r["settled_ms"] for r in runs]
    result = {
        "view": args.kind, "sources": str(args.sources or "seed corpus"),
        "nodes": len(view.nodes), "edges": len(view.edges), "summary": bool(view.notes),
        "page_bytes": len(html.encode("utf-8")), "build_s": round(built_s, 2),
        "render_s": round(render_s, 3), "runs": runs,
        "settled_ms_median": statistics.median(settled), "settled_ms_max": max(settled),
    }
    print(f"{args.kind} of {result['sources']}: {result['nodes']} nodes, {result['edges']} edges, "
          f"{result['page_bytes'] / 1e6:.2f} MB page, generated in {render_s:.3f} s")
    print(f"open → stabilizationIterationsDone in headless Chromium: median "
          f"{result['settled_ms_median']:.0f} ms, max {result['settled_ms_max']} ms "
          f"over {len(runs)} runs")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
