"""Strategy periods compared on the example pair: Hylte's guidelines (graph/data/strategies) and
the invented revision in examples/hylte-internationell-strategi-2016-2020.ttl. The kept, added
and dropped sets are those the example file's header states; the alignments gained are the file's
sam:alignsWith; each coverage row equals what `coverage` gives Hylte when that strategy is its
only document; the bundled data has no pair."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from samsyn.graph.analysis import coverage
from samsyn.graph.periods import (BY_PERIOD, SUGGESTED, THRESHOLD, StrategyPeriod, compare, pairs,
                                           periods)
from samsyn.graph.building import build
from samsyn.graph.namespaces import DCTERMS, PROV, SAM, SKOS
from samsyn.graph.vocabulary import COUNT_KEYS

ROOT = Path(__file__).resolve().parents[2]
GUIDELINES = ROOT / "graph" / "data" / "strategies" / "hylte.ttl"
EXAMPLE = ROOT / "examples" / "hylte-internationell-strategi-2016-2020.ttl"
HYLTE = "https://w3id.org/samsyn/id/hylte"
OLD = f"{HYLTE}/strategy/riktlinjer-for-internationellt-arbete"
NEW = f"{HYLTE}/strategy/internationell-strategi-2016-2020"


def goal(slug: str) -> str:
    return f"{HYLTE}/goal/{slug}"


def area(slug: str) -> str:
    return f"{HYLTE}/priority-area/{slug}"


@pytest.fixture(scope="module")
def store():
    return build([GUIDELINES, EXAMPLE])


@pytest.fixture(scope="module")
def result(store):
    return compare(store, HYLTE)


@pytest.fixture(scope="module")
def example_graph() -> Graph:
    return Graph().parse(EXAMPLE, format="turtle")


def test_the_pair_is_the_marked_revision(store, result):
    assert [(s.iri, s.start, s.end) for s in periods(store, HYLTE)] == [(OLD, None, None), (NEW, 2016, 2020)]
    assert (result.before.iri, result.after.iri) == (OLD, NEW)
    assert result.how in (str(DCTERMS.replaces), str(PROV.wasRevisionOf))
    assert result.example and result.after.example and not result.before.example


def test_kept_added_and_dropped_as_the_example_file_says(result, example_graph):
    kept = {(m.before, m.after): m for m in result.kept}
    assert set(kept) == {
        (goal("strategiskt-och-integrerat"), goal("strategiskt-och-integrerat-internationellt-arbete")),
        (goal("miljo-och-klimat"), goal("miljo-och-klimat-2016-2020")),
        (goal("mervarden"), goal("mervarden-for-invanare-och-naringsliv")),
    }
    # marked where the file marks them, and exactly those
    marked = {(str(o), str(s), str(p)) for p in (PROV.wasRevisionOf, SKOS.exactMatch, DCTERMS.replaces)
              for s, o in example_graph.subject_objects(p) if (s, SAM.statedIn, URIRef(NEW)) in example_graph}
    assert {(m.before, m.after, m.how) for m in result.kept if not m.suggested} == marked
    suggestion = kept[(goal("mervarden"), goal("mervarden-for-invanare-och-naringsliv"))]
    assert suggestion.how == SUGGESTED and suggestion.score >= THRESHOLD and {"mervärden", "näringsliv"} <= set(suggestion.words)
    assert all(m.score is None and not m.suggested for m in result.kept if m is not suggestion)
    assert set(result.added) == {goal("unga-och-larande-over-granserna"), area("skolsamarbete-och-ungdomsutbyte"),
                                 area("klimatsamarbete-i-ostersjoregionen"), area("eu-finansierade-utvecklingsprojekt")}
    assert result.dropped == [goal("forstaelse-och-integration")]
    # every goal and priority area of both strategies is kept, added or dropped, once
    new = {str(s) for s in example_graph.subjects(SAM.statedIn, URIRef(NEW))
           if (s, None, SAM.Goal) in example_graph or (s, None, SAM.PriorityArea) in example_graph}
    assert {m.after for m in result.kept} | set(result.added) == new
    assert len({m.after for m in result.kept}) + len(result.added) == len(new)


def test_alignments_gained_are_the_example_files(result, example_graph):
    stated = {(str(s), str(o)) for s, o in example_graph.subject_objects(SAM.alignsWith)}
    assert set(result.aligns_gained) == stated  # the guidelines align with nothing
    assert result.aligns_lost == []
    by_after = {m.after: m for m in result.kept}
    assert by_after[goal("miljo-och-klimat-2016-2020")].aligns_gained == (
        "https://w3id.org/samsyn/id/eu2020/flagship/resource-efficient-europe",)
    assert by_after[goal("strategiskt-och-integrerat-internationellt-arbete")].aligns_gained == ()


def test_reversed_the_same_pair_loses_what_it_gained(store, result):
    back = compare(store, HYLTE, before=NEW, after=OLD)
    # the same matches, each found the same way (a mark read from either side), the same pairing
    assert {(m.after, m.before, m.how) for m in back.kept} == {(m.before, m.after, m.how) for m in result.kept}
    assert back.how == result.how
    assert set(back.dropped) == set(result.added) and set(back.added) == set(result.dropped)
    assert set(back.aligns_lost) == set(result.aligns_gained) and back.aligns_gained == []
    assert back.reached_lost == result.reached_gained and back.reached_gained == []


def test_reach_gained_through_the_inferred_graph(result):
    assert result.reached_before == {}
    reached = set(result.reached_gained)
    # direct, through the goal an area serves, and the broader concepts
    assert {"https://w3id.org/samsyn/id/eu2020/flagship/youth-on-the-move",
            "https://w3id.org/samsyn/id/eusbsr/sub-objective/climate-change-adaptation",
            "https://w3id.org/samsyn/id/eusbsr/objective/increase-prosperity",
            "https://w3id.org/samsyn/id/eu2020/growth-priority/smart-growth"} <= reached
    youth = result.reached_after["https://w3id.org/samsyn/id/eu2020/flagship/youth-on-the-move"]
    assert set(youth) == {goal("unga-och-larande-over-granserna"), area("skolsamarbete-och-ungdomsutbyte"),
                          f"{HYLTE}/activity/vanortssamarbete-med-lihula-och-piecki"}


@pytest.mark.parametrize("path, strategy, side", [(GUIDELINES, OLD, "coverage_before"), (EXAMPLE, NEW, "coverage_after")])
def test_each_coverage_row_equals_the_coverage_query_on_that_strategy_alone(result, path, strategy, side):
    alone = {str(r["concept"]): tuple(r[k] for k in COUNT_KEYS.values()) for r in coverage(build([path]), HYLTE)}
    compared = {str(r["concept"]): tuple(r[k] for k in COUNT_KEYS.values()) for r in getattr(result, side)}
    assert compared == alone and len(compared) == 22
    assert any(any(v) for v in compared.values()) == (strategy == NEW)


def test_the_coverage_row_after(result):
    nonzero = {str(r["concept"]).rsplit("/", 1)[-1]: tuple(r[k] for k in COUNT_KEYS.values())
               for r in result.coverage_after if any(r[k] for k in COUNT_KEYS.values())}
    assert nonzero == {"agenda-for-new-skills-and-jobs": (1, 1, 1), "resource-efficient-europe": (1, 1, 0),
                       "youth-on-the-move": (1, 1, 1), "increase-prosperity": (0, 1, 0),
                       "climate-change-adaptation": (0, 1, 0)}


def test_pairs_by_period_without_a_mark():
    a = StrategyPeriod("a", 2010, 2012, {}, False)
    b = StrategyPeriod("b", 2013, 2015, {}, False)
    c = StrategyPeriod("c", 2016, 2020, {"a": str(DCTERMS.replaces)}, False)
    assert [(p.before, p.after, p.how) for p in pairs([a, b])] == [("a", "b", BY_PERIOD)]
    # c is marked to replace a: that pair; b, marked to replace nothing, follows a by period
    assert [(p.before, p.after) for p in pairs([a, b, c])] == [("a", "b"), ("a", "c")]


def test_refusals(store, bundled_store):
    with pytest.raises(LookupError, match="two are needed"):
        compare(bundled_store, HYLTE)
    with pytest.raises(LookupError, match="is not a strategy of"):
        compare(store, HYLTE, before="https://w3id.org/samsyn/id/ronneby/strategy/internationell-strategi-2013-2015")


def test_bundled_data_has_no_pair(bundled_store):
    from samsyn.graph.analysis.resources import strategies_by_organisation

    for organisation in strategies_by_organisation(bundled_store):
        assert pairs(periods(bundled_store, organisation)) == []


def test_a_suggestion_is_taken_into_the_workbook_of_the_strategy_that_states_it(store, tmp_path):
    # Hylte issues two strategies: the workbook is the one whose graph states the entity
    from samsyn.graph.workbook import read_workbook, workbook_with_alignment
    concept = "https://w3id.org/samsyn/id/eu2020/flagship/youth-on-the-move"
    path = workbook_with_alignment(store, goal("mervarden"), concept, tmp_path / "hylte.xlsx")
    graph = read_workbook(path)
    assert (URIRef(goal("mervarden")), SAM.alignsWith, URIRef(concept)) in graph
    assert (URIRef(OLD), None, None) in graph and (URIRef(NEW), None, None) not in graph
