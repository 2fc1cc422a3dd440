"""The networkx traceability graph agrees with the trace query and reaches only along alignment."""

from __future__ import annotations

from samsyn.graph import named_queries as query, traceability
from samsyn.graph.namespaces import ID

EX = "https://w3id.org/samsyn/id/exempelby/"


def test_trace_paths(exempelby_store):
    graph = traceability.traceability_graph(exempelby_store)
    paths = traceability.trace(graph, EX + "activity/ungdomsutbyte")
    assert paths == sorted([
        [EX + "activity/ungdomsutbyte", EX + "priority-area/unga", str(ID["eu2020/flagship/youth-on-the-move"])],
        [EX + "activity/ungdomsutbyte", EX + "priority-area/unga", EX + "goal/fler-jobb",
         str(ID["eu2020/flagship/agenda-for-new-skills-and-jobs"])],
    ])


def test_trace_agrees_with_the_trace_query(exempelby_store):
    graph = traceability.traceability_graph(exempelby_store)
    for entity in [n for n, d in graph.nodes(data=True) if d["kind"] in ("Activity", "PriorityArea", "Goal")]:
        from_sparql = {tuple(str(x) for x in (r.entity, r.via1, r.via2, r.concept) if x is not None)
                       for r in query.run(exempelby_store, "trace", {"entity": entity})}
        assert {tuple(p) for p in traceability.trace(graph, entity)} == from_sparql, entity


def test_reaching_and_reached(exempelby_store):
    graph = traceability.traceability_graph(exempelby_store)
    assert traceability.reaching(graph, str(ID["eusbsr/objective/save-the-sea"])) == {
        EX + "goal/rent-hav", EX + "priority-area/kusten", EX + "activity/strandstadning"}
    assert traceability.reached_concepts(graph)[EX + "activity/jobbmassa"] == {
        str(ID["eu2020/flagship/agenda-for-new-skills-and-jobs"]), str(ID["eu2020/growth-priority/inclusive-growth"])}


def test_only_alignment_edges(exempelby_store):
    graph = traceability.traceability_graph(exempelby_store)
    assert {d["relation"] for *_, d in graph.edges(data=True)} <= set(traceability.RELATIONS)
    assert str(ID.exempelby) not in graph  # organisations and strategies are not on the trace
    assert graph.nodes[EX + "activity/jobbmassa"]["organisation"] == str(ID.exempelby)
    assert graph.nodes[EX + "activity/jobbmassa"]["label_sv"] == "Jobbmässa"
