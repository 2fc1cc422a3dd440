"""The traceability graph: activity -> priority area -> goal -> framework concept, as networkx.

Built from the alignment edges only (contributesTo, servesGoal, alignsWith, and skos:broader
between framework concepts): tracing over the whole RDF graph would over-reach through
organisation and strategy links."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from .named_queries import lookup
from .namespaces import SAM, SKOS
from .store import Store
from .vocabulary import STRATEGY_KINDS, is_strategy_kind, kind_of

#: alignment relation -> RDF property
RELATIONS = {
    "contributesTo": SAM.contributesTo,
    "servesGoal": SAM.servesGoal,
    "alignsWith": SAM.alignsWith,
    "broader": SKOS.broader,
}


def traceability_graph(store: Store) -> nx.DiGraph:
    """A DiGraph of IRIs (str) with node attributes kind, label_sv, label_en, organisation,
    framework, and edge attribute relation. Read from the store with two look-up queries
    (graph/queries/lookup/), so no copy of the whole graph is made."""
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
        # a concept is typed twice (skos:Concept + sam:Flagship): the sam: class is its kind
        attrs["kind"] = kind_of(types.get(node, ())) or "Concept"
        values = found.get(node, {})
        for key in ("label_sv", "label_en"):
            if values.get(key):
                attrs[key] = min(values[key])
        for key in ("organisation", "framework"):
            attrs[key] = min(values[key]) if values.get(key) else None
    return graph


def is_concept(graph: nx.DiGraph, node: str) -> bool:
    """Whether a node is on the frameworks' side (a concept, a broader concept): not a goal,
    priority area or activity."""
    return not is_strategy_kind(graph.nodes[node].get("kind"))


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


def reached_concepts(graph: nx.DiGraph) -> dict[str, frozenset[str]]:
    """Node -> the concepts it reaches (its descendants on the frameworks' side, broader
    concepts included), for every node at once: one pass in topological order, or over the
    condensation where the data holds a cycle (a concept on a cycle then reaches itself)."""
    try:
        order = list(nx.topological_sort(graph))
    except nx.NetworkXUnfeasible:
        order = None
    if order is not None:  # the usual case, and quicker than the condensation
        found_below: dict[str, frozenset[str]] = {}
        for node in reversed(order):
            found: set[str] = set()
            for successor in graph.successors(node):
                found |= found_below[successor]
                if is_concept(graph, successor):
                    found.add(successor)
            found_below[node] = frozenset(found)
        return found_below
    dag = nx.condensation(graph)
    members = dag.graph["mapping"]  # node -> its strongly connected component
    below: dict[int, frozenset[str]] = {}
    for component in reversed(list(nx.topological_sort(dag))):
        found = set()
        for successor in dag.successors(component):
            found |= below[successor]
            found.update(n for n in dag.nodes[successor]["members"] if is_concept(graph, n))
        inside = dag.nodes[component]["members"]
        if len(inside) > 1:  # a cycle: each member reaches the others
            found.update(n for n in inside if is_concept(graph, n))
        below[component] = frozenset(found)
    return {node: below[component] for node, component in members.items()}


def reaching(graph: nx.DiGraph, concept: str, organisation: str | None = None) -> set[str]:
    """Everything (goals, priority areas, activities) that reaches the concept, directly,
    through the alignment chain, or through a narrower concept; of one organisation if given."""
    if concept not in graph:
        return set()
    return {n for n in nx.ancestors(graph, concept)
            if graph.nodes[n].get("kind") in STRATEGY_KINDS
            and (organisation is None or graph.nodes[n].get("organisation") == organisation)}
