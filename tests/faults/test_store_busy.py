"""Opening the embedded store beside a process that holds it: RocksDB then opens read-only, and
that open races the holder's compactions ("Corruption: … .sst: No such file"). Seen under load as
a traceback from `cpgraph status` while `cpgraph serve` wrote; now a passing failure is retried
and a lasting one is a one-line StoreUnavailableError."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

import cpgraph.store.disk as store_module
from cpgraph.build import run_build
from cpgraph.errors import StoreUnavailableError
from cpgraph.settings import Settings
from cpgraph.store import open_store
from tests.cli_runner import SEED_PLAN, store_dir

RACE = "Corruption: IO error: No such file or directory: While open a file for random read: 000009.sst"


class _HeldStore:
    """``pyoxigraph.Store`` as seen beside a holder: read-write opens fail on the lock; the
    first ``failures`` read-only opens lose the race with a compaction."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.read_only_calls = 0

    def __call__(self, path: str):
        raise OSError(f"IO error: While lock file: {path}/LOCK: Resource temporarily unavailable")

    def read_only(self, path: str):
        self.read_only_calls += 1
        if self.read_only_calls <= self.failures:
            raise RuntimeError(RACE)
        return ox.Store.read_only(path)


class _Pyoxigraph:
    """The pyoxigraph module with its Store replaced."""

    def __init__(self, fake: _HeldStore) -> None:
        self.Store = fake

    def __getattr__(self, name: str):
        return getattr(ox, name)


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """A built store (one seed)."""
    folder = tmp_path_factory.mktemp("busy")
    run_build(Settings(home=folder), [SEED_PLAN], validate=False)
    return folder


def test_a_read_only_open_that_loses_the_race_is_retried(home, monkeypatch):
    fake = _HeldStore(failures=3)
    monkeypatch.setattr(store_module, "ox", _Pyoxigraph(fake))
    store = open_store(str(store_dir(home)))
    try:
        assert store.read_only and fake.read_only_calls == 4
        assert store.ask("ASK { ?s ?p ?o }")
    finally:
        store.close()


def test_a_store_that_stays_busy_is_one_clear_error(home, monkeypatch):
    fake = _HeldStore(failures=1000)
    monkeypatch.setattr(store_module, "ox", _Pyoxigraph(fake))
    with pytest.raises(StoreUnavailableError) as caught:
        open_store(str(store_dir(home)))
    assert "busy" in caught.value.message and "\n" not in caught.value.message
