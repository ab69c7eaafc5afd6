"""Tests of cpgraph.evaluate: matching, scoring conventions, the table and gold/source pairing."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from cpgraph.errors import InputError
from cpgraph.evaluate import (
    CATEGORIES,
    format_table,
    match_one_to_one,
    normalise,
    pair_gold_with_sources,
    score_corpus,
    score_document,
)

GOLD_DIR = Path(__file__).parent / "data" / "gold"
GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))
BRACKNELL = GOLD_DIR / "bracknell-forest-action-plan-2025-2028.json"


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def action(text: str, owners: list[str] | None = None, **extra: object) -> dict:
    return {"text": text, "owners": owners or [], **extra}


def doc(pledges: list[tuple[str, list[dict]]] | None = None, **lists: list[str]) -> dict:
    return {"pledges": [{"title": t, "actions": a} for t, a in pledges or []], **lists}


# --- normalise ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Young people\u2019s  Voice.", "young people's voice"),
        ("\u201cMy Things Matter\u201d campaign", '"my things matter" campaign'),
        ("Care Leaver review \u2013 Mark\u00a0Riddell", "care leaver review - mark riddell"),
        ("  Head of HR;\n", "head of hr"),
        ("Virtual School (Elevate)", "virtual school (elevate)"),
        ("Done\u2026", "done"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected
    assert normalise(expected) == expected


# --- match_one_to_one --------------------------------------------------------------------


def test_curly_and_straight_apostrophe_match_exactly() -> None:
    assert match_one_to_one(["Young people\u2019s voice"], ["young people's voice."]) == [
        (0, 0, 100.0)
    ]


def test_fuzzy_match_above_threshold() -> None:
    [(g, p, score)] = match_one_to_one(["Young people\u2019s voice"], ["Young peoples voice"])
    assert (g, p) == (0, 0)
    assert 85 <= score < 100


def test_threshold_rejects_a_different_sentence() -> None:
    gold = ["Support a young person to find a home"]
    pred = ["Teach young people independent skills"]
    assert match_one_to_one(gold, pred) == []
    assert match_one_to_one(gold, pred, threshold=0) != []


def test_duplicates_are_matched_one_to_one() -> None:
    assert [(g, p) for g, p, _ in match_one_to_one(["x y", "x y"], ["x y"])] == [(0, 0)]
    assert [(g, p) for g, p, _ in match_one_to_one(["x y"], ["x y", "x y"])] == [(0, 0)]
    assert [(g, p) for g, p, _ in match_one_to_one(["x y", "x y"], ["x y", "x y"])] == [
        (0, 0),
        (1, 1),
    ]


def test_exact_match_is_taken_before_a_fuzzy_one() -> None:
    gold = ["the cat sat on the mat", "the cat sat on the mats"]
    pairs = match_one_to_one(gold, ["The cat sat on the mats!"])
    assert [(g, p) for g, p, _ in pairs] == [(1, 0)]


def test_greedy_takes_the_best_score_first() -> None:
    # ratio("the cat sat on the mat", "…matts") = 95.7; ratio("…mats", "…matts") = 97.9
    gold = ["the cat sat on the mat", "the cat sat on the mats"]
    [(g, p, score)] = match_one_to_one(gold, ["the cat sat on the matts"])
    assert (g, p) == (1, 0)
    assert score == pytest.approx(2 * 23 / 47 * 100)


# --- score_document ----------------------------------------------------------------------


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_scored_against_itself_is_perfect(path: Path) -> None:
    gold = load(path)
    scores = score_document(gold, copy.deepcopy(gold))
    for key in CATEGORIES:
        assert scores[key]["precision"] == scores[key]["recall"] == scores[key]["f1"] == 1.0
        assert scores[key]["fp"] == scores[key]["fn"] == 0
    for key in ("owner_jaccard", "due_accuracy", "theme_jaccard"):
        assert scores[key] in (1.0, None)
    assert scores["theme_jaccard"] == 1.0
    assert all(not m["gold"] and not m["predicted"] for m in scores["misses"].values())


def test_corpus_of_gold_against_itself_is_perfect() -> None:
    report = score_corpus([(p.stem, load(p), load(p)) for p in GOLD_FILES])
    for key in CATEGORIES:
        assert report["overall"][key]["f1"] == 1.0
    for key in ("owner_jaccard", "due_accuracy", "theme_jaccard"):
        assert report["overall"][key] == 1.0
    assert json.loads(json.dumps(report)) == report


def test_missed_pledge() -> None:
    gold = doc([("Pledge A", [action("a one"), action("a two")]), ("Pledge B", [action("b one")])])
    pred = doc([("Pledge A", [action("a one"), action("a two")])])
    scores = score_document(gold, pred)
    assert scores["pledges"] == {
        "tp": 1,
        "fp": 0,
        "fn": 1,
        "precision": 1.0,
        "recall": 0.5,
        "f1": pytest.approx(2 / 3),
        "n/a": False,
    }
    assert (scores["actions"]["tp"], scores["actions"]["fn"]) == (2, 1)
    assert scores["actions"]["recall"] == pytest.approx(2 / 3)
    assert scores["misses"]["pledges"] == {"gold": ["Pledge B"], "predicted": []}
    assert scores["misses"]["actions"] == {"gold": ["b one"], "predicted": []}


def test_pledge_title_miss_does_not_lose_its_actions() -> None:
    gold = doc([("Keeping you safe", [action("Review every placement within a month")])])
    pred = doc([("Something else entirely", [action("Review every placement within a month.")])])
    scores = score_document(gold, pred)
    assert scores["pledges"]["f1"] == 0.0
    assert scores["actions"]["f1"] == 1.0


def test_extra_officer() -> None:
    scores = score_document(
        doc(officers=["Head of HR", "Virtual School"]),
        doc(officers=["Head of HR", "Virtual School", "SEND Service Lead"]),
    )
    assert scores["officers"]["precision"] == pytest.approx(2 / 3)
    assert scores["officers"]["recall"] == 1.0
    assert scores["officers"]["f1"] == pytest.approx(0.8)
    assert scores["misses"]["officers"] == {"gold": [], "predicted": ["SEND Service Lead"]}


def test_owner_jaccard() -> None:
    gold = doc([("P", [action("one thing", ["A", "B"]), action("other thing", [])])])
    pred = doc([("P", [action("one thing", ["a"]), action("other thing", [])])])
    scores = score_document(gold, pred)
    # {A,B} vs {A} -> 0.5; two empty owner sets -> 1.0; mean 0.75
    assert scores["owner_jaccard"] == pytest.approx(0.75)
    only = score_document(
        doc([("P", [gold["pledges"][0]["actions"][0]])]),
        doc([("P", [pred["pledges"][0]["actions"][0]])]),
    )
    assert only["owner_jaccard"] == 0.5


def test_due_accuracy() -> None:
    gold = doc(
        [
            (
                "P",
                [
                    action("first", due="2025-09", recurrence=None),
                    action("second", due="2025-09"),
                    action("third", due=None, recurrence="Reviewed annually"),
                    action("fourth"),
                ],
            )
        ]
    )
    pred = doc(
        [
            (
                "P",
                [
                    action("first", due="2025-12", recurrence=None),  # wrong due
                    action("second", due="2025-09", recurrence=None),  # absent recurrence == null
                    action("third", recurrence="reviewed annually."),  # normalised recurrence
                    action("fourth", recurrence="Reviewed annually"),  # extra recurrence
                ],
            )
        ]
    )
    assert score_document(gold, pred)["due_accuracy"] == 0.5


def test_bracknell_duplicate_actions_are_matched_one_to_one() -> None:
    gold = load(BRACKNELL)
    pred = copy.deepcopy(gold)
    for pledge in pred["pledges"][8:]:  # pledges 9 and 10 share four action texts
        pledge["title"] = "OCR damaged heading " + pledge["title"][::-1]
    scores = score_document(gold, pred)
    n_actions = sum(len(p["actions"]) for p in gold["pledges"])
    assert scores["pledges"]["tp"] == len(gold["pledges"]) - 2
    assert scores["actions"] == {
        "tp": n_actions,
        "fp": 0,
        "fn": 0,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
        "n/a": False,
    }
    # one copy of the duplicated actions predicted: the other copy is a miss, not a match
    pred["pledges"][9]["actions"] = pred["pledges"][9]["actions"][4:]
    scores = score_document(gold, pred)
    assert (scores["actions"]["tp"], scores["actions"]["fn"]) == (n_actions - 4, 4)


def test_theme_jaccard() -> None:
    scores = score_document(
        doc(themes=["education", "workforce", "housing_home"]),
        doc(themes=["education", "workforce", "governance"]),
    )
    assert scores["theme_jaccard"] == 0.5
    assert scores["misses"]["themes"] == {"gold": ["housing_home"], "predicted": ["governance"]}
    assert score_document(doc(), doc())["theme_jaccard"] is None


def test_empty_conventions() -> None:
    scores = score_document(doc(), doc(bodies=["Corporate Parenting Board"]))
    assert scores["bodies"]["precision"] == 0.0
    assert scores["bodies"]["n/a"] is False
    assert scores["agencies"] == {
        "tp": 0,
        "fp": 0,
        "fn": 0,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
        "n/a": True,
    }
    assert scores["owner_jaccard"] is None and scores["due_accuracy"] is None
    missing = score_document(doc(agencies=["NYAS"]), {})
    assert missing["agencies"]["recall"] == 0.0 and missing["agencies"]["f1"] == 0.0


def test_wrong_types_are_input_errors() -> None:
    with pytest.raises(InputError, match="'officers' must be a list"):
        score_document(doc(), {"officers": "Head of HR"})
    with pytest.raises(InputError, match="'pledges' must hold objects"):
        score_document(doc(), {"pledges": ["a title"]})


# --- score_corpus ------------------------------------------------------------------------


def test_overall_is_micro_averaged_and_means_skip_na() -> None:
    report = score_corpus(
        [
            (
                "d1",
                doc([("P", [action("x", ["A", "B"])])], officers=["A", "B"]),
                doc([("P", [action("x", ["A"])])], officers=["A"]),
            ),
            ("d2", doc(officers=["C", "D"]), doc(officers=["C", "D", "E", "F"])),
        ]
    )
    officers = report["overall"]["officers"]
    # d1: tp1 fp0 fn1; d2: tp2 fp2 fn0 -> tp3 fp2 fn1
    assert (officers["tp"], officers["fp"], officers["fn"]) == (3, 2, 1)
    assert officers["precision"] == pytest.approx(3 / 5)
    assert officers["recall"] == pytest.approx(3 / 4)
    assert officers["f1"] == pytest.approx(2 / 3)
    assert report["overall"]["owner_jaccard"] == 0.5  # d2 has no matched actions
    assert report["overall"]["theme_jaccard"] is None
    assert report["overall"]["bodies"]["n/a"] is True
    assert list(report["documents"]) == ["d1", "d2"]


def test_repeated_document_name_is_an_input_error() -> None:
    with pytest.raises(InputError, match="'d' is given twice"):
        score_corpus([("d", doc(), doc()), ("d", doc(), doc())])


# --- format_table ------------------------------------------------------------------------


def test_table_names_every_document_and_overall() -> None:
    report = score_corpus([(p.stem, load(p), load(p)) for p in GOLD_FILES])
    table = format_table(report)
    lines = table.splitlines()
    for path in GOLD_FILES:
        assert any(line.startswith(path.stem + " ") for line in lines)
    assert lines[-1].startswith("overall ")
    for word in ("pledges", "actions", "officers", "bodies", "agencies", "initiatives"):
        assert word in lines[0]
    bucks = next(line for line in lines if line.startswith("buckinghamshire"))
    assert "n/a" in bucks  # no pledges in gold or prediction
    assert "1.000" in lines[-1]


def test_table_cells_are_three_decimals() -> None:
    report = score_corpus([("tiny", doc(officers=["A", "B", "C"]), doc(officers=["A"]))])
    row = next(line for line in format_table(report).splitlines() if line.startswith("tiny"))
    assert row.split()[1:] == ["n/a", "n/a", "0.500", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a"]


# --- pair_gold_with_sources --------------------------------------------------------------


def test_pairing(tmp_path: Path) -> None:
    gold, sources = tmp_path / "gold", tmp_path / "sources"
    gold.mkdir()
    sources.mkdir()
    for stem in ("b-council", "a-council"):
        (gold / f"{stem}.json").write_text("{}")
    (sources / "a-council.txt").write_text("")
    (sources / "b-council.pdf").write_text("")
    (sources / "catalogue.json").write_text("")
    assert pair_gold_with_sources(gold, sources) == [
        (gold / "a-council.json", sources / "a-council.txt"),
        (gold / "b-council.json", sources / "b-council.pdf"),
    ]


def test_pairing_the_shipped_gold() -> None:
    sources = Path(__file__).parents[1] / "data" / "sources"
    if not sources.is_dir():
        pytest.skip("no data/sources in this checkout")
    pairs = pair_gold_with_sources(GOLD_DIR, sources)
    assert [g.stem for g, _ in pairs] == [s.stem for _, s in pairs] == [p.stem for p in GOLD_FILES]


def test_pairing_gold_without_source(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "gold" / "lonely.json").write_text("{}")
    (tmp_path / "sources" / "other.txt").write_text("")
    with pytest.raises(InputError, match="lonely.json") as info:
        pair_gold_with_sources(tmp_path / "gold", tmp_path / "sources")
    assert "\n" not in str(info.value)


def test_pairing_ambiguous_or_empty(tmp_path: Path) -> None:
    gold, sources = tmp_path / "gold", tmp_path / "sources"
    sources.mkdir()
    with pytest.raises(InputError, match="gold folder not found"):
        pair_gold_with_sources(gold, sources)
    gold.mkdir()
    with pytest.raises(InputError, match="no gold"):
        pair_gold_with_sources(gold, sources)
    (gold / "x.json").write_text("{}")
    (sources / "x.txt").write_text("")
    (sources / "x.pdf").write_text("")
    with pytest.raises(InputError, match="several sources: x.pdf, x.txt"):
        pair_gold_with_sources(gold, sources)


def test_pairing_in_one_folder_skips_the_gold_file_itself(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text("{}")
    (tmp_path / "x.txt").write_text("")
    assert pair_gold_with_sources(tmp_path, tmp_path) == [(tmp_path / "x.json", tmp_path / "x.txt")]


def test_an_item_matches_under_the_other_names_its_gold_lists():
    gold = {"agencies": ["NHSE", "DfE", "Catch 22"], "aliases": {"NHSE": ["NHS England"],
                                                               "DfE": ["Department for Education (DfE)"]}}
    predicted = {"agencies": ["NHS England", "Department for Education (DfE)", "Barnardo's"]}
    scores = score_document(gold, predicted)["agencies"]
    assert (scores["tp"], scores["fp"], scores["fn"]) == (2, 1, 1)


def test_without_aliases_in_the_gold_a_different_name_is_a_different_name():
    """The scorer never asks the extractor's lexicon what counts as the same agency."""
    scores = score_document({"agencies": ["NHSE"]}, {"agencies": ["NHS England"]})["agencies"]
    assert (scores["tp"], scores["fp"], scores["fn"]) == (0, 1, 1)
