"""Each named query on the Exempelby fixture, with the exact expected rows."""

from __future__ import annotations

import pytest

from samsyn.graph import named_queries as query
from samsyn.graph.named_queries import QueryError
from samsyn.graph.namespaces import ID

EX = "https://w3id.org/samsyn/id/exempelby/"


def rows(result, *names):
    return [tuple(None if r[n] is None else str(r[n]) for n in names) for r in result]


def test_named_queries_are_the_documented_ones():
    assert {"coverage", "gaps", "activities-without-owner", "trace", "strategies"} <= set(query.query_names())
    for name in query.query_names():
        assert query.load_query(name).title, f"{name}.rq has no # title:"


def test_coverage_counts_every_cell_zeros_included(exempelby_store):
    result = query.run(exempelby_store, "coverage")
    cells = {r[0].rsplit("/", 2)[-2] + "/" + r[0].rsplit("/", 1)[-1]: r[1:] for r in
             rows(result, "concept", "goals", "priorityAreas", "activities")}
    # 7 flagships + 3 objectives + 12 sub-objectives, for the one organisation
    assert len(cells) == 22
    assert {str(r.organisation) for r in result} == {str(ID.exempelby)}
    nonzero = {k: v for k, v in cells.items() if v != ("0", "0", "0")}
    assert nonzero == {
        # goal fler-jobb; area unga (serves fler-jobb); ungdomsutbyte (via unga) and jobbmassa (direct)
        "flagship/agenda-for-new-skills-and-jobs": ("1", "1", "2"),
        # area unga; ungdomsutbyte via unga
        "flagship/youth-on-the-move": ("0", "1", "1"),
        # goal rent-hav; area kusten serves it; strandstadning contributes to kusten
        "sub-objective/clear-water-in-the-sea": ("1", "1", "1"),
        # reached through its sub-objective
        "objective/save-the-sea": ("1", "1", "1"),
    }


def test_gaps_are_the_zero_cells(exempelby_store):
    gaps = {r[0].rsplit("/", 1)[-1] for r in rows(query.run(exempelby_store, "gaps"), "concept")}
    assert len(gaps) == 18
    assert "youth-on-the-move" not in gaps and "save-the-sea" not in gaps
    assert {"innovation-union", "connect-the-region", "better-cooperation"} <= gaps


def test_gaps_for_one_organisation(exempelby_store):
    one = query.run(exempelby_store, "gaps", {"organisation": str(ID.exempelby)})
    none = query.run(exempelby_store, "gaps", {"organisation": str(ID["no-such-org"])})
    assert len(list(one)) == 18 and list(none) == []


def test_activities_without_owner(exempelby_store):
    result = query.run(exempelby_store, "activities-without-owner")
    assert rows(result, "activity", "strategy", "organisation") == [
        (EX + "activity/strandstadning", EX + "strategy/2020-2023", str(ID.exempelby))]


def test_trace_with_path(exempelby_store):
    result = query.run(exempelby_store, "trace", {"entity": EX + "activity/ungdomsutbyte"})
    assert set(rows(result, "via1", "via2", "concept")) == set([
        (EX + "priority-area/unga", EX + "goal/fler-jobb", str(ID["eu2020/flagship/agenda-for-new-skills-and-jobs"])),
        (EX + "priority-area/unga", None, str(ID["eu2020/flagship/youth-on-the-move"])),
    ])


def test_trace_needs_its_entity(exempelby_store):
    with pytest.raises(query.QueryError, match="needs --param entity"):
        query.run(exempelby_store, "trace")
    with pytest.raises(query.QueryError, match="must be an IRI"):
        query.run(exempelby_store, "trace", {"entity": "not an iri"})


def test_strategies(exempelby_store):
    result = query.run(exempelby_store, "strategies")
    assert rows(result, "strategy", "validFrom", "validUntil", "adoptedBy", "issued", "goals",
                "priorityAreas", "activities", "partnerships") == [
        (EX + "strategy/2020-2023", "2020", "2023", EX + "unit/kommunfullmaktige", "2020-01-15", "2", "2", "3", "1")]


def test_unknown_query_lists_the_names():
    with pytest.raises(query.QueryError) as error:
        query.resolve("coverag")
    assert "coverage" in str(error.value) and "activities-without-owner" in str(error.value)


def test_syntax_error_carries_the_parser_message(exempelby_store):
    with pytest.raises(query.QueryError, match="SPARQL syntax error"):
        query.run(exempelby_store, "SELECT * WHERE { ?s ?p }")


def test_updates_are_not_queries(exempelby_store):
    with pytest.raises(query.QueryError, match="update"):
        query.run(exempelby_store, "DELETE WHERE { ?s ?p ?o }")


def test_coverage_on_a_store_without_the_inferred_graphs_says_what_to_do():
    from samsyn.graph.sources import all_sources, parse_source
    from samsyn.graph.store import open_store
    store = open_store("oxigraph")
    store.replace([parse_source(source) for source in all_sources()])  # sources only, no inference
    with pytest.raises(QueryError, match=r"inferred/coverage.*samsyn build"):
        query.run(store, "coverage")
    assert len(query.run(store, "class-counts")) > 0  # queries that need nothing still run
