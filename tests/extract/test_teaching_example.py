"""The README's worked example of teaching cpgraph a new wording: a plan whose owner field is
labelled "Accountable manager:". Before the label was in ``data/lexicon/fields.json`` the field ran
into the action's text and no owner was read; with it, each action has its owner."""

from pathlib import Path

from cpgraph.build import extract_file
from cpgraph.settings import Settings
from cpgraph.structure.shapes import known_field

PLAN = Path(__file__).resolve().parents[1] / "data" / "teaching" / "accountable-manager-plan.txt"


def test_the_label_is_general_vocabulary_in_the_lexicon():
    assert known_field("Accountable manager") and known_field("accountable MANAGER")


def test_each_action_has_its_owner_and_date():
    doc = extract_file(PLAN, Settings())
    got = [(a.text, a.owners, a.due) for a in doc.actions]
    assert got == [
        ("Recruit twenty foster carers who live in the borough.", ["Head of Fostering"], "2027-03"),
        ("Open a second children's home in the north of the borough.", ["Head of Residential Services"], "2027-09"),
        ("Give every child a Personal Education Plan reviewed each term.", ["Virtual School Headteacher"], None),
    ]
    assert doc.actions[2].recurrence == "Ongoing"
