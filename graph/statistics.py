"""Counts: triples per named graph, resources per class, what each organisation states."""

from __future__ import annotations

from collections import defaultdict

from . import named_queries
from .namespaces import GRAPH
from .store import Store
from .vocabulary import compact


def triples_per_graph(store: Store) -> dict[str, int]:
    """Named graph IRI -> number of triples, in IRI order."""
    return {str(row.graph): int(row.triples) for row in named_queries.run(store, "triples-per-graph")
            if str(row.graph).startswith(str(GRAPH))}  # an Oxigraph folder made elsewhere may hold others


def stats(store: Store) -> dict:
    """Triples (in all and per named graph), resources per class (prefixed names) and, per
    organisation (English label), its strategies, goals, priority areas, activities and
    partnerships. Counted by the store, without a copy of the whole graph."""
    graphs = triples_per_graph(store)
    classes = {compact(str(row[0])): int(row[1]) for row in named_queries.run(store, "class-counts")}
    organisations: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in named_queries.run(store, "strategies"):
        org = str(row.organisationLabel or row.organisation or "?")
        organisations[org]["strategies"] += 1
        for key in ("goals", "priorityAreas", "activities", "partnerships"):
            organisations[org][key] += int(row[key])
    return {
        "triples": sum(graphs.values()),
        "graphs": graphs,
        "classes": classes,
        "organisations": {k: dict(v) for k, v in sorted(organisations.items())},
    }


def stats_text(data: dict) -> str:
    lines = [f"{data['triples']} triples in {len(data['graphs'])} named graphs", ""]
    width = max(len(g) for g in data["graphs"]) if data["graphs"] else 0
    lines += [f"  {g.ljust(width)}  {n:>7}" for g, n in data["graphs"].items()]
    lines += ["", "Resources per class"]
    width = max((len(c) for c in data["classes"]), default=0)
    lines += [f"  {c.ljust(width)}  {n:>7}" for c, n in data["classes"].items()]
    lines += ["", "Per organisation (strategies, goals, priority areas, activities, partnerships)"]
    width = max((len(o) for o in data["organisations"]), default=0)
    for org, counts in data["organisations"].items():
        cells = "  ".join(f"{counts.get(k, 0):>4}" for k in ("strategies", "goals", "priorityAreas", "activities", "partnerships"))
        lines.append(f"  {org.ljust(width)}  {cells}")
    return "\n".join(lines) + "\n"
