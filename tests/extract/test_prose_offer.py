"""An offer written as prose, as local offers for care leavers often are: where a section holds no
list, each sentence that commits is an action with its own lines and the team it names as owner;
where a section holds a list, the list is the commitment and the paragraphs around it are prose."""

from pathlib import Path

from cpgraph.build import extract_file
from cpgraph.settings import Settings

OFFER = Path(__file__).resolve().parents[1] / "data" / "teaching" / "prose-offer.txt"


def test_sentences_of_a_prose_offer_are_actions_with_their_lines_and_owners():
    doc = extract_file(OFFER, Settings())
    home = next(p for p in doc.pledges if p.title == "Your first home")
    got = [(a.text, a.owners, (a.span.start, a.span.end)) for a in home.actions]
    assert got == [
        ("You can claim a setting-up grant of £2,500 for furniture and kitchen things.", [], (5, 6)),
        ("The Leaving Care Service will find you somewhere safe to live before your eighteenth birthday.",
         ["Leaving Care Service"], (6, 7)),
        ("When you sign your first tenancy you will not pay council tax until you are 25.", [], (8, 8)),
    ]


def test_paragraphs_beside_a_list_stay_prose():
    doc = extract_file(OFFER, Settings())
    well = next(p for p in doc.pledges if p.title == "Keeping well")
    assert [a.text for a in well.actions] == [
        "book your health check at a time that suits you", "pay for your prescriptions until you are 25"]
