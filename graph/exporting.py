"""Export the knowledge graph with its DCAT description: Turtle, TriG (named graphs kept),
JSON-LD and N-Triples (graph.formats.EXPORT_FORMATS). The same input gives byte-identical output."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.compare import to_canonical_graph

from .catalog import CATALOG_GRAPH, DCATAP, LICENSE, dcat_description
from .formats import EXPORT_FORMATS, Format
from .named_queries import lookup
from .namespaces import PREFIXES, bind_prefixes
from .results import write_graph
from .store import Store, new_dataset

#: format name -> format, for `samsyn export --format`
FORMATS: dict[str, Format] = {fmt.name: fmt for fmt in EXPORT_FORMATS}

__all__ = ["CATALOG_GRAPH", "LICENSE", "FORMATS", "dcat_description", "description", "latest_modified",
           "strategy_period", "export_dataset", "serialize", "export", "dcat", "write_atomic"]


def latest_modified(store: Store) -> str | None:
    """The latest dcterms:modified date in samsyn's named graphs, if any."""
    latest = next(iter(lookup(store, "latest-modified")), None)
    return str(latest[0]) if latest and latest[0] is not None else None


def strategy_period(store: Store) -> tuple[str, str] | None:
    """The first and last year the strategies are valid (sam:validFrom, sam:validUntil), if known."""
    row = next(iter(lookup(store, "strategy-period")), None)
    return (str(row[0]), str(row[1])) if row and row[0] is not None and row[1] is not None else None


def description(store: Store) -> Graph:
    """The DCAT description of the store's content: the graph a build added (catalog.CATALOG_GRAPH),
    or, for a store built without it, the same description made now."""
    held = bind_prefixes(Graph(identifier=CATALOG_GRAPH))
    held.bind("dcatap", DCATAP)
    if CATALOG_GRAPH in store.graph_names():
        for triple in lookup(store, "graph-triples", graph=CATALOG_GRAPH).graph:
            held.add(triple)
        return held
    for triple in dcat_description(latest_modified(store), strategy_period(store)):
        held.add(triple)
    return held


def export_dataset(dataset: Dataset, latest: str | None = None) -> Dataset:
    """The store's named graphs, the DCAT description among them (catalog.CATALOG_GRAPH, added
    by every build; made here from `latest` for a store built without it), as one Dataset."""
    out = new_dataset()
    # sorted, so serialisers that follow insertion order give stable bytes
    for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if isinstance(graph.identifier, URIRef) and len(graph):
            target = out.graph(graph.identifier)
            for triple in graph:
                target.add(triple)
    catalog = out.graph(CATALOG_GRAPH)
    if not len(catalog):
        for triple in dcat_description(latest):
            catalog.add(triple)
    return out


def _sorted_jsonld(data):
    """JSON-LD with every list of nodes sorted by @id, so the bytes are stable."""
    if isinstance(data, list):
        items = [_sorted_jsonld(x) for x in data]
        return sorted(items, key=lambda x: json.dumps(x, sort_keys=True, ensure_ascii=False))
    if isinstance(data, dict):
        return {k: _sorted_jsonld(v) for k, v in data.items()}
    return data


def serialize(dataset: Dataset, fmt: str, latest: str | None = None) -> bytes:
    """The dataset and its DCAT description (`latest`: the data's latest modification) in one
    export format, in a stable byte order."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    full = export_dataset(dataset, latest)
    if any(isinstance(n, BNode) for q in full.quads((None, None, None, None)) for n in q[:3]):
        # blank node labels differ between runs: canonicalise them (the contract mints none)
        canon = new_dataset()
        for graph in sorted(full.graphs(), key=lambda g: str(g.identifier)):
            target = canon.graph(graph.identifier)
            for triple in to_canonical_graph(graph):
                target.add(triple)
        full = canon
    if fmt == "nt":
        lines = {line for line in full.serialize(format="nt").splitlines() if line.strip()}
        return ("\n".join(sorted(lines)) + "\n").encode("utf-8")
    if fmt == "turtle":
        union = bind_prefixes(Graph())
        for triple in full.triples((None, None, None)):
            union.add(triple)
        return union.serialize(format="turtle").encode("utf-8")
    if fmt == "trig":
        # rdflib writes graphs in hash order: write each graph alone, in IRI order
        prefixes: set[str] = set()
        bodies = []
        for graph in sorted(full.graphs(), key=lambda g: str(g.identifier)):
            if not len(graph) or not isinstance(graph.identifier, URIRef):
                continue
            single = new_dataset()
            target = single.graph(graph.identifier)
            for triple in graph:
                target.add(triple)
            text = single.serialize(format="trig")
            lines = text.splitlines()
            prefixes.update(line for line in lines if line.startswith("@prefix"))
            bodies.append("\n".join(line for line in lines if not line.startswith("@prefix")).strip())
        return ("\n".join(sorted(prefixes)) + "\n\n" + "\n\n".join(bodies) + "\n").encode("utf-8")
    context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    data = json.loads(full.serialize(format="json-ld", context=context, auto_compact=True))
    data = _sorted_jsonld(data)
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def export(store: Store, fmt: str) -> bytes:
    """The store's content and its DCAT description in one export format (FORMATS)."""
    return serialize(store.dataset(), fmt, latest_modified(store))


def dcat(store: Store, fmt: str) -> bytes:
    """The DCAT description alone (`description(store)`) in one export format (FORMATS)."""
    return write_graph(description(store), FORMATS[fmt].rdflib)


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: the target is never half written."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
