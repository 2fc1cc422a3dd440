"""samsyn's library: build the knowledge graph into a store, query it, analyse and export it.

The CLI and the viewer are two thin faces over these functions; a notebook uses them the same way:

    from samsyn.graph import build, coverage, gaps, trace
    store = build()                       # the bundled strategies, in embedded Oxigraph
    rows = coverage(store, "https://w3id.org/samsyn/id/ronneby")

SHACL validation is one layer up, in `samsyn.shapes.validate(store)` (shapes read the graph;
the graph does not know the shapes)."""

from __future__ import annotations

from rdflib.query import Result

from .building import build
from .exporting import export
from .named_queries import run as _run_query
from .statistics import stats
from .store import DEFAULT_STORE, Store, StoreError, open_store
from .text.search import Hit, SearchIndex, search
from .text.suggest import Suggestion, suggest, suggestions_graph
from .traceability import trace as _trace_paths, traceability_graph


def query(store: Store, name_or_text: str, params: dict[str, str] | None = None) -> Result:
    """Run a named query (`samsyn queries` lists them), a `.rq` file or SPARQL text on a store.
    Parameters are bound as RDF terms, never pasted into the text."""
    return _run_query(store, name_or_text, params)


def coverage(store: Store, organisation: str | None = None) -> list[dict[str, object]]:
    """One row per organisation x Europe 2020 flagship / Baltic Sea objective: how many of the
    organisation's goals, priority areas and activities reach the concept (zeros are gaps)."""
    return _rows(query(store, "coverage", {"organisation": organisation} if organisation else None))


def gaps(store: Store, organisation: str | None = None) -> list[dict[str, object]]:
    """The flagships and Baltic Sea objectives an organisation's work does not reach."""
    return _rows(query(store, "gaps", {"organisation": organisation} if organisation else None))


def trace(store: Store, iri: str) -> list[list[str]]:
    """Every path (IRIs) from an activity, priority area or goal up to the framework concepts."""
    return _trace_paths(traceability_graph(store), iri)


def _rows(result: Result) -> list[dict[str, object]]:
    return [{str(var): (row.get(var).toPython() if row.get(var) is not None else None) for var in result.vars}
            for row in result.bindings]


__all__ = [
    "DEFAULT_STORE", "Store", "StoreError",
    "build", "open_store", "query", "coverage", "gaps", "trace", "traceability_graph", "export", "stats",
    "search", "SearchIndex", "Hit", "suggest", "suggestions_graph", "Suggestion",
]
