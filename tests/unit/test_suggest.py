"""Suggested alignments: read from the text only (asserted links never change them), scored in
[threshold, 1] among the frameworks the strategy refers to, with evidence found in both texts,
and as a named graph of their own that never reads as an asserted link."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from samsyn.graph import build, suggest, suggestions_graph
from samsyn.graph.namespaces import GRAPH, ID, PROV, RDF, RDFS, SAM, SKOS, XSD
from samsyn.graph.sources import bundled_frameworks, bundled_strategies
from samsyn.graph.text.analysis import fold
from samsyn.graph.text.suggest import FALLBACK, METHOD, REFERRED, THRESHOLD, VERSION, Suggestion, suggestion_iri

HALLBARA_STADER = str(ID["ronneby/priority-area/hallbara-stader"])
RESOURCE_EFFICIENT = str(ID["eu2020/flagship/resource-efficient-europe"])
WHEN = datetime(2026, 11, 29, 12, 0, tzinfo=timezone.utc)


def strategies_with(tmp: Path, change) -> list[Path]:
    """Copies of the bundled strategies (same file names, so the same named graphs), changed."""
    tmp.mkdir()
    out = []
    for source in bundled_strategies():
        graph = Graph().parse(source.path, format="turtle")
        change(graph)
        path = tmp / source.path.name
        graph.serialize(path, format="turtle")
        out.append(path)
    return out


@pytest.fixture(scope="module")
def suggestions(bundled_store) -> list[Suggestion]:
    return suggest(bundled_store)


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    """IRI -> every label, definition and quote it has, folded, in one string."""
    out: dict[str, list[str]] = {}
    for path in [s.path for s in bundled_strategies()] + [s.path for s in bundled_frameworks()]:
        graph = Graph().parse(path, format="turtle")
        for prop in (RDFS.label, SKOS.prefLabel, SKOS.altLabel, SKOS.definition, SAM.sourceText):
            for subject, text in graph.subject_objects(prop):
                out.setdefault(str(subject), []).append(fold(str(text)))
    return {iri: " ".join(t) for iri, t in out.items()}


def test_asserted_links_are_never_input(tmp_path, bundled_store, suggestions):
    """The same suggestions with every sam:alignsWith removed, and with a wrong one on every entity."""
    removed = build(strategies_with(tmp_path / "removed", lambda g: g.remove((None, SAM.alignsWith, None))))

    def wrong(graph: Graph) -> None:
        for entity in set(graph.subjects(RDF.type, SAM.PriorityArea)) | set(graph.subjects(RDF.type, SAM.Activity)):
            graph.add((entity, SAM.alignsWith, ID["eusbsr/sub-objective/fighting-cross-border-crime"]))

    wrongly = build(strategies_with(tmp_path / "wrong", wrong))
    assert suggestions and suggest(removed) == suggestions == suggest(wrongly)
    assert suggest(removed, all_frameworks=True) == suggest(bundled_store, all_frameworks=True)


def test_scores_clear_the_published_threshold(suggestions):
    assert 0 < THRESHOLD < 1
    assert all(THRESHOLD <= s.score <= 1 for s in suggestions)
    assert all(s.method == METHOD and s.version == VERSION for s in suggestions)


def test_candidates_come_from_the_frameworks_the_strategy_refers_to(bundled_store, suggestions):
    """Among the frameworks the strategy refers to; where it refers to none with concepts (Hylte,
    Värmdö), among every framework that is not one region's own, and the suggestion says so."""
    prefix = "PREFIX sam: <https://w3id.org/samsyn/ns#> "
    frameworks: dict[str, set[str]] = {}
    for row in bundled_store.query(prefix + "SELECT ?e ?f WHERE { ?e sam:statedIn/sam:refersTo ?f }"):
        frameworks.setdefault(str(row.e), set()).add(str(row.f))
    kinds = {str(row.e): str(row.k) for row in bundled_store.query(
        prefix + "SELECT ?e ?k WHERE { VALUES ?k { sam:Goal sam:PriorityArea sam:Activity } ?e a ?k }")}
    assert {s.entity for s in suggestions} <= set(kinds)
    with_concepts = {str(ID["eu2020"]), str(ID["eusbsr"]), str(ID["blekingestrategin"])}
    fallen_back = set()
    for s in suggestions:
        if frameworks.get(s.entity, set()) & with_concepts:
            assert s.among == REFERRED and s.framework in frameworks[s.entity], (s.entity, s.concept)
        else:
            assert s.among == FALLBACK and s.framework in with_concepts - {str(ID["blekingestrategin"])}
            fallen_back.add(s.entity.split("/id/")[1].split("/")[0])
    assert fallen_back == {"hylte", "varmdo"}


def test_a_fallback_says_so_in_the_graph(suggestions):
    graph = suggestions_graph(suggestions, generated=WHEN)
    assert {s.among for s in suggestions} == {REFERRED, FALLBACK}
    for s in suggestions:
        said = [str(c) for c in graph.objects(suggestion_iri(s), SAM.chosenAmong)]
        assert said == (["fallback"] if s.among == FALLBACK else ["referred"])


def test_a_priority_area_gets_the_concepts_its_text_names(suggestions):
    mine = [s for s in suggestions if s.entity == HALLBARA_STADER]
    suggestion = next(s for s in mine if s.concept == RESOURCE_EFFICIENT)
    assert "resurseffektivt" in [m.entity_word for m in suggestion.evidence]
    assert [s.score for s in mine] == sorted((s.score for s in mine), reverse=True)


def test_evidence_is_in_both_texts(suggestions, texts):
    broader = {  # a concept's text includes its broader concepts'
        str(s): str(o) for path in [f.path for f in bundled_frameworks()]
        for s, o in Graph().parse(path, format="turtle").subject_objects(SKOS.broader)}
    for s in suggestions:
        assert s.evidence and s.evidence_text
        concept_text = texts[s.concept] + " " + texts.get(broader.get(s.concept, ""), "")
        for match in s.evidence:
            assert fold(match.entity_word) in texts[s.entity], (s.entity, match)
            assert fold(match.concept_word) in concept_text, (s.concept, match)


def test_purely_procedural_text_gets_no_suggestion(bundled_store):
    """Text only about informing and monitoring clears no threshold, among every framework
    (benchmarks/suggest.py measures the share over all eleven procedural entities it lists)."""
    procedural = [str(ID[p]) for p in ("hylte/activity/information-och-kommunikation",
                                       "hylte/activity/omvarldsbevakning",
                                       "kungsbacka/activity/kontinuerlig-omvarldsbevakning")]
    assert suggest(bundled_store, entities=procedural, all_frameworks=True) == []


def test_entities_restrict_without_changing_scores(bundled_store, suggestions):
    mine = suggest(bundled_store, entities=[HALLBARA_STADER, "https://example.org/not-there"])
    assert mine == [s for s in suggestions if s.entity == HALLBARA_STADER]


def test_every_framework_widens_the_candidates(bundled_store, suggestions):
    wider = suggest(bundled_store, all_frameworks=True)
    assert set(suggestions) <= set(wider)


def test_the_suggestions_graph_keeps_suggestions_apart(suggestions):
    graph = suggestions_graph(suggestions, generated=WHEN)
    assert graph.identifier == GRAPH[f"suggested/{METHOD}"]
    # nothing that reach, coverage or gaps read (the alignment chain): loading it changes none of them
    chain = {SAM.alignsWith, SAM.contributesTo, SAM.servesGoal, SAM.reaches, SKOS.broader}
    assert not {p for p in graph.predicates()} & chain
    (run,) = graph.subjects(RDF.type, PROV.Activity)
    assert graph.value(run, SAM.method) == Literal(METHOD)
    assert graph.value(run, SAM.methodVersion) == Literal(VERSION)
    assert graph.value(run, PROV.endedAtTime) == Literal("2026-11-29T12:00:00Z", datatype=XSD.dateTime)
    nodes = set(graph.subjects(RDF.type, SAM.Suggestion))
    assert len(nodes) == len(suggestions)
    for s in suggestions:
        node = suggestion_iri(s)
        assert node in nodes
        assert graph.value(node, SAM.suggestedEntity) == URIRef(s.entity)
        assert graph.value(node, SAM.suggestedConcept) == URIRef(s.concept)
        assert float(graph.value(node, SAM.score)) == pytest.approx(s.score)
        assert graph.value(node, PROV.wasGeneratedBy) == run
        assert set(graph.objects(node, PROV.wasDerivedFrom)) == {URIRef(s.entity), URIRef(s.concept)}
        words = {str(graph.value(e, SAM.entityWord)) for e in graph.objects(node, SAM.evidence)}
        assert words == {m.entity_word for m in s.evidence}


def test_the_suggestions_graph_is_the_same_for_the_same_input(suggestions):
    one = suggestions_graph(suggestions, generated=WHEN)
    two = suggestions_graph(list(suggestions), generated=WHEN)
    assert isomorphic(one, two)
    assert suggestion_iri(suggestions[0]) == suggestion_iri(suggestions[0])


def test_one_method_per_graph(suggestions):
    other = Suggestion(HALLBARA_STADER, RESOURCE_EFFICIENT, str(ID["eu2020"]), 0.9, (), method="embedding")
    with pytest.raises(ValueError, match="one method per graph"):
        suggestions_graph([*suggestions[:1], other])
