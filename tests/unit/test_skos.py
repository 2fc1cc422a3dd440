"""The concept schemes as SKOS tools see them (issue 10): skosify's checks on each scheme with the
ontology loaded, and qSKOS-style checks of labels, scheme membership, top concepts and hierarchy."""

from __future__ import annotations

import logging
from functools import cache

import pytest
import skosify
from rdflib import Graph, Literal, URIRef

from samsyn.graph.namespaces import OWL, RDF, RDFS, SAM, SKOS
from samsyn.graph.sources import bundled_frameworks, bundled_ontology, parse_source

MINTED = "https://w3id.org/samsyn/"
ID = MINTED + "id/"
#: every scheme samsyn mints; a scheme that vanishes or appears unannounced fails test_the_schemes
SCHEMES = {URIRef(ID + s) for s in ("eu2020", "eusbsr", "blekingestrategin", "perspective")} | {
    SAM.PartnershipKinds, SAM.RuleStrengths, SAM.ReportingForms, SAM.TargetGroupKinds, SAM.ActivityStatuses}
#: what skosify reports below WARNING that is still a problem in the data
SKOSIFY_PROBLEMS = ("Marking loose concept", "Unlabeled concept scheme", "Some concepts not reached")
TBOX_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.Ontology,
              RDF.Property}


@cache
def bundled() -> Graph:
    """The ontology and every framework file, as the build loads them."""
    graph = parse_source(bundled_ontology())
    for source in bundled_frameworks():
        graph += parse_source(source)
    return graph


def minted_schemes(graph: Graph) -> set:
    declared = set(graph.subjects(RDF.type, SKOS.ConceptScheme)) | set(graph.objects(None, SKOS.inScheme))
    return {s for s in declared if str(s).startswith(MINTED)}


def concepts(graph: Graph, scheme) -> set:
    return set(graph.subjects(SKOS.inScheme, scheme))


def scheme_graph(graph: Graph, scheme) -> Graph:
    """The scheme, its concepts and the records about them, with the ontology's classes and properties
    (and nothing of the other schemes, so that skosify sees one scheme)."""
    out = Graph()
    tbox = {s for t in TBOX_TYPES for s in graph.subjects(RDF.type, t)}
    members = {scheme} | concepts(graph, scheme)
    records = {r for m in members for r in graph.subjects(RDF.subject, m)}
    for node in tbox | members | records:
        for triple in graph.triples((node, None, None)):
            out.add(triple)
    return out


def test_the_schemes():
    assert minted_schemes(bundled()) == SCHEMES


@pytest.mark.parametrize("scheme", sorted(SCHEMES), ids=lambda s: str(s).rsplit("/", 1)[-1].rsplit("#", 1)[-1])
def test_skosify_reports_nothing(scheme, caplog):
    graph = scheme_graph(bundled(), scheme)
    with caplog.at_level(logging.INFO):
        skosify.skosify(graph, infer=True)
    problems = [r.getMessage() for r in caplog.records
                if r.levelno >= logging.WARNING or r.getMessage().startswith(SKOSIFY_PROBLEMS)]
    assert not problems, problems


def _one_label_per_language(graph: Graph, node) -> None:
    pref = list(graph.objects(node, SKOS.prefLabel))
    assert sorted(label.language for label in pref) == ["en", "sv"], (node, pref)
    assert set(pref) == set(graph.objects(node, RDFS.label)), node


@pytest.mark.parametrize("scheme", sorted(SCHEMES), ids=lambda s: str(s).rsplit("/", 1)[-1].rsplit("#", 1)[-1])
def test_qskos(scheme):
    graph = bundled()
    members = concepts(graph, scheme)
    assert members, f"{scheme}: an empty scheme"
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    _one_label_per_language(graph, scheme)
    tops = set(graph.objects(scheme, SKOS.hasTopConcept))
    assert tops == set(graph.subjects(SKOS.topConceptOf, scheme)), "top concepts must be stated both ways"
    assert tops <= members
    for concept in members:
        assert (concept, RDF.type, SKOS.Concept) in graph, f"{concept} is a concept only through a subclass"
        _one_label_per_language(graph, concept)
        labels = {p: set(graph.objects(concept, p)) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)}
        assert not labels[SKOS.prefLabel] & labels[SKOS.altLabel], concept
        assert not labels[SKOS.prefLabel] & labels[SKOS.hiddenLabel], concept
        assert not labels[SKOS.altLabel] & labels[SKOS.hiddenLabel], concept
        broader = set(graph.objects(concept, SKOS.broader))
        assert broader <= members, f"{concept}: broader outside its scheme"
        assert (concept in tops) != bool(broader), f"{concept}: a top concept has no broader, any other has one"
        for narrower in graph.objects(concept, SKOS.narrower):
            assert (narrower, SKOS.broader, concept) in graph, (concept, narrower)
    # no orphans and no cycles: every concept is reached from a top concept, each exactly once
    reached, frontier = set(), list(tops)
    while frontier:
        node = frontier.pop()
        assert node not in reached, f"{node}: a cycle or a second path in the hierarchy"
        reached.add(node)
        frontier.extend(graph.subjects(SKOS.broader, node))
    assert reached == members, f"orphans: {members - reached}"


def test_no_concept_is_typed_only_through_a_subclass():
    graph = bundled()
    concept_classes = {c for c in graph.transitive_subjects(RDFS.subClassOf, SKOS.Concept)}
    for cls in concept_classes - {SKOS.Concept}:
        for node in graph.subjects(RDF.type, cls):
            assert (node, RDF.type, SKOS.Concept) in graph, f"{node} is a {cls} but not explicitly a skos:Concept"


def test_frameworks_are_schemes_exactly_when_they_have_concepts():
    graph = bundled()
    for framework in graph.subjects(RDF.type, SAM.Framework):
        has_concepts = bool(concepts(graph, framework))
        assert ((framework, RDF.type, SKOS.ConceptScheme) in graph) == has_concepts, framework
    assert (SAM.Framework, RDFS.subClassOf, SKOS.ConceptScheme) not in graph, \
        "a framework named only as a whole would be an empty scheme by inference"


def test_skosify_finds_what_the_checks_are_for(caplog):
    """The check can fail: a concept outside the hierarchy and a second preferred label are reported."""
    scheme = URIRef(ID + "blekingestrategin")
    graph = scheme_graph(bundled(), scheme)
    stray = URIRef(ID + "blekingestrategin/focus-area/stray")
    graph.add((stray, RDF.type, SKOS.Concept))
    graph.add((stray, SKOS.inScheme, scheme))
    graph.add((stray, SKOS.prefLabel, Literal("Vilse", lang="sv")))
    graph.add((URIRef(ID + "blekingestrategin/focus-area/arbetsliv"), SKOS.prefLabel, Literal("Jobb", lang="sv")))
    with caplog.at_level(logging.INFO):
        skosify.skosify(graph, infer=True)
    messages = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("Marking loose concept") and "stray" in m for m in messages), messages
    assert any("more than one prefLabel" in m for m in messages), messages
