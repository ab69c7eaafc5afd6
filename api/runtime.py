"""What the running service holds: the store, the analytics over it, and the SPARQL workers, kept
current when a build swaps in a new store generation or someone curates from the command line."""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from api.lookups import plain
from api.sparql_worker import ROWS, Dataset, Job, QueryPool
from cpgraph import curation
from cpgraph.errors import StoreUnavailableError
from cpgraph.namespace import CURATION_GRAPH
from cpgraph.settings import Settings
from cpgraph.store import Bindings, Store, bind, open_store

log = logging.getLogger("cpgraph.api")

_CHECK_EVERY_S = 0.5
_SNAPSHOTS = ".snapshots"  # inside the store folder: hard links need the same file system
_SETTLE_S = 3.0  # how long a read-only worker keeps taking snapshots after the curation file changed


@dataclass(frozen=True)
class Selected:
    """Rows of a SELECT (variable -> plain JSON value): at most the row cap, whether more were
    cut, and where they came from ("memory": a query worker's in-memory copy of the current data;
    "snapshot": a query worker's read-only copy of it on disk; "store": the store itself)."""

    rows: list[dict[str, object]]
    truncated: bool
    source: str


class Runtime:
    """The store and everything derived from it, for one app.

    ``version`` grows whenever what the store holds changes (a new generation, curation written
    here or picked up from the curation file); SPARQL workers and analytics follow it.
    """

    def __init__(self, settings: Settings, store: Store | None = None) -> None:
        self.settings = settings
        self._store = store
        self._lock = threading.RLock()
        self._dumping = threading.Lock()
        self._fits: tuple[str, bool] | None = None  # (dataset key, small enough for in-memory copies)
        self._checked = 0.0
        self.version = 0
        self._generation: str | None = None
        self._curation_mtime: tuple[int, int, int] | None = None
        self._fresh_until = 0.0
        self._made: Dataset | None = None  # what the workers were last given to load
        self._analytics = None
        self.pool: QueryPool | None = None
        self.remote = settings.store_location.lower().startswith(("http://", "https://"))

    # -- the store ------------------------------------------------------------------------------

    def open(self) -> None:
        """Open the store (if not given) and start the SPARQL workers."""
        with self._lock:
            if self._store is None:
                self._store = open_store(self.settings.store_location, settings=self.settings)
            self._generation = self._read_generation()
            self._curation_mtime = self._file_mtime()
            self._remove_snapshots(lambda pid, _: not _alive(pid))  # left by a process that died
            if self.pool is None:
                self.pool = QueryPool(self.dataset, size=max(1, self.settings.query_workers),
                                      timeout_s=self.settings.query_timeout_s,
                                      row_cap=self.settings.query_row_cap)

    def close(self) -> None:
        """Stop the workers and release the store."""
        with self._lock:
            if self.pool is not None:
                self.pool.close()
                self.pool = None
            if self._store is not None:
                self._remove_snapshots(lambda pid, _: pid == os.getpid())
                self._store.close()
                self._store = None

    def _read_generation(self) -> str | None:
        generation = getattr(self._store, "generation", None)
        return generation() if callable(generation) else None

    def _file_mtime(self) -> tuple[int, int, int] | None:
        # Inode too: every curation write renames a new file into place, so two writes within
        # one tick of the file system's clock still look different.
        try:
            stat = self.settings.curation_file.stat()
        except OSError:
            return None
        return stat.st_ino, stat.st_mtime_ns, stat.st_size

    def store(self) -> Store:
        """The store, refreshed when a build elsewhere swapped in a new generation or the curation
        file was changed by another process (checked at most twice a second)."""
        with self._lock:
            if self._store is None:
                raise StoreUnavailableError("the service is not started")
            now = time.monotonic()
            if now - self._checked >= _CHECK_EVERY_S:
                self._checked = now
                self._follow_changes()
            return self._store

    def _follow_changes(self) -> None:
        now = time.monotonic()
        mtime = self._file_mtime()
        if getattr(self._store, "read_only", False) and mtime != self._curation_mtime:
            # Another process holds the store and applies the curation file to it: take fresh
            # snapshots for a few seconds, until that write has surely landed.
            self._curation_mtime = mtime
            self._fresh_until = now + _SETTLE_S
        refresh = getattr(self._store, "refresh", None)
        reopened = bool(refresh(snapshot=now < self._fresh_until)) if callable(refresh) else False
        generation = self._read_generation()
        if generation != self._generation:
            self._generation = generation
            # The new generation holds the curation file as the build read it; a write since then
            # is applied at the next check.
            self._curation_mtime = None if mtime is None else (-1, -1, -1)
            self.changed()
        elif getattr(self._store, "read_only", False):
            if reopened:
                self.changed()
        elif mtime != self._curation_mtime:
            self._curation_mtime = mtime
            self.apply_curation()

    def apply_curation(self) -> None:
        """Load the curation file into the store's curation graph (another process wrote it)."""
        with self._lock:
            # Stamp before reading: a write landing while this one is applied leaves the stamp
            # stale, so the next check applies the file again instead of losing that write.
            stamp = self._file_mtime()
            graph = curation.load_graph(self.settings.curation_file)
            if getattr(self._store, "read_only", False):
                return  # a build elsewhere holds the store: its next generation carries the file
            self._store.replace_graphs({str(CURATION_GRAPH): graph})
            self._curation_mtime = stamp
            self.changed()

    def changed(self) -> None:
        """Note that the store's content changed: analytics and workers start afresh."""
        with self._lock:
            self.version += 1
            self._made = None
            if self._analytics is not None:
                self._analytics.invalidate()

    def dataset_key(self) -> str:
        """The name of what the store holds now: a query worker's copy is current when its key
        is this one."""
        self.store()
        return "remote" if self.remote else f"v{self.version}"

    def dataset(self) -> Dataset:
        """What the SPARQL workers should hold now: the URL of a remote store; for a store of at
        most ``memory_copy_max_quads`` quads its content, which each worker loads into memory
        (several times faster to query); above that, a read-only snapshot of the store on disk,
        which each worker opens where it is (in memory a national store would cost gigabytes per
        worker, and dumping it most of a minute). A store that cannot be snapshot (read-only:
        another process holds it) is copied into memory whatever its size."""
        key = self.dataset_key()
        if self.remote:
            return Dataset(key=key, remote=self.settings.store_location)
        made = self._made
        if made is not None and made.key == key:  # current: no need to queue behind one in the making
            return made
        with self._dumping:  # one at a time (the background load and a /sparql query may both ask)
            with self._lock:
                made = self._made
            if made is None or made.key != key:
                # Made outside the main lock: a dump takes seconds at national scale, and every
                # request takes that lock to reach the store. The key was read first, so a change
                # landing meanwhile leaves this copy labelled older than it is: it is loaded again.
                made = self._make_dataset(key)
                with self._lock:
                    self._made = made
        return made

    def _make_dataset(self, key: str) -> Dataset:
        store = self.store()
        if not self._copy_fits() and callable(getattr(store, "snapshot", None)):
            try:
                return Dataset(key=key, snapshot=self._snapshot(store, key))
            except StoreUnavailableError as exc:
                log.info("query workers load a copy of the store into memory: %s", exc)
        return Dataset(key=key, nquads=store.dump("nquads"))

    def _snapshot_dir(self) -> Path | None:
        location = getattr(self._store, "location", None)
        if not location or self.remote or location == ":memory:":
            return None
        return Path(os.path.expanduser(location)) / _SNAPSHOTS

    def _snapshot(self, store: Store, key: str) -> str:
        """A read-only copy of ``store`` for the workers, named after this process and ``key``;
        this process's older ones are removed but for the previous (a worker may still be on it)."""
        folder = self._snapshot_dir()
        if folder is None:
            raise StoreUnavailableError("this store has no folder to hold a snapshot")
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{os.getpid()}-{key}"
        shutil.rmtree(target, ignore_errors=True)  # a process that had this number before
        store.snapshot(target)
        previous = self._made.snapshot if self._made is not None else None
        keep = {target.name, Path(previous).name if previous else None}
        self._remove_snapshots(lambda pid, name: pid == os.getpid() and name not in keep)
        return str(target)

    def _remove_snapshots(self, doomed) -> None:
        """Delete the snapshot folders for which ``doomed(pid, name)`` holds."""
        folder = self._snapshot_dir()
        if folder is None or not folder.is_dir():
            return
        for entry in folder.iterdir():
            pid, _, _ = entry.name.partition("-")
            if pid.isdigit() and doomed(int(pid), entry.name):
                shutil.rmtree(entry, ignore_errors=True)

    def select(self, query: str, bindings: Bindings | None = None) -> Selected:
        """The rows of a SELECT ``query`` with ``bindings`` bound, as plain JSON values, at most
        the row cap.

        They come from an idle query worker holding the current data (its in-memory copy, or its
        read-only snapshot on disk for a large store; stopped at the named-query time limit);
        otherwise from the store itself, while the workers start loading the current data in the
        background so that later queries need not wait.
        """
        cap = self.settings.query_row_cap
        pool = self.pool
        key = self.dataset_key()
        if pool is not None and not self.remote:
            answer = pool.run_loaded(Job(bind(query, bindings), "SELECT", ROWS), key,
                                     timeout_s=self.settings.named_query_timeout_s)
            if answer is not None:
                made = self._made
                return Selected(answer.rows or [], answer.truncated,
                                "snapshot" if made is not None and made.snapshot else "memory")
            pool.warm()
        rows = self.store().select(query, bindings)
        return Selected([{k: plain(v) for k, v in r.items()} for r in rows[:cap]], len(rows) > cap, "store")

    def _copy_fits(self) -> bool:
        """Whether the store is small enough for the query workers to hold it in memory (at most
        ``memory_copy_max_quads``). Counted once per version, off the request path."""
        key = self.dataset_key()
        fits = self._fits
        if fits is not None and fits[0] == key:
            return fits[1]
        small = len(self.store()) <= self.settings.memory_copy_max_quads
        with self._lock:
            self._fits = (key, small)
        return small

    # -- analytics ------------------------------------------------------------------------------

    def analytics(self):
        """The analytics facade over the store (cached between changes)."""
        store = self.store()
        with self._lock:
            if self._analytics is None:
                try:
                    from cpgraph.analytics.service import Analytics
                except ImportError as exc:
                    raise StoreUnavailableError("the analytics module is not installed") from exc
                self._analytics = Analytics(store)
            return self._analytics


def _alive(pid: int) -> bool:
    """Whether a process ``pid`` exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        pass
    return True
