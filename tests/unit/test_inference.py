"""What samsyn infers at build time (graph.inference) agrees with an independent computation:
the networkx traceability graph walks the same alignment edges in Python."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import URIRef

from samsyn.graph import traceability
from samsyn.graph.building import build
from samsyn.graph.inference import INFERRED_GRAPHS, RULES, is_inferred
from samsyn.graph.namespaces import GRAPH, ID, QB, RDF, RDFS, SAM
from samsyn.graph.synth import write_synthetic

REACH, COVERAGE = GRAPH["inferred/reach"], GRAPH["inferred/coverage"]
STRATEGY_KINDS = ("Goal", "PriorityArea", "Activity")


@pytest.fixture(scope="module", params=["bundled", "synthetic"])
def store(request, tmp_path_factory):
    if request.param == "bundled":
        return build(None, store="oxigraph")
    path = write_synthetic(12, tmp_path_factory.mktemp("synth") / "synth-12.ttl", seed=3)
    return build([path], store="oxigraph")


PREFIXES = ("PREFIX sam: <https://w3id.org/samsyn/ns#> PREFIX id: <https://w3id.org/samsyn/id/> "
            "PREFIX qb: <http://purl.org/linked-data/cube#> ")


def graph_triples(store, graph: URIRef) -> set[tuple]:
    return {tuple(row) for row in store.query(
        "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph})}


def test_rules_have_their_own_graphs():
    assert [graph for _, graph in RULES] == [REACH, COVERAGE]
    assert all(is_inferred(g) for g in INFERRED_GRAPHS)
    assert not is_inferred(GRAPH["strategies/ronneby"])


def test_reach_agrees_with_the_traceability_graph(store):
    graph = traceability.traceability_graph(store)
    expected = {(URIRef(entity), URIRef(concept))
                for entity, data in graph.nodes(data=True) if data["kind"] in STRATEGY_KINDS
                for concept in traceability.reached_concepts(graph)[entity]}
    triples = graph_triples(store, REACH)
    assert {p for _, p, _ in triples} == {SAM.reaches}
    assert {(s, o) for s, _, o in triples} == expected
    assert len(expected) > 20


def test_coverage_cube_agrees_with_the_traceability_graph(store):
    dataset = store.dataset()
    graph = traceability.traceability_graph(store)
    organisations = set(dataset.objects(None, SAM.issuedBy))
    concepts = {c for cls in (SAM.Flagship, SAM.BalticObjective) for c in dataset.subjects(RDF.type, cls)}
    counts: Counter = Counter()
    for entity, data in graph.nodes(data=True):
        if data["kind"] in STRATEGY_KINDS and data["organisation"]:
            for concept in traceability.reached_concepts(graph)[entity]:
                counts[(URIRef(data["organisation"]), URIRef(concept), data["kind"])] += 1

    cube = {}
    for row in store.query(PREFIXES + """
            SELECT ?organisation ?concept ?goals ?areas ?activities WHERE {
              ?o qb:dataSet id:coverage ; sam:organisation ?organisation ; sam:concept ?concept ;
                 sam:goalCount ?goals ; sam:priorityAreaCount ?areas ; sam:activityCount ?activities }"""):
        cube[(row.organisation, row.concept)] = (int(row.goals), int(row.areas), int(row.activities))
    # every organisation x every flagship and Baltic Sea objective, zeros kept
    assert set(cube) == {(o, c) for o in organisations for c in concepts}
    for (organisation, concept), cell in cube.items():
        assert cell == tuple(counts[(organisation, concept, kind)] for kind in STRATEGY_KINDS), (organisation, concept)
    assert any(sum(cell) == 0 for cell in cube.values()) and any(sum(cell) > 0 for cell in cube.values())


def test_the_cube_is_described_and_its_iris_are_stable(store):
    dataset = store.dataset()
    assert (ID.coverage, QB.structure, SAM.coverageStructure) in dataset
    assert {lit.language for lit in dataset.objects(ID.coverage, RDFS.label)} == {"sv", "en"}
    for row in store.query(PREFIXES + "SELECT ?o ?organisation ?concept WHERE { ?o qb:dataSet id:coverage ; "
                           "sam:organisation ?organisation ; sam:concept ?concept }"):
        assert str(row.o) == (f"{ID}coverage/{str(row.organisation).removeprefix(str(ID))}/"
                              f"{str(row.concept).removeprefix(str(ID))}")


def test_asserted_and_inferred_never_share_a_graph(store):
    inferred_terms = {SAM.reaches, SAM.goalCount, SAM.priorityAreaCount, SAM.activityCount, QB.dataSet}
    for name in store.graph_names():
        predicates = {p for _, p, _ in graph_triples(store, name)}
        if is_inferred(name):
            assert name in INFERRED_GRAPHS
        else:
            assert not predicates & inferred_terms, name


def test_building_twice_gives_the_same_inferred_graphs(tmp_path):
    spec = f"oxigraph:{tmp_path / 'store'}"
    first = {g: graph_triples(build(None, store=spec), g) for g in INFERRED_GRAPHS}
    second = {g: graph_triples(build(None, store=spec), g) for g in INFERRED_GRAPHS}
    assert first == second and all(first.values())
