"""The hostile action plan (tests/data/hostile/) through the command line: spreadsheet formulas
in pledge titles, officer names and initiatives come out of every CSV as text a spreadsheet will
not run, and script in the text comes out of the report and every view as text, never code."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.cli_runner import HOSTILE_PLAN
from tests.security.html_checks import scan_html

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Posts and a pledge the hostile plan creates (keys are slugs of the hostile names).
FORMULA_POSTS = ["cmd-calc-a0", "2-3-cmd-calc-a0", "sum-1-1-cmd-calc-a0-and-svg-onload-alert-1"]
SCRIPT_POST = "team-manager-img-src-x-onerror-window-xss-1"
PLEDGE = "hostile-council-action-plan-2025-2028-pledge-2"

CSV_COMMANDS = {
    "gaps": ["gaps"],
    "overload": ["overload"],
    "compare": ["compare"],
    "suggest": ["suggest"],
    "load-per-post": ["query", "load-per-post"],
    "extract": ["extract", HOSTILE_PLAN],
    **{f"officer-{key}": ["officer", key] for key in [*FORMULA_POSTS, SCRIPT_POST]},
}
HTML_COMMANDS = {
    "report": ["report"],
    "view-family-tree": ["view", "family-tree"],
    "view-coverage": ["view", "coverage"],
    "view-officer": ["view", "officer", "--focus", SCRIPT_POST],
    "view-officer-formula": ["view", "officer", "--focus", FORMULA_POSTS[2]],
    "view-pledge": ["view", "pledge", "--focus", PLEDGE],
}


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("name", list(CSV_COMMANDS))
def test_csv_cells_never_start_a_formula(hostile_cli_runs, name):
    proc, _ = hostile_cli_runs[name]
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    cells = _cells(proc.stdout)
    live = [c for c in cells if c.startswith(FORMULA_START) and not _is_number(c)]
    assert live == [], f"cells a spreadsheet would run: {live[:5]}"


def test_the_formulas_really_reached_the_csv(hostile_cli_runs):
    # Guard against a vacuous pass: the payloads are in the output, neutralised with a quote.
    every = [c for name in CSV_COMMANDS for c in _cells(hostile_cli_runs[name][0].stdout)]
    for formula in ("=cmd|'calc'!A0", "-2+3+cmd|'calc'!A0", "@SUM(1+1)*cmd|'calc'!A0", "=HYPERLINK("):
        assert any(c.startswith("'" + formula) for c in every), formula


@pytest.mark.parametrize("name", ["gaps-json", "overload-json"])
def test_json_keeps_the_text_as_data(hostile_cli_runs, name):
    proc, _ = hostile_cli_runs[name]
    assert proc.returncode == 0, proc.stderr
    text = json.dumps(json.loads(proc.stdout), ensure_ascii=False)
    # JSON is for programs: the text is exact, not escaped for HTML nor quoted for spreadsheets.
    assert "<script>window.__xss=1" in text
    assert "=cmd|'calc'!A0" in text and "'=cmd" not in text


@pytest.mark.parametrize("name", list(HTML_COMMANDS))
def test_report_and_views_show_script_as_text(hostile_cli_runs, name):
    proc, output = hostile_cli_runs[name]
    assert proc.returncode == 0, proc.stderr
    assert output is not None and output.is_file()
    page = scan_html(output.read_text(encoding="utf-8"))
    assert page.hostile() == [], f"{name} would run: {page.hostile()[:3]}"
    assert page.shows("window.__xss=1"), f"{name} does not show the hostile text at all"
