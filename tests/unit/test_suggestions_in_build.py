"""`samsyn build` writes the suggested alignments into graph/suggested/lexical with their
provenance, computed once after the rules; they are never in a source's graph, never read by a
rule, and never counted in coverage, gaps, reach or a trace."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from samsyn.graph import coverage, gaps, trace
from samsyn.graph.analysis import alignment_graph, reach, resources
from samsyn.graph.building import build, prepare
from samsyn.graph.inference import DERIVED_GRAPHS, INFERRED_GRAPHS, SUGGESTED_GRAPH, infer
from samsyn.graph.named_queries import _query_dir
from samsyn.graph.namespaces import GRAPH, PROV, RDF, RDFS, SAM, XSD
from samsyn.graph.sources import all_sources
from samsyn.graph.store import new_store
from samsyn.graph.text.suggest import THRESHOLD, suggest, suggestions_graph
from samsyn.graph.text.suggested import add_suggestions, added_reach, read_suggestions
from samsyn.graph.traceability import traceability_graph
from samsyn.ontology import ONTOLOGY_FILE

#: the terms the suggestions' graph uses (graph.text.suggest.suggestions_graph)
SUGGESTION_TERMS = ["Suggestion", "suggestedEntity", "suggestedConcept", "score", "evidence", "entityWord",
                    "conceptWord", "matchKind", "chosenAmong", "method", "methodVersion", "threshold"]
#: every query that counts or walks alignment: coverage, gaps, the rules, traces, the viewer's graph
COUNTING_QUERIES = ["coverage", "gaps", "infer-reach", "infer-coverage", "trace", "lookup/alignment-edges",
                    "lookup/alignment-nodes", "lookup/follow-up-reach"]


@pytest.fixture(scope="module")
def without() -> object:
    return build(suggestions=False)


def _graph(store, name: URIRef) -> Graph:
    graph = Graph()
    for s, p, o in store.dataset().graph(name):
        graph.add((s, p, o))
    return graph


def test_the_build_adds_the_suggested_graph_and_no_suggestions_leaves_it_out(bundled_store, without):
    assert SUGGESTED_GRAPH in bundled_store.graph_names() and SUGGESTED_GRAPH in DERIVED_GRAPHS
    assert SUGGESTED_GRAPH not in without.graph_names()
    assert suggestions_graph([]).identifier == SUGGESTED_GRAPH  # the method names the graph: the same one
    assert set(bundled_store.graph_names()) - set(without.graph_names()) == {SUGGESTED_GRAPH}
    assert read_suggestions(without) == []


def test_the_built_graph_holds_what_suggest_computes_with_its_provenance(bundled_store):
    computed = suggest(bundled_store)
    assert computed, "the bundled data should give suggestions"
    assert [(s.entity, s.concept, s.framework, s.score, set(s.evidence)) for s in read_suggestions(bundled_store)] \
        == [(s.entity, s.concept, s.framework, s.score, set(s.evidence)) for s in computed]

    graph = _graph(bundled_store, SUGGESTED_GRAPH)
    (run,) = set(graph.subjects(RDF.type, PROV.Activity))
    assert graph.value(run, SAM.method) == Literal("lexical")
    assert graph.value(run, SAM.threshold) == Literal(str(THRESHOLD), datatype=XSD.decimal)
    ended = graph.value(run, PROV.endedAtTime)
    assert ended.datatype == XSD.dateTime  # when: the tests date builds by SOURCE_DATE_EPOCH (conftest)
    # from which text: the sources' graphs it read (the strategies, the frameworks), nothing derived
    used = set(graph.objects(run, PROV.used))
    assert GRAPH["strategies/ronneby"] in used and GRAPH["frameworks/eu2020"] in used
    assert not used & set(DERIVED_GRAPHS)
    for suggestion in graph.subjects(RDF.type, SAM.Suggestion):
        assert graph.value(suggestion, PROV.wasGeneratedBy) == run
        assert set(graph.objects(suggestion, PROV.wasDerivedFrom)) == {
            graph.value(suggestion, SAM.suggestedEntity), graph.value(suggestion, SAM.suggestedConcept)}
        assert THRESHOLD <= float(graph.value(suggestion, SAM.score)) <= 1


def test_the_time_is_the_builds_own_unless_source_date_epoch_says(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    dataset = prepare(all_sources(None))
    ended = next(dataset.quads_for_pattern(None, ox.NamedNode(str(PROV.endedAtTime)), None,
                                           ox.NamedNode(str(SUGGESTED_GRAPH))))
    when = datetime.fromisoformat(ended.object.value.replace("Z", "+00:00"))
    assert abs((datetime.now(timezone.utc) - when).total_seconds()) < 120


def test_suggestions_live_only_in_their_graph(bundled_store):
    for term in (SAM.Suggestion, SAM.suggestedEntity, SAM.suggestedConcept, SAM.score, PROV.wasGeneratedBy):
        found = bundled_store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { { ?s ?term ?o } UNION { ?s a ?term } } }",
                                    {"term": term})
        assert {row[0] for row in found} == {SUGGESTED_GRAPH}, term
    # and the suggestions' graph states no alignment
    assert not bundled_store.query(
        "PREFIX sam: <https://w3id.org/samsyn/ns#> ASK { GRAPH ?g { ?s ?p ?o } "
        "FILTER(?p IN (sam:alignsWith, sam:servesGoal, sam:contributesTo, sam:reaches)) }",
        {"g": SUGGESTED_GRAPH}).askAnswer


def test_no_query_that_counts_or_walks_alignment_reads_a_suggestions_predicate(bundled_store):
    """Fails if a suggestion could be counted: the terms of every coverage, gap, reach and trace
    query (and the rules) against the predicates and classes of the suggestions' graph."""
    graph = _graph(bundled_store, SUGGESTED_GRAPH)
    suggestion_terms = {str(p) for p in graph.predicates()} | {str(o) for o in graph.objects(None, RDF.type)}
    prefixes = {"sam": str(SAM), "skos": "http://www.w3.org/2004/02/skos/core#", "prov": str(PROV),
                "qb": "http://purl.org/linked-data/cube#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}
    for name in COUNTING_QUERIES:
        text = (_query_dir() / f"{name}.rq").read_text(encoding="utf-8")
        text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
        used = {prefixes[p] + local for p, local in re.findall(r"\b(sam|skos|prov|qb|rdfs):(\w+)", text)}
        used |= set(re.findall(r"<(https?://[^>]+)>", text))
        # (rdf:type and rdfs:label: the queries read them to name and sort, never to count alignment)
        assert not used & suggestion_terms - {str(RDF.type), str(RDFS.label)}, name


def test_coverage_gaps_reach_and_traces_are_the_same_with_and_without_suggestions(bundled_store, without):
    # the suggestions would change reach if they were counted: the test has something to catch
    drawn = alignment_graph(without)
    would = added_reach(drawn, read_suggestions(bundled_store))
    assert any(counts["total"] for concepts in would.values() for counts in concepts.values())

    assert coverage(bundled_store) == coverage(without)
    assert gaps(bundled_store) == gaps(without)
    assert reach(traceability_graph(bundled_store)) == reach(traceability_graph(without))
    for suggestion in read_suggestions(bundled_store):
        assert trace(bundled_store, suggestion.entity) == trace(without, suggestion.entity)
    for name in INFERRED_GRAPHS:
        assert _graph(bundled_store, name).isomorphic(_graph(without, name)), name


def test_the_rules_read_no_suggestion_even_when_run_again():
    dataset = prepare(all_sources(None))
    before = {name: set(dataset.quads_for_pattern(None, None, None, ox.NamedNode(str(name)))) for name in INFERRED_GRAPHS}
    infer(dataset)  # now with the suggestions' graph in the dataset
    after = {name: set(dataset.quads_for_pattern(None, None, None, ox.NamedNode(str(name)))) for name in INFERRED_GRAPHS}
    assert before == after
    assert add_suggestions(dataset) == len(read_suggestions(_adopted(dataset)))


def _adopted(dataset: ox.Store):
    store = new_store("oxigraph")
    store.adopt(dataset)
    return store


def test_entity_mentions_leave_out_what_is_inferred_or_suggested(bundled_store):
    suggestion = read_suggestions(bundled_store)[0]
    for iri in (suggestion.entity, suggestion.concept):
        subjects = {s for s, _ in resources.mentions(bundled_store, iri)}
        assert not any("/suggestion/" in s for s in subjects), iri
        assert not any(p == str(SAM.reaches) or p == str(SAM.concept) for _, p in resources.mentions(bundled_store, iri))


@pytest.mark.parametrize("name", SUGGESTION_TERMS)
def test_every_suggestion_term_is_declared_in_both_languages(name):
    ontology = Graph().parse(ONTOLOGY_FILE, format="turtle")
    term = SAM[name]
    assert sorted(o.language for o in ontology.objects(term, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))) \
        == ["en", "sv"]
    assert sorted(o.language for o in ontology.objects(term, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"))) \
        == ["en", "sv"]


def test_every_sam_term_the_suggestions_use_is_declared(bundled_store):
    ontology = Graph().parse(ONTOLOGY_FILE, format="turtle")
    declared = {s for s in ontology.subjects() if str(s).startswith(str(SAM))}
    used = {t for s, p, o in _graph(bundled_store, SUGGESTED_GRAPH) for t in (p, o)
            if isinstance(t, URIRef) and str(t).startswith(str(SAM))}
    assert used == {SAM[name] for name in SUGGESTION_TERMS} and used <= declared


def test_a_suggestions_own_triples_carry_its_evidence(bundled_store):
    from samsyn.graph.text.suggest import suggestion_iri

    suggestion = read_suggestions(bundled_store)[0]
    graph = resources.own_triples(bundled_store, str(suggestion_iri(suggestion)))
    words = {(str(graph.value(e, SAM.entityWord)), str(graph.value(e, SAM.conceptWord)))
             for e in graph.objects(None, SAM.evidence)}
    assert words == {(m.entity_word, m.concept_word) for m in suggestion.evidence} and words
