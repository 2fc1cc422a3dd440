"""The alignment graph at scale: what /graph draws when the selection is bigger than the node
budget (app config GRAPH_NODE_BUDGET), and the drill-down into one framework concept.

Plain functions over the networkx traceability graph (`Knowledge.drawable_graph()`: node
attributes kind, organisation, framework, label_sv/label_en; edge attribute relation).

The overview aggregates by organisation: one *cluster* node per organisation (kind
"Organisation", id = the organisation's IRI, with how many goals, priority areas and activities
it has in the selection), the framework concepts as they are, and an edge cluster -> concept
for every concept the organisation reaches, weighted by how many of its goals, priority areas
and activities reach the concept (directly, along the alignment chain, or through a narrower
concept: what graph.traceability.reaching and the coverage query count). The broader-concept
edges between concepts stay.

If even that is over the budget (more organisations than budget - concepts - 1), the
organisations with the greatest reach (entities that reach any concept in the selection; ties
by label) keep their own clusters and the rest become one node "other organisations (N)"
(kind "Others", id OTHERS) whose edge counts are the sums over them. When the concepts alone
exceed the budget, the others node holds every organisation: the budget is then overshot by the
concepts, never by organisations."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

import networkx as nx

STRATEGY_KINDS = ("Activity", "PriorityArea", "Goal")
#: entity kind -> the key its count goes under (as in the coverage query's columns)
COUNT_KEYS = {"Goal": "goals", "PriorityArea": "priorityAreas", "Activity": "activities"}
#: the id of the node that stands for the organisations without a cluster of their own
OTHERS = "urn:samsyn:graph:other-organisations"


def is_concept(graph: nx.DiGraph, node: str) -> bool:
    return graph.nodes[node].get("kind") not in STRATEGY_KINDS


def counts(counter: Counter) -> dict[str, int]:
    """A Counter over entity kinds as {goals, priorityAreas, activities, total}."""
    out = {key: int(counter.get(kind, 0)) for kind, key in COUNT_KEYS.items()}
    out["total"] = sum(out.values())
    return out


def concept_selection(graph: nx.DiGraph, concept: str) -> nx.DiGraph:
    """The drill-down into one concept: the concept, its broader and narrower concepts, and
    everything (goals, priority areas, activities) that reaches it, with the edges among them."""
    if concept not in graph or not is_concept(graph, concept):
        return nx.DiGraph()
    broader_only = nx.subgraph_view(graph, filter_edge=lambda u, v: graph.edges[u, v].get("relation") == "broader")
    keep = {concept} | nx.descendants(broader_only, concept) | nx.ancestors(broader_only, concept)
    keep |= {n for n in nx.ancestors(graph, concept) if not is_concept(graph, n)}
    return graph.subgraph(keep).copy()


def reached_concepts(graph: nx.DiGraph) -> dict[str, frozenset[str]]:
    """node -> the concepts among its descendants, for every node at once (one pass over the
    condensation, so cycles in the data do no harm; a concept on a cycle counts itself)."""
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
        found: set[str] = set()
        for successor in dag.successors(component):
            found |= below[successor]
            found.update(n for n in dag.nodes[successor]["members"] if is_concept(graph, n))
        inside = dag.nodes[component]["members"]
        if len(inside) > 1:  # a cycle: each member reaches the others
            found.update(n for n in inside if is_concept(graph, n))
        below[component] = frozenset(found)
    return {node: below[component] for node, component in members.items()}


def reach(graph: nx.DiGraph) -> tuple[dict[str, dict[str, Counter]], Counter]:
    """organisation -> concept -> Counter of the entity kinds of its goals, priority areas and
    activities in `graph` that reach the concept (within `graph`); and organisation -> how many
    of its entities reach some concept."""
    out: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    reaching: Counter = Counter()
    reachable = reached_concepts(graph)
    for node, data in graph.nodes(data=True):
        kind = data.get("kind")
        if kind not in STRATEGY_KINDS:
            continue
        org = data.get("organisation") or ""
        reached = reachable[node]
        for target in reached:
            out[org][target][kind] += 1
        if reached:
            reaching[org] += 1
    return out, reaching


def entities(graph: nx.DiGraph) -> dict[str, Counter]:
    """organisation -> Counter of entity kinds in `graph`."""
    out: dict[str, Counter] = defaultdict(Counter)
    for _, data in graph.nodes(data=True):
        if data.get("kind") in STRATEGY_KINDS:
            out[data.get("organisation") or ""][data["kind"]] += 1
    return out


def aggregate(graph: nx.DiGraph, budget: int, organisation_label: Callable[[str], str],
              organisations: list[str] | None = None) -> nx.DiGraph:
    """The selection `graph` aggregated by organisation, in at most `budget` nodes (see the
    module's docstring). `organisations` are the ones to show even when nothing of theirs is in
    `graph` (the filter's choice, or every organisation for the overview); None: those in it.

    Cluster nodes carry kind, organisation, rank (their order), members (entity counts),
    reaching (entities that reach some concept), concepts (how many concepts they reach) and,
    for OTHERS, the organisations it stands for. Edges cluster -> concept carry relation "reach",
    count (total) and counts (per kind); concept -> concept edges are the graph's own."""
    by_reach, reaching = reach(graph)
    members = entities(graph)
    orgs = list(dict.fromkeys([*(organisations or []), *members]))
    orgs = [o for o in orgs if o]
    concepts = [n for n in graph.nodes if is_concept(graph, n)]
    room = budget - len(concepts)
    if len(orgs) > room:
        keep_n = max(room - 1, 0)
        ranked = sorted(orgs, key=lambda o: (-reaching[o], organisation_label(o).casefold(), o))
        kept, rest = ranked[:keep_n], ranked[keep_n:]
    else:
        kept, rest = orgs, []
    kept.sort(key=lambda o: (organisation_label(o).casefold(), o))

    out = nx.DiGraph()
    for concept in concepts:
        out.add_node(concept, **graph.nodes[concept])
    for u, v, data in graph.edges(data=True):
        if u in out and v in out:
            out.add_edge(u, v, **data)
    for rank, org in enumerate(kept):
        reached = by_reach.get(org, {})
        out.add_node(org, kind="Organisation", organisation=org, framework=None, rank=rank,
                     members=counts(members.get(org, Counter())),
                     reaching=reaching[org], concepts=len(reached))
        for concept, counter in reached.items():
            out.add_edge(org, concept, relation="reach", count=sum(counter.values()), counts=counts(counter),
                         organisations=1)
    if rest:
        total_members: Counter = Counter()
        total_reach: dict[str, Counter] = defaultdict(Counter)
        reached_by: Counter = Counter()
        for org in rest:
            total_members.update(members.get(org, Counter()))
            for concept, counter in by_reach.get(org, {}).items():
                total_reach[concept].update(counter)
                reached_by[concept] += 1
        out.add_node(OTHERS, kind="Others", organisation=None, framework=None, rank=len(kept),
                     members=counts(total_members), reaching=sum(reaching[o] for o in rest),
                     concepts=len(total_reach), organisations=sorted(rest))
        for concept, counter in total_reach.items():
            out.add_edge(OTHERS, concept, relation="reach", count=sum(counter.values()), counts=counts(counter),
                         organisations=reached_by[concept])
    return out


def concept_totals(aggregated: nx.DiGraph) -> dict[str, dict]:
    """concept -> {organisations: how many organisations reach it,
    goals, priorityAreas, activities, total: summed over the clusters' edges}."""
    out: dict[str, dict] = {}
    for node in aggregated.nodes:
        kind = aggregated.nodes[node].get("kind")
        if kind in ("Organisation", "Others"):
            continue
        total: Counter = Counter()
        orgs = 0
        for u, _, data in aggregated.in_edges(node, data=True):
            if data.get("relation") != "reach":
                continue
            orgs += data["organisations"]
            total.update({k: v for k, v in data["counts"].items() if k != "total"})
        out[node] = {"organisations": orgs, **{k: total.get(k, 0) for k in COUNT_KEYS.values()},
                     "total": sum(total.values())}
    return out
