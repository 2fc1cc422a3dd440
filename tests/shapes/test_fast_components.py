"""Each unit of the fast path (shapes/fast: one per SHACL parameter, in fast.TABLE) gives plain
pyshacl's findings: a shape that uses it, on small data with nodes that conform and nodes that
do not, gives the same findings both ways, and so does the same constraint as a member shape of
sh:not and sh:or (where only conformance counts). A shape with a parameter that has no unit
(sh:closed) goes to pyshacl and still gives pyshacl's findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from samsyn.graph.building import build
from samsyn.graph.namespaces import SH
from samsyn.shapes import fast, validation
from samsyn.shapes.report import ValidationReport

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")  # rdflib on the ill-typed literals

EX = "https://example.org/"
PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


@dataclass
class Case:
    """A shape using one parameter, and data; every IRI is relative to the case's own base."""

    name: str
    parameter: URIRef
    body: str = ""             # constraints of a node shape targeting <Thing> (of a property shape if it starts with sh:path)
    data: str = ""
    failing: set[str] = field(default_factory=set)  # local names of the focus nodes that have findings
    shapes: str = ""           # or the whole shapes, when the case needs more than one shape

    @property
    def base(self) -> str:
        return f"{EX}{self.name}/"

    def turtle(self, text: str) -> str:
        return f"@base <{self.base}> .\n{text}\n"

    def shapes_graph(self, wrap: str | None = None) -> Graph:
        """The case's shapes; wrap ("not", "or") puts the constrained shape inside sh:not or sh:or."""
        if self.shapes:
            assert wrap is None
            text = self.shapes
        else:
            inner = f"sh:property [ {self.body} ]" if self.body.startswith("sh:path") else self.body
            if wrap == "not":
                inner = f"sh:not [ {inner} ]"
            elif wrap == "or":
                inner = f"sh:or ( [ {inner} ] )"
            text = f"<S> a sh:NodeShape ; sh:targetClass <Thing> ; {inner} ."
        return Graph().parse(data=PREFIXES + self.turtle(text), format="turtle")


CASES = [
    # --- targets
    Case("target-class", SH.targetClass, failing={"bad1", "bad2"},
         shapes="<S> a sh:NodeShape ; sh:targetClass <Thing> ; sh:property [ sh:path <p> ; sh:minCount 1 ] .",
         data="<Sub> rdfs:subClassOf <Thing> . <good1> a <Thing> ; <p> 1 . <bad1> a <Thing> . <bad2> a <Sub> . "
              "<other> a <Else> ."),
    Case("target-node", SH.targetNode, failing={"bad1", "bad-absent", "bad-literal"},
         shapes='<S> a sh:NodeShape ; sh:targetNode <good1> , <bad1> , <bad-absent> , "bad-literal" ; '
                'sh:property [ sh:path <p> ; sh:minCount 1 ] .',
         data="<good1> <p> 1 . <bad1> <q> 1 . <other> <q> 2 ."),
    Case("target-subjects-of", SH.targetSubjectsOf, failing={"bad1"},
         shapes="<S> a sh:NodeShape ; sh:targetSubjectsOf <q> ; sh:property [ sh:path <p> ; sh:minCount 1 ] .",
         data="<good1> <q> 1 ; <p> 1 . <bad1> <q> 1 . <other> <r> 1 ."),
    Case("target-objects-of", SH.targetObjectsOf, failing={"bad1", "bad-literal"},
         shapes="<S> a sh:NodeShape ; sh:targetObjectsOf <q> ; sh:property [ sh:path <p> ; sh:minCount 1 ] .",
         data='<x> <q> <good1> , <bad1> , "bad-literal" . <good1> <p> 1 .'),
    Case("implicit-class-target", RDF.type, failing={"bad1", "bad2"},
         shapes="<Thing> a rdfs:Class , sh:NodeShape ; sh:property [ sh:path <p> ; sh:minCount 1 ] . "
                "<NotAShape> a rdfs:Class ; rdfs:label \"a class, not a shape\" .",
         data="<Sub> rdfs:subClassOf <Thing> . <good1> a <Thing> ; <p> 1 . <bad1> a <Thing> . <bad2> a <Sub> . "
              "<other> a <NotAShape> ."),
    # --- cardinality
    Case("min-count", SH.minCount, "sh:path <p> ; sh:minCount 2", failing={"bad1", "bad2"},
         data="<good1> <p> 1 , 2 . <bad1> <p> 1 . <bad2> <q> 1 ."),
    Case("min-count-one", SH.minCount, "sh:path <p> ; sh:minCount 1", failing={"bad1"},
         data="<good1> <p> 1 . <bad1> <q> 1 ."),
    Case("max-count", SH.maxCount, "sh:path <p> ; sh:maxCount 1", failing={"bad1"},
         data="<good1> <p> 1 . <good2> <q> 1 . <bad1> <p> 1 , 2 ."),
    # --- value type
    Case("class", SH["class"], "sh:path <p> ; sh:class <C>", failing={"bad1", "bad2"},
         data='<Sub> rdfs:subClassOf <C> . <c1> a <Sub> . <d1> a <D> . '
              '<good1> <p> <c1> . <bad1> <p> <c1> , <d1> . <bad2> <p> "c1" .'),
    Case("datatype", SH.datatype, "sh:path <p> ; sh:datatype xsd:integer", failing={"bad1", "bad2", "bad3"},
         data='<good1> <p> 1 , 42 . <bad1> <p> "1" . <bad2> <p> "abc"^^xsd:integer . <bad3> <p> <good1> .'),
    Case("datatype-date", SH.datatype, "sh:path <p> ; sh:datatype xsd:date", failing={"bad1", "bad2"},
         data='<good1> <p> "2020-01-31"^^xsd:date . <bad1> <p> "2020-13-01"^^xsd:date . '
              '<bad2> <p> "2020-01-31T10:00:00"^^xsd:dateTime .'),
    Case("datatype-literal", SH.datatype, "sh:path <p> ; sh:datatype rdfs:Literal", failing={"bad1"},
         data='<good1> <p> "a"@en , 1 , "b" . <bad1> <p> <good1> .'),
    Case("datatype-lang-string", SH.datatype, "sh:path <p> ; sh:datatype rdf:langString", failing={"bad1"},
         data='<good1> <p> "a"@en . <bad1> <p> "a" .'),
    Case("node-kind", SH.nodeKind, "sh:path <p> ; sh:nodeKind sh:IRI", failing={"bad1", "bad2"},
         data='<good1> <p> <x> . <bad1> <p> "x" . <bad2> <p> [ <q> 1 ] .'),
    Case("node-kind-blank-or-literal", SH.nodeKind, "sh:path <p> ; sh:nodeKind sh:BlankNodeOrLiteral",
         failing={"bad1"}, data='<good1> <p> "x" , [ <q> 1 ] . <bad1> <p> <x> .'),
    # --- string-based
    Case("min-length", SH.minLength, "sh:path <p> ; sh:minLength 3", failing={"bad1", "bad2"},
         data='<good1> <p> "abc" , 12345 , <x> . <bad1> <p> "ab" . <bad2> <p> [ <q> 1 ] .'),
    Case("max-length", SH.maxLength, "sh:path <p> ; sh:maxLength 3", failing={"bad1", "bad2"},
         data='<good1> <p> "abc" , 123 . <bad1> <p> "abcd" . <bad2> <p> [ <q> 1 ] .'),
    Case("pattern", SH.pattern, 'sh:path <p> ; sh:pattern "^ab" ; sh:flags "i"', failing={"bad1", "bad2"},
         data='<good1> <p> "abc" , "ABx"@en . <bad1> <p> "xab" . <bad2> <p> [ <q> 1 ] .'),
    Case("language-in", SH.languageIn, 'sh:path <p> ; sh:languageIn ( "SV" "en-GB" )',
         failing={"bad1", "bad2", "bad3"},
         data='<good1> <p> "a"@en-GB , "b"@sv , "c"@sv-FI . <bad1> <p> "c"@en . <bad2> <p> "plain" . '
              '<bad3> <p> "d"@en-gb-oxendict .'),
    Case("unique-lang", SH.uniqueLang, "sh:path <p> ; sh:uniqueLang true", failing={"bad1"},
         data='<good1> <p> "a"@en , "b"@sv , "c" , "d" . <bad1> <p> "a"@en , "b"@en .'),
    # --- property pair
    Case("equals", SH.equals, "sh:path <p> ; sh:equals <q>", failing={"bad1", "bad2"},
         data="<good1> <p> 1 , 2 ; <q> 1 , 2 . <bad1> <p> 1 ; <q> 2 . <bad2> <p> 1 ."),
    Case("disjoint", SH.disjoint, "sh:path <p> ; sh:disjoint <q>", failing={"bad1"},
         data="<good1> <p> 1 ; <q> 2 . <bad1> <p> 1 , 3 ; <q> 1 ."),
    # --- logical
    Case("not", SH["not"], "sh:not [ sh:path <p> ; sh:minCount 1 ]", failing={"bad1"},
         data="<good1> <q> 1 . <bad1> <p> 1 ."),
    Case("and", SH["and"], "sh:and ( [ sh:path <p> ; sh:minCount 1 ] [ sh:path <q> ; sh:minCount 1 ] )",
         failing={"bad1"}, data="<good1> <p> 1 ; <q> 1 . <bad1> <p> 1 ."),
    Case("or", SH["or"], "sh:or ( [ sh:path <p> ; sh:minCount 1 ] [ sh:path <q> ; sh:class <C> ] )",
         failing={"bad1"}, data="<good1> <p> 1 . <good2> <q> <c> . <c> a <C> . <bad1> <q> 1 ."),
    Case("xone", SH.xone, "sh:xone ( [ sh:path <p> ; sh:minCount 1 ] [ sh:path <q> ; sh:minCount 1 ] )",
         failing={"bad1", "bad2"}, data="<good1> <p> 1 . <bad1> <p> 1 ; <q> 1 . <bad2> <r> 1 ."),
    # pyshacl, with warnings allowed, counts a member shape of severity Warning as conforming
    Case("or-warning-member", SH["or"],
         "sh:or ( [ sh:path <p> ; sh:minCount 1 ; sh:severity sh:Warning ] [ sh:path <q> ; sh:minCount 1 ] )",
         failing=set(), data="<good1> <p> 1 . <good2> <r> 1 ."),
    # --- shape-based
    Case("property", SH.property, "sh:path <child> ; sh:property [ sh:path <name> ; sh:minCount 1 ]",
         failing={"bad-child"}, data='<good1> <child> <good-child> . <good-child> <name> "x" . '
                                     '<bad1> <child> <bad-child> . <bad-child> <q> 1 .'),
    Case("node", SH.node, failing={"bad1"},
         shapes="<S> a sh:NodeShape ; sh:targetClass <Thing> ; sh:property [ sh:path <p> ; sh:node <Named> ] . "
                "<Named> a sh:NodeShape ; sh:property [ sh:path <name> ; sh:minCount 1 ] .",
         data='<good1> <p> <n1> . <n1> <name> "x" . <bad1> <p> <n1> , <n2> .'),
    # sh:node asks for no result at all, of any severity
    Case("node-strict", SH.node, failing={"bad1"},
         shapes="<S> a sh:NodeShape ; sh:targetClass <Thing> ; sh:node <Named> . "
                "<Named> a sh:NodeShape ; sh:property [ sh:path <name> ; sh:minCount 1 ; sh:severity sh:Warning ] .",
         data='<good1> <name> "x" . <bad1> <q> 1 .'),
    Case("qualified-min-count", SH.qualifiedMinCount,
         "sh:path <p> ; sh:qualifiedValueShape [ sh:class <C> ] ; sh:qualifiedMinCount 2", failing={"bad1"},
         data="<c1> a <C> . <c2> a <C> . <good1> <p> <c1> , <c2> , <d> . <bad1> <p> <c1> , <d> ."),
    Case("qualified-max-count", SH.qualifiedMaxCount,
         "sh:path <p> ; sh:qualifiedValueShape [ sh:class <C> ] ; sh:qualifiedMaxCount 1", failing={"bad1"},
         data="<c1> a <C> . <c2> a <C> . <good1> <p> <c1> , <d> . <bad1> <p> <c1> , <c2> ."),
    Case("qualified-disjoint", SH.qualifiedValueShapesDisjoint, failing={"bad1"},
         shapes="<S> a sh:NodeShape ; sh:targetClass <Thing> ; "
                "sh:property [ sh:path <p> ; sh:qualifiedValueShape [ sh:class <C> ] ; sh:qualifiedMinCount 1 ; "
                "              sh:qualifiedValueShapesDisjoint true ] ; "
                "sh:property [ sh:path <p> ; sh:qualifiedValueShape [ sh:class <D> ] ; sh:qualifiedMinCount 1 ; "
                "              sh:qualifiedValueShapesDisjoint true ] .",
         data="<c> a <C> . <d> a <D> . <cd> a <C> , <D> . <good1> <p> <c> , <d> . <bad1> <p> <cd> , <d> ."),
    # --- other
    Case("in", SH["in"], 'sh:path <p> ; sh:in ( 1 "a" <x> )', failing={"bad1", "bad2"},
         data='<good1> <p> 1 , <x> . <bad1> <p> 2 . <bad2> <p> "a"@en .'),
    Case("has-value", SH.hasValue, "sh:path <p> ; sh:hasValue <x>", failing={"bad1"},
         data="<good1> <p> <x> , <y> . <bad1> <p> <y> ."),
    Case("has-value-node", SH.hasValue, "sh:hasValue <good1>", failing={"bad1"},
         data="<good1> <p> 1 . <bad1> <p> 1 ."),
]

#: sh:closed has no unit: S goes to pyshacl, T (no sh:closed) stays on the fast path
CLOSED = Case("closed", SH.closed, failing={"bad1", "bad2"},
              shapes="<S> a sh:NodeShape ; sh:targetClass <Thing> ; sh:closed true ; "
                     "sh:ignoredProperties ( rdf:type ) ; sh:property [ sh:path <p> ] . "
                     "<T> a sh:NodeShape ; sh:targetClass <Thing> ; sh:property [ sh:path <p> ; sh:maxCount 1 ] .",
              data="<good1> <p> 1 . <bad1> <p> 1 ; <q> 2 . <bad2> <p> 1 , 2 .")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """One store holding every case's data, each case's nodes (typed <Thing>) under its base."""
    text = PREFIXES
    for case in [*CASES, CLOSED]:
        things = {w.strip("<>") for w in case.data.replace(",", " ").split()
                  if w.startswith(("<good", "<bad")) and w.endswith(">")}
        typed = " ".join(f"<{t}> a <Thing> ." for t in sorted(things))
        text += case.turtle(f"{case.data} {typed}")
    path: Path = tmp_path_factory.mktemp("components") / "components.ttl"
    path.write_text(text, encoding="utf-8")
    return build([path], store="oxigraph")


def keys(report: ValidationReport) -> list[tuple]:
    return sorted(f.key() for f in report.findings)


def both(store, shapes: Graph) -> tuple[ValidationReport, ValidationReport]:
    checks, unsupported = fast.compile_shapes(shapes)
    assert unsupported == [], "the shape should run on the fast path"
    return fast.validate(store, shapes), validation.validate(store, shapes)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_unit_gives_pyshacls_findings(store, case):
    report, reference = both(store, case.shapes_graph())
    assert keys(report) == keys(reference)
    assert {f.focus_node.removeprefix(case.base) for f in reference.findings} == case.failing
    if not case.shapes:  # as a member shape: conformance only
        for wrap in ("not", "or"):
            report, reference = both(store, case.shapes_graph(wrap))
            assert keys(report) == keys(reference), wrap


def test_every_unit_has_a_case():
    covered = {c.parameter for c in CASES}
    assert set(fast.TABLE) <= covered, sorted(set(fast.TABLE) - covered)


def test_a_parameter_without_a_unit_goes_to_pyshacl(store):
    shapes = CLOSED.shapes_graph()
    assert SH.closed not in fast.TABLE
    checks, unsupported = fast.compile_shapes(shapes)
    assert unsupported == [URIRef(CLOSED.base + "S")]  # T still runs on the fast path
    assert {c.shape for c in checks} == {next(shapes.objects(URIRef(CLOSED.base + "T"), SH.property))}
    report = fast.validate(store, shapes)
    reference = validation.validate(store, shapes)
    assert keys(report) == keys(reference)
    assert {(f.focus_node.removeprefix(CLOSED.base), f.constraint.rsplit("#", 1)[-1]) for f in report.findings} == \
        {("bad1", "ClosedConstraintComponent"), ("bad2", "MaxCountConstraintComponent")}
