"""The store interface, as rdflib's store plugins have it: a spec string names a backend, a lazy
registry finds its class, construction is apart from opening, and loading is part of the
interface.

A spec is parsed in one place, `StoreSpec.parse`, and anything but these forms is refused:

    memory                          rdflib's in-memory Dataset
    oxigraph                        embedded Oxigraph, in memory
    oxigraph:DIR                    embedded Oxigraph, on disk in folder DIR
    sparql+http://HOST[:PORT]/PATH  a SPARQL 1.1 endpoint (or sparql+https://)

Loading: samsyn parses the sources and runs the inference rules once, into a fresh in-memory
Oxigraph store (graph.building), and the backend adopts that dataset (`Store.adopt`) all or
nothing: rdflib converts it, in-memory Oxigraph swaps it in, on-disk Oxigraph bulk-loads it,
a SPARQL store uploads it. `samsyn.graph.building.build` is the one function that does so.

This module imports no backend: `BACKENDS` names each as "module:Class", imported on first use."""

from __future__ import annotations

import contextlib
import importlib
import urllib.parse
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import pyoxigraph as ox
import rdflib.plugins.sparql
from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result
from rdflib.term import Node

from .namespaces import GRAPH, PREFIXES
from .rdf_terms import graph_quads

# rdflib would fetch FROM / FROM NAMED graphs over the network: the store never does.
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False

#: the store every command and the viewer use unless told otherwise (benchmarks/RESULTS.md
#: compares the backends)
DEFAULT_STORE = "oxigraph"

#: the spec forms, as every refusal lists them
VALID_FORMS = ("memory", "oxigraph", "oxigraph:DIR", "sparql+http://HOST[:PORT]/PATH", "sparql+https://HOST[:PORT]/PATH")

#: backend kind -> "module:Class" (a module relative to this package), imported on first use
#: (as rdflib.plugin does), so opening one backend never imports another's libraries
BACKENDS: dict[str, str] = {
    "memory": ".store_memory:MemoryStore",
    "oxigraph": ".store_oxigraph:OxigraphStore",
    "sparql": ".store_sparql:SparqlHttpStore",
}

#: what a long load is doing after parsing ("uploading 120 of 700 MB"), for stores that say
Status = Callable[[str], None]


class StoreError(Exception):
    """A store that cannot be parsed, opened, reached or written. str() is one line for the user."""


@dataclass(frozen=True)
class StoreSpec:
    """Which backend (`kind`, a key of BACKENDS) and where: the folder of `oxigraph:DIR`, the
    endpoint URL of `sparql+http(s)://…` (query string and credentials included), else None."""

    kind: str
    location: str | None = None

    @classmethod
    def parse(cls, text: str) -> StoreSpec:
        """The spec a store string names, or StoreError listing the valid forms."""
        if text in ("memory", "oxigraph"):
            return cls(text)
        if text.startswith("oxigraph:") and text[len("oxigraph:"):].strip():
            return cls("oxigraph", text[len("oxigraph:"):])
        if text.startswith("sparql+") and _is_http_url(text[len("sparql+"):]):
            return cls("sparql", text[len("sparql+"):])
        raise StoreError(f"unknown store {text!r}: use one of {', '.join(VALID_FORMS)}")

    def __str__(self) -> str:
        """The spec as written, a password in it replaced by ***."""
        if self.kind == "sparql" and self.location:
            url = urllib.parse.urlsplit(self.location)
            if url.password is not None:
                netloc = url.netloc.replace(f":{url.password}@", ":***@", 1)
                return "sparql+" + urllib.parse.urlunsplit(url._replace(netloc=netloc))
            return "sparql+" + self.location
        return self.kind if self.location is None else f"{self.kind}:{self.location}"


def _is_http_url(text: str) -> bool:
    try:
        url = urllib.parse.urlsplit(text)
        url.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        return False
    return url.scheme in ("http", "https") and bool(url.hostname) and not any(c.isspace() for c in text)


@dataclass(frozen=True)
class QueryDataset:
    """The dataset a query runs on as the SPARQL 1.1 Protocol names it (default-graph-uri,
    named-graph-uri): the default graph is the merge of `default_graphs` (empty when there are
    none), the named graphs are `named_graphs` (none when there are none), and the query's own
    FROM / FROM NAMED are overridden."""

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


class Store(ABC):
    """What samsyn needs of a triple store. Construct with a spec (no I/O), then `open()`;
    the backends open themselves on first use too.

    Capabilities, so callers never reach into a backend: `persistent` (the content outlives
    the process, so only `samsyn build` writes into it), `writable` (it can adopt a dataset)
    and `oxigraph()` (the pyoxigraph Store holding the content, where there is one)."""

    persistent: bool = False

    def __init__(self, spec: StoreSpec):
        self.spec = spec

    def open(self) -> None:
        """Open the store as it is, creating nothing (a folder that is not there is an empty store)."""

    @property
    def writable(self) -> bool:
        return True

    def oxigraph(self) -> ox.Store | None:
        """The pyoxigraph Store that holds the content, to query natively; None if there is none."""
        return None

    def writing(self) -> contextlib.AbstractContextManager[None]:
        """Held around a build: one writer at a time. A store in a folder takes a lock on it that
        other processes see, and refuses at once with StoreError while another holds it."""
        return contextlib.nullcontext()

    @abstractmethod
    def adopt(self, dataset: ox.Store, status: Status | None = None) -> None:
        """Make the named graphs of `dataset` (sources and inferred graphs, prepared by
        graph.building) the store's whole content, all or nothing. `dataset` is the caller's
        to drop afterwards: in-memory Oxigraph keeps it as its content."""

    def replace(self, graphs: Iterable[Graph]) -> None:
        """Make the given rdflib graphs the store's whole content, all or nothing (a failure
        while the graphs are read leaves the store as it was)."""
        dataset = ox.Store()
        for graph in graphs:
            dataset.extend(graph_quads(graph))
        self.adopt(dataset)

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


_CLASSES: dict[str, type[Store]] = {}


def backend(kind: str) -> type[Store]:
    """The Store class of a backend kind, its module imported on first use."""
    if kind not in _CLASSES:
        module, _, name = BACKENDS[kind].partition(":")
        _CLASSES[kind] = getattr(importlib.import_module(module, __package__), name)
    return _CLASSES[kind]


def new_store(spec: str | StoreSpec = DEFAULT_STORE) -> Store:
    """A store for a spec, constructed but not opened (nothing read or written yet)."""
    parsed = spec if isinstance(spec, StoreSpec) else StoreSpec.parse(spec)
    return backend(parsed.kind)(parsed)


def open_store(spec: str | StoreSpec = DEFAULT_STORE) -> Store:
    """Open a store by spec, as it is: nothing is built or written (that is graph.building.build)."""
    store = new_store(spec)
    store.open()
    return store


def holds_graph(store: Store) -> bool:
    """Whether the store holds a samsyn graph already: every build loads the ontology's graph.
    (One ASK on one named graph: quick on every backend, whatever the size.)"""
    return bool(store.query(f"ASK {{ GRAPH <{GRAPH['ontology']}> {{ ?s ?p ?o }} }}").askAnswer)

