"""The council a document names itself after: read from the text, never guessed."""

from __future__ import annotations

from cpgraph.extract.header import find_council
from cpgraph.read.text import TextDocument
from tests.seeds import STAFFORDSHIRE, source


def council(*lines: str) -> str | None:
    return find_council(TextDocument("x.txt", list(lines)))


def test_the_tail_of_a_childrens_forum_is_not_a_council():
    assert council("We meet the Children in Care Council every month.") is None
    assert council("Staffordshire County Council listens to the Children in Care Council.") == "Staffordshire County Council"


def test_a_place_the_text_keeps_naming_is_used_when_no_council_is_named():
    assert council("In Kestwick, we will:", "Children living outside Kestwick get the same offer.") == "Kestwick Council"
    assert council("In Kestwick, we will:", "Our Children in Care Council helps us.") is None  # named once only


def test_a_heading_word_is_not_a_council():
    assert council("Summary Council of the strategy", "Plan Council meets.") is None


def test_the_staffordshire_seed_under_an_uninformative_file_name_is_staffordshire():
    text = source(STAFFORDSHIRE).read_text(encoding="utf-8")
    assert find_council(TextDocument("001.txt", text.splitlines())) == "Staffordshire Council"
