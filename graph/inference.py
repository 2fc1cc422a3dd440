"""What samsyn infers from what the documents state, at build time.

Each rule is a CONSTRUCT query in graph/queries/ (infer-*.rq) and its result is a named graph of
its own under graph/inferred/: what the documents assert and what the software infers never share
one (DESIGN.md). The rules run in order on Oxigraph, each seeing the earlier rules' graphs:

- infer-reach -> graph/inferred/reach: `?entity sam:reaches ?concept`, the alignment chain
  (area -> goal, activity -> area/goal -> goal, concept -> broader concept) walked once;
- infer-coverage -> graph/inferred/coverage: the coverage as a W3C RDF Data Cube, one observation
  per organisation x flagship or Baltic Sea objective, zeros kept (they are the gaps).

After the rules, the DCAT description of what was loaded (graph.catalog: its modified date and
period come from the data) goes into graph/catalog, so the SPARQL endpoint's dataset, the entity
pages and the export all hold the same description. Then graph.building adds the suggested
alignments (graph.text.suggested, into graph/suggested/lexical) unless told not to: after the
rules, so no rule reads them, and under predicates of their own (sam:suggestedEntity,
sam:suggestedConcept, never sam:alignsWith), so no coverage, gap or reach query counts them.

Why materialise: coverage and gaps walk that chain for every organisation and concept, a walk
that grows with the data (benchmarks/RESULTS.md); read from the cube they are a lookup. Every backend gets the same graphs, computed by the same engine: graph.building runs the
rules once, on the in-memory Oxigraph store the sources were parsed into, and each backend adopts
the result."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import URIRef

from .catalog import CATALOG_GRAPH, dcat_description
from .namespaces import GRAPH
from .named_queries import load_lookup, load_query

#: rule (a named query) -> the named graph its result goes to, in the order they run
RULES: tuple[tuple[str, URIRef], ...] = (
    ("infer-reach", GRAPH["inferred/reach"]),
    ("infer-coverage", GRAPH["inferred/coverage"]),
)
INFERRED_GRAPHS: tuple[URIRef, ...] = tuple(graph for _, graph in RULES)
#: the suggestions' graph (graph.text.suggest.suggestions_graph names it after its method)
SUGGESTED_GRAPH = GRAPH["suggested/lexical"]
#: every graph a build derives from the sources: the inferred graphs, the DCAT description and
#: the suggestions (left out by `samsyn build --no-suggestions`)
DERIVED_GRAPHS: tuple[URIRef, ...] = (*INFERRED_GRAPHS, CATALOG_GRAPH, SUGGESTED_GRAPH)


def is_inferred(graph: URIRef | str) -> bool:
    return str(graph).startswith(str(GRAPH["inferred/"]))


def infer(store: ox.Store) -> None:
    """Run the rules on an Oxigraph store holding the sources, adding the inferred graphs and
    the DCAT description (DERIVED_GRAPHS). Results pass as N-Triples from Oxigraph to Oxigraph:
    no Python object per triple, and no second check of IRIs Oxigraph itself wrote (lenient)."""
    for name, graph in RULES:
        target = ox.NamedNode(str(graph))
        if store.contains_named_graph(target):
            store.remove_graph(target)
        answer = store.query(load_query(name).text, use_default_graph_as_union=True)
        data = answer.serialize(format=ox.RdfFormat.N_TRIPLES)
        store.add_graph(target)
        if data:
            store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=target, lenient=True)
    describe(store)


def describe(store: ox.Store) -> None:
    """Put the DCAT description of the store's sources into graph/catalog (replacing it)."""
    def first_row(name: str) -> tuple[str | None, ...]:
        solution = next(iter(store.query(load_lookup(name).text, use_default_graph_as_union=True)), None)
        return tuple(None if value is None else value.value for value in solution) if solution else ()

    target = ox.NamedNode(str(CATALOG_GRAPH))
    if store.contains_named_graph(target):
        store.remove_graph(target)
    (latest,) = first_row("latest-modified") or (None,)
    period = first_row("strategy-period")
    graph = dcat_description(latest, period if len(period) == 2 and None not in period else None)
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=target)
