"""`memory`: rdflib's in-memory Dataset. Adopting converts the prepared dataset into a new rdflib
Dataset and swaps it in, so a reader sees the old content or the new, never half of each."""

from __future__ import annotations

import threading
from collections.abc import Mapping

import pyoxigraph as ox
import rdflib.graph
from rdflib import Dataset, URIRef
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.query import Result
from rdflib.term import Node, Variable

from .rdf_terms import fill_dataset
from .store import QueryDataset, Status, Store, StoreSpec, new_dataset


class MemoryStore(Store):
    """rdflib's in-memory store behind samsyn's Store interface."""

    def __init__(self, spec: StoreSpec = StoreSpec("memory")):
        super().__init__(spec)
        self._dataset = new_dataset()
        self._lock = threading.Lock()

    def adopt(self, dataset: ox.Store, status: Status | None = None) -> None:
        fresh = fill_dataset(new_dataset(), dataset)
        with self._lock:
            self._dataset = fresh

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None,
              dataset: QueryDataset | None = None) -> Result:
        init = {Variable(k): v for k, v in (bindings or {}).items()}
        if dataset is None:
            return self._dataset.query(sparql, initBindings=init)
        # the protocol's dataset: a view holding just those graphs, the query's FROM set aside
        view = Dataset(default_union=False)
        default = view.default_context
        for name in dataset.default_graphs:
            default += self._dataset.get_context(URIRef(name))
        for name in dataset.named_graphs:
            named = view.graph(URIRef(name))
            named += self._dataset.get_context(URIRef(name))
        query = translateQuery(parseQuery(sparql))
        query.algebra["datasetClause"] = None
        return view.query(query, initBindings=init)

    def dataset(self) -> Dataset:
        return self._dataset

    def graph_names(self) -> list[URIRef]:
        return sorted(g.identifier for g in self._dataset.graphs() if isinstance(g.identifier, URIRef)
                      and g.identifier != rdflib.graph.DATASET_DEFAULT_GRAPH_ID and len(g))
