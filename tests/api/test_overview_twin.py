"""/graph.json at scale (40 synthetic organisations, node budget 500): the aggregated overview,
its counts held against the coverage query and graph.traceability, the drill-downs into one
organisation and one concept, and a budget too small for one cluster per organisation."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from samsyn.graph import named_queries
from samsyn.graph.analysis import OTHERS
from samsyn.graph.traceability import reaching

SYNTH_ORGANISATIONS = 40  # tests/conftest.py writes that many (synth_path)

STRATEGY = ("Activity", "PriorityArea", "Goal")
KEYS = {"Goal": "goals", "PriorityArea": "priorityAreas", "Activity": "activities"}
SAVE_THE_SEA = "https://w3id.org/samsyn/id/eusbsr/objective/save-the-sea"
CLEAR_WATER = "https://w3id.org/samsyn/id/eusbsr/sub-objective/clear-water-in-the-sea"


@pytest.fixture(scope="module")
def overview(synth_app):
    return synth_app.test_client().get("/graph.json?lang=en").get_json()


def twin(url: str) -> str:
    """The JSON twin of a /graph link."""
    return url.replace("/graph?", "/graph.json?", 1)


def knowledge(app):
    return app.extensions["samsyn"].knowledge


def test_the_overview_is_aggregated_within_the_budget(overview, synth_app):
    assert overview["mode"] == "overview" and overview["aggregated"] is True
    assert overview["budget"] == 500 < overview["selected"]
    assert len(overview["nodes"]) <= 500
    clusters = [n for n in overview["nodes"] if n["kind"] == "Organisation"]
    organisations = [o["iri"] for o in overview["filters"]["organisations"]]
    assert len(organisations) == SYNTH_ORGANISATIONS
    assert sorted(n["id"] for n in clusters) == sorted(organisations)
    assert not any(n["kind"] in STRATEGY for n in overview["nodes"])
    # the concepts are the trace graph's concepts, each with its drill-down
    trace = knowledge(synth_app).trace_graph()
    concepts = {n for n, d in trace.nodes(data=True) if d.get("kind") not in STRATEGY}
    assert {n["id"] for n in overview["nodes"] if n["kind"] != "Organisation"} == concepts
    assert all(n["drill"] == "/graph?concept=" + quote(n["id"], safe="")
               for n in overview["nodes"] if n["kind"] != "Organisation")
    assert all(n["drill"] == "/graph?org=" + quote(n["id"], safe="") for n in clusters)
    assert len(overview["clusters"]) == SYNTH_ORGANISATIONS
    # one column per layer: organisations | concepts | broader concepts, positions fixed
    assert [c["label"] for c in overview["columns"]] == ["Organisations", "Framework concepts", "Broader concepts"]
    assert overview["options"]["physics"]["enabled"] is False
    assert {n["x"] for n in clusters} == {overview["columns"][0]["x"]}
    assert len({(n["x"], n["y"]) for n in overview["nodes"]}) == len(overview["nodes"])


def test_cluster_counts_are_the_coverage_querys(overview, synth_app):
    """Each cluster -> concept edge counts the organisation's goals, priority areas and activities
    that reach the concept: the coverage query's numbers (SPARQL on the store), zeros drawn as no edge."""
    edges = {(e["from"], e["to"]): e for e in overview["edges"] if e["relation"] == "reach"}
    result = named_queries.run(knowledge(synth_app).store, "coverage")
    rows = [dict(zip([str(v) for v in result.vars], row)) for row in result]
    assert len(rows) >= SYNTH_ORGANISATIONS * 22
    checked = 0
    for row in rows:
        expected = {key: int(row[key].toPython()) for key in ("goals", "priorityAreas", "activities")}
        edge = edges.get((str(row["organisation"]), str(row["concept"])))
        if sum(expected.values()) == 0:
            assert edge is None
            continue
        assert edge is not None, (row["organisation"], row["concept"])
        assert {k: edge["counts"][k] for k in expected} == expected
        assert edge["count"] == edge["counts"]["total"] == int(edge["label"]) == sum(expected.values())
        checked += 1
    assert checked > SYNTH_ORGANISATIONS * 5


def test_cluster_counts_are_what_reaches_the_concept_in_the_traceability_graph(overview, synth_app):
    graph = knowledge(synth_app).drawable_graph()
    edges = {(e["from"], e["to"]): e["counts"] for e in overview["edges"] if e["relation"] == "reach"}
    concepts = [n["id"] for n in overview["nodes"] if n["kind"] != "Organisation"]
    expected = {}
    for concept in concepts:
        for entity in reaching(graph, concept):
            key = (graph.nodes[entity]["organisation"], concept)
            expected.setdefault(key, {"goals": 0, "priorityAreas": 0, "activities": 0})
            expected[key][KEYS[graph.nodes[entity]["kind"]]] += 1
    assert {key: {k: c[k] for k in ("goals", "priorityAreas", "activities")} for key, c in edges.items()} == expected
    # the cluster's own counts: the organisation's entities in the selection
    for node in (n for n in overview["nodes"] if n["kind"] == "Organisation"):
        mine = [d["kind"] for _, d in graph.nodes(data=True) if d.get("organisation") == node["id"] and d.get("kind") in STRATEGY]
        assert node["members"] == {"goals": mine.count("Goal"), "priorityAreas": mine.count("PriorityArea"),
                                   "activities": mine.count("Activity"), "total": len(mine)}


def test_drill_down_into_an_organisation_draws_all_of_it(overview, synth, synth_app):
    cluster = next(n for n in overview["nodes"] if n["kind"] == "Organisation")
    data = synth.get(twin(cluster["drill"]) + "&lang=en").get_json()
    assert data["mode"] == "full" and not data["clusters"]
    entities = named_queries.run(knowledge(synth_app).store, """
        PREFIX sam: <https://w3id.org/samsyn/ns#>
        SELECT ?e WHERE { VALUES ?c { sam:Goal sam:PriorityArea sam:Activity }
                          ?e a ?c ; sam:statedIn/sam:issuedBy <%s> }""" % cluster["id"])
    expected = {str(row[0]) for row in entities}
    assert len(expected) > 40
    assert {n["id"] for n in data["nodes"] if n["kind"] in STRATEGY} == expected
    assert data["selection"]["organisations"] == [cluster["id"]]
    assert len(data["nodes"]) <= 500


def test_drill_down_into_a_concept(synth, synth_app):
    graph = knowledge(synth_app).drawable_graph()
    data = synth.get("/graph.json?lang=en&concept=" + quote(CLEAR_WATER)).get_json()
    reachers = reaching(graph, CLEAR_WATER)
    assert data["selection"]["concept"] == CLEAR_WATER
    ids = {n["id"] for n in data["nodes"]}
    assert {CLEAR_WATER, SAVE_THE_SEA} <= ids  # the concept and its broader concept
    if len(reachers) + 2 > 500:
        assert data["mode"] == "overview"
    else:  # in full: the concept, its broader concept and everything that reaches it
        assert data["mode"] == "full"
        assert ids == reachers | {CLEAR_WATER, SAVE_THE_SEA}

    # an objective: its sub-objectives too, and what reaches it aggregated by organisation
    data = synth.get("/graph.json?lang=en&concept=" + quote(SAVE_THE_SEA)).get_json()
    reachers = reaching(graph, SAVE_THE_SEA)
    assert len(reachers) > 500 and data["mode"] == "overview" and len(data["nodes"]) <= 500
    narrower = {n for n in graph.predecessors(SAVE_THE_SEA) if graph.nodes[n]["kind"] == "BalticObjective"}
    assert CLEAR_WATER in narrower
    organisations = {graph.nodes[n]["organisation"] for n in reachers}
    assert {n["id"] for n in data["nodes"]} == organisations | narrower | {SAVE_THE_SEA}
    for edge in (e for e in data["edges"] if e["to"] == SAVE_THE_SEA and e["relation"] == "reach"):
        assert edge["count"] == sum(1 for n in reachers if graph.nodes[n]["organisation"] == edge["from"])
    # a cluster under a concept drills into what of that organisation reaches the concept, in full
    cluster = next(n for n in data["nodes"] if n["kind"] == "Organisation")
    assert cluster["drill"] == "/graph?org=" + quote(cluster["id"], safe="") + "&concept=" + quote(SAVE_THE_SEA, safe="")
    one = synth.get(twin(cluster["drill"])).get_json()
    assert one["mode"] == "full"
    assert {n["id"] for n in one["nodes"] if n["kind"] in STRATEGY} == \
        {n for n in reachers if graph.nodes[n]["organisation"] == cluster["id"]}


def test_focus_and_framework_filters_still_work(overview, synth, synth_app):
    graph = knowledge(synth_app).drawable_graph()
    activity = next(n for n, d in graph.nodes(data=True) if d.get("kind") == "Activity")
    data = synth.get("/graph.json?focus=" + quote(activity)).get_json()
    assert data["focus"] == activity and data["mode"] == "full"
    assert data["selection"]["organisations"] == [graph.nodes[activity]["organisation"]]
    eusbsr = "https://w3id.org/samsyn/id/eusbsr"
    data = synth.get("/graph.json?framework=" + quote(eusbsr)).get_json()
    concepts = [n for n in data["nodes"] if n["kind"] not in ("Organisation", "Others")]
    assert concepts and all(n["framework"] == eusbsr for n in concepts)
    assert data["mode"] == "overview" and len(concepts) < len([n for n in overview["nodes"] if n["kind"] != "Organisation"])


def test_the_page_and_its_twin_carry_the_same_graph_and_are_cached(synth):
    import json
    import re

    first = synth.get("/graph.json?lang=en")
    assert first.data == synth.get("/graph.json?lang=en").data  # the same bytes: computed once
    html = synth.get("/graph?lang=en").data.decode()
    block = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S).group(1)
    script = json.loads(block)
    assert script["nodes"] == first.get_json()["nodes"] and script["mode"] == "overview"


def test_the_bundled_strategies_are_drawn_in_full(client):
    data = client.get("/graph.json").get_json()
    assert data["mode"] == "full" and data["aggregated"] is False and not data["clusters"]
    assert data["budget"] == 500 and data["selected"] == len(data["nodes"])


@pytest.fixture(scope="module")
def tight(make_app, synth_store, synth_path):
    """A budget smaller than one cluster per organisation plus the concepts."""
    return make_app(synth_store, [synth_path], GRAPH_NODE_BUDGET=50)


def test_a_tight_budget_keeps_the_organisations_that_reach_most(tight, overview):
    data = tight.test_client().get("/graph.json?lang=en").get_json()
    assert len(data["nodes"]) <= 50 and data["mode"] == "overview"
    concepts = [n for n in data["nodes"] if n["kind"] not in ("Organisation", "Others")]
    clusters = [n for n in data["nodes"] if n["kind"] == "Organisation"]
    others = next(n for n in data["nodes"] if n["id"] == OTHERS)
    assert len(clusters) == 50 - len(concepts) - 1
    assert len(clusters) + len(others["organisations"]) == SYNTH_ORGANISATIONS
    assert others["fullLabel"] == f"other organisations ({len(others['organisations'])})"
    assert min(n["reaching"] for n in clusters) >= max(
        n["reaching"] for n in overview["nodes"] if n["id"] in set(others["organisations"]))
    # the others' edges sum their members' edges in the full overview
    full_edges = {(e["from"], e["to"]): e["count"] for e in overview["edges"] if e["relation"] == "reach"}
    for edge in (e for e in data["edges"] if e["from"] == OTHERS):
        assert edge["count"] == sum(full_edges.get((o, edge["to"]), 0) for o in others["organisations"])
        assert edge["organisations"] == sum(1 for o in others["organisations"] if (o, edge["to"]) in full_edges)
