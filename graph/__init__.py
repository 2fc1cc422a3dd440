"""samsyn's library: build the knowledge graph into a store, query it, analyse and export it.

The CLI and the viewer are two thin faces over these functions; a notebook uses them the same way:

    from samsyn.graph import build, coverage, coverage_matrix, gaps, trace
    store = build()                       # the bundled strategies, in embedded Oxigraph
    rows = coverage(store, "https://w3id.org/samsyn/id/ronneby")
    matrix = coverage_matrix(store, lang="sv")   # the viewer's home page, as data

More analysis (reach, the graph overview, source texts, look-ups) is in `samsyn.graph.analysis`.

SHACL validation is one layer up, in `samsyn.shapes.validate(store)` (shapes read the graph;
the graph does not know the shapes)."""

from __future__ import annotations

from rdflib.query import Result

from .analysis import CoverageMatrix, coverage, coverage_matrix, gaps
from .building import build, open_for_reading
from .exporting import export
from .named_queries import run as _run_query
from .statistics import stats
from .store import DEFAULT_STORE, Store, StoreError, open_store
from .traceability import trace as _trace_paths, traceability_graph


def query(store: Store, name_or_text: str, params: dict[str, str] | None = None) -> Result:
    """Run a named query (`samsyn queries` lists them), a `.rq` file or SPARQL text on a store.
    Parameters are bound as RDF terms, never pasted into the text."""
    return _run_query(store, name_or_text, params)


def trace(store: Store, iri: str) -> list[list[str]]:
    """Every path (IRIs) from an activity, priority area or goal up to the framework concepts."""
    return _trace_paths(traceability_graph(store), iri)


__all__ = [
    "DEFAULT_STORE", "Store", "StoreError",
    "build", "open_for_reading", "open_store", "query", "coverage", "gaps", "coverage_matrix", "CoverageMatrix", "trace",
    "traceability_graph", "export", "stats",
    "search", "SearchIndex", "Hit", "suggest", "suggestions_graph", "Suggestion",
    "suggest_embedding", "EmbeddingModel",
]


#: search and suggestions load numpy and bm25s: imported on first use, not on every command's start
_TEXT = {"Hit": "search", "SearchIndex": "search", "search": "search",
         "Suggestion": "suggest", "suggest": "suggest", "suggestions_graph": "suggest",
         # the optional method: model2vec is imported only when a model is loaded
         "suggest_embedding": "suggest_embedding", "EmbeddingModel": "suggest_embedding"}


def __getattr__(name: str):
    if name in _TEXT:
        from importlib import import_module
        return getattr(import_module(f".text.{_TEXT[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
