"""The service's runtime with two workers on one embedded store: the second opens it read-only,
follows the first's curation writes, and does not reopen the database while nothing changes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from rdflib import URIRef

import api.runtime as runtime_module
from api.lookups import plain
from api.runtime import Runtime
from cpgraph import curation, queries
from cpgraph.build import run_build
from cpgraph.errors import QueryTimeoutError
from cpgraph.settings import Settings
from tests.api.conftest import new_home

ASSIGNED = """PREFIX cp: <https://w3id.org/cpgraph/ns#>
ASK { ?a cp:assignmentFor ?item ; cp:assignee ?owner }"""


def check(rt: Runtime):
    rt._checked = 0.0  # the next store() call looks for changes now
    return rt.store()


@pytest.fixture
def two_workers(tmp_path, monkeypatch):
    monkeypatch.setattr(runtime_module, "_SETTLE_S", 0.5)
    settings = Settings(home=tmp_path, store=str(tmp_path / "store"))
    run_build(settings, validate=False)
    writer, reader = Runtime(settings), Runtime(settings)
    writer.open()
    reader.open()
    yield settings, writer, reader
    reader.close()
    writer.close()


def test_the_second_worker_follows_curation_and_otherwise_keeps_its_snapshot(two_workers, monkeypatch):
    settings, writer, reader = two_workers
    store = check(reader)
    assert store.read_only and not check(writer).read_only
    opens = []
    real_open = store._open
    monkeypatch.setattr(store, "_open", lambda gen: (opens.append(gen), real_open(gen))[1])
    for _ in range(5):
        check(reader)
    assert opens == [], "nothing changed, so the database is not reopened"

    action = check(writer).select("PREFIX cp: <https://w3id.org/cpgraph/ns#> "
                                  "SELECT ?a WHERE { ?a a cp:Action } ORDER BY ?a LIMIT 1")[0]["a"]
    owner = URIRef("https://w3id.org/cpgraph/id/bracknell-forest-council/post/virtual-school-headteacher")
    bindings = {"item": action, "owner": owner}
    assert not check(reader).ask(ASSIGNED, bindings)
    record = curation.assign(settings, check(writer), action, owner, "A. Tester")
    assert record.applied, "the writer holds the store and applies the curation at once"
    version = reader.version
    assert check(reader).ask(ASSIGNED, bindings), "the reader sees the writer's curation"
    assert reader.version > version, "and starts its analytics and caches afresh"

    time.sleep(0.6)  # the settling time is over
    check(reader)
    settled = len(opens)
    for _ in range(5):
        check(reader)
    assert len(opens) == settled, "once settled, no more reopening"


# --- named queries: answered from the query workers' in-memory copy once they hold it ------------

POST = "child-participation-development-worker"
PARAMS = {"post": POST, "as_of": "2026-01-01", "council": "bracknell-forest-council"}


def named_variants():
    """Every named query with its required parameters, and again for one council where it takes
    an optional ``council``."""
    out = []
    for _, q in sorted(queries.catalogue().items()):
        required = {p.name: PARAMS[p.name] for p in q.params if not p.optional}
        out.append((q, required))
        if any(p.name == "council" for p in q.params if p.optional):
            out.append((q, {**required, "council": PARAMS["council"]}))
    return out


def from_memory(rt: Runtime, query: str, bindings=None, *, within_s: float = 60.0):
    """Ask until the answer comes from a worker's copy (the workers load in the background)."""
    deadline = time.monotonic() + within_s
    while True:
        selected = rt.select(query, bindings)
        if selected.source == "memory" or time.monotonic() > deadline:
            return selected
        time.sleep(0.05)


LISTS = {"owners", "coowners", "owner_above"}
"""Columns written by GROUP_CONCAT, whose order SPARQL leaves to the engine."""


def unordered_lists(rows):
    return [{k: sorted(v.split("; ")) if k in LISTS else v for k, v in row.items()} for row in rows]


@pytest.fixture
def served(tmp_path_factory, built_store):
    settings = Settings(home=new_home(tmp_path_factory, built_store, "named-home"))
    rt = Runtime(settings)
    rt.open()
    yield settings, rt
    rt.close()


def test_named_queries_answer_the_same_from_the_workers_copy_as_from_the_store(served):
    settings, rt = served
    first = rt.select(queries.get("councils").text)
    assert first.source == "store", "nothing is loaded before the first question"
    assert from_memory(rt, queries.get("councils").text).rows == first.rows
    checked = 0
    for q, params in named_variants():
        bindings = q.bindings(params)
        direct = rt.store().select(q.text, bindings)
        selected = rt.select(q.text, bindings)
        assert selected.source == "memory" and not selected.truncated
        expected = [{k: plain(v) for k, v in row.items()} for row in direct]
        assert unordered_lists(selected.rows) == unordered_lists(expected), (q.name, params)
        checked += bool(direct)
    assert checked >= 8, "most variants have rows on the seeds, so the comparison means something"


def test_a_change_is_answered_at_once_and_the_copy_follows_it(served):
    settings, rt = served
    q = queries.get("post-responsibilities")
    bindings = q.bindings({"post": POST})
    before = from_memory(rt, q.text, bindings)
    assert before.source == "memory"
    action = before.rows[0]["item"]
    mine = {row["item"] for row in before.rows}
    unowned = rt.select(queries.get("unowned-actions").text).rows
    target = next(r["action"] for r in unowned if r["action"] not in mine)
    curation.assign(settings, rt.store(), URIRef(target),
                    URIRef(f"https://w3id.org/cpgraph/id/bracknell-forest-council/post/{POST}"), "A. Tester")
    rt.changed()
    after = rt.select(q.text, bindings)
    assert after.source == "store", "the workers' copy is older than the change: the store answers"
    assert target in {row["item"] for row in after.rows} and action in {row["item"] for row in after.rows}
    again = from_memory(rt, q.text, bindings)
    assert again.source == "memory" and unordered_lists(again.rows) == unordered_lists(after.rows)


def test_named_queries_keep_the_row_cap_and_their_time_limit(tmp_path_factory, built_store):
    settings = Settings(home=new_home(tmp_path_factory, built_store, "capped-home"), query_row_cap=5,
                        named_query_timeout_s=0.000001)
    rt = Runtime(settings)
    rt.open()
    try:
        q = queries.get("unowned-actions")
        from_store = rt.select(q.text)
        assert from_store.source == "store" and from_store.truncated and len(from_store.rows) == 5
        with pytest.raises(QueryTimeoutError, match="limit"):
            from_memory(rt, q.text)
        rt.settings = settings.with_(named_query_timeout_s=60.0)
        capped = from_memory(rt, q.text)
        assert capped.source == "memory" and capped.truncated and capped.rows == from_store.rows
    finally:
        rt.close()


def from_worker(rt: Runtime, query: str, bindings=None, *, source: str, within_s: float = 60.0):
    """Ask until the answer comes from a worker holding ``source`` ("memory" or "snapshot")."""
    deadline = time.monotonic() + within_s
    while True:
        selected = rt.select(query, bindings)
        if selected.source == source or time.monotonic() > deadline:
            return selected
        time.sleep(0.05)


def test_a_store_too_big_for_memory_is_queried_from_a_snapshot_on_disk(tmp_path_factory, built_store):
    settings = Settings(home=new_home(tmp_path_factory, built_store, "big-home"), memory_copy_max_quads=10)
    rt = Runtime(settings)
    rt.open()
    try:
        q = queries.get("councils")
        first = rt.select(q.text)
        assert first.source == "store"
        from_snapshot = from_worker(rt, q.text, source="snapshot")
        assert from_snapshot.source == "snapshot" and from_snapshot.rows == first.rows
        assert rt.dataset().nquads is None, "nothing was dumped for the workers"
        snapshots = Path(settings.store_location) / ".snapshots"
        assert [p.name for p in snapshots.iterdir()] == [Path(rt.dataset().snapshot).name]

        # a change: the store answers at once, the workers move to a new snapshot, old ones go
        q2 = queries.get("post-responsibilities")
        bindings = q2.bindings({"post": POST})
        target = next(r["action"] for r in rt.select(queries.get("unowned-actions").text).rows)
        curation.assign(settings, rt.store(), URIRef(target),
                        URIRef(f"https://w3id.org/cpgraph/id/bracknell-forest-council/post/{POST}"), "A. Tester")
        rt.changed()
        after = rt.select(q2.text, bindings)
        assert after.source == "store" and target in {row["item"] for row in after.rows}
        again = from_worker(rt, q2.text, bindings, source="snapshot")
        assert again.source == "snapshot" and unordered_lists(again.rows) == unordered_lists(after.rows)
        for _ in range(3):
            rt.changed()
            from_worker(rt, q.text, source="snapshot")
        assert len(list(snapshots.iterdir())) <= 2, "older snapshots are removed"
    finally:
        rt.close()
    assert not list(snapshots.iterdir()), "a service that stops leaves no snapshot behind"


def test_snapshots_left_by_a_process_that_died_are_removed(tmp_path_factory, built_store):
    settings = Settings(home=new_home(tmp_path_factory, built_store, "stale-home"))
    stale = Path(settings.store_location) / ".snapshots" / "999999999-v3"
    stale.mkdir(parents=True)
    rt = Runtime(settings)
    rt.open()
    try:
        assert not stale.exists()
    finally:
        rt.close()
