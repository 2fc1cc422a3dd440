"""The alignment graph at scale: what the viewer's graph page draws when a selection has more
nodes than its budget, and the drill-down into one framework concept. Plain functions over the
networkx alignment graph (`alignment_graph`: node attributes kind, organisation, framework,
label_sv/label_en; edge attribute relation).

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
from collections.abc import Callable, Mapping

import networkx as nx

from ..named_queries import lookup
from ..store import Store
from ..traceability import is_concept, traceability_graph
from ..vocabulary import COUNT_KEYS, kind_of
from . import resources
from .reach import counts, entities, reach

#: the id of the node that stands for the organisations without a cluster of their own
OTHERS = "urn:samsyn:graph:other-organisations"


def alignment_graph(store: Store, traceability: nx.DiGraph | None = None,
                    types: Mapping[str, set[str]] | None = None,
                    labels: Mapping[str, Mapping[str, str]] | None = None) -> nx.DiGraph:
    """The traceability graph plus the goals, priority areas and activities it leaves out because
    nothing links them (the graph page shows those too: what is not aligned). What is not given
    (the traceability graph, every resource's types and labels) is read from the store."""
    graph = (traceability if traceability is not None else traceability_graph(store)).copy()
    types = resources.types(store) if types is None else types
    labels = resources.labels(store) if labels is None else labels
    organisations: dict[str, set[str]] = defaultdict(set)
    for row in lookup(store, "strategy-entities"):
        if row.framework is None and str(row.entity) not in graph:
            organisations[str(row.entity)].update([str(row.organisation)] if row.organisation else [])
    for iri, found in sorted(organisations.items()):
        names = labels.get(iri, {})
        graph.add_node(iri, kind=kind_of(types.get(iri, ())), organisation=min(found) if found else None,
                       framework=None, **{f"label_{lang}": names[lang] for lang in resources.LABEL_LANGUAGES
                                          if lang in names})
    return graph


def concept_selection(graph: nx.DiGraph, concept: str) -> nx.DiGraph:
    """The drill-down into one concept: the concept, its broader and narrower concepts, and
    everything (goals, priority areas, activities) that reaches it, with the edges among them."""
    if concept not in graph or not is_concept(graph, concept):
        return nx.DiGraph()
    broader_only = nx.subgraph_view(graph, filter_edge=lambda u, v: graph.edges[u, v].get("relation") == "broader")
    keep = {concept} | nx.descendants(broader_only, concept) | nx.ancestors(broader_only, concept)
    keep |= {n for n in nx.ancestors(graph, concept) if not is_concept(graph, n)}
    return graph.subgraph(keep).copy()


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
    """Concept -> {organisations: how many organisations reach it,
    goals, priorityAreas, activities, total: summed over the clusters' edges}."""
    out: dict[str, dict] = {}
    for node in aggregated.nodes:
        kind = aggregated.nodes[node].get("kind")
        if kind in ("Organisation", "Others"):
            continue
        total: Counter = Counter()
        orgs = 0
        for _, _, data in aggregated.in_edges(node, data=True):
            if data.get("relation") != "reach":
                continue
            orgs += data["organisations"]
            total.update({k: v for k, v in data["counts"].items() if k != "total"})
        out[node] = {"organisations": orgs, **{k: total.get(k, 0) for k in COUNT_KEYS.values()},
                     "total": sum(total.values())}
    return out
