"""Issue 3's acceptance floors, on the whole seed corpus, scored as `cpgraph eval` scores it."""

import pytest

from cpgraph.evaluate import score_corpus
from tests.seeds import ALL, BRACKNELL, extracted, gold


@pytest.fixture(scope="module")
def report():
    return score_corpus([(stem, gold(stem), extracted(stem)) for stem in ALL])


@pytest.mark.parametrize("stem", ALL)
def test_pledges_and_actions_floors_per_document(report, stem):
    doc = report["documents"][stem]
    for category, floor in (("pledges", 0.95), ("actions", 0.9)):
        if not doc[category]["n/a"]:
            assert doc[category]["f1"] >= floor, (category, doc["misses"][category])


@pytest.mark.parametrize("stem", ALL)
def test_theme_jaccard_floor_per_document(report, stem):
    assert report["documents"][stem]["theme_jaccard"] >= 0.6


def test_owner_jaccard_on_the_action_plan(report):
    assert report["documents"][BRACKNELL]["owner_jaccard"] >= 0.98


@pytest.mark.parametrize("category", ["bodies", "agencies", "initiatives"])
def test_named_entity_recall_overall(report, category):
    assert report["overall"][category]["recall"] >= 0.8
