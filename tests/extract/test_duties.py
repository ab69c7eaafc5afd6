"""The duties layout on the real Buckinghamshire strategy (issue 3 acceptance for a document of
duties rather than pledges), and principles given as beliefs."""

from functools import cache

from cpgraph.build import extract_file
from cpgraph.evaluate import score_document
from cpgraph.extract.duties import DutiesLayout, PrinciplesLayout
from cpgraph.gold_json import document_json
from cpgraph.read import read_document
from cpgraph.settings import Settings
from tests.seeds import BUCKINGHAMSHIRE, LEICESTER, STAFFORDSHIRE, extracted, gold, source


@cache
def _score() -> dict:
    predicted = document_json(extract_file(source(BUCKINGHAMSHIRE), Settings()), spans=False)
    return score_document(gold(BUCKINGHAMSHIRE), predicted)


def _duties(doc: dict) -> dict[str, list[str]]:
    return {r["holder"]: r["duties"] for r in doc["responsibilities"]}


def test_issue_3_acceptance_numbers_for_buckinghamshire():
    score = _score()
    assert score["pledges"]["n/a"] and score["actions"]["n/a"]  # duties, not pledges
    assert score["theme_jaccard"] >= 0.6, score["misses"]["themes"]
    for kind in ("bodies", "agencies", "initiatives"):
        assert score[kind]["recall"] >= 0.8, score["misses"][kind]


def test_holders_are_the_gold_holders_in_order():
    assert list(_duties(extracted(BUCKINGHAMSHIRE))) == list(_duties(gold(BUCKINGHAMSHIRE)))


def test_listed_duties_are_the_gold_duties_word_for_word():
    got, wanted = _duties(extracted(BUCKINGHAMSHIRE)), _duties(gold(BUCKINGHAMSHIRE))
    for holder in ("Elected members", "All council directorates"):
        assert got[holder] == wanted[holder]


def test_prose_duties_are_counted_as_the_gold_counts_them_give_or_take_one():
    got, wanted = _duties(extracted(BUCKINGHAMSHIRE)), _duties(gold(BUCKINGHAMSHIRE))
    for holder, duties in wanted.items():
        assert abs(len(got[holder]) - len(duties)) <= 1, (holder, got[holder])
    assert abs(sum(map(len, got.values())) - sum(map(len, wanted.values()))) <= 1


def test_a_paragraph_in_the_councils_voice_is_context_not_a_duty():
    virtual_school = _duties(extracted(BUCKINGHAMSHIRE))["Virtual school"]
    assert len(virtual_school) == 2
    assert not any(d.startswith("We must") for d in virtual_school)


def test_two_duties_in_one_sentence_are_split_at_the_repeated_verb():
    housing = _duties(extracted(BUCKINGHAMSHIRE))["Housing providers"]
    assert housing[1].startswith("provide a range of ‘move-on’ accommodation")


def test_beliefs_are_the_principles_and_the_missing_actions_are_flagged():
    doc = extracted(BUCKINGHAMSHIRE)
    assert doc["principles"] == gold(BUCKINGHAMSHIRE)["principles"]
    assert [f["kind"] for f in doc["quality_flags"]] == ["duties_not_actions"]


def test_leicester_principles_come_from_its_means_we_should_list():
    assert extracted(LEICESTER)["principles"] == gold(LEICESTER)["principles"]


def test_layouts_are_recognised_only_where_used():
    bucks = read_document(source(BUCKINGHAMSHIRE))
    assert DutiesLayout().detect(bucks) == 1.0 and PrinciplesLayout().detect(bucks) == 1.0
    for stem in (LEICESTER, STAFFORDSHIRE):
        assert DutiesLayout().detect(read_document(source(stem))) == 0.0
