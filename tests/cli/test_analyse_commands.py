"""The analytics commands as a user runs them on a store built from the five seeds."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.cli_runner import Result, run_cpgraph

AS_OF = "2026-01-01"


def run(*args: str, home: Path, code: int = 0) -> Result:
    """Run ``cpgraph ARGS`` as its own process (``main()`` as the console script calls it) with
    CPGRAPH_HOME=home, in that folder."""
    proc = run_cpgraph(home, *args)
    assert proc.returncode == code, proc.stderr + proc.stdout
    return proc


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("home")
    run("build", "--no-validate", home=folder)
    return folder


def test_gaps_as_json_names_rule_raci_and_source_lines(home):
    rows = json.loads(run("gaps", "--as-of", AS_OF, "--format", "json", home=home).stdout)
    assert rows and all({"rule", "raci", "severity", "source", "lines", "owner_above"} <= set(r) for r in rows)
    dup = [r for r in rows if r["rule"] == "duplicate_pledge" and r["council"] == "bracknell-forest-council"]
    assert len(dup) == 1 and dup[0]["label"].startswith("Pledge 10:") and dup[0]["lines"] == "458-510"


def test_gaps_filters_by_council_name_and_rule(home):
    out = run("gaps", "--council", "Bracknell Forest Council", "--rule", "duplicate_action", "--format", "csv",
              "--as-of", AS_OF, home=home).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 4 and {r["rule"] for r in rows} == {"duplicate_action"}
    assert {r["council"] for r in rows} == {"bracknell-forest-council"}


def test_gaps_table_and_fail_on_gaps(home):
    proc = run("gaps", "--council", "bracknell-forest-council", "--as-of", AS_OF, "--fail-on-gaps", home=home, code=1)
    assert proc.stdout.splitlines()[0].split()[:3] == ["severity", "rule", "council"]
    assert "gap(s) as of 2026-01-01" in proc.stderr
    proc = run("gaps", "--council", "bracknell-forest-council", "--rule", "unowned_pledge", "--fail-on-gaps",
               home=home)
    assert proc.stdout.strip() == "(no rows)"


def test_council_may_be_named_in_part_as_posts_are(home):
    rows = json.loads(run("gaps", "--as-of", AS_OF, "--council", "bracknell", "--format", "json", home=home).stdout)
    assert rows and {r["council"] for r in rows} == {"bracknell-forest-council"}
    several = run("gaps", "--council", "council", home=home, code=2)
    assert "matches" in several.stderr and "give one of these keys" in several.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["gaps", "--as-of", "yesterday"], "--as-of must be a date"),
    (["gaps", "--rule", "no_such_rule"], "unknown rule 'no_such_rule'"),
    (["gaps", "--council", "Atlantis"], "no council 'Atlantis'"),
    (["gaps", "--format", "xml"], "unknown format 'xml'"),
    (["officer", "Grand Vizier of Nowhere"], "no post matches"),
    (["report", "--format", "pdf", "-o", "r.pdf"], "unknown format 'pdf'"),
    (["overload", "--pledge-share", "5"], "--pledge-share is a share"),
])
def test_bad_input_is_one_line_and_exit_2(home, args, message):
    proc = run(*args, home=home, code=2)
    assert message in proc.stderr and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_overload_puts_the_child_participation_development_worker_on_top(home):
    rows = json.loads(run("overload", "--council", "bracknell-forest-council", "--format", "json", home=home).stdout)
    top = rows[0]
    assert (top["label"], top["actions"], top["due_by_month"]["2025-09"]) == (
        "Child Participation Development Worker", 13, 12)
    assert "due_cluster" in {f["rule"] for f in top["flags"]}
    table = run("overload", "--flagged", home=home).stdout
    assert "Child Participation Development Worker" in table and "due_cluster" in table


def test_officer_shows_one_posts_responsibilities(home):
    proc = run("officer", "child participation development worker", home=home)
    assert "Child Participation Development Worker (bracknell-forest-council): 13 responsibilities" in proc.stderr
    data = json.loads(run("officer", "Leaving Care Assistant Team Manager", "--format", "json", home=home).stdout)
    assert [m["label"] for m in data["matches"]] == ["Leaving Care ATM"]
    assert len(data["responsibilities"]) == 3 and all(r["lines"] for r in data["responsibilities"])


def test_officer_lists_candidates_when_the_name_is_ambiguous(home):
    proc = run("officer", "Head of Service", "--format", "csv", home=home)
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert len(rows) >= 3 and all(r["post"].startswith("Head of") for r in rows[:3])
    assert "posts match 'Head of Service'" in proc.stderr


def test_compare_prints_one_row_per_council(home):
    rows = list(csv.DictReader(io.StringIO(run("compare", "--format", "csv", home=home).stdout)))
    assert len(rows) == 5
    assert {"education", "cpp_a", "cpp_g", "themes_covered"} <= set(rows[0])
    bracknell = next(r for r in rows if r["council"] == "Bracknell Forest Council")
    assert bracknell["actions"] == "45"


def test_suggest_labels_its_answers_as_suggestions(home):
    rows = json.loads(run("suggest", "--limit", "2", "--format", "json", home=home).stdout)
    assert rows and all(r["label"] == "suggestion" for r in rows)
    for r in rows:  # a post of the same council, or else a kind of post, and each says which
        if r["kind"] == "same_council_post":
            assert r["post_council"] == r["council"] and r["reason"].startswith("owns a similar action")
        else:
            assert r["kind"] == "kind_of_post" and r["post_council"] != r["council"]
            assert "(a kind of post)" in r["suggested"] and r["reason"].startswith("a kind of post")
    assert all(r["rank"] in (1, 2) for r in rows)
    before = run("query", "councils", "--format", "json", home=home).stdout
    assert run("query", "councils", "--format", "json", home=home).stdout == before


def test_report_writes_one_html_file_and_markdown(home):
    proc = run("report", "-o", "out/report.html", "--as-of", AS_OF, home=home)
    html = (home / "out" / "report.html").read_text(encoding="utf-8")
    assert "wrote out/report.html" in proc.stderr
    assert html.startswith("<!DOCTYPE html>") and "13 actions" in html and "<script" not in html
    run("report", "-o", "report.md", "--format", "md", "--as-of", AS_OF, "--council", "Bracknell Forest Council",
        home=home)
    md = (home / "report.md").read_text(encoding="utf-8")
    assert md.startswith("# Corporate parenting responsibilities report") and "## Gaps" in md
    gaps = md.split("## Gaps")[1].split("## Overload")[0]
    assert "Bracknell Forest Council" in gaps and "Staffordshire" not in gaps


def test_officer_on_minutes_lists_what_the_post_undertook_with_source_lines(tmp_path):
    # committee minutes name no "Responsible officer": the undertakings are read from the prose
    sources = tmp_path / "sources"
    sources.mkdir()
    minutes = Path(__file__).resolve().parents[1] / "data" / "zoo" / "b-01-minutes-panel-hardwrapped.txt"
    (sources / minutes.name).write_bytes(minutes.read_bytes())
    run("build", str(sources), "--no-validate", home=tmp_path)
    proc = run("officer", "Head of Children in Care", "--format", "json", home=tmp_path)
    data = json.loads(proc.stdout)
    assert [m["label"] for m in data["matches"]] == ["Head of Children in Care and Care Leavers"]
    undertook = [r for r in data["responsibilities"] if "agreed to review" in r["text"]]
    assert undertook and undertook[0]["lines"] == "47-49" and undertook[0]["due"] == "2025-09-10"
    lines = minutes.read_text(encoding="utf-8").splitlines()[46:49]
    assert "Head of Children in Care" in " ".join(lines) and "agreed to review" in " ".join(lines)
