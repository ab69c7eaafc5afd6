"""The core commands as a user runs them: build, extract, query, validate, export, eval."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from tests import unread
from tests.cli_runner import Result, run_cpgraph
from tests.seeds import BRACKNELL, source

REPO = Path(__file__).resolve().parents[2]


def run(*args: str, home: Path, check_code: int | None = 0) -> Result:
    """Run ``cpgraph ARGS`` as its own process (``main()`` as the console script calls it) with
    CPGRAPH_HOME=home, in that folder."""
    proc = run_cpgraph(home, *args)
    if check_code is not None:
        assert proc.returncode == check_code, proc.stderr + proc.stdout
    return proc


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("home")
    run("build", str(source(BRACKNELL)), home=home)
    return home


def test_build_prints_a_summary_and_loads_the_store(built):
    assert (built / ".cpgraph" / "store").exists()
    out = run("query", "councils", "--format", "json", home=built).stdout
    rows = json.loads(out)
    assert [(r["council"], r["pledges"], r["actions"]) for r in rows] == [("Bracknell Forest Council", "10", "45")]


def test_build_summary_names_the_document(tmp_path):
    proc = run("build", str(source(BRACKNELL)), home=tmp_path)
    assert "bracknell-forest-action-plan-2025-2028.txt" in proc.stdout
    assert "Loaded 1 document(s)" in proc.stdout
    assert proc.stderr == "", "a short build off a terminal reports no progress"


def test_build_reports_each_document_on_stderr_when_asked(tmp_path):
    proc = run("build", str(source(BRACKNELL)), "--no-validate", "--progress", "lines", "--format", "json",
               home=tmp_path)
    assert proc.stderr.splitlines() == [
        "cpgraph: building 1 document",
        "cpgraph: built 1 of 1: bracknell-forest-action-plan-2025-2028.txt (10 pledges, 45 actions)"]
    assert json.loads(proc.stdout)["documents"][0]["actions"] == 45, "stdout stays clean JSON"


def test_query_binds_parameters(built):
    out = run("query", "post-responsibilities", "--param", "post=child-participation-development-worker",
              "--format", "json", home=built).stdout
    rows = json.loads(out)
    assert len({r["item"] for r in rows}) == 13
    assert sum(1 for r in rows if r["due"] == "2025-09") == 12
    hostile = run("query", "post-responsibilities", "--param", 'post="} ; DROP ALL ; {', "--format", "json",
                  home=built).stdout
    assert json.loads(hostile) == []
    again = run("query", "councils", "--format", "json", home=built).stdout
    assert json.loads(again), "the store is untouched by a hostile parameter"


def test_query_errors_are_one_line_and_exit_2(built):
    proc = run("query", "no-such-query", home=built, check_code=2)
    assert proc.stderr.count("\n") == 1 and "no named query" in proc.stderr
    proc = run("query", "post-responsibilities", home=built, check_code=2)
    assert "needs --param post" in proc.stderr
    proc = run("query", "overdue-actions", "--param", "as_of=yesterday", home=built, check_code=2)
    assert "must be a date" in proc.stderr


def test_query_runs_a_user_file(built, tmp_path):
    rq = tmp_path / "count.rq"
    rq.write_text("PREFIX cp: <https://w3id.org/cpgraph/ns#>\nSELECT (COUNT(?a) AS ?n) WHERE { ?a a cp:Action }\n")
    rows = json.loads(run("query", str(rq), "--format", "json", home=built).stdout)
    assert rows == [{"n": "45"}]


def test_validate_passes_on_the_built_store(built):
    proc = run("validate", home=built)
    assert "conforms" in proc.stdout and "NOT" not in proc.stdout


def test_validate_fails_with_exit_1_on_a_broken_graph(built, tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        "@prefix cp: <https://w3id.org/cpgraph/ns#> .\n"
        "<urn:x:a> a cp:Action ; cp:text \"an action under no pledge, with no evidence\" .\n"
        "<urn:x:g> a cp:Assignment ; cp:assignmentFor <urn:x:a> .\n"
    )
    proc = run("validate", str(broken), home=built, check_code=1)
    assert "does NOT conform" in proc.stdout
    assert "exactly one pledge" in proc.stdout


def test_validate_bad_turtle_is_bad_input(built, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is { not turtle")
    proc = run("validate", str(bad), home=built, check_code=2)
    assert "not valid turtle" in proc.stderr


@pytest.mark.parametrize(("fmt", "parse_as"), [("turtle", "turtle"), ("trig", "trig"), ("nquads", "nquads"),
                                               ("jsonld", "json-ld")])
def test_export_formats_parse_back(built, tmp_path, fmt, parse_as):
    out = tmp_path / f"export.{fmt}"
    run("export", "--format", fmt, "-o", str(out), home=built)
    if parse_as == "turtle":
        g = Graph().parse(data=out.read_text(encoding="utf-8"), format="turtle")
        assert len(g) > 4000
    else:
        ds = Dataset().parse(data=out.read_text(encoding="utf-8"), format=parse_as)
        names = {str(c.identifier) for c in ds.contexts()}
        assert "https://w3id.org/cpgraph/graph/bracknell-forest-action-plan-2025-2028" in names


def test_extract_prints_gold_shaped_json(tmp_path):
    data = json.loads(run("extract", str(source(BRACKNELL)), "--format", "json", home=tmp_path).stdout)
    for key in ("source", "council", "kind", "period", "pledges", "officers", "initiatives", "themes"):
        assert key in data
    assert data["pledges"][0]["actions"][0]["span"]["source"] == source(BRACKNELL).name


def test_extract_missing_file_is_bad_input(tmp_path):
    proc = run("extract", str(tmp_path / "nope.txt"), home=tmp_path, check_code=2)
    assert proc.stderr.startswith("cpgraph: ") and "Traceback" not in proc.stderr


def test_eval_reports_seed_000_numbers(tmp_path):
    out = run("eval", "--only", BRACKNELL, "--format", "json", home=tmp_path).stdout
    doc = json.loads(out)["documents"][f"{BRACKNELL}.txt"]
    assert doc["pledges"]["f1"] == 1.0 and doc["actions"]["f1"] == 1.0
    assert doc["owner_jaccard"] >= 0.98 and doc["due_accuracy"] == 1.0 and doc["officers"]["f1"] >= 0.95
    table = run("eval", "--only", BRACKNELL, home=tmp_path).stdout
    assert "overall" in table


def test_unknown_format_is_bad_input(built):
    proc = run("query", "councils", "--format", "xml", home=built, check_code=2)
    assert "unknown format" in proc.stderr


@pytest.mark.parametrize("args", [
    ("build", "--jobs", "x"), ("build", "--jobs", "0"), ("build", "--progress", "sideways"), ("build", "--bogus"),
    ("no-such-command",),
    ("query", "councils", "--limit", "many"),
])
def test_a_wrong_argument_is_a_usage_message_and_exit_2_never_a_traceback(tmp_path, args):
    proc = run(*args, home=tmp_path, check_code=2)
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip(), "the user is told what was wrong"
    assert not (tmp_path / ".cpgraph").exists(), "nothing was built"


def test_build_takes_a_number_of_worker_processes(tmp_path):
    proc = run("build", "--jobs", "2", "--format", "json", home=tmp_path)
    summary = json.loads(proc.stdout)
    assert summary["jobs"] == 2 and len(summary["documents"]) == 5
    assert set(summary["stage_seconds"]) == {"extract", "rdf", "validate", "write", "load"}


# --- never silent: a document in which nothing is recognised -------------------------------------

def test_build_table_marks_a_document_not_read_and_the_summary_says_so(unread_build, tmp_path):
    _, sources, _ = unread_build
    proc = run("build", str(sources), home=tmp_path)
    lines = proc.stdout.splitlines()
    header = lines[0].split()
    assert header[:3] == ["source", "council", "status"]
    rows = {line.split()[0]: line for line in lines[2:8]}
    assert len(rows) == 6
    assert "  not read  " in rows[unread.NAME]
    assert all("  read  " in row and "not read" not in row for name, row in rows.items() if name != unread.NAME)
    summary = lines[lines.index("") + 2:]  # after the table and the "Loaded …" line
    assert summary == [f"1 of 6 documents was not read as a plan: {unread.MESSAGE}"]
    assert f"warning: {unread.MESSAGE}" in proc.stderr


def test_build_json_and_csv_carry_read_and_the_message(unread_build, tmp_path):
    _, sources, _ = unread_build
    data = json.loads(run("build", str(sources), "--format", "json", "--no-validate", home=tmp_path).stdout)
    docs = {d["source"]: d for d in data["documents"]}
    assert (docs[unread.NAME]["read"], docs[unread.NAME]["not_read_message"]) == (False, unread.MESSAGE)
    assert all(d["read"] is True and d["not_read_message"] is None for s, d in docs.items() if s != unread.NAME)
    assert data["not_read"] == [unread.MESSAGE]
    rows = list(csv.DictReader(io.StringIO(
        run("build", str(sources), "--format", "csv", "--no-validate", home=tmp_path).stdout)))
    by_source = {r["source"]: r for r in rows}
    assert (by_source[unread.NAME]["read"], by_source[unread.NAME]["not_read_message"]) == ("False", unread.MESSAGE)
    assert {r["read"] for s, r in by_source.items() if s != unread.NAME} == {"True"}


def test_a_build_where_everything_was_read_says_nothing_more(tmp_path):
    proc = run("build", str(source(BRACKNELL)), home=tmp_path)
    assert "Bracknell Forest Council  read  " in proc.stdout.splitlines()[2]
    assert "not read" not in proc.stdout + proc.stderr
