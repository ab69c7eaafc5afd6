"""Headings damaged by text recognition repaired word by word (the document's own words and
the words of the field), and the repairs flagged."""

from pathlib import Path

from cpgraph.extract.ocr import prose_words, repair_heading, repair_prefix
from cpgraph.read import read_document
from cpgraph.read.text import TextDocument
from tests.seeds import LEICESTER, extracted, source


def test_damaged_headings_of_the_leicester_pledge_are_repaired_in_their_own_case():
    prose = prose_words(read_document(source(LEICESTER)))
    for damaged, fixed in [("A PUACE TO UTVE", "A PLACE TO LIVE"),
                           ("PREPARING FOR SUCCESSEUL LIVING", "PREPARING FOR SUCCESSFUL LIVING"),
                           ("CARE LEANERS PLEDGE", "CARE LEAVERS PLEDGE")]:
        repair = repair_heading(damaged, prose)
        assert (repair.text, repair.original, repair.repaired) == (fixed, damaged, True)


def test_words_of_the_field_and_other_word_forms_are_left_alone():
    assert repair_heading("TRANSITIONS").repaired is False
    assert repair_heading("TRANSITION").text == "TRANSITION"  # another word form, not damage
    assert repair_heading("Delivering our Priorities").repaired is False
    assert repair_heading("Feeling Safe").repaired is False  # a word, however close to "Keeping"


def test_a_short_word_two_letters_out_is_repaired_only_where_the_document_writes_the_phrase():
    with_phrase = prose_words(TextDocument("x.txt", ["A PUACE TO UTVE",
                                                     "We will help you find a safe place to live near your friends and school."]))
    assert repair_heading("A PUACE TO UTVE", with_phrase).text == "A PLACE TO LIVE"
    without = prose_words(TextDocument("y.txt", ["A PUACE TO UTVE",
                                                 "We will help you find a safe home close to the people you love."]))
    assert repair_heading("A PUACE TO UTVE", without).text == "A PLACE TO UTVE"


def test_a_word_the_prose_uses_is_never_repaired():
    prose = prose_words(TextDocument("z.txt", ["Children tell us that feeling safe is about knowing who to call at night."]))
    assert repair_heading("Feeling Safe", prose).repaired is False


def test_a_line_opening_with_a_damaged_pledge_name_is_repaired_and_the_rest_kept():
    repair = repair_prefix("CARE LEANERS PLEDGE Leicester City", prose_words(read_document(source(LEICESTER))))
    assert repair.text == "CARE LEAVERS PLEDGE Leicester City"
    assert repair_prefix("") is None


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
