"""The vocabulary is defined once: the Python namespace and the ontology name the same terms."""

from rdflib import OWL, RDF, RDFS, Graph
from rdflib.namespace import SH, SKOS

from cpgraph import paths
from cpgraph.namespace import CP

NS = str(CP._NS)


def _ontology() -> Graph:
    return Graph().parse(paths.ontology_dir() / "cp.ttl")


def test_namespace_and_ontology_name_the_same_terms():
    in_ontology = {str(s)[len(NS):] for s in _ontology().subjects() if str(s).startswith(NS)}
    in_python = set(CP.__annotations__)
    assert in_python == in_ontology


def test_every_term_has_a_label_and_a_definition():
    g = _ontology()
    terms = {s for s in g.subjects() if str(s).startswith(NS)}
    missing = [t for t in terms if not g.value(t, RDFS.label) or not g.value(t, SKOS.definition)]
    assert missing == []


def test_the_namespace_is_closed():
    try:
        CP.Actoin  # noqa: B018
    except AttributeError:
        return
    raise AssertionError("a misspelt term must not mint an IRI")


def test_ontology_reuses_w3c_vocabularies():
    g = _ontology()
    supers = {str(o) for o in g.objects(None, RDFS.subClassOf)}
    assert "http://www.w3.org/ns/org#FormalOrganization" in supers
    assert "http://www.w3.org/ns/org#OrganizationalUnit" in supers
    assert "http://www.w3.org/ns/prov#Entity" in supers
    assert (None, RDF.type, OWL.Ontology) in g


def test_theme_and_principle_schemes_match_the_design():
    g = Graph().parse(paths.ontology_dir() / "themes.ttl")
    notations = {str(o) for o in g.objects(None, SKOS.notation)}
    themes = {"health_wellbeing", "education", "employment_training", "housing_home", "relationships_family",
              "participation_voice", "safety_protection", "identity_belonging", "leaving_care_transition",
              "stability_placement", "workforce", "governance"}
    principles = {f"cpp_{c}" for c in "abcdefg"}
    assert notations == themes | principles
    for concept in g.subjects(SKOS.notation, None):
        assert g.value(concept, SKOS.prefLabel) and g.value(concept, SKOS.definition)
        if str(g.value(concept, SKOS.notation)) in themes:
            assert list(g.objects(concept, CP.servesPrinciple)), "every theme serves a principle"


def test_shapes_parse_and_cover_the_ownership_rule():
    g = Graph().parse(paths.ontology_dir() / "shapes.ttl")
    warnings = {w for w in g.subjects(SH.severity, SH.Warning) if g.value(w, SH.targetClass)}
    # unowned actions and unowned pledges are warnings, not violations
    assert {str(g.value(w, SH.targetClass)) for w in warnings} == {str(CP.Action), str(CP.Pledge)}
