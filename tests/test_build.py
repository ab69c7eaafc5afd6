"""The build: worker processes give the same store as one process, a bad document stops a
parallel build cleanly with the previous store intact, and a document in which nothing is
recognised is reported as not read, in the summary and in its graph."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from cpgraph import paths
from cpgraph.build import PARALLEL_FROM, build_jobs, extract_file, run_build
from cpgraph.errors import InputError
from cpgraph.namespace import CP
from cpgraph.rdf import graph_iri, to_graph
from cpgraph.settings import Settings
from cpgraph.store import open_store
from cpgraph.validate import validate_document, validate_store
from tests import unread


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


def test_a_bad_document_stops_a_parallel_build_and_keeps_the_old_store(serial_and_parallel, tmp_path: Path):
    settings = Settings(home=tmp_path, store=str(tmp_path / "store"), build_jobs=2)
    shutil.copytree(serial_and_parallel[1], tmp_path / "store", symlinks=True)  # the seeds, built in parallel
    before = quads(tmp_path / "store")
    assert len(before) > 10_000
    sources = tmp_path / "sources"
    sources.mkdir()
    for seed in sorted(paths.default_sources_dir().glob("*.txt")):
        (sources / seed.name).write_bytes(seed.read_bytes())
    (sources / "zz-empty.txt").write_bytes(b"")
    with pytest.raises(InputError) as caught:
        run_build(settings, [sources])
    assert "zz-empty.txt" in str(caught.value) and "\n" not in str(caught.value)
    assert quads(tmp_path / "store") == before


# --- never silent: a document in which nothing is recognised -------------------------------------

def test_the_build_summary_says_which_documents_were_not_read(unread_build):
    _, _, summary = unread_build
    by_source = {d.source: d for d in summary.documents}
    assert len(by_source) == 6
    missed = by_source[unread.NAME]
    assert (missed.read, missed.not_read_message, missed.pledges) == (False, unread.MESSAGE, 0)
    assert all(d.read and d.not_read_message is None for d in summary.documents if d.source != unread.NAME)
    assert summary.not_read == [missed]
    assert summary.not_read_report() == [f"1 of 6 documents was not read as a plan: {unread.MESSAGE}"]
    assert summary.conforms, "a document not read still conforms to the shapes"


def test_several_documents_not_read_are_listed_one_a_line(unread_build):
    _, _, summary = unread_build
    other = dataclasses.replace(summary.not_read[0], source="b.txt", not_read_message="b.txt: read no text")
    two = dataclasses.replace(summary, documents=[*summary.documents, other])
    assert two.not_read_report() == ["2 of 7 documents were not read as a plan:",
                                     f"  - {unread.MESSAGE}", "  - b.txt: read no text"]


_Q_READ = """PREFIX cp: <https://w3id.org/cpgraph/ns#>
SELECT ?key ?read ?note WHERE { ?s a cp:Strategy ; cp:key ?key ; cp:readAsPlan ?read .
                                OPTIONAL { ?s cp:readNote ?note } }"""
_Q_BLOCKS = """PREFIX cp: <https://w3id.org/cpgraph/ns#>
SELECT ?kind ?n WHERE { GRAPH ?g { ?d cp:fileName ?file ; cp:blocksRead ?b . ?b cp:blockKind ?kind ; cp:count ?n } }"""


def test_the_graph_of_a_document_not_read_says_so_with_its_block_counts(unread_build):
    home, _, _ = unread_build
    store = open_store(Settings(home=home).store_location)
    try:
        rows = {str(r["key"]): {k: str(v) for k, v in r.items() if v is not None} for r in store.select(_Q_READ)}
        blocks = {str(r["kind"]): int(str(r["n"]))
                  for r in store.select(_Q_BLOCKS, {"file": Literal(unread.NAME),
                                                    "g": URIRef(str(graph_iri(unread.NAME)))})}
        result = validate_store(store)
    finally:
        store.close()
    assert len(rows) == 6
    missed = rows[unread.STEM]
    assert missed["read"] == "false" and missed["note"] == unread.MESSAGE
    assert all(r["read"] == "true" and "note" not in r for k, r in rows.items() if k != unread.STEM)
    assert blocks == unread.BLOCKS
    assert result.conforms


def test_the_shapes_require_the_note_of_a_document_not_read(unread_build):
    _, sources, _ = unread_build
    g = to_graph(extract_file(sources / unread.NAME, Settings()))
    assert validate_document(g).conforms
    g.remove((None, CP.readNote, None))
    result = validate_document(g)
    assert not result.conforms
    assert any("must carry the note" in v.message for v in result.violations)
