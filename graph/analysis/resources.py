"""What is known about the resources, each read with one look-up query (graph/queries/lookup/)
rather than a copy of the whole graph: labels (with the one rule for picking a label in a
language), classes, broader concepts, the organisations and their strategies, and one
resource's named graphs, properties, mentions and own triples."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from rdflib import Graph, URIRef
from rdflib.term import Node

from ..named_queries import lookup, run
from ..namespaces import ID, RDFS, bind_prefixes
from ..results import term_value
from ..store import Store
from ..vocabulary import compact, local_name

#: the languages of the data's labels (DESIGN.md: one @sv and one @en on every minted resource)
LABEL_LANGUAGES = ("sv", "en")


def labels(store: Store) -> dict[str, dict[str, str]]:
    """IRI -> language ('sv', 'en', or 'und' for none) -> label. rdfs:label wins over
    skos:prefLabel where a resource has both."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    rows = sorted(lookup(store, "labels"), key=lambda row: row.property == RDFS.label)
    for row in rows:  # rdfs:label last: it wins where both exist
        found[str(row.resource)][row.label.language or "und"] = str(row.label)
    return dict(found)


def label(values: Mapping[str, str] | None, iri: str, lang: str) -> str:
    """The label of `iri` in `lang`, given its labels by language (see `labels`): else in the
    other language, else without a language, else the IRI's last segment. A resource with no
    label at all shows its prefixed name, or its last segment where it is one of samsyn's own."""
    if values:
        for language in (lang, *(other for other in LABEL_LANGUAGES if other != lang)):
            if language in LABEL_LANGUAGES and values.get(language):
                return values[language]
        return values.get("und", "") or local_name(iri)
    return local_name(iri) if iri.startswith(str(ID)) else compact(iri)


def types(store: Store) -> dict[str, set[str]]:
    """IRI -> its rdf:type IRIs."""
    found: dict[str, set[str]] = defaultdict(set)
    for row in lookup(store, "types"):
        found[str(row.resource)].add(str(row.type))
    return dict(found)


def broader_concepts(store: Store) -> dict[str, list[str]]:
    """Framework concept -> its broader concepts (skos:broader), in IRI order."""
    found: dict[str, list[str]] = defaultdict(list)
    for row in lookup(store, "broader"):
        found[str(row.concept)].append(str(row.broader))
    return {concept: sorted(values) for concept, values in found.items()}


def strategies_by_organisation(store: Store) -> dict[str, list[dict]]:
    """Organisation IRI ('' for a strategy without one) -> its strategies, each with its period,
    adopting body and date, and how many goals, priority areas, activities and partnerships it
    states (the named query `strategies`, values as JSON-friendly Python)."""
    found: dict[str, list[dict]] = {}
    for row in run(store, "strategies"):
        found.setdefault(str(row.organisation or ""), []).append({
            "iri": str(row.strategy),
            "validFrom": term_value(row.validFrom),
            "validUntil": term_value(row.validUntil),
            "adoptedBy": str(row.adoptedBy) if row.adoptedBy else None,
            "issued": term_value(row.issued),
            "goals": term_value(row.goals),
            "priorityAreas": term_value(row.priorityAreas),
            "activities": term_value(row.activities),
            "partnerships": term_value(row.partnerships),
        })
    return found



def exists(store: Store, iri: str) -> bool:
    """Whether the IRI is the subject or the object of some triple."""
    return bool(lookup(store, "exists", resource=URIRef(iri)).askAnswer)


def holds_example_data(store: Store) -> bool:
    """Whether some resource is example data (sam:exampleData true, examples/)."""
    return bool(lookup(store, "example-data").askAnswer)


def graphs_of(store: Store, iri: str) -> list[str]:
    """The named graphs in which the resource is a subject, in IRI order."""
    return sorted(str(row.graph) for row in lookup(store, "graphs-of", resource=URIRef(iri)))


def properties(store: Store, iri: str) -> list[tuple[str, Node]]:
    """What the resource states: (property IRI, value) pairs, in any named graph."""
    return [(str(row.property), row.value) for row in lookup(store, "properties", resource=URIRef(iri))]


def mentions(store: Store, iri: str) -> list[tuple[str, str]]:
    """Who points at the resource: (subject IRI, property IRI) pairs, blank nodes left out."""
    return [(str(row.subject), str(row.property)) for row in lookup(store, "mentions", resource=URIRef(iri))]


def own_triples(store: Store, iri: str) -> Graph:
    """The resource's own triples (it as subject), prefixes bound: its RDF representation."""
    graph = bind_prefixes(Graph())
    for triple in lookup(store, "describe", resource=URIRef(iri)).graph:
        graph.add(triple)
    return graph
