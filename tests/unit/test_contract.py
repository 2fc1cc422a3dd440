"""The data contract of DESIGN.md is public API: every term exists, labelled in sv and en."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from samsyn.graph.namespaces import DCTERMS, OWL, RDF, RDFS, SAM, SKOS
from samsyn.ontology import ONTOLOGY_FILE

CLASSES = ["Organisation", "Municipality", "Region", "OrganisationalUnit", "Strategy", "Goal",
           "PriorityArea", "Activity", "Partnership", "Framework", "GrowthPriority", "Flagship",
           "BalticObjective", "RegionalFocusArea", "CrossCuttingPerspective", "HeadlineTarget"]
PROPERTIES = ["issuedBy", "adoptedBy", "validFrom", "validUntil", "statedIn", "servesGoal",
              "alignsWith", "refersTo", "contributesTo", "owner", "performer", "considers",
              "partner", "officialCode", "sourceText", "sourcePage", "country", "followUp",
              "responsibleFor", "partnershipKind"]
ONTOLOGY = URIRef("https://w3id.org/samsyn/ns")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(data=ONTOLOGY_FILE.read_text(encoding="utf-8"), format="turtle")


def _langs(graph, node, prop):
    return sorted(o.language for o in graph.objects(node, prop) if isinstance(o, Literal))


@pytest.mark.parametrize("name", CLASSES)
def test_class(ontology, name):
    term = SAM[name]
    assert (term, RDF.type, OWL.Class) in ontology
    assert _langs(ontology, term, RDFS.label) == ["en", "sv"]
    assert _langs(ontology, term, RDFS.comment) == ["en", "sv"]
    assert (term, RDFS.isDefinedBy, ONTOLOGY) in ontology


@pytest.mark.parametrize("name", PROPERTIES)
def test_property(ontology, name):
    term = SAM[name]
    assert set(ontology.objects(term, RDF.type)) & {OWL.ObjectProperty, OWL.DatatypeProperty}
    assert _langs(ontology, term, RDFS.label) == ["en", "sv"]
    assert _langs(ontology, term, RDFS.comment) == ["en", "sv"]
    assert (term, RDFS.isDefinedBy, ONTOLOGY) in ontology
    assert ontology.value(term, RDFS.domain) or ontology.value(term, RDFS.range), f"{name} has neither domain nor range"


def test_reused_vocabularies(ontology):
    assert (SAM.Flagship, RDFS.subClassOf, SKOS.Concept) in ontology
    assert (SAM.OrganisationalUnit, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#OrganizationalUnit")) in ontology


def test_header(ontology):
    assert ontology.value(ONTOLOGY, OWL.versionInfo) is not None
    assert ontology.value(ONTOLOGY, DCTERMS.modified) is not None


def test_every_sam_term_used_anywhere_is_defined(ontology, bundled_store):
    """Data may only use terms of the vocabulary (extend the ontology, never the data alone)."""
    defined = set(ontology.subjects(RDFS.isDefinedBy, ONTOLOGY))
    used = {t for q in bundled_store.dataset().quads((None, None, None, None)) for t in (q[1], q[2])
            if isinstance(t, URIRef) and str(t).startswith(str(SAM))}
    assert used - defined == set()
