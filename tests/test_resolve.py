"""Owner fields are split and normalised the way a council officer reads them."""

import pytest

from cpgraph.resolve import merge_aliases, slug, split_owners, whole_titles


@pytest.mark.parametrize(
    ("field", "owners"),
    [
        ("Head of Service: Life Chances / Head of HR", ["Head of Service: Life Chances", "Head of HR"]),
        ("Team Manager: CLA, CSST, Family Safeguarding",
         ["Team Manager: CLA", "Team Manager: CSST", "Team Manager: Family Safeguarding"]),
        ("Assistant Director: Education and Learning", ["Assistant Director: Education and Learning"]),
        ("Virtual School and Team Manager: Family Placement", ["Virtual School", "Team Manager: Family Placement"]),
        ("SEND Service Lead, Children’s Social Care and Adult’s Social Care",
         ["SEND Service Lead", "Children’s Social Care", "Adult’s Social Care"]),
        ("Team Manager: Conference and Review", ["Team Manager: Conference and Review"]),
        ("Head of Standards and Effectiveness", ["Head of Standards and Effectiveness"]),
        ("  Leaving Care ATM\u00a0 ", ["Leaving Care ATM"]),
        ("“Head of HR”", ["Head of HR"]),
    ],
)
def test_split_owners_reads_fields_as_the_gold_does(field, owners):
    assert [o.name for o in split_owners(field)] == owners


def test_a_title_the_document_always_writes_whole_is_one_post():
    title = "Senior Safeguarding Lead and Designated Nurse for Children and Young People in Care"
    # alone, "A and B" names two posts; a document that writes the pair twice and neither half
    # alone shows it is one post held by one person
    assert [o.name for o in split_owners(title)] == [
        "Senior Safeguarding Lead", "Designated Nurse for Children and Young People in Care"]
    whole = whole_titles([title, "Head of HR", title])
    assert [o.name for o in split_owners(title, whole)] == [title]
    assert not whole_titles([title, "Senior Safeguarding Lead", title])


def test_a_hat_is_taken_off_and_kept():
    owners = split_owners("Virtual School Headteacher (Elevate Lead), Leaving Care ATM")
    assert [(o.name, o.hat) for o in owners] == [("Virtual School Headteacher", "Elevate Lead"),
                                                 ("Leaving Care ATM", None)]


def test_duplicates_in_one_field_are_dropped():
    assert [o.name for o in split_owners("Head of HR / Head of HR")] == ["Head of HR"]


def test_initiative_spellings_merge_to_the_fullest_form():
    names = ["Care Leaver review - Mark Riddell", "Care Leaver review - Mark Riddell (DfE advisor)", "Big Ballot"]
    canonical = merge_aliases(names)
    assert canonical["Care Leaver review - Mark Riddell"] == "Care Leaver review - Mark Riddell (DfE advisor)"
    assert canonical["Big Ballot"] == "Big Ballot"


def test_slug_is_stable_and_url_safe():
    assert slug("Head of Service: Life Chances") == "head-of-service-life-chances"
    assert slug("Children’s Social Care") == "childrens-social-care"
    assert slug("") == "item"
