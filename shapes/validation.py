"""Run the shapes with pySHACL on the union of the named graphs and build the report."""

from __future__ import annotations

from functools import lru_cache

from pyshacl import validate as pyshacl_validate
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from samsyn.graph.namespaces import RDF, RDFS, SH
from samsyn.graph.store import Store

from . import SHAPES_FILE
from .report import Finding, ValidationReport


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return Graph().parse(data=SHAPES_FILE.read_text(encoding="utf-8"), format="turtle")


def _langs(graph: Graph, node: Node, prop: URIRef) -> dict[str, str]:
    return {lit.language or "": str(lit) for lit in graph.objects(node, prop) if isinstance(lit, Literal)}


def _union(dataset: Dataset) -> Graph:
    union = Graph()
    for triple in dataset.triples((None, None, None)):
        union.add(triple)
    return union


def findings_from_results(results: Graph, dataset: Dataset, shapes: Graph) -> list[Finding]:
    """Turn a W3C validation results graph into findings, labelled from the data."""
    graph_of: dict[Node, str] = {}
    for s, _, _, g in dataset.quads((None, RDF.type, None, None)):
        if g is not None and s not in graph_of:
            graph_of[s] = str(g.identifier if hasattr(g, "identifier") else g)
    findings = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
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


def validate_dataset(dataset: Dataset) -> ValidationReport:
    shapes = shapes_graph()
    _, results, _ = pyshacl_validate(_union(dataset), shacl_graph=shapes, inference="none",
                                     advanced=False, allow_warnings=True)
    return ValidationReport(findings_from_results(results, dataset, shapes))


def validate(store: Store) -> ValidationReport:
    """Check the store's content against samsyn's shapes."""
    return validate_dataset(store.dataset())
