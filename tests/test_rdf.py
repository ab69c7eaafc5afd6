"""Keys that scope a document's posts and bodies."""

from __future__ import annotations

from cpgraph.model import StrategyDocument
from cpgraph.rdf import council_key


def test_a_named_council_is_its_own_key():
    assert council_key(StrategyDocument("x.txt", 1, council="Leicester City Council")) == "leicester-city-council"


def test_a_document_with_no_council_is_keyed_by_its_file_once_marked_unnamed():
    assert council_key(StrategyDocument("north-strategy-2025.txt", 1)) == "unnamed-north-strategy-2025"
    assert council_key(StrategyDocument("unnamed-council-strategy-2025-2030.txt", 1)) == "unnamed-council-strategy-2025-2030"
