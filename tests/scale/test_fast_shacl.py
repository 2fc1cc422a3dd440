"""The fast SHACL path gives pyshacl's findings: same focus nodes, shapes, constraint components,
severities, paths and values, on synthetic strategies with defects of every kind the shapes
catch, and on shapes that use features the fast path hands to pyshacl."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate as pyshacl_validate
from rdflib import Graph

from samsyn.graph.building import build
from samsyn.graph.synth import write_synthetic
from samsyn.shapes import fast
from samsyn.shapes.report import ValidationReport
from samsyn.shapes import validation
from samsyn.shapes.validation import findings_from_results, shapes_graph, union_graph

pytestmark = [pytest.mark.filterwarnings("ignore:Dataset.default_context:DeprecationWarning"),
              pytest.mark.slow]  # synthetic data through both engines

DEFECTS = """
@base <https://w3id.org/samsyn/id/> .
@prefix sam: <https://w3id.org/samsyn/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix org: <http://www.w3.org/ns/org#> .

<trasig> a sam:Municipality ; rdfs:label "Trasig kommun"@sv , "Andra namnet"@sv .
<trasig/unit/ks> a sam:OrganisationalUnit ; rdfs:label "Kommunstyrelsen"@sv , "Board"@en ; org:unitOf <trasig> .
<trasig/strategy/1> a sam:Strategy ; rdfs:label "Strategi"@sv , "Strategy"@en ; sam:issuedBy "Trasig kommun" .
<trasig/strategy/2> a sam:Strategy ; rdfs:label "Strategi två"@en ; sam:issuedBy <trasig> .  # makes trasig this source's own
<trasig/activity/tva-agare> a sam:Activity ; rdfs:label "Två ägare"@sv , "Two owners"@en ;
    sam:statedIn <trasig/strategy/1> ; sam:contributesTo <trasig/goal/1> ;
    sam:owner <trasig/unit/ks> , <trasig> ; sam:performer <trasig/unit/ks> ; sam:sourceText "Text."@sv .
<trasig/activity/fel-sort> a sam:Activity ; rdfs:label "Fel sorts ägare"@sv , "Wrong kind of owner"@en ;
    sam:statedIn <trasig/goal/1> ; sam:owner <trasig> ; sam:sourceText "Text."@sv .
<trasig/goal/1> a sam:Goal ; rdfs:label "Mål"@sv ; sam:sourceText "Mål."@sv .
<trasig/priority-area/1> a sam:PriorityArea ; rdfs:label "Område"@sv , "Area"@en ;
    sam:statedIn <trasig/strategy/1> .
"""


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("synth")
    data = write_synthetic(12, folder / "synth-12.ttl", seed=7)
    defects = folder / "defects.ttl"
    defects.write_text(DEFECTS, encoding="utf-8")
    return [data, defects]


def keys(report: ValidationReport) -> list[tuple]:
    return sorted(f.key() for f in report.findings)


@pytest.mark.parametrize("spec", ["oxigraph", "memory"])
def test_same_findings_as_pyshacl_on_synthetic_data(synthetic, spec):
    store = build(synthetic, store=spec)
    reference = validation.validate(store)  # plain pyshacl
    report = fast.validate(store)
    assert keys(report) == keys(reference)
    constraints = {f.constraint.rsplit("#", 1)[-1] for f in reference.findings}
    # the defects reach every kind of constraint the shapes have
    assert constraints >= {"MinCountConstraintComponent", "MaxCountConstraintComponent", "ClassConstraintComponent",
                           "NodeKindConstraintComponent", "OrConstraintComponent",
                           "QualifiedMinCountConstraintComponent", "QualifiedMaxCountConstraintComponent"}
    assert report.conforms is reference.conforms is False
    by_key = {f.key(): f for f in reference.findings}
    for finding in report.findings:
        twin = by_key[finding.key()]
        assert (finding.message, finding.shape_name) == (twin.message, twin.shape_name)
        # the label in each language (with two in one language, either may be shown)
        assert finding.focus_label.keys() == twin.focus_label.keys()


def test_every_samsyn_shape_runs_on_the_fast_path():
    checks, unsupported = fast.compile_shapes(shapes_graph())
    assert unsupported == [] and len(checks) >= 12


EXTRA_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix sam: <https://w3id.org/samsyn/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix ex: <https://example.org/shapes#> .

ex:Organisation a sh:NodeShape ; sh:targetClass sam:Organisation ;
    sh:property [ sh:path sam:officialCode ; sh:datatype xsd:string ; sh:pattern "^[0-9]{2}([0-9]{2})?$" ;
                  sh:minLength 2 ; sh:maxLength 4 ; sh:maxCount 1 ] ;
    sh:property [ sh:path sam:country ; sh:in ( "SE" "FI" "EE" "PL" "LT" "DE" "LV" "DK" "NO" ) ] ;
    sh:property [ sh:path ( [ sh:inversePath sam:issuedBy ] [ sh:inversePath sam:statedIn ] ) ;
                  sh:minCount 2 ; sh:severity sh:Info ] .

ex:Strategy a sh:NodeShape ; sh:targetSubjectsOf sam:validFrom ;
    sh:property [ sh:path sam:validFrom ; sh:datatype xsd:gYear ; sh:hasValue "2015"^^xsd:gYear ;
                  sh:severity sh:Warning ] ;
    sh:xone ( [ sh:path sam:refersTo ; sh:hasValue <https://w3id.org/samsyn/id/eu2020> ]
              [ sh:path sam:refersTo ; sh:minCount 1 ; sh:nodeKind sh:IRI ] ) .

ex:Activity a sh:NodeShape ; sh:targetObjectsOf sam:contributesTo ;
    sh:not [ sh:class sam:Activity ] ;
    sh:or ( [ sh:class sam:Goal ] [ sh:class sam:PriorityArea ] ) .

ex:Labels a sh:NodeShape ; sh:targetNode <https://w3id.org/samsyn/id/trasig> , <https://w3id.org/samsyn/id/eu2020> ;
    sh:property [ sh:path rdfs:label ; sh:languageIn ( "en" ) ; sh:severity sh:Info ] ;
    sh:property [ sh:path ( sam:issuedBy rdfs:label ) ; sh:maxCount 0 ] .

ex:UniqueLabels a sh:NodeShape ; sh:targetClass sam:Municipality ;
    sh:property [ sh:path rdfs:label ; sh:uniqueLang true ; sh:severity sh:Warning ] .

# outside the fast path (sh:closed has no unit): pyshacl runs this one
ex:ClosedUnit a sh:NodeShape ; sh:targetClass sam:OrganisationalUnit ; sh:closed true ;
    sh:ignoredProperties ( rdf:type ) ;
    sh:property [ sh:path org:unitOf ] .
"""


def test_more_features_and_the_fallback_agree_with_pyshacl(synthetic):
    extra = Graph().parse(data=EXTRA_SHAPES, format="turtle")
    checks, unsupported = fast.compile_shapes(extra)
    assert [str(s) for s in unsupported] == ["https://example.org/shapes#ClosedUnit"]
    store = build(synthetic, store="oxigraph")
    dataset = store.dataset()
    _, results, _ = pyshacl_validate(union_graph(dataset), shacl_graph=extra, inference="none",
                                     advanced=False, allow_warnings=True)
    reference = ValidationReport(findings_from_results(results, dataset, extra))
    report = fast.validate(store, extra)
    assert keys(report) == keys(reference)
    kinds = {f.constraint.rsplit("#", 1)[-1] for f in reference.findings}
    assert {"ClosedConstraintComponent", "UniqueLangConstraintComponent", "XoneConstraintComponent", "HasValueConstraintComponent",
            "MinCountConstraintComponent", "LanguageInConstraintComponent"} <= kinds
