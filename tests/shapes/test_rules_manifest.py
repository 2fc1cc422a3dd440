"""The strategies' own rules (shapes/rules.ttl) as manifest cases (W3C SHACL test suite layout):
each file in rules/ is data plus the expected report, checked with plain pyshacl on the data and
the ontology against both shapes files (shapes.bundled.shapes_graph), as `samsyn validate` does.

Every rule shape has a case it fails (`<shape>-fails.ttl`) and one it passes (`<shape>-conforms.ttl`),
and each rule holds for its own organisation only."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from samsyn.graph.namespaces import SAM, SH
from samsyn.ontology import ONTOLOGY_FILE
from samsyn.shapes import RULES_FILE, shapes_graph

CASES = sorted((Path(__file__).parent / "rules").glob("*.ttl"))
STRATEGIES = files("samsyn.graph") / "data" / "strategies"
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
SHAPES_NS = "https://w3id.org/samsyn/shapes#"
ID = "https://w3id.org/samsyn/id/"


@pytest.fixture(scope="module")
def rules_shapes() -> Graph:
    return Graph().parse(data=RULES_FILE.read_text(encoding="utf-8"), format="turtle")


@pytest.fixture(scope="module")
def all_shapes() -> Graph:
    return shapes_graph()


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(data=ONTOLOGY_FILE.read_text(encoding="utf-8"), format="turtle")


@pytest.fixture(scope="module")
def strategies() -> Graph:
    graph = Graph()
    for path in STRATEGIES.iterdir():
        if path.name.endswith(".ttl"):
            graph.parse(data=path.read_text(encoding="utf-8"), format="turtle")
    return graph


def local(node) -> str:
    return str(node).rsplit("#", 1)[-1]


def expected(case: Graph):
    manifest = next(case.subjects(RDF.type, URIRef(MF + "Manifest")))
    entry = Collection(case, case.value(manifest, URIRef(MF + "entries")))[0]
    report = case.value(entry, URIRef(MF + "result"))
    results = set()
    for result in case.objects(report, SH.result):
        path = case.value(result, SH.resultPath)
        results.add((str(case.value(result, SH.focusNode)), local(case.value(result, SH.sourceShape)),
                     local(case.value(result, SH.resultSeverity)), local(case.value(result, SH.sourceConstraintComponent)),
                     str(path) if path else None))
    return case.value(report, SH.conforms).toPython(), results


def parse_case(path: Path) -> Graph:
    return Graph().parse(path, format="turtle", publicID="https://w3id.org/samsyn/test/rules/" + path.name)


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_case(case_file: Path, all_shapes, ontology):
    case = parse_case(case_file)
    data = case + ontology  # as in the store, where the ontology is one of the named graphs
    want_conforms, want = expected(case)

    conforms, results, _ = validate(data, shacl_graph=all_shapes, inference="none", advanced=False,
                                    allow_warnings=True)

    got = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        path = results.value(result, SH.resultPath)
        got.add((str(results.value(result, SH.focusNode)), local(results.value(result, SH.sourceShape)),
                 local(results.value(result, SH.resultSeverity)), local(results.value(result, SH.sourceConstraintComponent)),
                 str(path) if isinstance(path, URIRef) else None))
    assert got == want
    assert conforms is want_conforms


def reporting_shapes(shapes: Graph) -> set[URIRef]:
    return set(shapes.subjects(SH.severity, None))


def test_every_rule_shape_has_a_case_it_fails_and_one_it_passes(rules_shapes):
    """`<shape>-fails.ttl` expects a finding of the shape; `<shape>-conforms.ttl` holds a node the
    shape targets, stated for the shape's organisation, and expects no finding of it."""
    stems = {c.stem: c for c in CASES}
    for shape in reporting_shapes(rules_shapes):
        stem = local(shape).lower()
        assert f"{stem}-fails" in stems and f"{stem}-conforms" in stems, f"no cases for {local(shape)}"
        _, failing = expected(parse_case(stems[f"{stem}-fails"]))
        assert local(shape) in {r[1] for r in failing}
        passing_case = parse_case(stems[f"{stem}-conforms"])
        _, passing = expected(passing_case)
        assert local(shape) not in {r[1] for r in passing}
        target = rules_shapes.value(shape, SH.targetClass)
        assert set(passing_case.subjects(RDF.type, target)), f"{stem}-conforms has no {local(target)}"
    assert {c.stem.rsplit("-", 1)[0] for c in CASES} == {local(s).lower() for s in reporting_shapes(rules_shapes)}


def organisation_scope(shapes: Graph, shape: URIRef) -> URIRef:
    """The organisation a rule shape is scoped to: the first member of its sh:or lets through every
    node whose path to an issuer does not end at that organisation."""
    first = Collection(shapes, shapes.value(shape, SH["or"]))[0]
    scope = shapes.value(first, SH["not"])
    path = shapes.value(scope, SH.path)
    last = path if isinstance(path, URIRef) else list(Collection(shapes, path))[-1]
    assert last == SAM.issuedBy, f"{local(shape)}: the scope's path must end at sam:issuedBy"
    return shapes.value(scope, SH.hasValue)


def test_each_shape_checks_one_rule_of_its_own_organisation_with_its_strength(rules_shapes, strategies):
    severity = {SAM.Binding: SH.Violation, SAM.Advisory: SH.Warning}
    checked = {}
    for rule, shape in strategies.subject_objects(SAM.checkedBy):
        assert shape not in checked, f"{local(shape)} checks two rules"
        checked[shape] = rule
    assert set(checked) == reporting_shapes(rules_shapes), "every rule shape is some rule's sam:checkedBy, and back"
    for shape, rule in checked.items():
        strategy = strategies.value(rule, SAM.statedIn)
        assert organisation_scope(rules_shapes, shape) == strategies.value(strategy, SAM.issuedBy), local(shape)
        assert rules_shapes.value(shape, SH.severity) == severity[strategies.value(rule, SAM.strength)], local(shape)


def test_messages_quote_the_rule_and_say_what_to_do(rules_shapes, strategies):
    """sh:name and sh:message in Swedish and English; both messages quote the rule in the document's
    words (its Swedish label) and name the property to fill in or correct."""
    for rule, shape in strategies.subject_objects(SAM.checkedBy):
        quote = str(next(lbl for lbl in strategies.objects(rule, RDFS.label) if lbl.language == "sv"))
        for prop in (SH.name, SH.message):
            assert {o.language for o in rules_shapes.objects(shape, prop) if isinstance(o, Literal)} == {"sv", "en"}
        for message in rules_shapes.objects(shape, SH.message):
            assert f'"{quote}"' in message, (local(shape), message.language)
            assert "sam:" in message, f"{local(shape)}: say which property to fill in"


def test_rules_file_header_and_shacl_core_only(rules_shapes):
    header = URIRef("https://w3id.org/samsyn/shapes/rules")
    assert rules_shapes.value(header, OWL.versionInfo) is not None
    assert (header, RDF.type, OWL.Ontology) in rules_shapes
    used = {p for p in rules_shapes.predicates() if str(p).startswith(str(SH))}
    assert not {p for p in used if local(p).startswith(("sparql", "select", "ask", "construct", "target")) and p != SH.targetClass}
    for shape in reporting_shapes(rules_shapes):
        assert str(shape).startswith(SHAPES_NS)
        assert (shape, RDF.type, SH.NodeShape) in rules_shapes and rules_shapes.value(shape, SH.targetClass)
