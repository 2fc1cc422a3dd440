"""Stores behind one small interface: replace the whole content atomically, query with
SPARQL, hand out the dataset for SHACL, analysis and export.

`memory` is rdflib's in-memory Dataset. Other backends register in STORE_TYPES."""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import rdflib.plugins.sparql
from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.query import Result
from rdflib.term import Node, Variable

from .namespaces import GRAPH, PREFIXES

# rdflib would fetch FROM / FROM NAMED graphs over the network: the store never does.
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False


class StoreError(Exception):
    """A store that cannot be opened or reached."""


@dataclass(frozen=True)
class QueryDataset:
    """The dataset a query runs on as the SPARQL 1.1 Protocol names it (default-graph-uri,
    named-graph-uri): the default graph is the merge of `default_graphs` (empty when there are
    none), the named graphs are `named_graphs` (none when there are none), and the query's own
    FROM / FROM NAMED are overridden."""

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


class Store(ABC):
    """What samsyn needs of a triple store."""

    spec: str

    @abstractmethod
    def replace(self, graphs: Iterable[Graph]) -> None:
        """Make the given named graphs the store's whole content, all or nothing."""

    @abstractmethod
    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None,
              dataset: QueryDataset | None = None) -> Result:
        """Run a SPARQL query over the union of the named graphs (FROM / GRAPH still
        address single graphs), or over `dataset`. `bindings` pre-binds variables (never
        string formatting)."""

    @abstractmethod
    def dataset(self) -> Dataset:
        """The content as an rdflib Dataset, one named graph per source."""

    @abstractmethod
    def graph_names(self) -> list[URIRef]:
        """The named graphs held, sorted."""

    def __len__(self) -> int:
        """The number of statements (quads): a triple stated in two sources counts twice."""
        return sum(1 for _ in self.dataset().quads((None, None, None, None)))


def new_dataset() -> Dataset:
    """An empty Dataset whose default graph is the union of its named graphs."""
    dataset = Dataset(default_union=True)
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    return dataset


class MemoryStore(Store):
    """rdflib's in-memory store. Replacing builds a new Dataset and swaps it in, so a
    reader sees the old content or the new, never half of each."""

    def __init__(self, spec: str = "memory"):
        self.spec = spec
        self._dataset = new_dataset()
        self._lock = threading.Lock()

    def replace(self, graphs: Iterable[Graph]) -> None:
        fresh = new_dataset()
        for graph in graphs:
            named = fresh.graph(graph.identifier)
            for triple in graph:
                named.add(triple)
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



#: store spec prefix -> class; backends added by the scale work register here
STORE_TYPES: dict[str, type[Store]] = {"memory": MemoryStore}

#: the store every command uses unless told otherwise: embedded Oxigraph answers the named
#: queries 15-20x faster than rdflib's memory store already at five strategies
DEFAULT_STORE = "oxigraph"


def holds_graph(store: Store) -> bool:
    """Whether the store holds a samsyn graph already: every build loads the ontology's graph.
    (One ASK on one named graph: quick on every backend, whatever the size.)"""
    return bool(store.query(f"ASK {{ GRAPH <{GRAPH['ontology']}> {{ ?s ?p ?o }} }}").askAnswer)


def open_store(spec: str = DEFAULT_STORE) -> Store:
    """Open a store by spec: `memory`, or another registered scheme."""
    for prefix, store_type in STORE_TYPES.items():
        if spec == prefix or spec.startswith(prefix + ":") or spec.startswith(prefix + "+"):
            return store_type(spec)
    raise StoreError(f"unknown store {spec!r}: use one of {', '.join(STORE_TYPES)}")


# Backends of the scale work (issue 5), imported last as they build on the classes above;
# each adds itself to STORE_TYPES: oxigraph, oxigraph:/dir, sparql+http://host/path.
from . import store_oxigraph, store_sparql  # noqa: E402,F401
