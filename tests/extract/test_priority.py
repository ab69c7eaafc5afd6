"""The priority layout on the real unnamed council's strategy (seed 003), scored against its gold,
and on a priority-layout document written for these tests (other council, words and headings)."""

import json
from functools import cache
from pathlib import Path

from cpgraph.build import extract_file
from cpgraph.evaluate import score_document
from cpgraph.gold_json import document_json
from cpgraph.namespace import CP
from cpgraph.rdf import to_graph
from cpgraph.settings import Settings
from tests.seeds import UNNAMED, gold, source

UNSEEN = Path(__file__).parents[1] / "data" / "unseen" / "priority-layout.txt"


@cache
def _model(path: Path):
    return extract_file(path, Settings())


def _doc(path: Path) -> dict:
    return document_json(_model(path), spans=True)


def _expected_unseen() -> dict:
    return json.loads(UNSEEN.with_suffix(".json").read_text(encoding="utf-8"))


def test_issue_3_acceptance_numbers():
    score = score_document(gold(UNNAMED), document_json(_model(source(UNNAMED)), spans=False))
    assert score["pledges"]["f1"] >= 0.95, score["misses"]["pledges"]
    assert score["actions"]["f1"] >= 0.9, score["misses"]["actions"]
    assert score["theme_jaccard"] >= 0.6, score["misses"]["themes"]
    assert score["owner_jaccard"] == 1.0
    assert score["agencies"]["recall"] == 1.0 and score["initiatives"]["recall"] >= 0.8


def test_nobody_owns_anything_and_that_is_flagged_not_guessed():
    doc = _doc(source(UNNAMED))
    (pledge,) = doc["pledges"]
    assert pledge["owners"] == [] and "owner_level" not in pledge
    assert all(a["owners"] == [] and a["due"] is None for a in pledge["actions"])
    assert doc["officers"] == [] and doc["strategy_leads"] == [] and doc["council"] is None
    assert [f["kind"] for f in doc["quality_flags"]] == ["unowned"]
    assert not list(to_graph(_model(source(UNNAMED))).subjects(CP.ownershipLevel, None))


def test_measuring_success_bullets_are_the_priority_s_measures():
    doc = _doc(source(UNNAMED))
    (pledge,) = doc["pledges"]
    assert pledge["number"] == 1
    assert pledge["measures"] == gold(UNNAMED)["pledges"][0]["measures"]
    g = to_graph(_model(source(UNNAMED)))
    assert len(list(g.subjects(None, CP.SuccessMeasure))) == 6


def test_the_commissioned_partner_inside_an_action_is_an_agency_cited_at_that_action():
    doc = _doc(source(UNNAMED))
    nyas = [a for a in _model(source(UNNAMED)).agencies if a.name == "NYAS"]
    assert len(nyas) == 1
    action = next(a for a in doc["pledges"][0]["actions"] if "NYAS" in a["text"])
    assert nyas[0].span.start == action["span"]["start"]
    assert action["owners"] == []


# --- a priority-layout document the extractor has never seen ----------------------------------


def test_unseen_priority_document_extracts_sensibly():
    expected = _expected_unseen()
    score = score_document(expected, document_json(_model(UNSEEN), spans=False))
    assert score["pledges"]["f1"] == 1.0, score["misses"]["pledges"]
    assert score["actions"]["f1"] >= 0.9, score["misses"]["actions"]
    assert score["agencies"]["f1"] == 1.0, score["misses"]["agencies"]
    assert score["theme_jaccard"] >= 0.6, score["misses"]["themes"]
    assert score["officers"]["n/a"] and score["bodies"]["n/a"]


def test_unseen_priorities_keep_numbers_measures_and_outcomes():
    doc = _doc(UNSEEN)
    expected = _expected_unseen()["pledges"]
    assert [p["number"] for p in doc["pledges"]] == [1, 2]
    assert [p["measures"] for p in doc["pledges"]] == [p["measures"] for p in expected]
    assert doc["pledges"][0]["outcomes"] == expected[0]["outcomes"]
    assert "outcomes" not in doc["pledges"][1]


def test_unseen_bullets_broken_over_two_lines_and_nested_lists_are_one_action_each():
    actions = [a for p in _doc(UNSEEN)["pledges"] for a in p["actions"]]
    wanted = [a["text"] for p in _expected_unseen()["pledges"] for a in p["actions"]]
    assert [a["text"] for a in actions] == wanted
    broken = next(a for a in actions if a["text"].startswith("Hold a stability meeting"))
    assert broken["span"]["end"] == broken["span"]["start"] + 1


def test_unseen_document_without_owners_is_flagged_unowned():
    doc = _doc(UNSEEN)
    assert all(p["owners"] == [] for p in doc["pledges"])
    assert [f["kind"] for f in doc["quality_flags"]] == ["unowned"]
