"""Validation of one document's graph: the same findings as validating it merged with the
ontology, without changing the graph."""

from __future__ import annotations

import pytest
from rdflib import Literal

from cpgraph.build import extract_file
from cpgraph.namespace import CP
from cpgraph.rdf import ontology_graph, to_graph
from cpgraph.settings import Settings
from cpgraph.validate import validate_document, validate_graph
from tests.seeds import ALL as SEEDS
from tests.seeds import source


@pytest.mark.parametrize("stem", SEEDS)
def test_a_document_validates_as_if_merged_with_the_ontology_and_is_left_as_it_was(stem: str):
    g = to_graph(extract_file(source(stem), Settings()))
    before = set(g)
    assert validate_document(g) == validate_graph(g + ontology_graph())
    assert set(g) == before


def test_a_broken_document_is_still_caught():
    g = to_graph(extract_file(source(SEEDS[0]), Settings()))
    action = next(g.subjects(CP.underPledge, None))
    g.add((action, CP.underPledge, Literal("not a pledge")))
    result = validate_document(g)
    assert not result.conforms
    assert any(f.focus == str(action) for f in result.violations)
    assert result == validate_graph(g + ontology_graph())
