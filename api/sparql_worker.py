"""User SPARQL runs here, in worker processes, so that a runaway query can be stopped.

pyoxigraph evaluates a query in Rust and cannot be interrupted from Python, so each query is sent
to a small pool of worker processes, each holding its own in-memory copy of the store (or, for a
remote store, its own connection). When a query passes its time limit the worker is killed and
replaced; the other workers, and every other request of the server, carry on. Workers are
shared fairly between clients (see :class:`QueryPool`).

The pool is kept by hand rather than taken from a process-pool library (such as pebble): a job
must go to a worker already holding the current data, named queries use only workers that hold
it, workers are handed out per client, and a query's time limit starts when it is queued, not
when a worker picks it up.
"""

from __future__ import annotations

import itertools
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from cpgraph.errors import InputError, QueryTimeoutError, StoreUnavailableError

log = logging.getLogger("cpgraph.api")

_LOAD_TIMEOUT_S = 120.0
_ROOT = Path(__file__).resolve().parent.parent  # the folder holding the api package


@dataclass(frozen=True)
class Dataset:
    """What the workers query: ``key`` names its version (a worker holding another key reloads),
    and one of ``nquads`` (the store's content, loaded into memory), ``snapshot`` (the folder of a
    read-only copy of the store on disk, opened where it is) or ``remote`` (the URL of a SPARQL
    store to forward to)."""

    key: str
    nquads: bytes | None = None
    remote: str | None = None
    snapshot: str | None = None


@dataclass(frozen=True)
class Job:
    """One query to run: its text, form, the media type to answer in, the dataset options of
    the protocol request, whether the query names its own dataset (``FROM``), the base IRI its
    relative IRIs resolve against, and how many rows of the answer to skip (paging)."""

    query: str
    form: str
    media_type: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    names_dataset: bool = False
    base_iri: str | None = None
    offset: int = 0


ROWS = "application/x-cpgraph-rows"
"""The media type a job asks for to get SELECT rows as plain JSON values (``Answer.rows``)."""


@dataclass(frozen=True)
class Answer:
    """A serialised answer (or, for :data:`ROWS`, the rows: variable -> plain JSON value, unbound
    ones left out) and whether rows were cut at the row cap."""

    body: bytes
    media_type: str
    truncated: bool
    rows: list[dict[str, object]] | None = None


# --- inside the worker process ---------------------------------------------------------------

def _load(dataset: Dataset):
    import pyoxigraph as ox

    if dataset.remote:
        from cpgraph.store import open_store

        return open_store(dataset.remote)
    if dataset.snapshot:
        return ox.Store.read_only(dataset.snapshot)
    store = ox.Store()
    store.bulk_load(dataset.nquads or b"", format=ox.RdfFormat.N_QUADS)
    return store


def _solutions(target, job: Job):
    """The raw pyoxigraph result of ``job`` on a local store or a remote one. The protocol's
    dataset wins over the query's ``FROM``; with neither, the query sees the union of all graphs."""
    import pyoxigraph as ox

    if isinstance(target, ox.Store):
        options: dict = {"base_iri": job.base_iri}
        if job.default_graphs or job.named_graphs:
            options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
            options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
        elif not job.names_dataset:
            options["use_default_graph_as_union"] = True
        return target.query(job.query, **options)
    defaults, named = job.default_graphs, job.named_graphs
    if not (defaults or named) and job.names_dataset:
        # A server exposing the union as its default graph ignores FROM: name the graphs for it.
        from api.sparql_text import dataset_clause

        defaults, named = dataset_clause(job.query, job.base_iri)
    dataset = {"default_graphs": defaults, "named_graphs": named, "base_iri": job.base_iri}
    if job.form in ("SELECT", "ASK"):
        data = target.query_serialized(job.query, "application/sparql-results+json", **dataset)
        return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    data = target.query_serialized(job.query, "application/n-triples", **dataset)
    return list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))


def _answer(target, job: Job, row_cap: int) -> Answer:
    import pyoxigraph as ox

    from api import sparql_results as out
    from cpgraph.namespace import PREFIXES

    result = _solutions(target, job)
    if isinstance(result, ox.QueryBoolean):
        return Answer(out.boolean_body(bool(result), job.media_type), job.media_type, False)
    page = slice(job.offset, job.offset + row_cap + 1)
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = [list(s) for s in itertools.islice(result, page.start, page.stop)]
        truncated = len(rows) > row_cap
        if job.media_type == ROWS:
            plain = [{v: out.plain_value(t) for v, t in zip(variables, row, strict=True) if t is not None}
                     for row in rows[:row_cap]]
            return Answer(b"", ROWS, truncated, plain)
        return Answer(out.solutions_body(variables, rows[:row_cap], job.media_type), job.media_type, truncated)
    triples = [t if isinstance(t, ox.Triple) else t.triple
               for t in itertools.islice(result, page.start, page.stop)]
    truncated = len(triples) > row_cap
    return Answer(out.graph_body(triples[:row_cap], job.media_type, PREFIXES), job.media_type, truncated)


def main(row_cap: int) -> None:
    """Entry point of a worker process: jobs arrive on stdin, answers leave on stdout (the
    real stdout; anything printed goes to stderr)."""
    out_fd = os.dup(1)
    os.dup2(2, 1)
    serve(Connection(0, writable=False), Connection(out_fd, readable=False), row_cap)


def serve(inbox: Connection, conn: Connection, row_cap: int) -> None:
    """The worker's loop: load datasets and answer jobs until the pipe closes."""
    target, key = None, None
    while True:
        try:
            message = inbox.recv()
        except (EOFError, OSError):
            return
        kind, payload = message
        if kind == "load":
            try:
                target, key = _load(payload), payload.key
                conn.send(("loaded", key))
            except Exception as exc:  # reported to the parent, which answers 503
                conn.send(("error", ("store", f"the store cannot be loaded ({type(exc).__name__})")))
            continue
        try:
            conn.send(("ok", _answer(target, payload, row_cap)))
        except SyntaxError as exc:
            conn.send(("error", ("input", f"SPARQL syntax error: {str(exc).splitlines()[0]}")))
        except InputError as exc:
            conn.send(("error", ("input", exc.message)))
        except QueryTimeoutError as exc:  # a remote store's time limit
            conn.send(("error", ("timeout", exc.message)))
        except StoreUnavailableError as exc:  # a remote store that stopped answering: not the query's fault
            conn.send(("error", ("store", exc.message)))
        except Exception as exc:  # evaluation errors are the query's fault: shown as one line
            first = (str(exc).splitlines() or [type(exc).__name__])[0]
            conn.send(("error", ("input", f"the query failed: {first}")))


# --- in the server ----------------------------------------------------------------------------

class _Worker:
    """One worker: a fresh interpreter (not a fork of the server, whose threads and open store
    must not be copied) talking over its stdin and stdout."""

    def __init__(self, row_cap: int) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            p for p in (str(_ROOT), os.environ.get("PYTHONPATH", "")) if p)}
        self.process = subprocess.Popen(
            [sys.executable, "-c", f"from api.sparql_worker import main; main({int(row_cap)})"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, cwd=str(_ROOT))
        self.sender = Connection(os.dup(self.process.stdin.fileno()), readable=False)
        self.receiver = Connection(os.dup(self.process.stdout.fileno()), writable=False)
        self.process.stdin.close()
        self.process.stdout.close()
        self.key: str | None = None

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(5)
        self.sender.close()
        self.receiver.close()


class Busy(QueryTimeoutError):
    """No query worker came free in time, or too many queries are already waiting: the client
    should try again after ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(eq=False)
class _Ticket:
    """A query waiting for a worker: whose it is, and its place in the queue."""

    client: str
    number: int


class QueryPool:
    """``size`` worker processes answering user SPARQL within ``timeout_s`` seconds (time spent
    waiting for a worker included) and at most ``row_cap`` rows; ``dataset`` says what they
    should hold right now.

    Workers are shared fairly: one client (an address) holds at most ``size - 1`` of them at once
    (so one is always left for everyone else), and a freed worker goes to the waiting client
    holding the fewest, first come first served among equals. At most ``max_waiting`` queries
    wait at once (a client at most ``size``); more are refused at once with :class:`Busy`.
    """

    def __init__(self, dataset: Callable[[], Dataset], *, size: int = 2, timeout_s: float = 10.0,
                 row_cap: int = 10_000, max_waiting: int = 16) -> None:
        if size < 1:
            raise ValueError("a query pool needs at least one worker")
        self._dataset = dataset
        self._timeout = timeout_s
        self._row_cap = row_cap
        self._per_client = max(1, size - 1)
        self._max_waiting = max_waiting
        self._client_waiting = max(1, size)
        self._cond = threading.Condition()
        self._idle: list[_Worker] = []
        self._all: list[_Worker] = []
        self._running: dict[str, int] = {}
        self._waiting: list[_Ticket] = []
        self._numbers = itertools.count()
        self._closed = False
        self._warming = False
        self._latest: str | None = None  # the dataset key a worker last loaded
        for _ in range(size):
            self._add()

    def _add(self) -> None:
        worker = _Worker(self._row_cap)
        with self._cond:
            if self._closed:
                closed = True
            else:
                closed = False
                self._all.append(worker)
                self._idle.append(worker)
                self._cond.notify_all()
        if closed:
            worker.kill()

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        with self._cond:
            if worker in self._all:
                self._all.remove(worker)
            closed = self._closed
        if not closed:
            self._add()

    def _call(self, worker: _Worker, message, timeout: float):
        worker.sender.send(message)
        if not worker.receiver.poll(timeout):
            return None
        return worker.receiver.recv()

    # -- sharing --------------------------------------------------------------------------------

    def _first_served(self) -> _Ticket | None:
        """The waiting ticket a free worker goes to: of a client under its share, the client
        holding the fewest workers, the earliest ticket among equals."""
        eligible = [t for t in self._waiting if self._running.get(t.client, 0) < self._per_client]
        if not eligible:
            return None
        return min(eligible, key=lambda t: (self._running.get(t.client, 0), t.number))

    def _acquire(self, client: str, deadline: float) -> _Worker:
        """An idle worker for ``client``, waiting for its turn until ``deadline`` (monotonic)."""
        retry = max(1, round(self._timeout))
        with self._cond:
            if self._closed:
                raise StoreUnavailableError("the query workers are stopped")
            mine = sum(1 for t in self._waiting if t.client == client)
            if len(self._waiting) >= self._max_waiting or mine >= self._client_waiting:
                raise Busy("too many queries are waiting for a query worker; try again shortly", retry)
            ticket = _Ticket(client, next(self._numbers))
            self._waiting.append(ticket)
            try:
                while not (self._idle and self._first_served() is ticket):
                    remaining = deadline - time.monotonic()
                    if remaining <= 0 or self._closed:
                        raise Busy("every query worker is busy; try again shortly", retry)
                    self._cond.wait(remaining)
                self._running[client] = self._running.get(client, 0) + 1
                # a worker holding the latest data first: a fresh replacement must load it
                worker = max(self._idle, key=lambda w: w.key is not None and w.key == self._latest)
                self._idle.remove(worker)
                return worker
            finally:
                self._waiting.remove(ticket)
                self._cond.notify_all()  # the next in line may now be served

    def _release(self, worker: _Worker, client: str | None, healthy: bool) -> None:
        with self._cond:
            if client is not None:
                self._running[client] -= 1
                if not self._running[client]:
                    del self._running[client]
            if healthy and worker in self._all:
                self._idle.append(worker)
            self._cond.notify_all()
        if not healthy:
            self._retire(worker)

    def _take(self, wanted: Callable[[_Worker], bool]) -> _Worker | None:
        """An idle worker that is ``wanted``, unless a query is waiting for one (None then too)."""
        with self._cond:
            if self._waiting:
                return None
            chosen = next((w for w in self._idle if wanted(w)), None)
            if chosen is not None:
                self._idle.remove(chosen)
            return chosen

    # -- running --------------------------------------------------------------------------------

    def run(self, job: Job, client: str = "") -> Answer:
        """Run ``job`` for ``client`` (an address) in a worker within the time limit, the wait for
        a worker included: :class:`Busy` when no worker came free in time, QueryTimeoutError when
        the query passes the limit (the worker is then replaced), InputError when the query is
        wrong, StoreUnavailableError when the data cannot be loaded."""
        started = time.monotonic()
        worker = self._acquire(client, started + self._timeout)
        waited = time.monotonic() - started
        return self._use(worker, client, lambda: self._query(worker, job, self._timeout - waited, load=True))

    def run_loaded(self, job: Job, key: str, *, timeout_s: float) -> Answer | None:
        """Run ``job`` within ``timeout_s`` on an idle worker already holding the dataset ``key``;
        None at once when no idle worker holds it or queries are waiting for workers (nothing is
        loaded: see :meth:`warm`). Errors as :meth:`run`."""
        worker = self._take(lambda w: w.key == key)
        if worker is None:
            return None
        return self._use(worker, None, lambda: self._query(worker, job, timeout_s, load=False))

    def warm(self) -> None:
        """Load the current dataset into the idle workers in a background thread (one such
        thread at a time), so that later queries need not wait for it; a worker busy meanwhile
        loads it at its next :meth:`run`."""
        with self._cond:
            if self._warming or self._closed:
                return
            self._warming = True
        threading.Thread(target=self._warm_idle, name="cpgraph-query-warm", daemon=True).start()

    def _warm_idle(self) -> None:
        try:
            dataset = self._dataset()
            with self._cond:
                rounds = len(self._all)
            for _ in range(rounds):  # bounded: a worker that fails to load is replaced by a fresh one
                # one at a time, the others staying idle, so /sparql is not kept waiting meanwhile
                worker = self._take(lambda w: w.key != dataset.key)
                if worker is None:
                    return
                try:
                    self._use(worker, None, lambda worker=worker: self._load(worker, dataset))
                except (QueryTimeoutError, StoreUnavailableError) as exc:
                    log.warning("a query worker could not load the data: %s", exc)
        except Exception as exc:  # a failed warm-up only means that queries load on demand
            log.warning("loading the query workers in the background failed: %s", exc)
        finally:
            with self._cond:
                self._warming = False

    def _load(self, worker: _Worker, dataset: Dataset) -> None:
        reply = self._call(worker, ("load", dataset), _LOAD_TIMEOUT_S)
        if reply is None or reply[0] != "loaded":
            raise StoreUnavailableError(reply[1][1] if reply else "loading the store timed out")
        worker.key = self._latest = dataset.key

    def _query(self, worker: _Worker, job: Job, timeout_s: float, *, load: bool):
        if load:
            dataset = self._dataset()
            if worker.key != dataset.key:
                loading = time.monotonic()
                self._load(worker, dataset)
                timeout_s += time.monotonic() - loading  # loading new data is not the query's time
        if timeout_s <= 0:
            raise Busy("every query worker is busy; try again shortly", max(1, round(self._timeout)))
        reply = self._call(worker, ("query", job), timeout_s)
        if reply is None:
            raise QueryTimeoutError(f"the query ran past the {self._timeout:g} s limit and was stopped")
        return reply

    def _use(self, worker: _Worker, client: str | None, step: Callable[[], Any]) -> Any:
        """Do ``step`` with ``worker`` (taken for ``client``, None for the service's own work):
        back to the idle workers when all went well, replaced by a fresh worker otherwise; a
        query's error reply is raised as ours."""
        healthy = False
        try:
            if not worker.alive():
                raise StoreUnavailableError("a query worker stopped; try again")
            reply = step()
            healthy = True
        except Busy:
            healthy = True  # the worker never got the query
            raise
        except (OSError, EOFError) as exc:
            raise StoreUnavailableError(f"a query worker failed ({type(exc).__name__}); try again") from exc
        finally:
            self._release(worker, client, healthy)
        if reply is None:
            return None
        status, payload = reply
        if status == "ok":
            return payload
        code, message = payload
        raise {"input": InputError, "timeout": QueryTimeoutError}.get(code, StoreUnavailableError)(message)

    def close(self) -> None:
        """Stop every worker."""
        with self._cond:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
            self._idle.clear()
            self._cond.notify_all()
        for worker in workers:
            worker.kill()
