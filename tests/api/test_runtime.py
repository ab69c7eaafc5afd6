"""The service's runtime with two workers on one embedded store: the second opens it read-only,
follows the first's curation writes, and does not reopen the database while nothing changes."""

from __future__ import annotations

import time

import pytest
from rdflib import URIRef

import api.runtime as runtime_module
from api.runtime import Runtime
from cpgraph import curation
from cpgraph.build import run_build
from cpgraph.settings import Settings

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
