"""Running the checks on Oxigraph, and pyshacl on the shapes the fast path does not compile."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from samsyn.graph.store import Store
from samsyn.graph.rdf_terms import graph_quads

from ..bundled import shapes_graph
from ..report import Finding, ValidationReport
from ..rules import name_rules
from .core import Check, Compiler


def oxigraph_of(store: Store) -> ox.Store:
    """The store's own Oxigraph store, or a copy of its content in a new one."""
    native = store.oxigraph()
    if native is not None:
        return native
    copy = ox.Store()
    dataset = store.dataset()
    for name in store.graph_names():
        copy.extend(graph_quads(dataset.graph(name)))
    return copy


def _chunks(items: list, size: int = 2000) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _describe(store: ox.Store, nodes: list[str]) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """Labels (lang -> text) and source graph (the first by IRI that types it) of each node."""
    labels: dict[str, dict[str, str]] = {}
    graphs: dict[str, str] = {}
    iris = [n for n in nodes if "://" in n or n.startswith("urn:")]
    for chunk in _chunks(iris):
        values = " ".join(f"<{n}>" for n in chunk)
        for row in store.query(f"SELECT ?f ?l WHERE {{ VALUES ?f {{ {values} }} ?f {RDFS.label.n3()} ?l }}",
                               use_default_graph_as_union=True):
            label = row["l"]
            if isinstance(label, ox.Literal):
                labels.setdefault(row["f"].value, {})[label.language or ""] = label.value
        for row in store.query(f"SELECT ?f (MIN(STR(?g)) AS ?graph) WHERE {{ VALUES ?f {{ {values} }} "
                               f"GRAPH ?g {{ ?f {RDF.type.n3()} ?t }} }} GROUP BY ?f"):
            graphs[row["f"].value] = row["graph"].value
    return labels, graphs


def run_checks(store: ox.Store, checks: list[Check]) -> list[Finding]:
    raw = []
    for check in checks:
        result = store.query(check.query, use_default_graph_as_union=True)
        has_value = any(v.value == "value" for v in result.variables)
        for row in result:
            value = row["value"] if has_value else None
            raw.append((check, row["this"].value, value.value if value is not None else None))
    labels, graphs = _describe(store, sorted({focus for _, focus, _ in raw}))
    return [Finding(severity=c.severity, shape=str(c.shape), shape_name=c.shape_name, constraint=c.constraint,
                    focus_node=focus, focus_label=labels.get(focus, {}), path=c.path, value=value,
                    message=c.message, source_graph=graphs.get(focus))
            for c, focus, value in raw]


def validate(store: Store, shapes: Graph | None = None) -> ValidationReport:
    """Validate the store against samsyn's shapes (or the given ones): the fast path, and
    pyshacl for the shapes it does not compile."""
    shapes = shapes if shapes is not None else shapes_graph()
    compiler = Compiler(shapes)
    checks, unsupported = compiler.compile()
    findings = run_checks(oxigraph_of(store), checks)
    if unsupported:
        from ..validation import pyshacl_findings  # pyshacl is imported only when a shape needs it
        findings += pyshacl_findings(store.dataset(), compiler.without_targets(unsupported))
    return ValidationReport(name_rules(store, findings))
