"""Running the checks on Oxigraph, and pyshacl on the shapes the fast path does not compile."""

from __future__ import annotations

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


_LABEL = ox.NamedNode(str(RDFS.label))
_TYPE = ox.NamedNode(str(RDF.type))


def _describe(store: ox.Store, nodes: list[str]) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """Labels (lang -> text) and source graph (the first by IRI that types it) of each node, read
    from Oxigraph's indexes node by node: no query text is made from the data."""
    labels: dict[str, dict[str, str]] = {}
    graphs: dict[str, str] = {}
    for node in nodes:
        if "://" not in node and not node.startswith("urn:"):
            continue
        subject = ox.NamedNode(node)
        for quad in store.quads_for_pattern(subject, _LABEL, None, None):
            if isinstance(quad.object, ox.Literal):
                labels.setdefault(node, {})[quad.object.language or ""] = quad.object.value
        typed_in = [q.graph_name.value for q in store.quads_for_pattern(subject, _TYPE, None, None)
                    if isinstance(q.graph_name, ox.NamedNode)]
        if typed_in:
            graphs[node] = min(typed_in)
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
