"""The reference frameworks: as the core issue and the official documents state them."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from samsyn.graph.namespaces import RDF, RDFS, SAM, SKOS
from samsyn.graph.sources import bundled_frameworks, parse_source

E2020 = "https://w3id.org/samsyn/id/eu2020/"
BSR = "https://w3id.org/samsyn/id/eusbsr/"

FLAGSHIPS = {  # slug -> (growth priority, Swedish official name)
    "innovation-union": ("smart-growth", "Innovationsunionen"),
    "youth-on-the-move": ("smart-growth", "Unga på väg"),
    "digital-agenda-for-europe": ("smart-growth", "En digital agenda för Europa"),
    "resource-efficient-europe": ("sustainable-growth", "Ett resurseffektivt Europa"),
    "industrial-policy-for-the-globalisation-era": ("sustainable-growth", "En integrerad industripolitik för en globaliserad tid"),
    "agenda-for-new-skills-and-jobs": ("inclusive-growth", "En agenda för ny kompetens och nya arbetstillfällen"),
    "european-platform-against-poverty": ("inclusive-growth", "Europeisk plattform mot fattigdom"),
}
SUB_OBJECTIVES = {
    "save-the-sea": ["clear-water-in-the-sea", "rich-and-healthy-wildlife", "clean-and-safe-shipping", "better-cooperation"],
    "connect-the-region": ["good-transport-conditions", "reliable-energy-markets", "connecting-people-in-the-region", "fighting-cross-border-crime"],
    "increase-prosperity": ["single-market-frontrunner", "implementing-europe-2020", "global-competitiveness", "climate-change-adaptation"],
}


@pytest.fixture(scope="module")
def frameworks():
    from rdflib import Graph
    union = Graph()
    for source in bundled_frameworks():
        union += parse_source(source)
    return union


def test_one_named_graph_per_framework_file():
    names = [s.graph_iri for s in bundled_frameworks()]
    assert len(set(names)) == len(names)
    assert URIRef("https://w3id.org/samsyn/graph/frameworks/eu2020") in names


@pytest.mark.parametrize("slug", sorted(FLAGSHIPS))
def test_flagships(frameworks, slug):
    flagship = URIRef(E2020 + "flagship/" + slug)
    priority, swedish = FLAGSHIPS[slug]
    assert (flagship, RDF.type, SAM.Flagship) in frameworks
    assert (flagship, SKOS.broader, URIRef(E2020 + "growth-priority/" + priority)) in frameworks
    assert (flagship, SKOS.prefLabel, Literal(swedish, lang="sv")) in frameworks
    assert (flagship, RDFS.label, Literal(swedish, lang="sv")) in frameworks
    assert (flagship, SKOS.inScheme, URIRef(E2020[:-1])) in frameworks


def test_seven_flagships_three_priorities_five_targets(frameworks):
    assert len(set(frameworks.subjects(RDF.type, SAM.Flagship))) == 7
    assert len(set(frameworks.subjects(RDF.type, SAM.GrowthPriority))) == 3
    assert len(set(frameworks.subjects(RDF.type, SAM.HeadlineTarget))) == 5


def test_ronneby_wordings_are_alt_labels(frameworks):
    assert (URIRef(E2020 + "flagship/agenda-for-new-skills-and-jobs"), SKOS.altLabel,
            Literal("Agenda för ny kompetens och nya arbetstillfällen", lang="sv")) in frameworks
    assert (URIRef(E2020 + "flagship/european-platform-against-poverty"), SKOS.altLabel,
            Literal("Plattform mot fattigdom", lang="sv")) in frameworks


@pytest.mark.parametrize("objective", sorted(SUB_OBJECTIVES))
def test_baltic_objectives(frameworks, objective):
    node = URIRef(BSR + "objective/" + objective)
    assert (node, SKOS.topConceptOf, URIRef(BSR[:-1])) in frameworks
    narrower = {str(s).rsplit("/", 1)[-1] for s in frameworks.subjects(SKOS.broader, node)}
    assert narrower == set(SUB_OBJECTIVES[objective])


def test_blekingestrategin_focus_areas(frameworks):
    labels = {str(l) for a in frameworks.subjects(RDF.type, SAM.RegionalFocusArea)
              for l in frameworks.objects(a, SKOS.prefLabel) if l.language == "sv"}
    assert labels == {"Livskvalitet", "Arbetsliv", "Tillgänglighet", "Bilden av Blekinge"}


def test_every_concept_is_skos_browsable(frameworks):
    """prefLabel in sv and en equal to rdfs:label; in a scheme; a framework carries its source."""
    for concept in set(frameworks.subjects(RDF.type, SKOS.Concept)):
        pref = {(l.language, str(l)) for l in frameworks.objects(concept, SKOS.prefLabel)}
        label = {(l.language, str(l)) for l in frameworks.objects(concept, RDFS.label)}
        assert pref == label and {lang for lang, _ in pref} == {"sv", "en"}, concept
        assert frameworks.value(concept, SKOS.inScheme) is not None, concept
    for framework in frameworks.subjects(RDF.type, SAM.Framework):
        assert (framework, RDF.type, SKOS.ConceptScheme) in frameworks
    assert (URIRef(E2020[:-1]), URIRef("http://purl.org/dc/terms/identifier"), Literal("CELEX:52010DC2020")) in frameworks
