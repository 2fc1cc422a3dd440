"""The example action plan for Ronneby (examples/): marked example data throughout, the same graph
from the XLSX file and its CSV twin, Ronneby's strategy plus nothing but marked example data,
two years of outcomes per target, and every one of Ronneby's rules in shapes/rules.ttl run on it,
kept by some of its things and broken by others (plain pyshacl, as tests/shapes does)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, XSD

from samsyn.graph.namespaces import ID, SAM, SH
from samsyn.graph.sources import bundled_frameworks
from samsyn.graph.workbook import read_workbook
from samsyn.ontology import ONTOLOGY_FILE
from samsyn.shapes import SHAPES_FILE

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "ronneby-handlingsplan-2014"
SHAPES_NS = "https://w3id.org/samsyn/shapes#"
TRUE = Literal("true", datatype=XSD.boolean)

#: each of Ronneby's rule shapes -> the example's things that break it (the others it targets keep it)
BROKEN_BY = {
    "Ronneby-prioriterade-mal-vagledande": {"activity/studiebesok-eurocities"},
    "Ronneby-hansyn-till-perspektiv": {"activity/lararutbyte-elblag"},
    "Ronneby-tydlig-agare": {"activity/sprakcafe"},
    "Ronneby-tydlig-utforare": {"activity/studiebesok-eurocities"},
    "Ronneby-i-linje-med-andra-strategier": {"priority-area/internationell-skola"},
    "Ronneby-vanortsaktiviteter-styrs-av-avtal": {"partnership/planerad-vanort-klaipeda"},
    "Ronneby-namnderna-antar-handlingsplaner": {"action-plan/kultur-och-fritid-2014"},
    "Ronneby-handlingsplan-med-mal": {"action-plan/kultur-och-fritid-2014"},
    "Ronneby-specifika-matbara-och-tidsatta-mal": {"target/nya-kontakter"},
    "Ronneby-kommunfullmaktige-antar-strategin": set(),  # the one strategy keeps it
}
#: what the strategy's own data breaks (docs/data.md, "What the rules find"), unchanged by the example
STRATEGY_FINDINGS = {
    ("Ronneby-prioriterade-mal-vagledande", f"activity/{a}")
    for a in ("omvarldsbevakning", "utvecklingsprojekt", "utbyten", "vanortssamarbete")
} | {("Ronneby-tydlig-utforare", "activity/eurocities-knowledge-society-forum")}


@pytest.fixture(scope="module")
def example() -> Graph:
    return read_workbook(EXAMPLE.with_suffix(".xlsx"), source_text=ROOT / "graph/data/sources/ronneby.txt")


@pytest.fixture(scope="module")
def rule_shapes() -> Graph:
    return Graph().parse(data=(files("samsyn.shapes") / "rules.ttl").read_text(encoding="utf-8"), format="turtle")


@pytest.fixture(scope="module")
def findings(example, rule_shapes) -> set[tuple[str, str]]:
    shapes = Graph().parse(data=SHAPES_FILE.read_text(encoding="utf-8"), format="turtle") + rule_shapes
    data = example + Graph().parse(data=ONTOLOGY_FILE.read_text(encoding="utf-8"), format="turtle")
    for source in bundled_frameworks():  # as in the store: the rules read the concepts' classes
        data.parse(source.path, format="turtle")
    _, results, _ = validate(data, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True)
    return {(str(results.value(r, SH.sourceShape))[len(SHAPES_NS):],
             str(results.value(r, SH.focusNode))[len(str(ID["ronneby/"])):])
            for r in results.subjects(RDF.type, SH.ValidationResult)}


def test_the_xlsx_and_its_csv_twin_give_the_same_graph(example):
    assert isomorphic(example, read_workbook(EXAMPLE))


def test_it_is_ronnebys_strategy_plus_marked_example_data_only(example):
    marked = set(example.subjects(SAM.exampleData, TRUE))
    rest = Graph()
    for triple in example:
        if triple[0] not in marked:
            rest.add(triple)
    assert isomorphic(rest, Graph().parse(ROOT / "graph/data/strategies/ronneby.ttl"))
    for kind in (SAM.ActionPlan, SAM.Target, SAM.Outcome):
        assert set(example.subjects(RDF.type, kind)) <= marked
    plans = set(example.subjects(RDF.type, SAM.ActionPlan))
    assert {s for s in example.subjects(SAM.statedIn, None) if set(example.objects(s, SAM.statedIn)) & plans} <= marked


def test_every_target_has_outcomes_for_2014_and_2015(example):
    targets = set(example.subjects(RDF.type, SAM.Target))
    assert len(targets) == 3
    for target in targets:
        years = {str(example.value(o, SAM.year)) for o in example.subjects(SAM.outcomeOf, target)}
        assert years == {"2014", "2015"}, target
        for outcome in example.subjects(SAM.outcomeOf, target):
            assert example.value(outcome, SAM.outcomeValue) is not None


def test_the_activities_carry_the_action_plan_columns(example):
    exchange = ID["ronneby/activity/elevutbyte-schopfheim"]
    assert example.value(exchange, SAM.periodStart) == Literal("2014-03", datatype=XSD.gYearMonth)
    assert example.value(exchange, URIRef("http://www.w3.org/ns/adms#status")) == SAM.Ongoing
    assert example.value(exchange, SAM.budget) == Literal("120000", datatype=XSD.decimal)
    assert example.value(exchange, SAM.currency) == Literal("SEK")
    assert set(example.objects(exchange, SAM.anchoredWith)) == {ID["ronneby/unit/chefsgruppen"],
                                                                ID["ronneby/unit/utbildningsnamnden"]}
    assert example.value(exchange, SAM.reportedTo) == ID["ronneby/unit/internationella-samordnaren"]
    assert example.value(exchange, SAM.fundingSource) == ID["ronneby/funding-source/erasmus-plus"]
    assert (ID["ronneby/target/elever-i-utbyte"], SAM.measures, exchange) in example


def test_every_ronneby_rule_runs_on_it_kept_by_some_and_broken_by_others(example, rule_shapes, findings):
    ronneby_shapes = {str(s)[len(SHAPES_NS):] for s in rule_shapes.subjects(SH.severity, None)
                      if str(s).startswith(SHAPES_NS + "Ronneby-")}
    assert ronneby_shapes == set(BROKEN_BY)
    marked = {str(s)[len(str(ID["ronneby/"])):] for s in example.subjects(SAM.exampleData, TRUE)}
    for shape, broken in BROKEN_BY.items():
        got = {focus for name, focus in findings if name == shape}
        assert got - {f for n, f in STRATEGY_FINDINGS if n == shape} == broken, shape
        target_class = rule_shapes.value(URIRef(SHAPES_NS + shape), SH.targetClass)
        targeted = {str(s)[len(str(ID["ronneby/"])):] for s in example.subjects(RDF.type, target_class)}
        kept = targeted - got
        assert kept, f"nothing keeps {shape}"
        if target_class in (SAM.Activity, SAM.ActionPlan, SAM.Target):  # the action plan's own kinds
            assert kept & marked, f"no example thing keeps {shape}"
