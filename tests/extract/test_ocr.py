"""OCR-damaged headings repaired against the heading lexicon, and the repairs flagged."""

from pathlib import Path

from cpgraph.extract.ocr import prose_words, repair_heading, repair_prefix
from cpgraph.read.text import TextDocument
from tests.seeds import LEICESTER, extracted, source


def test_damaged_headings_of_the_leicester_pledge_are_repaired_in_their_own_case():
    for damaged, fixed in [("A PUACE TO UTVE", "A PLACE TO LIVE"),
                           ("PREPARING FOR SUCCESSEUL LIVING", "PREPARING FOR SUCCESSFUL LIVING"),
                           ("CARE LEANERS PLEDGE", "CARE LEAVERS PLEDGE")]:
        repair = repair_heading(damaged)
        assert (repair.text, repair.original, repair.repaired) == (fixed, damaged, True)


def test_known_and_unknown_headings_are_left_alone():
    assert repair_heading("TRANSITIONS").repaired is False  # a known heading, spelt right
    assert repair_heading("TRANSITION").text == "TRANSITION"  # another word form, not damage
    assert repair_heading("Delivering our Priorities").repaired is False


def test_a_real_heading_that_resembles_a_known_one_is_kept_when_the_prose_uses_its_words():
    prose = frozenset("children tell us feeling safe is about knowing who to call".split())
    assert repair_heading("Feeling Safe").text == "Keeping Safe"  # without evidence it looks damaged
    assert repair_heading("Feeling Safe", prose).repaired is False


def test_a_known_heading_opening_a_line_is_found_and_the_rest_kept():
    repair = repair_prefix("CARE LEANERS PLEDGE Leicester City")
    assert repair.known == "Care Leavers Pledge"
    assert repair.rest == "Leicester City"
    assert repair_prefix("Our approach") is None


def test_prose_words_come_from_running_text_not_headings():
    doc = TextDocument("x.txt", ["A PUACE TO UTVE", "We will help you find a safe place to live near your friends."])
    words = prose_words(doc)
    assert "place" in words and "puace" not in words


def test_leicester_extraction_flags_every_repaired_heading_and_notes_it_on_the_pledge():
    doc = extracted(LEICESTER)
    (flag,) = [f for f in doc["quality_flags"] if f["kind"] == "ocr_errors"]
    for damaged in ("A PUACE TO UTVE", "PREPARING FOR SUCCESSEUL LIVING", "CARE LEANERS PLEDGE"):
        assert f"'{damaged}'" in flag["detail"]
    notes = {p["title"]: p.get("title_note") for p in doc["pledges"]}
    assert "A PUACE TO UTVE" in notes["A PLACE TO LIVE"]
    assert notes["TRANSITIONS"] is None
    assert Path(source(LEICESTER)).read_text(encoding="utf-8").count("A PUACE TO UTVE") == 1
