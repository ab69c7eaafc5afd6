"""The governance layout on the real seeds: Leicester's board, theme subgroups and priorities
(and the issue 3 acceptance numbers for Leicester), Buckinghamshire's panel; and both seeds
converted to HTML, PDF and Word extracting the same as their text."""

from functools import cache

import pytest

from cpgraph.build import extract_file
from cpgraph.evaluate import normalise, score_document
from cpgraph.extract.governance import GovernanceLayout, find_posts
from cpgraph.gold_json import document_json
from cpgraph.read import read_document
from cpgraph.settings import Settings
from tests.read.test_formats import write_docx, write_html, write_pdf
from tests.seeds import BRACKNELL, BUCKINGHAMSHIRE, LEICESTER, extracted, gold, source


@cache
def _score(stem: str) -> dict:
    return score_document(gold(stem), document_json(extract_file(source(stem), Settings()), spans=False))


def test_issue_3_acceptance_numbers_for_leicester():
    score = _score(LEICESTER)
    assert score["pledges"]["f1"] >= 0.95, score["misses"]["pledges"]
    assert score["actions"]["f1"] >= 0.9, score["misses"]["actions"]
    assert score["theme_jaccard"] >= 0.6, score["misses"]["themes"]
    assert score["officers"]["f1"] >= 0.95, score["misses"]["officers"]
    for kind in ("bodies", "agencies", "initiatives"):
        assert score[kind]["recall"] >= 0.8, score["misses"][kind]


def test_every_leicester_action_is_unowned_and_its_pledge_shows_the_gold_governance_owner():
    doc = extracted(LEICESTER)
    assert all(a["owners"] == [] for p in doc["pledges"] for a in p["actions"])
    wanted = {p["title"]: (p["owners"], p.get("owner_level")) for p in gold(LEICESTER)["pledges"]}
    got = {p["title"]: (p["owners"], p.get("owner_level")) for p in doc["pledges"]}
    assert got == wanted


def test_subgroups_aligned_to_the_themes_belong_to_the_board_and_own_their_theme():
    model = extract_file(source(LEICESTER), Settings())
    bodies = {b.name: b for b in model.bodies}
    board = bodies["Corporate Parenting Board"]
    assert board.subgroups == [f"{t} subgroup" for t in (
        "A Place to Live", "Preparing for Successful Living", "Health and Wellbeing",
        "Active Citizenship", "Education")]
    assert bodies["A Place to Live subgroup"].parent == "Corporate Parenting Board"
    assert bodies["A Place to Live subgroup"].themes == ["housing_home"]
    assert bodies["Education subgroup"].themes == ["education"]
    assert [o.text for o in board.objectives] == gold(LEICESTER)["body_objectives"]["Corporate Parenting Board"]


def test_subgroup_members_duties_are_a_responsibility():
    (resp,) = [r for r in extracted(LEICESTER)["responsibilities"] if r["holder"] == "Subgroup members"]
    assert resp["duties"] == gold(LEICESTER)["body_objectives"]["subgroup members"]


def test_people_signing_quotations_hold_the_posts_the_gold_names():
    assert extracted(LEICESTER)["people"] == gold(LEICESTER)["people"]


def _normalised(governance: dict) -> dict:
    def norm(value):
        if isinstance(value, list):
            return [normalise(v) for v in value]
        return normalise(value) if isinstance(value, str) else value
    return {normalise(name): {k: norm(v) for k, v in body.items()} for name, body in governance.items()}


def test_buckinghamshire_panel_chair_frequency_members_and_subgroups_match_the_gold():
    assert _normalised(extracted(BUCKINGHAMSHIRE)["governance"]) == _normalised(gold(BUCKINGHAMSHIRE)["governance"])


def test_buckinghamshire_bodies_and_officers():
    score = _score(BUCKINGHAMSHIRE)
    assert score["bodies"]["precision"] == 1.0 and score["bodies"]["recall"] >= 0.8, score["misses"]["bodies"]
    assert score["officers"]["f1"] == 1.0, score["misses"]["officers"]
    assert extracted(BUCKINGHAMSHIRE)["people"] == []


def test_posts_are_found_with_capitals_or_after_a_qualifier():
    text = ("The CPP consists of a cross party group of elected Members supported by officers "
            "including the Service Director for Children’s Social Care, and specialist nurses for "
            "looked after children must attend.")
    assert find_posts(text) == ["elected Members", "Service Director for Children’s Social Care",
                                "specialist nurses for looked after children"]


def test_layout_needs_a_board_or_panel_named_more_than_once():
    assert GovernanceLayout().detect(read_document(source(BUCKINGHAMSHIRE))) == 1.0
    assert GovernanceLayout().detect(read_document(source(LEICESTER))) == 1.0
    assert GovernanceLayout().detect(read_document(source(BRACKNELL))) == 0.0


@pytest.mark.parametrize("stem", [LEICESTER, BUCKINGHAMSHIRE])
@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_the_same_document_as_html_pdf_or_docx_extracts_the_same(tmp_path, stem, fmt):
    lines = source(stem).read_text(encoding="utf-8").splitlines()
    writer = {"html": write_html, "pdf": write_pdf, "docx": write_docx}[fmt]
    converted = document_json(extract_file(writer(tmp_path / f"{stem}.{fmt}", lines), Settings()), spans=False)

    def shape(doc: dict) -> tuple:
        return ([(p["title"], p.get("group"), p["owners"], [a["text"] for a in p["actions"]]) for p in doc["pledges"]],
                doc["responsibilities"], doc["governance"], sorted(doc["bodies"]), doc["principles"])

    assert shape(converted) == shape(extracted(stem))
