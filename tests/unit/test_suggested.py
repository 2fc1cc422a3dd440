"""What is made of the suggestions (graph.text.suggested): the named graph a build adds, which
changes no coverage, gap, search hit or suggestion when it is in the store; the records the CLI
and the viewer write; and what the suggestions would add to reach, counted apart."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import datetime, timezone

import pytest

from samsyn.graph.analysis import alignment_graph, reach
from samsyn.graph.analysis.reach import counts
from samsyn.graph.namespaces import GRAPH, ID, RDF, SAM
from samsyn.graph.text.suggest import suggest, suggestions_graph
from samsyn.graph.text.suggested import COLUMNS, added_reach, json_record, suggestions_csv

WHEN = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
RONNEBY = str(ID["ronneby"])
UNGA = str(ID["ronneby/priority-area/unga-pa-vag"])
TRANSPORT = str(ID["eusbsr/sub-objective/good-transport-conditions"])


@pytest.fixture(scope="module")
def suggestions(bundled_store):
    return suggest(bundled_store)


def test_the_suggested_graph_is_named_apart_and_asserts_nothing(suggestions):
    graph = suggestions_graph(suggestions, WHEN)
    assert graph.identifier == GRAPH["suggested/lexical"]
    assert len(set(graph.subjects(RDF.type, SAM.Suggestion))) == len(suggestions)
    assert not list(graph.triples((None, SAM.alignsWith, None)))
    assert suggestions_graph(suggestions, WHEN).isomorphic(graph)


def test_records_lead_with_the_four_columns_and_json_keeps_the_words(suggestions):
    rows = list(csv.DictReader(io.StringIO(suggestions_csv(suggestions, lambda iri: iri.rsplit("/", 1)[-1]))))
    assert COLUMNS[:4] == ["entity", "concept", "score", "evidence"] and list(rows[0]) == COLUMNS
    assert len(rows) == len(suggestions) and rows[0]["entity_label"] == rows[0]["entity"].rsplit("/", 1)[-1]
    record = json_record(suggestions[0], str)
    assert record["score"] == suggestions[0].score and record["entityLabel"] == suggestions[0].entity
    assert [m["entityWord"] for m in record["evidence"]] == [m.entity_word for m in suggestions[0].evidence]


def test_added_reach_counts_only_what_is_not_reached_already(bundled_store, suggestions):
    graph = alignment_graph(bundled_store)
    edges = graph.number_of_edges()
    added = added_reach(graph, suggestions)
    assert graph.number_of_edges() == edges  # the asserted graph is not changed
    # Unga på väg's text and four goals' labels ("A good school" ...) suggest good transport
    # conditions, which nothing of Ronneby's reaches: the goals, the areas serving them, and an activity
    assert added[RONNEBY][TRANSPORT] == {"goals": 4, "priorityAreas": 4, "activities": 1, "total": 9}
    # ... and youth on the move, which the document states: nothing to add
    assert str(ID["eu2020/flagship/youth-on-the-move"]) not in added.get(RONNEBY, {})


def test_added_reach_follows_the_chain_and_broader_concepts(bundled_store, suggestions):
    graph = alignment_graph(bundled_store)
    goal = str(ID["orebro-lans-landsting/goal/skapa-sysselsattning"])
    mine = [s for s in suggestions if s.entity == goal]
    assert mine, "the goal's text suggests nothing: the data changed"
    added = added_reach(graph, mine)[str(ID["orebro-lans-landsting"])][mine[0].concept]
    # the goal and what serves it: its priority areas and their activities
    serving = [n for n in graph.predecessors(goal)]
    assert added["goals"] == 1 and added["total"] >= 1 + len(serving)


def _by_recomputing(graph, suggestions) -> dict:
    """What added_reach answers, by its definition: reach on a copy with the suggested edges, less reach now."""
    widened = graph.copy()
    widened.add_edges_from((s.entity, s.concept, {"relation": "suggested"}) for s in suggestions if s.entity in graph)
    before, after = reach(graph)[0], reach(widened)[0]
    out = {}
    for organisation, concepts in after.items():
        for concept, counter in concepts.items():
            added = counter - before.get(organisation, {}).get(concept, Counter())
            if added:
                out.setdefault(organisation, {})[concept] = counts(added)
    return out


@pytest.mark.parametrize("name", ["bundled_store", "synth_store"])
def test_added_reach_is_reach_with_the_suggestions_less_reach_now(request, name):
    store = request.getfixturevalue(name)
    graph = alignment_graph(store)
    for every in (False, True):
        found = suggest(store, all_frameworks=every)
        assert found
        assert added_reach(graph, found) == _by_recomputing(graph, found)


@pytest.mark.parametrize("relation", ["servesGoal", "alignsWith"])
def test_added_reach_holds_where_the_data_has_a_cycle(bundled_store, suggestions, relation):
    """Bad data, still counted as reach counts it: a goal (or a concept) that leads back to the area."""
    graph = alignment_graph(bundled_store)
    area = str(ID["ronneby/priority-area/minskat-utanforskap"])
    back = next(v for _, v, d in graph.out_edges(area, data=True) if d["relation"] == relation)
    looped = graph.copy()
    looped.add_edge(back, area, relation="servesGoal")
    assert added_reach(looped, suggestions) == _by_recomputing(looped, suggestions)
