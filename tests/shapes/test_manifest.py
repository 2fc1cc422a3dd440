"""Manifest-style SHACL cases (W3C SHACL test suite layout): each file in cases/ holds the
data and the expected validation report; the shapes must produce exactly that report."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection

from samsyn.graph.namespaces import RDF, SH
from samsyn.graph.store import new_dataset
from samsyn.shapes import SHAPES_FILE
from samsyn.shapes.validation import shapes_graph, validate_dataset

CASES = sorted((Path(__file__).parent / "cases").glob("*.ttl"))
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"


def expected(case: Graph):
    manifest = next(case.subjects(RDF.type, URIRef(MF + "Manifest")))
    entry = Collection(case, case.value(manifest, URIRef(MF + "entries")))[0]
    report = case.value(entry, URIRef(MF + "result"))
    conforms = case.value(report, SH.conforms).toPython()
    results = set()
    for result in case.objects(report, SH.result):
        path = case.value(result, SH.resultPath)
        value = case.value(result, SH.value)
        results.add((str(case.value(result, SH.focusNode)), str(case.value(result, SH.sourceShape)),
                     str(case.value(result, SH.resultSeverity)).removeprefix(str(SH)),
                     str(case.value(result, SH.sourceConstraintComponent)),
                     str(path) if path else None, str(value) if value else None))
    return conforms, results


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_case(case_file: Path):
    case = Graph().parse(case_file, format="turtle", publicID="https://w3id.org/samsyn/test/" + case_file.name)
    dataset = new_dataset()
    data = dataset.graph(URIRef("https://w3id.org/samsyn/graph/test/" + case_file.stem))
    for triple in case:
        data.add(triple)
    want_conforms, want = expected(case)

    report = validate_dataset(dataset)

    got = {(f.focus_node, f.shape, f.severity, f.constraint, f.path,
            f.value if (f.focus_node, f.shape) in {(w[0], w[1]) for w in want if w[5]} else None)
           for f in report.findings}
    assert got == want
    assert report.conforms is want_conforms
    for finding in report.findings:
        assert finding.message.keys() >= {"sv", "en"}, "every finding carries its message in sv and en"
        assert finding.source_graph == str(data.identifier)


def test_there_is_a_case_for_every_shape_that_can_fail():
    """Of the contract shapes: the rule shapes have theirs in rules/ (test_rules_manifest)."""
    shapes = Graph().parse(data=SHAPES_FILE.read_text(encoding="utf-8"), format="turtle")
    failing = {str(s) for s in shapes.subjects(SH.severity, None)}
    covered = set()
    for case_file in CASES:
        covered |= {r[1] for r in expected(Graph().parse(case_file, format="turtle"))[1]}
    assert failing == covered


def test_shapes_follow_the_house_style():
    """Like the DCAT-AP shapes: a header with owl:versionInfo; every shape that reports has an
    explicit severity, and sh:name and sh:message in Swedish and English."""
    shapes = shapes_graph()
    header = URIRef("https://w3id.org/samsyn/shapes")
    assert shapes.value(header, URIRef("http://www.w3.org/2002/07/owl#versionInfo")) is not None
    reporting = set(shapes.subjects(SH.severity, None))
    assert len(reporting) >= 9
    for shape in reporting:
        for prop in (SH.name, SH.message):
            langs = {o.language for o in shapes.objects(shape, prop) if isinstance(o, Literal)}
            assert langs == {"sv", "en"}, f"{shape} {prop}"
