"""The traceability graph: activity -> priority area -> goal -> framework concept, as networkx.

Built from the alignment edges only (contributesTo, servesGoal, alignsWith, and skos:broader
between framework concepts): tracing over the whole RDF graph would over-reach through
organisation and strategy links."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from .namespaces import SAM, SKOS
from .store import Store

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


def _kind(types: list[str]) -> str:
    kinds = sorted(t.removeprefix(str(SAM)) for t in types if t.startswith(str(SAM)))
    # a concept may be typed twice (skos:Concept + sam:Flagship): the sam: class is the one
    preferred = [k for k in kinds if k in LAYERS]
    return preferred[0] if preferred else (kinds[0] if kinds else "Concept")


def traceability_graph(store: Store) -> nx.DiGraph:
    """A DiGraph of IRIs (str) with node attributes kind, label_sv, label_en, organisation,
    framework, and edge attribute relation. Read from the store with four look-up queries
    (graph/queries/lookup/), so no copy of the whole graph is made."""
    from .named_queries import lookup

    graph = nx.DiGraph()
    # in IRI order, whatever order the store answers in: the layout follows the graph's order
    for source, relation, target in sorted(tuple(map(str, row)) for row in lookup(store, "alignment-edges")):
        graph.add_edge(source, target, relation=relation)
    types: dict[str, set[str]] = defaultdict(set)
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for node, kind, label_sv, label_en, organisation, framework in lookup(store, "alignment-nodes"):
        attrs = found[str(node)]
        if kind is not None:
            types[str(node)].add(str(kind))
        for key, value in (("label_sv", label_sv), ("label_en", label_en), ("organisation", organisation),
                           ("framework", framework)):
            if value is not None:
                attrs[key].add(str(value))
    for node, attrs in graph.nodes(data=True):
        attrs["kind"] = _kind(sorted(types.get(node, ())))
        values = found.get(node, {})
        for key in ("label_sv", "label_en"):
            if values.get(key):
                attrs[key] = min(values[key])
        for key in ("organisation", "framework"):
            attrs[key] = min(values[key]) if values.get(key) else None
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
