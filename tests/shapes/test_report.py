"""The report's Turtle (written by Oxigraph) is the W3C validation report rdflib would build
from the same findings: it parses, and the graphs are isomorphic; JSON and text carry the same
findings."""

from __future__ import annotations

import json

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from samsyn.graph.namespaces import SH
from samsyn.shapes.report import Finding, ValidationReport

ID = "https://w3id.org/samsyn/id/"
SHAPES = "https://w3id.org/samsyn/shapes#"


def finding(i: int, severity: str = "Violation", path: str | None = "https://w3id.org/samsyn/ns#owner",
            message: dict[str, str] | None = None) -> Finding:
    return Finding(severity=severity, shape=SHAPES + f"Shape{i % 3}", shape_name={"sv": "Form", "en": "Shape"},
                   constraint=str(SH.MinCountConstraintComponent), focus_node=ID + f"ort/activity/a{i}",
                   focus_label={"sv": f"Aktivitet {i}"}, path=path, value=None,
                   message=message if message is not None else {"sv": "Saknar \"ägare\"\n", "en": "No owner"},
                   source_graph="https://w3id.org/samsyn/graph/ort")


def rdflib_report(report: ValidationReport) -> Graph:
    """The report graph as rdflib builds it: what the Turtle must say."""
    graph = Graph()
    node = BNode()
    graph.add((node, RDF.type, SH.ValidationReport))
    graph.add((node, SH.conforms, Literal(report.conforms)))
    for f in report.findings:
        result = BNode()
        graph.add((node, SH.result, result))
        graph.add((result, RDF.type, SH.ValidationResult))
        graph.add((result, SH.resultSeverity, SH[f.severity]))
        graph.add((result, SH.sourceShape, URIRef(f.shape)))
        graph.add((result, SH.sourceConstraintComponent, URIRef(f.constraint)))
        graph.add((result, SH.focusNode, URIRef(f.focus_node)))
        if f.path:
            graph.add((result, SH.resultPath, URIRef(f.path)))
        for lang, text in f.message.items():
            graph.add((result, SH.resultMessage, Literal(text, lang=lang or None)))
    return graph


def test_the_turtle_is_the_rdflib_report_graph():
    report = ValidationReport([finding(i) for i in range(40)] + [
        finding(40, "Warning", path=None), finding(41, "Info", message={"": "plain text"})])
    parsed = Graph().parse(data=report.to_turtle(), format="turtle")
    assert isomorphic(parsed, rdflib_report(report))
    assert len(set(parsed.objects(None, SH.result))) == 42


def test_a_conforming_report_and_an_empty_one():
    warning_only = ValidationReport([finding(1, "Warning")])
    assert warning_only.conforms
    for report in (warning_only, ValidationReport([])):
        parsed = Graph().parse(data=report.to_turtle(), format="turtle")
        assert isomorphic(parsed, rdflib_report(report))
        assert parsed.value(predicate=RDF.type, object=SH.ValidationReport) is not None


def test_the_turtle_keeps_the_report_order():
    report = ValidationReport([finding(i) for i in range(12)])
    text = report.to_turtle()
    positions = [text.index(f"<{f.focus_node}>") for f in report.findings]
    assert positions == sorted(positions)


def test_json_carries_every_finding():
    report = ValidationReport([finding(i) for i in range(5)])
    data = json.loads(report.dumps())
    assert data["conforms"] is False and data["counts"]["Violation"] == 5
    assert [Finding(**f).key() for f in data["findings"]] == [f.key() for f in report.findings]
