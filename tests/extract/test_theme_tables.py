"""The theme-table layout on the real Leicester strategy: tab-separated tables whose action
lists lost their bullets and are split before each imperative verb."""

from cpgraph.extract.theme_tables import ThemeTableLayout, split_run_on, zone_of
from cpgraph.read import read_document
from tests.seeds import BUCKINGHAMSHIRE, LEICESTER, STAFFORDSHIRE, extracted, gold, source


def _themes(doc: dict) -> list[dict]:
    return [p for p in doc["pledges"] if p.get("group") == "Priority themes"]


def test_five_theme_tables_give_the_gold_titles_and_actions_in_order():
    got, wanted = _themes(extracted(LEICESTER)), _themes(gold(LEICESTER))
    assert [p["title"] for p in got] == [p["title"] for p in wanted]
    for mine, theirs in zip(got, wanted, strict=True):
        assert [a["text"] for a in mine["actions"]] == [a["text"] for a in theirs["actions"]]
    assert sum(len(p["actions"]) for p in got) == 40


def test_run_on_lists_split_before_verbs_but_keep_proper_nouns_whole():
    assert split_run_on("Help children with homework Support schools to be good or outstanding "
                        "Inform Personal Education Plans Facilitate young people's attendance at school") == [
        "Help children with homework", "Support schools to be good or outstanding",
        "Inform Personal Education Plans", "Facilitate young people's attendance at school"]
    assert split_run_on("Promote membership of Generation Select, Care Experienced Consultants and "
                        "Co-Producers Inform young people of their rights") == [
        "Promote membership of Generation Select, Care Experienced Consultants and Co-Producers",
        "Inform young people of their rights"]
    assert split_run_on("Celebrate achievements at the Annual Support Awards") == [
        "Celebrate achievements at the Annual Support Awards"]
    assert split_run_on("Encourage or facilitate hobbies for young people") == [
        "Encourage or facilitate hobbies for young people"]


def test_aims_become_outcomes_and_the_run_on_lists_are_flagged():
    doc = extracted(LEICESTER)
    living = next(p for p in _themes(doc) if p["title"] == "Preparing for Successful Living")
    assert len(living["outcomes"]) == 2
    assert living["outcomes"][1].startswith("The transitions strategy and commissioning strategy")
    (flag,) = [f for f in doc["quality_flags"] if f["kind"] == "run_on_list"]
    assert "5 table(s)" in flag["detail"]


def test_table_parts_are_recognised_by_their_header_cues():
    assert zone_of("Why this is important") == "why"
    assert zone_of("What we are aiming for") == "aim"
    assert zone_of("How we support the theme as a corporate parent") == "how"
    assert zone_of("How we support young people every day by listening to them and acting on it") is None


def test_layout_is_recognised_only_where_tables_are():
    assert ThemeTableLayout().detect(read_document(source(LEICESTER))) == 1.0
    for stem in (BUCKINGHAMSHIRE, STAFFORDSHIRE):
        assert ThemeTableLayout().detect(read_document(source(stem))) == 0.0
