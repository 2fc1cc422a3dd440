"""The reference: plain pyshacl on the union of the named graphs, its results as a report."""

from __future__ import annotations

from pyshacl import validate as pyshacl_validate
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from samsyn.graph.namespaces import RDF, RDFS, SH
from samsyn.graph.store import Store

from .bundled import shapes_graph
from .report import Finding, ValidationReport
from .rules import name_rules


def _langs(graph: Graph, node: Node, prop: URIRef) -> dict[str, str]:
    return {lit.language or "": str(lit) for lit in graph.objects(node, prop) if isinstance(lit, Literal)}


def union_graph(dataset: Dataset) -> Graph:
    """Every named graph's triples in one graph, as pyshacl reads the data."""
    union = Graph()
    for triple in dataset.triples((None, None, None)):
        union.add(triple)
    return union


def findings_from_results(results: Graph, dataset: Dataset, shapes: Graph) -> list[Finding]:
    """Turn a W3C validation report graph into findings, labelled from the data."""
    graph_of: dict[Node, str] = {}
    for s, _, _, g in dataset.quads((None, RDF.type, None, None)):
        if g is not None and s not in graph_of:
            graph_of[s] = str(g.identifier if hasattr(g, "identifier") else g)
    findings = []
    # the report's own results: those nested under them with sh:detail (sh:node's) are not findings
    for result in results.objects(results.value(predicate=RDF.type, object=SH.ValidationReport), SH.result):
        focus = results.value(result, SH.focusNode)
        shape = results.value(result, SH.sourceShape)
        severity = results.value(result, SH.resultSeverity)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        message = _langs(results, result, SH.resultMessage) or _langs(shapes, shape, SH.message)
        findings.append(Finding(
            severity=str(severity).removeprefix(str(SH)),
            shape=str(shape),
            shape_name=_langs(shapes, shape, SH.name),
            constraint=str(results.value(result, SH.sourceConstraintComponent)),
            focus_node=str(focus),
            focus_label=_langs(dataset, focus, RDFS.label),
            path=str(path) if isinstance(path, URIRef) else None,
            value=str(value) if value is not None else None,
            message=message,
            source_graph=graph_of.get(focus),
        ))
    return findings


def pyshacl_findings(dataset: Dataset, shapes: Graph) -> list[Finding]:
    """pyshacl's findings for the dataset (inference none, warnings allowed, as samsyn runs it)."""
    _, results, _ = pyshacl_validate(union_graph(dataset), shacl_graph=shapes, inference="none",
                                     advanced=False, allow_warnings=True)
    return findings_from_results(results, dataset, shapes)


def validate_dataset(dataset: Dataset, shapes: Graph | None = None) -> ValidationReport:
    """Plain pyshacl's report on the dataset, for samsyn's shapes or the given ones."""
    return ValidationReport(pyshacl_findings(dataset, shapes if shapes is not None else shapes_graph()))


def validate(store: Store, shapes: Graph | None = None) -> ValidationReport:
    """Check the store's content against samsyn's shapes (or the given ones) with plain pyshacl."""
    return ValidationReport(name_rules(store, validate_dataset(store.dataset(), shapes).findings))
