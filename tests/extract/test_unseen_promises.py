"""A promises-layout strategy the extractor has never seen (written for these tests: another
council, other headings and words), checked against a small hand-written expectation."""

import json
from functools import cache
from pathlib import Path

from rdflib.namespace import RDFS

from cpgraph.build import extract_file
from cpgraph.evaluate import score_document
from cpgraph.extract.promises import PromisesLayout
from cpgraph.gold_json import document_json
from cpgraph.namespace import CP
from cpgraph.rdf import to_graph
from cpgraph.read import read_document
from cpgraph.settings import Settings

UNSEEN = Path(__file__).parents[1] / "data" / "unseen" / "promises-layout.txt"


@cache
def _model():
    return extract_file(UNSEEN, Settings())


def _doc() -> dict:
    return document_json(_model(), spans=True)


@cache
def _expected() -> dict:
    return json.loads(UNSEEN.with_suffix(".json").read_text(encoding="utf-8"))


def test_recognised_from_structure_and_cue_words():
    doc = read_document(UNSEEN)
    assert PromisesLayout().detect(doc) >= 0.8


def test_pledges_actions_and_named_things_match_the_hand_made_expectation():
    score = score_document(_expected(), document_json(_model(), spans=False))
    assert score["pledges"]["f1"] == 1.0, score["misses"]["pledges"]
    assert score["actions"]["f1"] >= 0.9, score["misses"]["actions"]
    assert score["officers"]["f1"] == 1.0, score["misses"]["officers"]
    for kind in ("bodies", "agencies", "initiatives"):
        assert score[kind]["recall"] >= 0.8, score["misses"][kind]
    assert score["theme_jaccard"] >= 0.6, score["misses"]["themes"]


def test_groups_are_titled_headings_numbered_placeholders_or_numbered_headings():
    got = [(p["title"], p["group"]) for p in _doc()["pledges"]]
    assert got == [(p["title"], p["group"]) for p in _expected()["pledges"]]
    (flag,) = [f for f in _doc()["quality_flags"] if f["kind"] == "missing_headings"]
    assert "Commitment 2" in flag["detail"] and "no heading" in flag["detail"]


def test_a_sentence_without_a_full_stop_stays_a_commitment_not_a_heading():
    titles = [p["title"] for p in _doc()["pledges"]]
    assert not any(t.startswith("You can see your brothers") for t in titles)


def test_the_lead_named_in_the_delivery_section_owns_every_pledge_at_strategy_level():
    doc = _doc()
    assert doc["strategy_leads"] == _expected()["strategy_leads"]
    for pledge in doc["pledges"]:
        assert (pledge["owners"], pledge["owner_level"]) == (
            _expected()["strategy_leads"],
            "strategy",
        )
        assert all(a["owners"] == [] for a in pledge["actions"])
    # the delivery section is not a pledge
    assert not any(
        "Youth Forum will score us" in a["text"] for p in doc["pledges"] for a in p["actions"]
    )
    g = to_graph(_model())
    leads = {g.value(a, CP.assignee) for a in g.subjects(CP.ownershipLevel, CP.StrategyLevel)}
    assert {str(g.value(x, RDFS.label)) for x in leads} == set(_expected()["strategy_leads"])


def test_principles_voice_achievements_and_people():
    doc, expected = _doc(), _expected()
    for key in ("principles", "child_voice", "achievements", "people"):
        assert doc[key] == expected[key], key
