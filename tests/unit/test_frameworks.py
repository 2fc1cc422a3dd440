"""The reference frameworks: as the core issue and the official documents state them, each
definition saying whose words it is (docs/frameworks.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from samsyn.graph.namespaces import DCTERMS, PROV, RDF, RDFS, SAM, SKOS
from samsyn.graph.sources import bundled_frameworks, bundled_strategies, parse_source

DOCS = Path(__file__).resolve().parents[2] / "docs" / "frameworks.md"
ID = "https://w3id.org/samsyn/id/"

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
PRIORITY_AREAS = ["agri", "bio", "crime", "culture", "education", "energy", "hazards", "health", "innovation",
                  "internal-market", "nutri", "safe", "secure", "ship", "sme", "tourism", "transport"]
HORIZONTAL_ACTIONS = ["involve", "neighbours", "promo", "spatial-planning", "sustainable"]
#: named by the strategies as a whole (sam:refersTo), with no parts samsyn knows
WHOLE = {"eu-cohesion-policy": {"hylte", "orebro-lans-landsting"},
         "internationell-strategi-orebro-lan": {"orebro-lans-landsting"},
         "internationellt-arbete-i-halland": {"hylte"},
         "regional-utvecklingsstrategi-orebro-lan": {"orebro-lans-landsting"}}
SCHEMES = ["eu2020", "eusbsr", "blekingestrategin"]
SUB_OBJECTIVES = {
    "save-the-sea": ["clear-water-in-the-sea", "rich-and-healthy-wildlife", "clean-and-safe-shipping", "better-cooperation"],
    "connect-the-region": ["good-transport-conditions", "reliable-energy-markets", "connecting-people-in-the-region", "fighting-cross-border-crime"],
    "increase-prosperity": ["single-market-frontrunner", "implementing-europe-2020", "global-competitiveness", "climate-change-adaptation"],
}


@pytest.fixture(scope="module")
def frameworks():
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
    for scheme in SCHEMES:
        assert {SAM.Framework, SKOS.ConceptScheme} <= set(frameworks.objects(URIRef(ID + scheme), RDF.type))
    assert (URIRef(E2020[:-1]), URIRef("http://purl.org/dc/terms/identifier"), Literal("CELEX:52010DC2020")) in frameworks


def test_baltic_priority_areas_and_horizontal_actions(frameworks):
    """The 17 priority areas and 5 horizontal actions of the February 2013 action plan, named as it names them."""
    scheme = URIRef(BSR[:-1])
    for kind, cls, prefix, slugs in (("priority-area", SAM.BalticPriorityArea, "PA", PRIORITY_AREAS),
                                     ("horizontal-action", SAM.BalticHorizontalAction, "HA", HORIZONTAL_ACTIONS)):
        found = set(frameworks.subjects(RDF.type, cls))
        assert found == {URIRef(f"{BSR}{kind}/{slug}") for slug in slugs}
        for node in found:
            assert (node, SKOS.inScheme, scheme) in frameworks and (scheme, SKOS.hasTopConcept, node) in frameworks
            for label in frameworks.objects(node, SKOS.prefLabel):
                assert str(label).startswith(prefix + " "), label
            assert (node, DCTERMS.source, URIRef(BSR + "document/action-plan-2013")) in frameworks
    assert (URIRef(BSR + "priority-area/internal-market"), SKOS.prefLabel, Literal("PA Internal Market", lang="en")) in frameworks
    assert (URIRef(BSR + "priority-area/internal-market"), SKOS.hiddenLabel, Literal("PA Market", lang="en")) in frameworks


def _records(graph: Graph, subject, predicate, value) -> list:
    return [r for r in graph.subjects(RDF.object, value)
            if graph.value(r, RDF.subject) == subject and graph.value(r, RDF.predicate) == predicate]


def test_every_definition_says_whose_words_it_is(frameworks):
    """Each skos:definition is recorded as the document's words (sam:Quotation) or as samsyn's translation
    of a quotation of the same concept in another language (sam:Translation), with its document."""
    definitions = list(frameworks.subject_objects(SKOS.definition))
    assert len(definitions) >= 60
    for subject, value in definitions:
        (record,) = _records(frameworks, subject, SKOS.definition, value)
        assert isinstance(frameworks.value(record, DCTERMS.source), URIRef), record
        if (record, RDF.type, SAM.Quotation) in frameworks:
            assert frameworks.value(record, RDFS.comment) and frameworks.value(record, RDFS.seeAlso), (subject, value)
        else:
            assert (record, RDF.type, SAM.Translation) in frameworks, (subject, value)
            original = frameworks.value(record, PROV.wasDerivedFrom)
            assert (original, RDF.type, SAM.Quotation) in frameworks and frameworks.value(original, RDF.subject) == subject
            assert frameworks.value(original, RDF.object).language != value.language, (subject, value)


def test_every_record_states_what_the_data_says(frameworks):
    records = set(frameworks.subjects(RDF.type, SAM.Quotation)) | set(frameworks.subjects(RDF.type, SAM.Translation))
    assert records
    for record in records:
        triple = tuple(frameworks.value(record, p) for p in (RDF.subject, RDF.predicate, RDF.object))
        assert triple in frameworks, triple
        assert triple[1] in (SKOS.definition, SKOS.altLabel, SKOS.hiddenLabel), triple


def _documented_status() -> dict:
    """docs/frameworks.md's table: concept -> (en, sv), each "quoted", "translation" or "—"."""
    rows = re.findall(r"^\| `id/([^`]+)` \| ([^|]+) \| ([^|]+) \|", DOCS.read_text(encoding="utf-8"), flags=re.M)
    return {URIRef(ID + slug): (en.strip(), sv.strip()) for slug, en, sv in rows}


def _status(graph: Graph, concept, lang: str) -> str:
    values = [v for v in graph.objects(concept, SKOS.definition) if v.language == lang]
    if not values:
        return "—"
    kinds = {"quoted" if (r, RDF.type, SAM.Quotation) in graph else "translation"
             for v in values for r in _records(graph, concept, SKOS.definition, v)}
    return ", ".join(sorted(kinds))


def test_docs_say_for_every_concept_what_its_definitions_are(frameworks):
    """docs/frameworks.md lists every framework concept, and what it lists (quoted, translated, missing) is the data."""
    documented = _documented_status()
    concepts = {c for scheme in SCHEMES for c in frameworks.subjects(SKOS.inScheme, URIRef(ID + scheme))}
    assert set(documented) == concepts
    for concept in concepts:
        assert documented[concept] == (_status(frameworks, concept, "en"), _status(frameworks, concept, "sv")), concept


@pytest.mark.parametrize("slug", sorted(WHOLE))
def test_frameworks_named_as_a_whole(frameworks, slug):
    """A framework, referred to by the strategies that name it, and no (empty) concept scheme."""
    node = URIRef(ID + slug)
    assert (node, RDF.type, SAM.Framework) in frameworks
    assert (node, RDF.type, SKOS.ConceptScheme) not in frameworks
    assert (None, SKOS.inScheme, node) not in frameworks
    strategies = Graph()
    for source in bundled_strategies():
        strategies += parse_source(source)
    referring = {str(s)[len(ID):].split("/")[0] for s in strategies.subjects(SAM.refersTo, node)}
    assert referring == WHOLE[slug]
    for strategy in strategies.subjects(SAM.refersTo, node):
        assert (strategy, RDF.type, SAM.Strategy) in strategies
