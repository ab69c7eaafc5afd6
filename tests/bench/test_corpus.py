"""The benchmark corpus generator: deterministic, and what it writes is what cpgraph reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.corpus import CATALOGUE, generate, main, plan
from cpgraph.build import extract_file
from cpgraph.settings import Settings

EIGHT = 8  # councils 0..7: four action plans and one strategy of each other layout


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_writes_byte_identical_files(tmp_path):
    generate(EIGHT, tmp_path / "a", seed=3)
    generate(EIGHT, tmp_path / "b", seed=3)
    generate(EIGHT, tmp_path / "c", seed=4)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_a_smaller_corpus_is_a_prefix_of_a_larger_one():
    small, large = plan(5, seed=1), plan(30, seed=1)
    assert [(d.file, d.text) for d in small] == [(d.file, d.text) for d in large[:5]]


def test_catalogue_names_each_council_once(tmp_path):
    paths = generate(40, tmp_path)
    catalogue = json.loads((tmp_path / CATALOGUE).read_text(encoding="utf-8"))
    entries = {k: v for k, v in catalogue.items() if not k.startswith("_")}
    assert sorted(entries) == sorted(p.name for p in paths)
    councils = [v["council"] for v in entries.values()]
    assert len(set(councils)) == 40
    assert all(c.endswith("Council") for c in councils)


def test_every_seed_layout_is_generated():
    assert {d.layout for d in plan(EIGHT)} == {"action_plan", "pledge_list", "theme_tables", "duties", "priority"}


def test_variety_of_owners_and_dates():
    actions = [a for d in plan(40) for a in d.actions]
    assert any(len(a.owners) >= 2 for a in actions), "joint owners"
    assert any(a.hats for a in actions), "a post wearing a hat"
    assert any(not a.owners for a in actions if a.due or a.recurrence), "missing owners"
    assert {a.precision for a in actions} >= {"day", "month", "year"}
    assert any(a.recurrence == "Reviewed annually" for a in actions)
    assert any(a.initiatives for a in actions)
    texts = [d.text for d in plan(40)]
    assert any(" / " in t or "/" in t for t in texts) and any(", " in t and " and " in t for t in texts)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    generate(EIGHT, folder, seed=0)
    settings = Settings(home=folder)
    return [(doc, extract_file(folder / doc.file, settings)) for doc in plan(EIGHT, seed=0)]


def test_documents_extract_to_the_generated_pledges_and_actions(extracted):
    for doc, model in extracted:
        assert [len(p.actions) for p in model.pledges] == [len(p) for p in doc.pledges], doc.file
        assert [a.text for a in model.actions] == [a.text for a in doc.actions], doc.file
        assert model.council == doc.council


def test_owners_and_dates_come_out_as_generated(extracted):
    checked = 0
    for doc, model in extracted:
        for got, want in zip(model.actions, doc.actions, strict=True):
            assert tuple(got.owners) == want.owners, (doc.file, got.owner_text)
            assert dict(want.hats) == got.owner_hats
            assert (got.due, got.due_precision, got.recurrence) == (want.due, want.precision, want.recurrence), got.due_text
            assert tuple(got.initiatives) == want.initiatives
            checked += bool(want.owners)
    assert checked > 50


def test_repeated_actions_are_found_as_duplicates(extracted):
    repeated = [(doc, model) for doc, model in extracted
                if len({a for a in doc.actions}) < len(doc.actions)]
    assert repeated, "the sample should hold a plan with actions repeated word for word"
    for doc, model in repeated:
        expected = len(doc.actions) - len(set(doc.actions))
        assert sum(a.duplicate_of is not None for a in model.actions) >= expected


def test_duties_come_out_per_holder(extracted):
    duties = [(doc, model) for doc, model in extracted if doc.layout == "duties"]
    assert duties
    for doc, model in duties:
        assert [(r.holder, len(r.duties)) for r in model.responsibilities] == doc.responsibilities


def test_command_line_writes_the_corpus_and_replaces_an_earlier_one(tmp_path, capsys):
    assert main(["6", str(tmp_path)]) == 0
    assert "wrote 6 documents" in capsys.readouterr().out
    assert main(["2", str(tmp_path)]) == 0
    assert len(list(tmp_path.glob("*.txt"))) == 2
    assert main(["-1", str(tmp_path)]) == 2
    assert "cannot be negative" in capsys.readouterr().err
