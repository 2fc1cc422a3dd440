"""What the viewer knows: the store built once at start, and a cache over the library calls the
pages make (graph.analysis, graph.traceability, graph.exporting, shapes.validate).

Every number and list comes from the library; this module only keeps the answers for the life
of the app (the data does not change while it runs) and picks labels in the page's language."""

from __future__ import annotations

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
from samsyn.graph.analysis import (CoverageMatrix, SourceText, alignment_graph, build_matrix, coverage,
                                   reaching_of, resources, source_of, source_texts)
from samsyn.graph.namespaces import ID
from samsyn.graph.store import Store
from samsyn.graph.text.search import SearchIndex
from samsyn.graph.text.suggest import Suggestion, suggest
from samsyn.graph.vocabulary import compact, kind_of
from samsyn.shapes import validate

from .i18n import current as current_language


def entity_path(iri: str) -> str | None:
    """The viewer path of an instance IRI (https://w3id.org/samsyn/id/X -> /id/X), else None."""
    base = str(ID)
    if iri.startswith(base) and len(iri) > len(base):
        return "/id/" + iri[len(base):]
    return None


class Knowledge:
    """The store and the cached views of it the pages need."""

    def __init__(self, store: Store, source_dirs: list[Path] | None = None):
        # read with look-up queries, never as an rdflib copy of the whole graph (memory: benchmarks/RESULTS.md)
        self.store = store
        self._locks: dict[str, threading.Lock] = defaultdict(threading.Lock)
        self._cache: dict[str, Any] = {}
        self._guard = threading.Lock()
        self._pages: OrderedDict[str, Any] = OrderedDict()
        self._property_cache = lru_cache(maxsize=4096)(lambda iri: tuple(resources.properties(self.store, iri)))
        self._page_chars = 0
        self.labels: dict[str, dict[str, str]] = resources.labels(store)
        self.types: dict[str, set[str]] = resources.types(store)
        self.sources: dict[str, SourceText] = source_texts(source_dirs or [])

    # --- caching -----------------------------------------------------------------------------

    def cached(self, key: str, compute: Callable[[], Any]) -> Any:
        """Compute once per app, one thread at a time per key; others wait for the result.
        A failure is cached too (re-raised each time) so a broken view fails fast."""
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

    #: characters of rendered page bodies kept (least recently used dropped first): keys include
    #: the path and query string, which a visitor chooses, so this cache is bounded where
    #: `cached` is not
    PAGE_CACHE_CHARS = 128 * 1024 * 1024

    def page(self, key: str, render: Callable[[], Any]) -> Any:
        """A rendered page body, rendered once per key (the data does not change while the app
        runs). Unlike `cached`, failures are not kept and the oldest entries are dropped."""
        with self._guard:
            if key in self._pages:
                self._pages.move_to_end(key)
                return self._pages[key]
        body = render()
        with self._guard:
            if key not in self._pages:
                self._pages[key] = body
                self._page_chars += len(body)
            while self._page_chars > self.PAGE_CACHE_CHARS and len(self._pages) > 1:
                _, dropped = self._pages.popitem(last=False)
                self._page_chars -= len(dropped)
        return body

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
        return self.cached(f"export:{fmt}", lambda: exporting.export(self.store, fmt))

    def dcat(self, fmt: str) -> bytes:
        return self.cached(f"dcat:{fmt}", lambda: exporting.dcat(self.store, fmt))

    def search_index(self) -> SearchIndex:
        """The search index over the store and its source texts (graph.text.search), built once."""
        folders = list(dict.fromkeys(source.path.parent for source in self.sources.values()))
        return self.cached("search_index", lambda: SearchIndex(self.store, folders))

    def suggestions(self) -> list[Suggestion]:
        """The store's suggested alignments (graph.text.suggest), computed once: they read only text."""
        return self.cached("suggestions", lambda: suggest(self.store))

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
        return resources.exists(self.store, iri)

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

    def source_of(self, iri: str) -> SourceText | None:
        """The source text of the document an entity is stated in (by its named graph's name)."""
        return source_of(self.graphs_of(iri), self.sources)
