"""Reach on the traceability graph (graph.traceability): per organisation, which concepts its
goals, priority areas and activities reach and how many of each kind; and what of one
organisation reaches one concept. The numbers are the coverage cube's (graph.analysis.coverage),
counted here over any part of the graph (a selection the viewer draws)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

import networkx as nx

from ..traceability import reached_concepts, reaching, trace
from ..vocabulary import COUNT_KEYS, STRATEGY_KINDS, strategy_order


def counts(counter: Counter) -> dict[str, int]:
    """A Counter over strategy-side kinds as {goals, priorityAreas, activities, total}."""
    out = {key: int(counter.get(kind, 0)) for kind, key in COUNT_KEYS.items()}
    out["total"] = sum(out.values())
    return out


def reach(graph: nx.DiGraph) -> tuple[dict[str, dict[str, Counter]], Counter]:
    """Organisation -> concept -> Counter of the kinds of its goals, priority areas and
    activities in `graph` that reach the concept (within `graph`); and organisation -> how many
    of its entities reach some concept."""
    out: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    reaching_some: Counter = Counter()
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
            reaching_some[org] += 1
    return out, reaching_some


def entities(graph: nx.DiGraph) -> dict[str, Counter]:
    """Organisation -> Counter of the kinds of its goals, priority areas and activities in `graph`."""
    out: dict[str, Counter] = defaultdict(Counter)
    for _, data in graph.nodes(data=True):
        if data.get("kind") in STRATEGY_KINDS:
            out[data.get("organisation") or ""][data["kind"]] += 1
    return out


def reaching_of(graph: nx.DiGraph, organisation: str, concept: str, label: Callable[[str], str]) -> list[str]:
    """The goals, priority areas and activities of one organisation that reach a concept (the
    entries of one coverage cell): goals first, then priority areas, then activities, each by label."""
    return sorted(reaching(graph, concept, organisation),
                  key=lambda n: (strategy_order(graph.nodes[n].get("kind")), label(n).casefold()))


def traces_to(graph: nx.DiGraph, concept: str, entities: Iterable[str]) -> dict[str, list[list[str]]]:
    """Entity -> its traces (graph.traceability.trace) that lead to the concept: those ending at
    it or at a narrower concept."""
    via = {concept} | (nx.ancestors(graph, concept) if concept in graph else set())
    return {entity: [path for path in trace(graph, entity) if path[-1] in via] for entity in entities}
