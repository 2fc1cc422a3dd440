"""What the viewer knows: the store built once at start, and caches over the library calls the
pages make (graph.analysis, graph.traceability, graph.exporting, shapes.validate).

Every number and list comes from the library; this module only keeps the answers (the data does
not change while the app runs) and picks labels in the page's language. Two kinds of cache, both
bounded and counted (`status()`, served at /status.json): `cached` keeps the views computed from
the whole graph, one per fixed key; `kept` keeps what a visitor's choice of path and parameters
makes (rendered pages, graph selections, exports) up to a number of bytes in all, least recently
used dropped first."""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph
from rdflib.term import Node

from samsyn.graph import exporting, traceability
from samsyn.graph.analysis import CoverageMatrix, alignment_graph, build_matrix, coverage, reaching_of, resources
from samsyn.graph.documents import SourceDocument, source_documents, source_of
from samsyn.graph.namespaces import ID
from samsyn.graph.store import Store
from samsyn.graph.text.search import SearchIndex
from samsyn.graph.text.suggest import Suggestion
from samsyn.graph.text.suggested import read_suggestions
from samsyn.graph.vocabulary import compact, kind_of
from samsyn.shapes import validate

from .i18n import current as current_language

#: resources whose properties are kept while in use (an entity page and a graph node's panel ask
#: for several of them)
PROPERTY_CACHE_ENTRIES = 4096


def entity_path(iri: str) -> str | None:
    """The viewer path of an instance IRI (https://w3id.org/samsyn/id/X -> /id/X), else None."""
    base = str(ID)
    if iri.startswith(base) and len(iri) > len(base):
        return "/id/" + iri[len(base):]
    return None


def size_in_bytes(value: Any) -> int:
    """The memory held by a kept value: bytes or text, or a tuple, list or dict of them."""
    if isinstance(value, (tuple, list)):
        return sys.getsizeof(value) + sum(size_in_bytes(item) for item in value)
    if isinstance(value, dict):
        return sys.getsizeof(value) + sum(size_in_bytes(item) for item in value.values())
    return sys.getsizeof(value)


class SizedCache:
    """Values by key, at most `limit` bytes in all (`size_in_bytes`, keys included), the least
    recently used dropped first. A value is computed by one thread at a time per key (the others
    wait for it); a failure is not kept, and a value bigger than the whole limit is returned but
    not kept."""

    def __init__(self, limit: int):
        self.limit = limit
        self._values: OrderedDict[str, tuple[Any, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._computing: dict[str, threading.Lock] = {}
        self._counts = {"hits": 0, "misses": 0, "dropped": 0}

    def get(self, key: str, compute: Callable[[], Any]) -> Any:
        with self._lock:
            found = self._found(key)
            if found is not None:
                return found[0]
            computing = self._computing.setdefault(key, threading.Lock())
        with computing:
            with self._lock:
                found = self._found(key)
                if found is not None:
                    return found[0]
            try:
                value = compute()
            finally:
                with self._lock:
                    self._computing.pop(key, None)
            size = size_in_bytes(value) + sys.getsizeof(key)  # a key holds a path of the visitor's choosing
            with self._lock:
                self._counts["misses"] += 1
                if size <= self.limit and key not in self._values:
                    self._values[key] = (value, size)
                    self._bytes += size
                    while self._bytes > self.limit:
                        _, (_, dropped) = self._values.popitem(last=False)
                        self._bytes -= dropped
                        self._counts["dropped"] += 1
            return value

    def _found(self, key: str) -> tuple[Any, int] | None:
        found = self._values.get(key)
        if found is not None:
            self._values.move_to_end(key)
            self._counts["hits"] += 1
        return found

    def status(self) -> dict:
        with self._lock:
            return {"entries": len(self._values), "bytes": self._bytes, "limit": self.limit, **self._counts}


class Knowledge:
    """The store and the cached views of it the pages need."""

    def __init__(self, store: Store, source_dirs: list[Path] | None = None, cache_bytes: int = 256 << 20):
        # read with look-up queries, never as an rdflib copy of the whole graph (memory: benchmarks/RESULTS.md)
        self.store = store
        self._locks: dict[str, threading.Lock] = defaultdict(threading.Lock)
        self._cache: dict[str, Any] = {}
        self._guard = threading.Lock()
        self._kept = SizedCache(cache_bytes)
        self._property_cache = lru_cache(maxsize=PROPERTY_CACHE_ENTRIES)(
            lambda iri: tuple(resources.properties(self.store, iri)))
        self.labels: dict[str, dict[str, str]] = resources.labels(store)
        self.types: dict[str, set[str]] = resources.types(store)
        self.sources: dict[str, SourceDocument] = source_documents(source_dirs or [])

    # --- caching -----------------------------------------------------------------------------

    def cached(self, key: str, compute: Callable[[], Any]) -> Any:
        """Compute once per app, one thread at a time per key; others wait for the result.
        A failure is cached too (re-raised each time) so a broken view fails fast. For views of
        the whole graph under a fixed key: what a visitor's parameters choose goes to `kept`."""
        if key in self._cache:
            return self._unwrap(self._cache[key])
        with self._guard:
            lock = self._locks[key]
        with lock:
            if key not in self._cache:
                try:
                    self._cache[key] = ("ok", compute())
                except Exception as error:  # noqa: BLE001 - remembered and re-raised
                    self._cache[key] = ("error", error)
            return self._unwrap(self._cache[key])

    @staticmethod
    def _unwrap(entry):
        status, value = entry
        if status == "error":
            raise value
        return value

    def kept(self, key: str, compute: Callable[[], Any]) -> Any:
        """A value computed once per key while there is room (SizedCache): for what a visitor's
        path and parameters choose, as their number has no bound. Values are bytes or text, or
        tuples, lists and dicts of them, so their size is known."""
        return self._kept.get(key, compute)

    def page(self, key: str, render: Callable[[], Any]) -> Any:
        """A rendered page body, rendered once per key while there is room (`kept`)."""
        return self.kept("page:" + key, render)

    def status(self) -> dict:
        """The caches' sizes: entries, and bytes where values are bytes or text."""
        properties = self._property_cache.cache_info()
        return {"views": {"entries": len(self._cache)},
                "kept": self._kept.status(),
                "properties": {"entries": properties.currsize, "limit": properties.maxsize,
                               "hits": properties.hits, "misses": properties.misses}}

    # --- labels and kinds ------------------------------------------------------------------------

    def label(self, iri: str, lang: str | None = None) -> str:
        """The resource's label in `lang` (default: the page's language), see resources.label."""
        iri = str(iri)
        return resources.label(self.labels.get(iri), iri, lang or current_language())

    def label_pair(self, iri: str) -> dict[str, str]:
        values = self.labels.get(str(iri), {})
        return {k: values[k] for k in resources.LABEL_LANGUAGES if k in values}

    def kind(self, iri: str) -> str:
        """The most specific sam: class local name of an IRI ('' if none)."""
        return kind_of(self.types.get(str(iri), ()))

    # --- library views, cached -------------------------------------------------------------------

    def coverage(self) -> list[dict]:
        return self.cached("coverage", lambda: coverage(self.store))

    def strategies(self) -> dict[str, list[dict]]:
        """Organisation -> its strategies (resources.strategies_by_organisation)."""
        return self.cached("strategies", lambda: resources.strategies_by_organisation(self.store))

    def holds_example_data(self) -> bool:
        return self.cached("example-data", lambda: resources.holds_example_data(self.store))

    def broader_concepts(self) -> dict[str, list[str]]:
        return self.cached("broader", lambda: resources.broader_concepts(self.store))

    def broader(self, iri: str) -> list[str]:
        """The broader concepts of a framework concept."""
        return self.broader_concepts().get(str(iri), [])

    def trace_graph(self) -> nx.DiGraph:
        return self.cached("trace_graph", lambda: traceability.traceability_graph(self.store))

    def drawable_graph(self) -> nx.DiGraph:
        """The traceability graph with the goals, priority areas and activities nothing links
        (graph.analysis.alignment_graph): what the graph page draws."""
        return self.cached("drawable_graph",
                           lambda: alignment_graph(self.store, self.trace_graph(), self.types, self.labels))

    def validation(self):
        return self.cached("validation", lambda: validate(self.store))

    def export(self, fmt: str) -> bytes:
        return self.kept(f"export:{fmt}", lambda: exporting.export(self.store, fmt))

    def dcat(self, fmt: str) -> bytes:
        return self.kept(f"dcat:{fmt}", lambda: exporting.dcat(self.store, fmt))

    def search_index(self) -> SearchIndex:
        """The search index over the store and its source texts (graph.text.search), built once."""
        folders = list(dict.fromkeys(source.path.parent for source in self.sources.values()))
        return self.cached("search_index", lambda: SearchIndex(self.store, folders))

    def suggestions(self) -> list[Suggestion]:
        """The suggested alignments the build put into the store (graph/suggested/...), read once;
        none if it was built without (`samsyn build --no-suggestions`)."""
        return self.cached("suggestions", lambda: read_suggestions(self.store))

    def warm(self) -> None:
        """Compute the slow views (coverage, traceability, search, suggestions, validation) ahead
        of the first visitor; those every entity page asks for before the checks page's."""
        for view in (self.strategies, self.coverage, self.trace_graph, self.drawable_graph, self.search_index,
                     self.suggestions, self.validation):
            try:
                view()
            except Exception:  # noqa: BLE001 - the page that needs it shows the error
                pass

    # --- organisations and the coverage matrix ------------------------------------------------------

    def organisations(self, lang: str | None = None) -> list[dict]:
        """Organisations that issue a strategy, each {iri, strategies}, sorted by label in the
        page's language. Kept per language because the home page asks on every request; the
        list is shared: callers read it and do not change it."""
        lang = lang or current_language()

        def compute():
            found = [{"iri": org, "strategies": strategies} for org, strategies in self.strategies().items()]
            return sorted(found, key=lambda o: self.label(o["iri"], lang).casefold())
        return self.cached(f"organisations:{lang}", compute)

    def matrix(self, lang: str, organisations: list[str] | None = None) -> CoverageMatrix:
        """The coverage matrix (graph.analysis.build_matrix) sorted by labels in `lang`: all
        organisations as columns, or the given ones."""
        return build_matrix(self.coverage(), self.broader_concepts(), self.kind,
                            lambda iri: self.label(iri, lang), organisations)

    def reaching(self, organisation: str, concept: str) -> list[str]:
        """The goals, priority areas and activities of one organisation that reach a concept."""
        return reaching_of(self.trace_graph(), organisation, concept, self.label)

    def trace(self, iri: str) -> list[list[str]]:
        return traceability.trace(self.trace_graph(), iri)

    # --- entities ------------------------------------------------------------------------------------

    def exists(self, iri: str) -> bool:
        """Whether the graph says anything about `iri`; False for text that cannot be an IRI
        (a path such as /id/a%20b or /id/%FF), which no store would take."""
        try:
            return resources.exists(self.store, iri)
        except ValueError:  # Oxigraph's "Invalid IRI code point": the store's own rule for IRIs
            return False

    def graphs_of(self, iri: str) -> list[str]:
        return resources.graphs_of(self.store, iri)

    def objects(self, iri: str, predicate: str) -> list[Node]:
        """The values of one property of an IRI (any named graph)."""
        return [value for prop, value in self._property_cache(str(iri)) if prop == str(predicate)]

    def outgoing(self, iri: str) -> list[tuple[str, Node]]:
        # read once per resource while in use: an entity page and a graph node's panel ask for several
        return sorted(self._property_cache(str(iri)), key=lambda po: (compact(po[0]), str(po[1])))

    def incoming(self, iri: str) -> list[tuple[str, str]]:
        return sorted(resources.mentions(self.store, iri), key=lambda sp: (compact(sp[1]), sp[0]))

    def entity_graph(self, iri: str) -> Graph:
        """The entity's own triples (it as subject), for its RDF representations."""
        return resources.own_triples(self.store, iri)

    def source_of(self, iri: str) -> SourceDocument | None:
        """The source text of the document an entity is stated in (by its named graph's name)."""
        return source_of(self.graphs_of(iri), self.sources)
