"""A strategy the extractor has never seen (written for these tests: another council, other
headings and words) in the layouts of Leicester and Buckinghamshire — a pledge document of
"We promise to:" sections, theme tables with run-on action lists, a committee with chair,
frequency, members and sub-groups, and duties by role — checked against a hand-written
expectation beside it."""

import json
from functools import cache
from pathlib import Path

from cpgraph.build import extract_file
from cpgraph.evaluate import normalise, score_document
from cpgraph.extract.duties import DutiesLayout
from cpgraph.extract.governance import GovernanceLayout
from cpgraph.extract.pledge_lists import PledgeListLayout
from cpgraph.extract.theme_tables import ThemeTableLayout
from cpgraph.gold_json import document_json
from cpgraph.read import read_document
from cpgraph.settings import Settings

UNSEEN = Path(__file__).parents[1] / "data" / "unseen" / "tables-and-duties-layout.txt"


@cache
def _doc() -> dict:
    return document_json(extract_file(UNSEEN, Settings()), spans=False)


@cache
def _expected() -> dict:
    return json.loads(UNSEEN.with_suffix(".json").read_text(encoding="utf-8"))


def test_every_layout_is_recognised_from_structure_and_cue_words():
    doc = read_document(UNSEEN)
    for layout in (PledgeListLayout(), ThemeTableLayout(), GovernanceLayout(), DutiesLayout()):
        assert layout.detect(doc) >= 0.2, layout.name


def test_pledges_actions_and_named_things_match_the_hand_made_expectation():
    score = score_document(_expected(), _doc())
    assert score["pledges"]["f1"] >= 0.95, score["misses"]["pledges"]
    assert score["actions"]["f1"] >= 0.9, score["misses"]["actions"]
    assert score["officers"]["f1"] >= 0.95, score["misses"]["officers"]
    for kind in ("bodies", "agencies"):
        assert score[kind]["recall"] >= 0.8, score["misses"][kind]
    assert score["theme_jaccard"] >= 0.6, score["misses"]["themes"]
    assert "Care Leavers Charter" in _doc()["initiatives"]


def test_groups_and_governance_owners_are_as_a_reader_would_give_them():
    keys = ("title", "group", "owners")
    assert [tuple(p.get(k) for k in keys) for p in _doc()["pledges"]] == \
        [tuple(p.get(k) for k in keys) for p in _expected()["pledges"]]


def test_a_damaged_heading_is_repaired_and_a_real_one_that_looks_similar_is_not():
    titles = [p["title"] for p in _doc()["pledges"]]
    assert "YOUR HEALTH" in titles and "Feeling Safe" in titles
    (flag,) = [f for f in _doc()["quality_flags"] if f["kind"] == "ocr_errors"]
    assert "'YOUR HEAITH'" in flag["detail"] and "'CARE LEAVFRS CHARTER'" in flag["detail"]
    assert "Feeling" not in flag["detail"]


def test_the_committee_is_described_as_the_expectation_says():
    def norm(governance):
        return {normalise(n): {k: [normalise(x) for x in v] if isinstance(v, list) else normalise(v)
                               for k, v in b.items()} for n, b in governance.items()}
    assert norm(_doc()["governance"]) == norm(_expected()["governance"])


def test_duty_holders_and_counts():
    got = {r["holder"]: r["duties"] for r in _doc()["responsibilities"]}
    wanted = {r["holder"]: r["duties"] for r in _expected()["responsibilities"]}
    assert list(got) == list(wanted)
    assert got["Councillors"] == wanted["Councillors"]
    for holder, duties in wanted.items():
        assert abs(len(got[holder]) - len(duties)) <= 1, (holder, got[holder])
    assert _doc()["principles"] == _expected()["principles"]
    assert not _doc()["warnings"]
