"""The build: worker processes give the same store as one process, and a bad document stops a
parallel build cleanly with the previous store intact."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpgraph import paths
from cpgraph.build import PARALLEL_FROM, build_jobs, run_build
from cpgraph.errors import InputError
from cpgraph.settings import Settings
from cpgraph.store import open_store


def quads(store_dir: Path) -> list[str]:
    store = open_store(str(store_dir))
    try:
        return sorted(store.dump("nquads").decode().splitlines())
    finally:
        store.close()


@pytest.fixture(scope="module")
def serial_and_parallel(tmp_path_factory) -> tuple[Path, Path, object, object]:
    base = tmp_path_factory.mktemp("builds")
    one = Settings(home=base / "one", store=str(base / "one" / "store"), build_jobs=1)
    two = Settings(home=base / "two", store=str(base / "two" / "store"), build_jobs=2)
    return base / "one" / "store", base / "two" / "store", run_build(one), run_build(two)


def test_two_workers_build_exactly_what_one_process_builds(serial_and_parallel):
    one_dir, two_dir, one, two = serial_and_parallel
    assert (one.jobs, two.jobs) == (1, 2)
    assert quads(one_dir) == quads(two_dir)
    assert one.triples == two.triples > 10_000
    assert [d.__dict__ for d in one.documents] == [d.__dict__ for d in two.documents]


def test_the_summary_says_where_the_time_went(serial_and_parallel):
    *_, one, two = serial_and_parallel
    for summary in (one, two):
        assert set(summary.stage_seconds) == {"extract", "rdf", "validate", "write", "load"}
        assert all(v >= 0 for v in summary.stage_seconds.values())
        assert summary.stage_seconds["validate"] > 0


def test_small_builds_stay_in_one_process_unless_asked():
    assert build_jobs(Settings(), PARALLEL_FROM - 1) == 1
    assert build_jobs(Settings(build_jobs=3), 2) == 2, "never more workers than documents"
    assert build_jobs(Settings(build_jobs=2), 5) == 2


def test_a_bad_document_stops_a_parallel_build_and_keeps_the_old_store(tmp_path: Path):
    settings = Settings(home=tmp_path, store=str(tmp_path / "store"), build_jobs=2)
    run_build(settings)
    before = quads(tmp_path / "store")
    sources = tmp_path / "sources"
    sources.mkdir()
    for seed in sorted(paths.default_sources_dir().glob("*.txt")):
        (sources / seed.name).write_bytes(seed.read_bytes())
    (sources / "zz-empty.txt").write_bytes(b"")
    with pytest.raises(InputError) as caught:
        run_build(settings, [sources])
    assert "zz-empty.txt" in str(caught.value) and "\n" not in str(caught.value)
    assert quads(tmp_path / "store") == before
