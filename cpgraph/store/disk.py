"""The embedded store on disk: a folder of generations, rebuilt atomically, with snapshots."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox

from cpgraph.errors import InputError, StoreUnavailableError
from cpgraph.store.embedded import OxigraphStore
from cpgraph.store.nquads import NQuadsReader
from cpgraph.store.terms import GraphData, fsync_dir, named_node, one_line

try:  # POSIX only; without it concurrent builds are not guarded against each other
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

READ_ONLY_RETRY_S = 30.0
"""How often a store opened read-only beside another process tries to open read-write again."""
_READ_ONLY_ATTEMPTS = 8  # opening read-only beside a writer races its compactions (see _open_read_only)


class OxigraphDiskStore(OxigraphStore):
    """An embedded Oxigraph store in a folder of generations, rebuilt atomically.

    The folder holds ``gen-000001/``, ``gen-000002/`` … (each an Oxigraph database) and a
    symlink ``current`` naming the live one. A full rebuild (``replace_graphs(...,
    drop_others=True)``) writes a new generation with bulk loading, then swaps ``current`` in one
    ``os.replace``: a build killed midway leaves ``current`` on the old generation, and the next
    build deletes the half-built one. The previous generation is kept (a server may still be
    reading it), older ones are deleted. Other writes change the live generation in place, in
    one transaction.

    Oxigraph (RocksDB) lets one process open a database read-write. If another process holds
    it (say ``cpgraph serve``), this store opens it read-only: queries answer from a snapshot
    taken at opening, full rebuilds still work (they write a new generation), in-place writes
    raise StoreUnavailableError. :meth:`refresh` reopens after a rebuild elsewhere.
    """

    LINK = "current"
    _GEN = re.compile(r"gen-(\d{6,})")

    def __init__(self, location: str | os.PathLike[str]) -> None:
        self.location = str(location)
        self._dir = Path(os.path.expanduser(self.location))
        self._store = None
        self._gen = ""
        self._opened_at = 0.0
        self._mutex = threading.RLock()
        try:
            if self._dir.exists() and not self._dir.is_dir():
                raise StoreUnavailableError(f"the store location {self.location} is a file, not a folder")
            self._dir.mkdir(parents=True, exist_ok=True)
            if self._current() is None:
                with self._build_lock():
                    if self._current() is None:
                        self._initialise()
            self._open(self._current() or "")
        except OSError as exc:
            raise StoreUnavailableError(one_line(f"the store at {self.location} cannot be opened: {exc}")) from None

    # -- generations --------------------------------------------------------------------------

    def generation(self) -> str:
        """The name of the generation this object reads (e.g. ``"gen-000002"``)."""
        return self._gen

    def refresh(self, *, snapshot: bool = False) -> bool:
        """Reopen if ``current`` moved. A read-only store (another process holds the database)
        also reopens when ``snapshot`` asks for a fresh view of that process's writes, and every
        :data:`READ_ONLY_RETRY_S` seconds to try read-write again. Returns True if it reopened.
        Cheap when nothing changed: one readlink."""
        with self._mutex:
            if self._store is None:
                return False
            live = self._current()
            if live is None:
                return False
            if live == self._gen:
                if not self.read_only:
                    return False
                if not snapshot and time.monotonic() - self._opened_at < READ_ONLY_RETRY_S:
                    return False
            try:
                self._open(live)
            except OSError as exc:
                raise StoreUnavailableError(one_line(f"the store at {self.location} cannot be opened: {exc}")) from None
            return True

    def snapshot(self, target: str | os.PathLike[str]) -> None:
        """Make ``target`` (a folder that must not exist yet) an independent copy of what the
        store holds now, which :func:`pyoxigraph.Store.read_only` can open while this store keeps
        changing: an Oxigraph backup, made of hard links, so it takes milliseconds and little
        disk at any size. StoreUnavailableError when this store is read-only (another process
        holds the database and may change it under the copy)."""
        with self._mutex:
            if self.read_only:
                raise StoreUnavailableError("a read-only store cannot be copied (another process holds it)")
            store = self._live()
            try:
                store.backup(str(target))
            except (OSError, RuntimeError) as exc:
                raise StoreUnavailableError(one_line(f"the store at {self.location} cannot be copied: {exc}")) from None

    def _current(self) -> str | None:
        """The generation ``current`` names, None if there is no link yet."""
        link = self._dir / self.LINK
        try:
            target = os.readlink(link)
        except FileNotFoundError:
            return None
        except OSError:  # not a symlink: a plain file naming the generation (no symlink support)
            target = link.read_text(encoding="utf-8").strip()
        name = os.path.basename(target.rstrip("/\\"))
        if not self._GEN.fullmatch(name) or not (self._dir / name).is_dir():
            raise StoreUnavailableError(f"the store at {self.location} is damaged: 'current' names {target!r}")
        return name

    def _generations(self) -> list[str]:
        """All generation folders, oldest first."""
        found = [p.name for p in self._dir.iterdir() if self._GEN.fullmatch(p.name) and p.is_dir()]
        return sorted(found, key=lambda n: int(n[4:]))

    def _initialise(self) -> None:
        """Make an empty first generation and point ``current`` at it (build lock held)."""
        gens = self._generations()
        stray = [p.name for p in self._dir.iterdir() if not p.name.startswith(".") and p.name not in gens]
        if gens == ["gen-000001"] and not stray:  # an initialisation interrupted before the link
            self._swap("gen-000001")
            return
        if gens or stray:
            raise StoreUnavailableError(
                f"{self.location} is not a cpgraph store folder (it has files but no 'current' link); "
                "choose a new or empty folder"
            )
        created = ox.Store(str(self._dir / "gen-000001"))  # creates the database
        created.flush()
        del created
        self._swap("gen-000001")

    def _open(self, gen: str) -> None:
        """Open generation ``gen`` read-write, or read-only if another process holds it."""
        path = str(self._dir / gen)
        try:
            store, read_only = ox.Store(path), False
        except OSError as exc:
            if "lock" not in str(exc).lower():
                raise
            store, read_only = self._open_read_only(path), True
        self._store, self._gen, self.read_only = store, gen, read_only
        self._opened_at = time.monotonic()

    def _open_read_only(self, path: str) -> ox.Store:
        """Open ``path`` read-only beside the process that holds it. RocksDB may delete a file
        named in the manifest this open is reading (the holder is compacting): that is a
        passing race, so try again a few times before saying the store is busy."""
        error: Exception | None = None
        for attempt in range(_READ_ONLY_ATTEMPTS):
            try:
                return ox.Store.read_only(path)
            except (OSError, RuntimeError) as exc:
                error = exc
                time.sleep(0.05 * (attempt + 1))
        raise StoreUnavailableError(one_line(
            f"the store at {self.location} is busy (another process is writing it): {error}"))

    def _swap(self, gen: str) -> None:
        """Point ``current`` at ``gen`` atomically (temp link + os.replace), then sync the folder."""
        tmp = self._dir / f".{self.LINK}.{os.getpid()}.tmp"
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        try:
            os.symlink(gen, tmp)
        except (OSError, NotImplementedError):  # no symlinks (Windows without privilege)
            tmp.write_text(gen, encoding="utf-8")
        os.replace(tmp, self._dir / self.LINK)
        fsync_dir(self._dir)

    @contextlib.contextmanager
    def _build_lock(self) -> Iterator[None]:
        """Hold ``.build.lock`` so two builds never write the same folder at once."""
        with open(self._dir / ".build.lock", "a+b") as fh:
            if fcntl is not None:
                try:
                    fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    raise StoreUnavailableError(
                        f"another cpgraph build is writing the store at {self.location}; try again when it ends"
                    ) from None
            try:
                yield
            finally:
                if fcntl is not None:
                    fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    # -- writes ---------------------------------------------------------------------------------

    def replace_graphs(
        self, graphs: Mapping[str, GraphData], *, drop_others: bool = False, keep: Iterable[str] = ()
    ) -> None:
        """With ``drop_others``: build a new generation (graphs given + ``keep`` graphs copied from
        the live one) and swap it in atomically. Without: replace the graphs given in the live
        generation in one transaction."""
        self._live()
        names = {named_node(name).value for name in graphs}
        if not drop_others:
            self._check_writable()
            with self._mutex:
                self._replace_in_place(graphs, [])
            return
        keep = [k for k in keep if k not in names]
        try:
            with self._mutex, self._build_lock():
                self._rebuild(graphs, keep)
        except OSError as exc:
            raise StoreUnavailableError(one_line(f"writing the store at {self.location} failed: {exc}")) from None

    def _rebuild(self, graphs: Mapping[str, GraphData], keep: list[str]) -> None:
        if self._current() != self._gen:  # rebuilt elsewhere since we opened: keep from the live one
            self._open(self._current() or self._gen)
        old = self._gen
        gens = self._generations()
        older = [g for g in gens if int(g[4:]) < int(old[4:])]
        previous = older[-1] if older else None
        for stale in gens:  # half-built generations of killed builds, and anything older than previous
            if stale not in (old, previous):
                shutil.rmtree(self._dir / stale, ignore_errors=True)
        new = f"gen-{int(gens[-1][4:]) + 1 if gens else 1:06d}"
        source = self._live()
        target = ox.Store(str(self._dir / new))
        try:
            for name in keep:
                target.bulk_extend(source.quads_for_pattern(None, None, None, named_node(name)))
            reader = NQuadsReader(graphs)
            try:
                target.bulk_load(io.BufferedReader(reader, 1 << 20), ox.RdfFormat.N_QUADS)
            except (SyntaxError, OSError, ValueError) as exc:
                if reader.error is not None:
                    raise reader.error from None
                raise InputError(one_line(f"the graphs could not be loaded: {exc}")) from None
            if reader.error is not None:
                raise reader.error
            target.optimize()
            target.flush()
        except BaseException:
            del target
            shutil.rmtree(self._dir / new, ignore_errors=True)
            raise
        self._swap(new)
        self._store, self._gen, self.read_only = target, new, False
        del source
        for gone in self._generations():
            if gone not in (new, old):
                shutil.rmtree(self._dir / gone, ignore_errors=True)

