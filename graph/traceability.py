"""The traceability graph: activity -> priority area -> goal -> framework concept, as networkx.

Built from the alignment edges only (contributesTo, servesGoal, alignsWith, and skos:broader
between framework concepts): tracing over the whole RDF graph would over-reach through
organisation and strategy links."""

from __future__ import annotations

import networkx as nx
from rdflib import Dataset, URIRef

from .namespaces import RDF, RDFS, SAM, SKOS

#: alignment relation -> RDF property
RELATIONS = {
    "contributesTo": SAM.contributesTo,
    "servesGoal": SAM.servesGoal,
    "alignsWith": SAM.alignsWith,
    "broader": SKOS.broader,
}

#: the classes that take part, from the bottom layer (0) up
LAYERS: dict[str, int] = {
    "Activity": 0,
    "PriorityArea": 1,
    "Goal": 2,
    "Flagship": 3, "BalticObjective": 3, "RegionalFocusArea": 3, "HeadlineTarget": 3,
    "GrowthPriority": 4,
    "Framework": 5,
}

#: kinds that are framework concepts (what a trace ends at)
CONCEPT_KINDS = frozenset(k for k, layer in LAYERS.items() if layer >= 3 and k != "Framework")


def layer_of(kind: str) -> int:
    return LAYERS.get(kind, 3)


def _kind(dataset: Dataset, node: URIRef) -> str:
    kinds = sorted(str(t).removeprefix(str(SAM)) for t in dataset.objects(node, RDF.type) if str(t).startswith(str(SAM)))
    # a concept may be typed twice (skos:Concept + sam:Flagship): the sam: class is the one
    preferred = [k for k in kinds if k in LAYERS]
    return preferred[0] if preferred else (kinds[0] if kinds else "Concept")


def traceability_graph(dataset: Dataset) -> nx.DiGraph:
    """A DiGraph of IRIs (str) with node attributes kind, label_sv, label_en, organisation,
    framework, and edge attribute relation."""
    graph = nx.DiGraph()
    for relation, prop in RELATIONS.items():
        for subject, obj in dataset.subject_objects(prop):
            if isinstance(subject, URIRef) and isinstance(obj, URIRef):
                graph.add_edge(str(subject), str(obj), relation=relation)
    for node in graph.nodes:
        iri = URIRef(node)
        attrs = graph.nodes[node]
        attrs["kind"] = _kind(dataset, iri)
        for label in dataset.objects(iri, RDFS.label):
            lang = getattr(label, "language", None)
            if lang in ("sv", "en"):
                attrs[f"label_{lang}"] = str(label)
        strategy = next(dataset.objects(iri, SAM.statedIn), None)
        organisation = next(dataset.objects(strategy, SAM.issuedBy), None) if strategy else None
        attrs["organisation"] = str(organisation) if organisation else None
        scheme = next(dataset.objects(iri, SKOS.inScheme), None)
        attrs["framework"] = str(scheme) if scheme else None
    return graph


def trace(graph: nx.DiGraph, iri: str) -> list[list[str]]:
    """Every path from the entity up to a framework concept it is aligned with (the path
    ends at the concept named by an alignsWith edge; broader concepts are not appended)."""
    if iri not in graph:
        return []
    paths: list[list[str]] = []

    def walk(node: str, path: list[str]) -> None:
        for _, target, data in graph.out_edges(node, data=True):
            if target in path:
                continue  # the data may contain cycles; a trace never does
            if data["relation"] == "alignsWith":
                paths.append([*path, target])
            elif data["relation"] in ("contributesTo", "servesGoal"):
                walk(target, [*path, target])

    walk(iri, [iri])
    return sorted(paths)


def reached_concepts(graph: nx.DiGraph, iri: str) -> set[str]:
    """The framework concepts an entity reaches, including broader concepts of those."""
    if iri not in graph:
        return set()
    return {n for n in nx.descendants(graph, iri) if graph.nodes[n].get("kind") in CONCEPT_KINDS}


def reaching(graph: nx.DiGraph, concept: str) -> set[str]:
    """Everything (goals, priority areas, activities) that reaches the concept, directly,
    through the alignment chain, or through a narrower concept."""
    if concept not in graph:
        return set()
    return {n for n in nx.ancestors(graph, concept) if graph.nodes[n].get("kind") in ("Goal", "PriorityArea", "Activity")}
