"""The closed lists a workbook's drop-downs offer and its reader checks, filled from the
ontology (kinds, strengths, forms, statuses, frequencies, classes) and the bundled frameworks
(the concepts a goal, area or activity may align with)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from samsyn.ontology import ONTOLOGY_FILE

from ..namespaces import ID, SAM, slug
from ..sources import bundled_frameworks
from .format import CURRENCIES, MEASURE_UNITS, RELATIONS, Choice

FREQUENCY_SCHEME = URIRef("http://publications.europa.eu/resource/authority/frequency")


@dataclass(frozen=True)
class Concept:
    """A framework, a framework concept or a cross-cutting perspective, named by its IRI path."""

    iri: URIRef
    path: str  # the IRI after id/, e.g. eu2020/flagship/youth-on-the-move
    sv: str
    en: str
    kind: str  # framework | concept | perspective


@dataclass(frozen=True)
class Vocabulary:
    lists: dict[str, tuple[Choice, ...]]
    concepts: dict[str, Concept]  # path -> concept
    ontology: Graph

    def choices(self, name: str) -> tuple[Choice, ...]:
        return self.lists[name]

    def find(self, name: str, text: str) -> Choice | None:
        wanted = " ".join(text.split()).casefold()
        for choice in self.lists[name]:
            if wanted in {choice.sv.casefold(), choice.en.casefold(), *choice.aliases}:
                return choice
        return None

    def choice_for(self, name: str, iri: URIRef) -> Choice | None:
        return next((c for c in self.lists[name] if c.iri == iri), None)


def _label(graph: Graph, node: URIRef, lang: str) -> str:
    for prop in (SKOS.prefLabel, RDFS.label):
        for value in graph.objects(node, prop):
            if isinstance(value, Literal) and value.language == lang:
                return str(value)
    return str(node).rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _choices(graph: Graph, nodes) -> tuple[Choice, ...]:
    out = []
    for node in sorted(set(nodes)):
        local = str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        curie = graph.namespace_manager.normalizeUri(node)
        out.append(Choice(node, _label(graph, node, "sv"), _label(graph, node, "en"),
                          {local.casefold(), curie.casefold(), str(node).casefold()}))
    return tuple(out)


def _in_scheme(graph: Graph, scheme: URIRef):
    return graph.subjects(SKOS.inScheme, scheme)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The lists, read once from the ontology and the bundled frameworks."""
    onto = Graph().parse(data=ONTOLOGY_FILE.read_text(encoding="utf-8"), format="turtle")
    frameworks = Graph()
    for source in bundled_frameworks():
        frameworks.parse(source.path, format="turtle")

    defined = set(onto.subjects(RDFS.isDefinedBy, URIRef(str(SAM)[:-1])))
    classes = [c for c in onto.subjects(RDF.type, OWL.Class) if c in defined]
    lists: dict[str, tuple[Choice, ...]] = {
        "organisation_classes": _choices(onto, [SAM.Municipality, SAM.Region, SAM.Organisation]),
        "partnership_kinds": _choices(onto, _in_scheme(onto, SAM.PartnershipKinds)),
        "strengths": _choices(onto, _in_scheme(onto, SAM.RuleStrengths)),
        "target_group_kinds": _choices(onto, _in_scheme(onto, SAM.TargetGroupKinds)),
        "reporting_forms": _choices(onto, _in_scheme(onto, SAM.ReportingForms)),
        "statuses": _choices(onto, _in_scheme(onto, SAM.ActivityStatuses)),
        "frequencies": _choices(onto, _in_scheme(onto, FREQUENCY_SCHEME)),
        "classes": _choices(onto, classes),
        "relations": _choices(onto, RELATIONS),
        "bool": (Choice(URIRef("urn:yes"), "ja", "yes"), Choice(URIRef("urn:no"), "nej", "no")),
        "measure_units_sv": tuple(Choice(URIRef(f"urn:unit:{slug(en)}"), sv, sv) for sv, en in MEASURE_UNITS),
        "measure_units_en": tuple(Choice(URIRef(f"urn:unit:{slug(en)}"), en, en) for _, en in MEASURE_UNITS),
        "currencies": tuple(Choice(URIRef(f"urn:iso4217:{c}"), c, c) for c in CURRENCIES),
    }

    concepts: dict[str, Concept] = {}
    # a framework named only as a whole is a sam:Framework without concepts, not a concept scheme
    schemes = set(frameworks.subjects(RDF.type, SKOS.ConceptScheme)) | set(frameworks.subjects(RDF.type, SAM.Framework))
    for node in set(frameworks.subjects(SKOS.inScheme, None)) | schemes:
        if not str(node).startswith(str(ID)):
            continue
        if node in schemes:
            kind = "framework" if (node, RDF.type, SAM.Framework) in frameworks else "scheme"
        elif (node, RDF.type, SAM.CrossCuttingPerspective) in frameworks:
            kind = "perspective"
        else:
            kind = "concept"
        path = str(node)[len(str(ID)):]
        concepts[path] = Concept(node, path, _label(frameworks, node, "sv"), _label(frameworks, node, "en"), kind)
    concepts = dict(sorted(concepts.items(), key=lambda item: (item[1].kind != "framework", item[0])))
    lists["concepts"] = tuple(Choice(c.iri, c.path, c.path) for c in concepts.values() if c.kind != "scheme")
    return Vocabulary(lists, concepts, onto)
