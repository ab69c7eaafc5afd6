"""``cpgraph view`` as a user runs it: one offline HTML file per view, one-line errors."""

from __future__ import annotations

import pytest

from tests.cli.test_core_commands import run
from tests.seeds import BRACKNELL, source


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    run("build", str(source(BRACKNELL)), "--no-validate", home=home)
    return home


def test_view_writes_one_self_contained_page(built):
    out = built / "views" / "officer.html"
    proc = run("view", "officer", "--focus", "Child Participation Development Worker",
               "-o", str(out), home=built)
    assert f"wrote {out}" in proc.stderr
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Officer: Child Participation Development Worker" in html
    assert 'src="http' not in html and 'href="http' not in html


def test_view_defaults_to_a_file_named_after_the_kind(built):
    run("view", "coverage", "--council", "bracknell-forest-council", home=built)
    assert (built / "coverage.html").read_text(encoding="utf-8").count("gap") > 0


@pytest.mark.parametrize(("args", "words"), [
    (["view", "sunburst"], "unknown view 'sunburst'"),
    (["view", "officer"], "needs --focus"),
    (["view", "officer", "--focus", "Team Manager"], "matches"),
    (["view", "pledge", "--focus", "nothing like this"], "no pledge matches"),
    (["view", "family-tree", "--council", "Atlantis"], "no council 'Atlantis' in the store"),
])
def test_bad_input_is_one_line_and_exit_2(built, args, words):
    proc = run(*args, home=built, check_code=2)
    assert words in proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
