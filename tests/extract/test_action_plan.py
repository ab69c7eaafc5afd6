"""The action-plan layout on the real Bracknell Forest plan, scored against its gold."""

from cpgraph.evaluate import score_document
from tests.seeds import BRACKNELL, extracted, gold, source


def _score():
    return score_document(gold(BRACKNELL), extracted(BRACKNELL))


def test_issue_2_acceptance_numbers():
    score = _score()
    assert score["pledges"]["f1"] == 1.0
    assert score["actions"]["f1"] == 1.0
    assert score["owner_jaccard"] >= 0.98
    assert score["due_accuracy"] == 1.0
    assert score["officers"]["f1"] >= 0.95


def test_ten_pledges_and_forty_five_actions():
    doc = extracted(BRACKNELL)
    assert [p["number"] for p in doc["pledges"]] == list(range(1, 11))
    assert sum(len(p["actions"]) for p in doc["pledges"]) == 45
    assert doc["council"] == "Bracknell Forest Council"
    assert (doc["kind"], doc["period"]) == ("action plan", "2025-2028")


def test_every_fact_cites_lines_inside_the_document():
    doc = extracted(BRACKNELL)
    n_lines = len(source(BRACKNELL).read_text(encoding="utf-8").splitlines())
    lines = source(BRACKNELL).read_text(encoding="utf-8").splitlines()
    for pledge in doc["pledges"]:
        span = pledge["span"]
        assert 1 <= span["start"] <= span["end"] <= n_lines
        assert lines[span["start"] - 1].startswith("Pledge ")
        for action in pledge["actions"]:
            s = action["span"]
            assert span["start"] <= s["start"] <= s["end"] <= span["end"]
            quoted = " ".join(lines[s["start"] - 1 : s["end"]])
            assert action["outcome"][0][:40] in quoted


def test_dates_keep_precision_and_text_and_recurrence():
    actions = [a for p in extracted(BRACKNELL)["pledges"] for a in p["actions"]]
    reviewed = [a for a in actions if a["recurrence"]]
    assert [(a["recurrence"], a["due"]) for a in reviewed] == [("Reviewed annually", None)]
    dated = [a for a in actions if a["due"]]
    assert all(a["due_precision"] == "month" for a in dated)
    assert {a["due_text"] for a in dated} == {"September 2025", "April 2025", "April 2026"}


def test_both_spellings_of_the_care_leaver_review_are_one_initiative():
    doc = extracted(BRACKNELL)
    reviews = [i for i in doc["initiatives"] if i.startswith("Care Leaver review")]
    assert reviews == ["Care Leaver review - Mark Riddell (DfE advisor)"]
    linked = {i for p in doc["pledges"] for a in p["actions"] for i in a["initiatives"]}
    assert "Care Leaver review - Mark Riddell" not in linked


def test_duplicated_actions_of_pledges_9_and_10_are_flagged():
    doc = extracted(BRACKNELL)
    p9, p10 = doc["pledges"][8], doc["pledges"][9]
    dupes = [a for a in p10["actions"] if "duplicate_of" in a]
    assert len(dupes) == 4 and [a["text"] for a in dupes] == [a["text"] for a in p9["actions"]]
    assert any(f["kind"] == "duplicate_actions" and "Pledge 9" in f["detail"] and "Pledge 10" in f["detail"]
               for f in doc["quality_flags"])


def test_hat_and_abbreviations_are_kept_as_written():
    actions = [a for p in extracted(BRACKNELL)["pledges"] for a in p["actions"]]
    hatted = [a for a in actions if a.get("hats")]
    assert hatted and all(a["hats"] == {"Virtual School Headteacher": "Elevate Lead"} for a in hatted)
    assert "Leaving Care ATM" in extracted(BRACKNELL)["officers"]


def test_a_spreadsheet_tracker_row_is_one_action_with_its_owner_date_and_rag(tmp_path):
    """Regression: trackers give Action before the owner; a row must not split in two."""
    from cpgraph.build import extract_file
    from cpgraph.settings import Settings

    csv_file = tmp_path / "tracker.csv"
    csv_file.write_text(
        "Priority,Action,Lead officer,Due date,RAG\n"
        "Keep young people safe,Run exploitation awareness sessions,Head of Safeguarding,March 2026,Amber\n"
        "Keep young people safe,Review the missing protocol,Team Manager: Missing / Police Liaison Officer,Q2 2026,Green\n",
        encoding="utf-8",
    )
    model = extract_file(csv_file, Settings())
    actions = model.actions
    assert [(a.text, a.owners, a.due, a.rag) for a in actions] == [
        ("Run exploitation awareness sessions", ["Head of Safeguarding"], "2026-03", "amber"),
        ("Review the missing protocol", ["Team Manager: Missing", "Police Liaison Officer"], "2026-06", "green"),
    ]
