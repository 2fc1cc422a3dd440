"""One suite, every backend: the same rows for every named query, the same graphs, the same
SHACL findings, atomic replace and idempotent loads (see conftest.py for the backends)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from samsyn.graph import named_queries as query
from samsyn.graph.building import build
from samsyn.graph.exporting import export
from samsyn.graph.inference import DERIVED_GRAPHS
from samsyn.graph.namespaces import GRAPH, ID
from samsyn.graph.sources import SourceError, all_sources
from samsyn.graph.store import Store, open_store

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "exempelby.ttl"
EXEMPELBY = ID["exempelby"]
STRATEGY = ID["exempelby/strategy/2020-2023"]

# rdflib's own SPARQL engine warns about its own deprecated attribute on every triple pattern
pytestmark = pytest.mark.filterwarnings("ignore:Dataset.default_context:DeprecationWarning")

#: parameters for the queries that need them, per data set
PARAMS = {
    "fixture": {"trace": [{"entity": str(ID["exempelby/activity/ungdomsutbyte"])},
                          {"entity": str(ID["exempelby/activity/jobbmassa"])}],
                "gaps": [{}, {"organisation": str(EXEMPELBY)}]},
    "bundled": {"trace": [{"entity": str(ID["exempelby/activity/ungdomsutbyte"])}]},
}


def rows(result) -> list[tuple[str, ...]]:
    """A SELECT result as sorted tuples of N3 terms, so stores can be compared row for row."""
    return sorted(tuple(term.n3() if term is not None else "" for term in row) for row in result)


def runs(dataset: str):
    for name in query.query_names():
        for params in PARAMS[dataset].get(name, [{}]):
            yield name, params


def strategies(dataset: str):
    return [FIXTURE] if dataset == "fixture" else None


@cache
def reference(dataset: str) -> dict:
    """What rdflib's memory store answers: the reference for every other backend."""
    store = build(strategies(dataset), store="memory")
    return {(name, tuple(sorted(params.items()))): rows(query.run(store, name, params))
            for name, params in runs(dataset)}


@pytest.mark.parametrize("dataset", ["fixture", "bundled"])
def test_every_named_query_gives_the_same_rows(store_spec, dataset):
    store = build(strategies(dataset), store=store_spec)
    expected = reference(dataset)
    for name, params in runs(dataset):
        got = rows(query.run(store, name, params))
        assert got == expected[(name, tuple(sorted(params.items())))], f"{name} {params} on {store_spec}"


def test_exact_rows_on_the_fixture(store_spec):
    store = build([FIXTURE], store=store_spec)

    without = list(query.run(store, "activities-without-owner"))
    assert [(r.organisation, r.organisationLabel, r.activity, r.activityLabel, r.strategy) for r in without] == [
        (EXEMPELBY, Literal("Exempelby Municipality", lang="en"), ID["exempelby/activity/strandstadning"],
         Literal("Beach clean-up", lang="en"), STRATEGY)]

    coverage = {(r.concept, int(r.goals), int(r.priorityAreas), int(r.activities))
                for r in query.run(store, "coverage")}
    assert len(coverage) == 7 + 3 + 12  # flagships, objectives, sub-objectives
    reached = {c for c in coverage if c[1:] != (0, 0, 0)}
    assert reached == {
        (ID["eu2020/flagship/agenda-for-new-skills-and-jobs"], 1, 1, 2),
        (ID["eu2020/flagship/youth-on-the-move"], 0, 1, 1),
        (ID["eusbsr/sub-objective/clear-water-in-the-sea"], 1, 1, 1),
        (ID["eusbsr/objective/save-the-sea"], 1, 1, 1),
    }

    gaps = list(query.run(store, "gaps", {"organisation": str(EXEMPELBY)}))
    assert len(gaps) == 22 - 4 and all(r.organisation == EXEMPELBY for r in gaps)

    strategies_ = list(query.run(store, "strategies"))
    assert [(r.strategy, int(r.goals), int(r.priorityAreas), int(r.activities), int(r.partnerships))
            for r in strategies_] == [(STRATEGY, 2, 2, 3, 1)]
    assert strategies_[0].validFrom == Literal("2020", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYear"))

    trace = {(r.via1, r.via2, r.concept) for r in query.run(
        store, "trace", {"entity": str(ID["exempelby/activity/ungdomsutbyte"])})}
    assert trace == {
        (ID["exempelby/priority-area/unga"], None, ID["eu2020/flagship/youth-on-the-move"]),
        (ID["exempelby/priority-area/unga"], ID["exempelby/goal/fler-jobb"],
         ID["eu2020/flagship/agenda-for-new-skills-and-jobs"]),
    }


def test_ask_and_construct_come_back_as_rdflib_results(store_spec):
    store = build([FIXTURE], store=store_spec)
    assert store.query("ASK { ?a a <https://w3id.org/samsyn/ns#Activity> }").askAnswer is True
    assert store.query("ASK { ?a a <https://w3id.org/samsyn/ns#Nothing> }").askAnswer is False
    constructed = store.query(
        "PREFIX sam: <https://w3id.org/samsyn/ns#> CONSTRUCT { ?a sam:statedIn ?s } WHERE { ?a sam:statedIn ?s }").graph
    assert len(constructed) == 2 + 2 + 3 + 1


def test_the_default_graph_is_the_union_unless_the_query_says_from(store_spec):
    store = build([FIXTURE], store=store_spec)
    goals = "SELECT ?goal {from_} WHERE {{ ?goal a <https://w3id.org/samsyn/ns#Goal> }}"
    assert len(list(store.query(goals.format(from_="")))) == 2
    assert len(list(store.query(goals.format(from_="FROM <https://w3id.org/samsyn/graph/strategies/exempelby>")))) == 2
    assert list(store.query(goals.format(from_="FROM <https://w3id.org/samsyn/graph/ontology>"))) == []


def test_bindings_are_terms_not_text(store_spec):
    store = build([FIXTURE], store=store_spec)
    text = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            "SELECT ?thing ?label WHERE { ?thing rdfs:label ?label }")
    hit = list(store.query(text, {"label": Literal("Jobbmässa", lang="sv")}))
    assert [r.thing for r in hit] == [ID["exempelby/activity/jobbmassa"]]
    sneaky = Literal('x" } UNION { ?thing ?p ?label } #', lang="sv")
    assert list(store.query(text, {"label": sneaky})) == []


def datasets_isomorphic(a: Store, b: Store) -> None:
    assert a.graph_names() == b.graph_names()
    da, db = a.dataset(), b.dataset()
    for name in a.graph_names():
        ga, gb = Graph(), Graph()
        for t in da.graph(name):
            ga.add(t)
        for t in db.graph(name):
            gb.add(t)
        assert len(ga) == len(gb) and isomorphic(ga, gb), name


def test_the_dataset_is_the_same_graphs(store_spec):
    reference_store = build([FIXTURE], store="memory")
    store = build([FIXTURE], store=store_spec)
    assert len(store) == len(reference_store)
    datasets_isomorphic(store, reference_store)
    assert GRAPH["strategies/exempelby"] in store.graph_names()


@pytest.mark.slow
def test_export_gives_isomorphic_graphs(store_spec):
    reference_store = build([FIXTURE], store="memory")
    store = build([FIXTURE], store=store_spec)
    for fmt in ("nt", "turtle"):
        a = Graph().parse(data=export(reference_store, fmt), format=fmt)
        b = Graph().parse(data=export(store, fmt), format=fmt)
        assert isomorphic(a, b), fmt


@pytest.mark.parametrize("dataset", ["fixture", "bundled"])
def test_shacl_gives_the_same_findings(store_spec, dataset):
    from samsyn import shapes
    from samsyn.shapes import validation
    reference_report = validation.validate(build(strategies(dataset), store="memory"))  # plain pyshacl
    store = build(strategies(dataset), store=store_spec)
    expected = sorted(f.key() for f in reference_report.findings)
    assert expected, "the data should give findings to compare"
    for report in (validation.validate(store), shapes.validate(store)):  # pyshacl and the fast path
        assert report.conforms == reference_report.conforms
        assert sorted(f.key() for f in report.findings) == expected


def test_loading_twice_is_idempotent(store_spec, make_store):
    first = build([FIXTURE], store=store_spec)
    size, names = len(first), first.graph_names()
    again = build([FIXTURE], store=make_store())
    assert len(again) == size and again.graph_names() == names
    datasets_isomorphic(again, first)


def test_a_bad_file_leaves_the_store_as_it_was(make_store, tmp_path):
    store = build([FIXTURE], store=make_store())
    size, names = len(store), store.graph_names()
    bad = tmp_path / "broken.ttl"
    bad.write_text(FIXTURE.read_text(encoding="utf-8") + "\nid:oops a sam:Activity ;\n    rdfs:label \"open\n",
                   encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        build([FIXTURE, bad], store=store)
    assert raised.value.path.endswith("broken.ttl") and raised.value.line is not None
    assert f"broken.ttl:{raised.value.line}:" in str(raised.value)
    assert len(store) == size and store.graph_names() == names
    reopened = make_store()
    assert len(reopened) == size and reopened.graph_names() == names


def test_a_failure_while_replacing_leaves_the_store_as_it_was(make_store):
    store = build([FIXTURE], store=make_store())
    size, names = len(store), store.graph_names()
    memory = build([FIXTURE], store="memory").dataset()

    def graphs_then_failure():
        yield from (memory.graph(name) for name in names[:2])
        raise RuntimeError("the source went away")

    with pytest.raises(RuntimeError):
        store.replace(graphs_then_failure())
    assert len(store) == size and store.graph_names() == names
    assert len(make_store()) == size


def test_replace_takes_rdflib_graphs(store_spec):
    store = open_store(store_spec)
    graph = Graph(identifier=GRAPH["strategies/tiny"])
    graph.parse(data='<https://w3id.org/samsyn/id/x> <http://www.w3.org/2000/01/rdf-schema#label> '
                     '"Smörgås \\"citat\\"\\nrad två"@sv , "7"^^<http://www.w3.org/2001/XMLSchema#integer> .',
                format="turtle")
    store.replace([graph])
    assert store.graph_names() == [GRAPH["strategies/tiny"]]
    labels = {r.o for r in store.query("SELECT ?o WHERE { <https://w3id.org/samsyn/id/x> ?p ?o }")}
    assert labels == {Literal('Smörgås "citat"\nrad två', lang="sv"), Literal(7)}


def test_all_sources_build_everywhere(store_spec):
    store = build(None, store=store_spec)
    assert set(store.graph_names()) == {s.graph_iri for s in all_sources()} | set(DERIVED_GRAPHS)
