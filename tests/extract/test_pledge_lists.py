"""The pledge-document layout (``Care Leavers Pledge`` sections of ``We will:`` bullets) on the
real Leicester strategy, and the bullet reader the layouts share."""

from cpgraph.extract.pledge_lists import PledgeListLayout, document_heading, read_bullets
from cpgraph.read import read_document
from tests.seeds import BRACKNELL, BUCKINGHAMSHIRE, LEICESTER, extracted, gold, source


def _sections() -> list[dict]:
    return [p for p in extracted(LEICESTER)["pledges"] if p.get("group") == "Care Leavers Pledge"]


def test_the_care_leavers_pledge_is_six_sections_with_the_gold_actions():
    wanted = [p for p in gold(LEICESTER)["pledges"] if p.get("group") == "Care Leavers Pledge"]
    got = _sections()
    assert [p["title"] for p in got] == [p["title"] for p in wanted]
    for mine, theirs in zip(got, wanted, strict=True):
        assert [a["text"] for a in mine["actions"]] == [a["text"] for a in theirs["actions"]]


def test_a_bullet_broken_over_two_lines_is_one_action():
    transitions = next(p for p in _sections() if p["title"] == "TRANSITIONS")
    last = transitions["actions"][-1]
    assert last["text"] == "Aim to keep and not change your Leaving Care Advisor"
    assert (last["span"]["start"], last["span"]["end"]) == (151, 152)


def test_pledge_sections_name_no_owner_and_posts_they_mention_are_officers():
    assert all(not p["owners"] and not a["owners"] for p in _sections() for a in p["actions"])
    assert "Leaving Care Advisor" in extracted(LEICESTER)["officers"]


def test_pledge_documents_are_initiatives_and_a_missing_body_is_flagged():
    doc = extracted(LEICESTER)
    assert {"Care Leavers Pledge", "Children in Care Pledge"} <= set(doc["initiatives"])
    (flag,) = [f for f in doc["quality_flags"] if f["kind"] == "missing_content"]
    assert "Children in Care Pledge" in flag["detail"]


def test_document_headings_need_a_name_before_the_noun():
    assert document_heading("CARE LEANERS PLEDGE Leicester City") == "Care Leavers Pledge"
    assert document_heading("Children in Care Pledge") == "Children in Care Pledge"
    assert document_heading("Our pledges") is None
    assert document_heading("Pledge 1") is None
    assert document_heading("The pledges tell our children what they can expect.") is None


def test_layout_is_recognised_by_structure_only_where_it_is_used():
    assert PledgeListLayout().detect(read_document(source(LEICESTER))) == 1.0
    for stem in (BRACKNELL, BUCKINGHAMSHIRE):
        assert PledgeListLayout().detect(read_document(source(stem))) == 0.0


def test_read_bullets_joins_continuations_keeps_nested_items_and_stops_at_prose():
    lines = [
        "",
        "- first item that runs on to the",
        "next line",
        "- second item",
        "   • a nested item",
        "",
        "- third item after a blank line",
        "Prose that follows the list.",
    ]
    items, end = read_bullets(lines, 1)
    assert [i.text for i in items] == [
        "first item that runs on to the next line", "second item", "a nested item",
        "third item after a blank line"]
    assert (items[0].start, items[0].end) == (2, 3)
    assert end == 8


def test_read_bullets_finds_nothing_where_no_list_begins():
    assert read_bullets(["Just a sentence.", "- a list later"], 1) == ([], 1)
