"""Builds and curation writes killed with SIGKILL — no clean-up of any kind can run — at chosen
points and at arbitrary times. Afterwards the store is exactly the previous build or exactly the
new one (never a mix, never empty), the curation file is exactly what it was, and the next build
succeeds and clears away what the killed one left half-written."""

from __future__ import annotations

import functools
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from cpgraph import curation
from cpgraph.build import run_build
from cpgraph.settings import Settings
from cpgraph.store import open_store
from tests.cli_runner import (
    SEED_PLAN,
    copy_home,
    curation_file,
    run_cpgraph,
    start_cpgraph,
    store_dir,
    store_quads,
)

ACTION = "bracknell-forest-action-plan-2025-2028-pledge-1-action-2"
PAUSE_S = 120  # a paused process waits this long for its kill (the test kills it within seconds)


# --- hooks: run inside the cpgraph process, they stop it at a chosen point ----------------------

def _arrive(marker: str) -> None:
    Path(marker).write_text(str(os.getpid()), encoding="utf-8")
    time.sleep(PAUSE_S)


def pause_in_bulk_load(marker: str) -> None:
    """Stop once the new generation's bulk load has been fed its first N-Quads."""
    from cpgraph.store.nquads import NQuadsReader

    original = NQuadsReader.readinto

    def readinto(self, buffer):
        n = original(self, buffer)
        _arrive(marker)
        return n

    NQuadsReader.readinto = readinto


def pause_before_swap(marker: str) -> None:
    """Stop with the new generation complete on disk, before ``current`` points at it."""
    from cpgraph.store import OxigraphDiskStore

    original = OxigraphDiskStore._swap

    def swap(self, gen):
        if gen != "gen-000001":
            _arrive(marker)
        return original(self, gen)

    OxigraphDiskStore._swap = swap


def pause_after_swap(marker: str) -> None:
    """Stop right after ``current`` moved, before older generations are cleared away."""
    from cpgraph.store import OxigraphDiskStore

    original = OxigraphDiskStore._swap

    def swap(self, gen):
        original(self, gen)
        if gen != "gen-000001":
            _arrive(marker)

    OxigraphDiskStore._swap = swap


def pause_before_curation_rename(marker: str) -> None:
    """Stop a curation write with the new file written and synced beside the old one, before
    the rename that replaces it."""
    from cpgraph import atomic

    original = atomic.os.replace

    def replace(src, dst, *args, **kwargs):
        if str(dst).endswith("curation.trig"):
            _arrive(marker)
        return original(src, dst, *args, **kwargs)

    atomic.os.replace = replace


# --- the scenarios -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Kill:
    """Kill ``cpgraph ARGS`` after ``after_s`` seconds or when ``hook`` says it arrived; then the
    store must be the previous one, the new one, or either (``expect``)."""

    name: str
    args: tuple[str, ...]
    expect: str  # "previous" | "new" | "either"
    hook: object = None
    after_s: float | None = None


@dataclass
class Outcome:
    """What was on disk after the kill, and what the next build did."""

    killed_while_running: bool
    current: str
    generations: list[str]
    quads: list[str]
    curation: bytes
    next_build: object
    generations_after_next: list[str]
    quads_after_next: list[str]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Ten synthetic councils' documents (bench.corpus): a build of a few seconds."""
    from bench.corpus import generate

    folder = tmp_path_factory.mktemp("corpus")
    generate(10, folder, seed=8)
    return folder


@pytest.fixture(scope="module")
def small_corpus(corpus, tmp_path_factory) -> Path:
    """Three of them, for the kills at a chosen point (which wait for the whole extraction)."""
    folder = tmp_path_factory.mktemp("small-corpus")
    for path in sorted(corpus.glob("*.txt"))[:3]:
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "catalogue.json").write_bytes((corpus / "catalogue.json").read_bytes())
    return folder


@pytest.fixture(scope="module")
def previous(tmp_path_factory) -> Path:
    """A home with a good store (one seed) and a status a person recorded."""
    home = tmp_path_factory.mktemp("previous")
    settings = Settings(home=home)
    run_build(settings, [SEED_PLAN], validate=False)
    with open_store(str(store_dir(home))) as store:
        curation.report_status(settings, store, curation.item_iri(ACTION), "In progress", "amber", "Tester")
    return home


def _reference(previous: Path, sources: Path, target: Path) -> list[str]:
    home = copy_home(previous, target)
    run_build(Settings(home=home), [sources], validate=False)
    return store_quads(home)


def _generations(home: Path) -> list[str]:
    return sorted(p.name for p in store_dir(home).iterdir() if p.name.startswith("gen-"))


def _scenarios(corpus: Path, small: Path, markers: Path) -> list[Kill]:
    def hooked(name: str, hook) -> Kill:
        return Kill(name, ("build", str(small)), {"pause_after_swap": "new"}.get(hook.__name__, "previous"),
                    functools.partial(hook, str(markers / name)))

    return [
        Kill("at-0.3s", ("build", str(corpus)), "either", after_s=0.3),
        Kill("at-1.2s", ("build", str(corpus)), "either", after_s=1.2),
        Kill("at-2.5s", ("build", str(corpus)), "either", after_s=2.5),
        hooked("in-bulk-load", pause_in_bulk_load),
        hooked("before-swap", pause_before_swap),
        hooked("after-swap", pause_after_swap),
        Kill("curation-before-rename", ("status", ACTION, "Done", "--rag", "green", "--by", "Tester"), "previous",
             functools.partial(pause_before_curation_rename, str(markers / "curation-before-rename"))),
    ]


def _run(kill: Kill, home: Path, markers: Path) -> Outcome:
    running = start_cpgraph(home, *kill.args, hook=kill.hook)
    if kill.after_s is not None:
        time.sleep(kill.after_s)
    else:
        marker = markers / kill.name
        deadline = time.monotonic() + PAUSE_S
        while not marker.exists() and running.process.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), f"{kill.name}: the process never reached its pause: {running.wait(10)}"
    alive = running.process.is_alive()
    running.kill()
    current, generations = os.readlink(store_dir(home) / "current"), _generations(home)
    quads, saved = store_quads(home), curation_file(home).read_bytes()
    after = run_cpgraph(home, "build", SEED_PLAN, "--no-validate")
    return Outcome(alive, current, generations, quads, saved, after, _generations(home), store_quads(home))


@pytest.fixture(scope="module")
def outcomes(previous, corpus, small_corpus, tmp_path_factory) -> tuple[dict[str, Outcome], dict[str, list[str]]]:
    """Every scenario, each in its own copy of the previous home, all at once; and the stores
    they may legitimately leave (previous, new from the big and the small corpus)."""
    markers = tmp_path_factory.mktemp("markers")
    kills = _scenarios(corpus, small_corpus, markers)
    homes = {k.name: copy_home(previous, tmp_path_factory.mktemp(k.name) / "home") for k in kills}
    with ThreadPoolExecutor(max_workers=len(kills) + 2) as pool:
        ref_big = pool.submit(_reference, previous, corpus, tmp_path_factory.mktemp("ref-big") / "home")
        ref_small = pool.submit(_reference, previous, small_corpus, tmp_path_factory.mktemp("ref-small") / "home")
        done = {k.name: pool.submit(_run, k, homes[k.name], markers) for k in kills}
        results = {name: future.result() for name, future in done.items()}
        refs = {"previous": store_quads(previous), "big": ref_big.result(), "small": ref_small.result()}
    return results, refs


EXPECT = {
    "at-0.3s": ("big", "either"), "at-1.2s": ("big", "either"), "at-2.5s": ("big", "either"),
    "in-bulk-load": ("small", "previous"), "before-swap": ("small", "previous"), "after-swap": ("small", "new"),
    "curation-before-rename": ("small", "previous"),
}
"""Per scenario: which corpus it builds, and which store it may leave."""
KILLS = list(EXPECT)


@pytest.mark.parametrize("name", KILLS)
def test_a_killed_process_leaves_the_previous_store_or_the_new_one(outcomes, previous, name):
    results, refs = outcomes
    outcome = results[name]
    corpus, expect = EXPECT[name]
    allowed = {"previous": [refs["previous"]], "new": [refs[corpus]],
               "either": [refs["previous"], refs[corpus]] if outcome.killed_while_running else [refs[corpus]]}[expect]
    assert outcome.quads in allowed, (
        f"the store after the kill is neither {' nor '.join(k for k in ('previous', corpus) if refs[k] in allowed)}: "
        f"{len(outcome.quads)} quads")
    assert outcome.curation == curation_file(previous).read_bytes(), "the curation file changed"


@pytest.mark.parametrize("name", KILLS)
def test_the_next_build_succeeds_and_clears_the_half_built_generation(outcomes, name):
    results, refs = outcomes
    outcome = results[name]
    assert outcome.next_build.returncode == 0, outcome.next_build.stderr
    assert "Traceback" not in outcome.next_build.stderr
    assert outcome.quads_after_next == refs["previous"]  # the seed again, with the curated status
    assert len(outcome.generations_after_next) <= 2, outcome.generations_after_next


def test_the_chosen_points_were_really_hit(outcomes, previous):
    results, _ = outcomes
    before = os.readlink(store_dir(previous) / "current")
    for name in ("in-bulk-load", "before-swap"):  # a newer generation was on disk, not yet current
        outcome = results[name]
        assert outcome.current == before and outcome.generations[-1] > before, (name, outcome.generations)
    swapped = results["after-swap"]
    assert swapped.current > before and before in swapped.generations  # the old one kept for readers


def test_the_timed_kills_hit_running_builds(outcomes):
    # At least the early kills must land mid-build, or the timed scenarios prove nothing.
    results, _ = outcomes
    assert results["at-0.3s"].killed_while_running and results["at-1.2s"].killed_while_running


def test_the_previous_store_really_differs_from_the_new_ones(outcomes):
    _, refs = outcomes
    assert refs["previous"] != refs["small"] != refs["big"]
    assert len(refs["big"]) > len(refs["small"]) > 1000
    assert any("In progress" in q for q in refs["small"])  # a build keeps the curation
