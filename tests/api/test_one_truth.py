"""One truth on every screen: "unowned" is counted with ONE definition
(``cpgraph.analytics.ownership``), so the build table, ``cpgraph gaps``, ``/api/gaps``, the
report, the family tree and the named queries give the same numbers, council by council; and the
``councils`` named query counts what the home page and ``/api/councils`` count.

On the seeds (the session's build, not built again) and on a generated corpus (``bench.corpus``)
of ``CORPUS_COUNCILS`` councils: 16 in the suite (they build in about 5 s); 150 take about 30 s to
build, so that size is run on demand: ``CPGRAPH_TRUTH_COUNCILS=150 python -m pytest -n 0
tests/api/test_one_truth.py -k generated``.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from datetime import date

import pytest
from typer.testing import CliRunner

from cpgraph import queries
from cpgraph.analytics import Analytics
from cpgraph.analytics.ownership import ownership_by_item
from cpgraph.build import run_build
from cpgraph.cli import app, commands  # noqa: F401  (commands registers them on app)
from cpgraph.report import NO_NAMED_CARD, NO_OWNER_CARD, render_report
from cpgraph.settings import Settings
from cpgraph.store import open_store
from viz import build_view, family_tree
from viz.facade import Facts

CORPUS_COUNCILS = int(os.environ.get("CPGRAPH_TRUTH_COUNCILS", "16"))
AS_OF = date(2026, 12, 4)


@pytest.fixture(scope="module")
def seeds(seed_build):
    """The session's seed build: its summary (the build table) and its analytics (read only)."""
    home, summary = seed_build
    analytics = Analytics(open_store(Settings(home=home).store_location))
    yield home, summary, analytics
    analytics.store.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A generated corpus of ``CORPUS_COUNCILS`` councils in the seed layouts, built once."""
    from bench.corpus import generate

    folder = tmp_path_factory.mktemp("truth-corpus")
    generate(CORPUS_COUNCILS, folder / "sources", seed=16)
    home = folder / "home"
    summary = run_build(Settings(home=home, build_jobs=1), [folder / "sources"], validate=False)
    analytics = Analytics(open_store(Settings(home=home).store_location))
    yield home, summary, analytics
    analytics.store.close()


# --- what each surface says, per council: (actions with no named owner, with no owner at all,
# pledges with no owner at all) ------------------------------------------------------------------

def from_build_table(summary, analytics) -> Counter:
    """The counts ``cpgraph build`` prints, per document, added up per council."""
    council_of_source = {d["source"]: d["council"] for _, d in analytics.graph().nodes(data=True)
                         if d["kind"] == "strategy"}
    out: Counter = Counter()
    for doc in summary.documents:
        council = council_of_source.get(doc.source)
        out[(council, "no_named_owner")] += doc.actions_no_named_owner
        out[(council, "none")] += doc.actions_no_owner_any_level
    return +out


def from_gaps(rows) -> Counter:
    """Counts from gap rows (``cpgraph gaps`` JSON or ``/api/gaps`` items)."""
    out: Counter = Counter()
    for g in rows:
        if g["kind"] == "action" and g["rule"] in ("unowned_action", "owned_above_only"):
            out[(g["council"], "no_named_owner")] += 1
        if g["rule"] == "unowned_action":
            out[(g["council"], "none")] += 1
        if g["rule"] == "unowned_pledge":
            out[(g["council"], "pledges_none")] += 1
    return +out


def from_cli_gaps(home) -> Counter:
    result = CliRunner().invoke(app, ["gaps", "--format", "json", "--as-of", AS_OF.isoformat(),
                                      "--store", str(Settings(home=home).store_location)])
    assert result.exit_code == 0, result.output
    return from_gaps(json.loads(result.stdout))


def from_named_queries(store) -> Counter:
    out: Counter = Counter()
    for row in store.select(queries.get("unowned-actions").text):
        out[(str(row["council"]), "no_named_owner")] += 1
        out[(str(row["council"]), "none")] += str(row["ownership"]) == "none"
    for row in store.select(queries.get("unowned-pledges").text):
        out[(str(row["council"]), "pledges_none")] += 1
    return +out


def from_report(analytics, council: str) -> Counter:
    """The two headline cards of the report for one council (Markdown: ``- **card**: N (…)``)."""
    text = render_report(analytics, as_of=AS_OF, fmt="md", council=council)
    cards = dict(re.findall(r"^- \*\*(.+?)\*\*: (\d+)", text, re.M))
    none = re.search(r"(\d+) with no owner at any level\)", text)
    return +Counter({(council, "no_named_owner"): int(cards[NO_NAMED_CARD]),
                     (council, "none"): int(none.group(1)),
                     (council, "pledges_none"): int(cards[NO_OWNER_CARD])})


def from_family_tree_of(analytics, council: str) -> Counter:
    """What one council's family tree paints: red (no owner at any level), orange (owned above)."""
    view = build_view(analytics, "family-tree", council=council)
    flags = Counter((n.kind, n.flags) for n in view.nodes.values() if n.kind in ("action", "pledge"))
    return +Counter({(council, "no_named_owner"): flags[("action", ("unowned",))] + flags[("action", ("governance_only",))],
                     (council, "none"): flags[("action", ("unowned",))],
                     (council, "pledges_none"): flags[("pledge", ("unowned",))]})


def from_family_tree_summary(analytics) -> Counter:
    """The whole corpus's family tree, one box per council: "N no owner at any level · M owned above only"."""
    facts = Facts(analytics)
    out: Counter = Counter()
    for node in family_tree.summary(facts, 0, max_nodes=10_000).nodes.values():
        found = re.search(r"(\d+) no owner at any level · (\d+) owned above only", node.label)
        if found:
            key = facts.graph.nodes[node.key]["key"]
            out[(key, "none")] += int(found.group(1))
            out[(key, "no_named_owner")] += int(found.group(1)) + int(found.group(2))
    return +out


def only(counts: Counter, *measures: str) -> Counter:
    return Counter({k: v for k, v in counts.items() if k[1] in measures})


def councils_of(analytics) -> list[str]:
    return sorted(d["key"] for _, d in analytics.graph().nodes(data=True) if d["kind"] == "council")


# --- the seeds ------------------------------------------------------------------------------------

def test_unowned_counts_agree_on_every_surface_on_the_seeds(seeds, http):
    home, summary, analytics = seeds
    truth = from_cli_gaps(home)
    # The seeds' three meanings, told apart: Leicester's 80 actions name no owner, but 73 are
    # owned above by its subgroups and 7 by nobody; Staffordshire's 71 are owned by the strategy's
    # owner; none of the unnamed council's 10 has an owner at any level.
    assert truth[("leicester-city-council", "no_named_owner")] == 80
    assert truth[("leicester-city-council", "none")] == 7
    assert truth[("staffordshire-county-council", "no_named_owner")] == 71
    assert truth[("staffordshire-county-council", "none")] == 0
    assert truth[("unnamed-council-strategy-2025-2030", "none")] == 10

    actions = ("no_named_owner", "none")
    assert from_build_table(summary, analytics) == only(truth, *actions)
    api = http.get("/api/gaps", params={"limit": 1000, "as_of": AS_OF.isoformat()}).json()
    assert api["total"] <= 1000
    assert from_gaps(api["items"]) == truth
    assert from_named_queries(analytics.store) == truth
    for council in councils_of(analytics):
        mine = Counter({k: v for k, v in truth.items() if k[0] == council})
        assert from_report(analytics, council) == mine, council
        assert from_family_tree_of(analytics, council) == mine, council
        api_counts = http.get("/api/gaps", params={"council": council, "limit": 1}).json()["ownership"]
        assert (api_counts["actions"]["no_named_owner"], api_counts["actions"]["none"],
                api_counts["pledges"]["none"]) == tuple(mine[(council, m)] for m in (*actions, "pledges_none"))
    assert from_family_tree_summary(analytics) == only(truth, *actions)


def test_the_councils_query_counts_what_the_home_page_and_api_count(seeds, http):
    _, _, analytics = seeds
    rows = {str(r["strategy"]): (int(r["pledges"]), int(r["actions"]))
            for r in analytics.store.select(queries.get("councils").text)}
    api = http.get("/api/councils", params={"limit": 1000}).json()["items"]
    from_api = {s["key"]: (s["pledges"], s["actions"]) for c in api for s in c["strategies"]}
    assert rows == from_api
    home = http.get("/", headers={"Accept": "application/json"}).json()
    from_home = {s["key"]: (s["pledges"], s["actions"]) for c in home["councils"] for s in c["strategies"]}
    assert rows == from_home
    # Buckinghamshire 2020–23 is roles and a panel, no pledges: its role responsibilities are not pledges
    assert rows["buckinghamshire-strategy-2020-2023"] == (0, 0)
    assert rows["staffordshire-strategy-2023-2028"] == (17, 71)
    assert rows["leicester-city-strategy-2023"] == (12, 80)


# --- a larger generated corpus --------------------------------------------------------------------

def test_unowned_counts_agree_on_every_surface_on_a_generated_corpus(corpus):
    home, summary, analytics = corpus
    assert len(councils_of(analytics)) == CORPUS_COUNCILS
    truth = from_cli_gaps(home)
    assert only(truth, "none"), "the corpus should hold actions nobody owns"
    actions = ("no_named_owner", "none")
    assert from_build_table(summary, analytics) == only(truth, *actions)
    assert from_named_queries(analytics.store) == truth
    assert from_family_tree_summary(analytics) == only(truth, *actions)
    counts = analytics.ownership()
    assert counts["actions"]["no_named_owner"] == sum(only(truth, "no_named_owner").values())
    assert counts["pledges"]["none"] == sum(only(truth, "pledges_none").values())
    for council in councils_of(analytics)[:3]:
        assert from_report(analytics, council) == Counter({k: v for k, v in truth.items() if k[0] == council})


@pytest.mark.parametrize("pledge", ["leicester-city-strategy-2023-pledge-1", "staffordshire-strategy-2023-2028-pledge-1",
                                    "unnamed-council-strategy-2025-2030-pledge-1"])
def test_a_pledge_page_says_no_owner_at_any_level_only_where_that_is_so(seeds, http, pledge):
    _, _, analytics = seeds
    levels = ownership_by_item(analytics.graph())
    data = http.get(f"/api/pledges/{pledge}").json()
    expected = Counter(levels[a["iri"]] for a in data["actions"])
    assert Counter(a["ownership"] for a in data["actions"]) == expected
    html = http.get(f"/pledges/{pledge}", headers={"Accept": "text/html"}).text
    assert html.count("no owner at any level") == expected["none"]
    assert html.count("no named owner: owned above") == expected["governance"] + expected["strategy"]
    assert sum(expected.values()) == len(data["actions"]) > 0
