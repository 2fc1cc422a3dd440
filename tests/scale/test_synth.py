"""The synthetic generator: deterministic, in the data contract, shaped as the benchmarks say."""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from samsyn.graph.namespaces import ID, SAM, SKOS
from samsyn.graph.sources import all_sources
from samsyn.graph.synth import synthesise, write_synthetic


@pytest.fixture(scope="module")
def five() -> Graph:
    return Graph().parse(data=synthesise(5, seed=11), format="turtle")


def test_deterministic_by_seed_and_prefix_stable():
    assert synthesise(4, seed=3) == synthesise(4, seed=3)
    assert synthesise(4, seed=3) != synthesise(4, seed=4)
    small, big = synthesise(3, seed=3), synthesise(6, seed=3)
    assert big.split("\n", 1)[1].startswith(small.split("\n", 1)[1].rstrip("\n"))


def test_shape_per_organisation(five):
    strategies = set(five.subjects(RDF.type, SAM.Strategy))
    assert len(strategies) == 5
    for strategy in strategies:
        stated = Counter(five.value(s, RDF.type) for s in five.subjects(SAM.statedIn, strategy))
        assert stated[SAM.Goal] == 8 and stated[SAM.PriorityArea] == 5 and stated[SAM.Activity] == 40
        assert stated[SAM.Partnership] == 3
        activities = [s for s in five.subjects(SAM.statedIn, strategy) if (s, RDF.type, SAM.Activity) in five]
        assert sum(1 for a in activities if five.value(a, SAM.owner) is None) == 4  # 10 %
    units = set(five.subjects(RDF.type, SAM.OrganisationalUnit))
    assert len(units) == 5 * 6
    texts = [str(o) for o in five.objects(None, SAM.sourceText)]
    assert all(o.language == "sv" for o in five.objects(None, SAM.sourceText))
    assert sum(map(len, texts)) / len(texts) > 80  # sentences, not words


def test_every_term_is_in_the_contract(five):
    known = Graph()
    for source in all_sources():
        known.parse(source.path, format="turtle")
    vocabulary = set(known.subjects(RDFS.isDefinedBy, None)) | {RDF.type}
    assert {p for p in five.predicates() if str(p).startswith(str(SAM))} <= vocabulary
    concepts = set(known.subjects(SKOS.inScheme, None)) | set(known.subjects(RDF.type, SKOS.ConceptScheme))
    for target in five.objects(None, SAM.alignsWith):
        assert target in concepts, target
    for target in five.objects(None, SAM.refersTo):
        assert target in concepts, target
    for target in five.objects(None, SAM.considers):
        assert target in concepts, target
    for label_holder in set(five.subjects(RDFS.label, None)):
        langs = sorted(lit.language for lit in five.objects(label_holder, RDFS.label))
        assert langs == ["en", "sv"], label_holder
    assert all(str(s).startswith(str(ID)) for s in five.subjects() if isinstance(s, URIRef))


def test_written_file_parses_with_oxigraph(tmp_path):
    seen = []
    path = write_synthetic(7, tmp_path / "out" / "synth.ttl", seed=1, progress=lambda d, t: seen.append((d, t)))
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    assert len(store) > 7 * 400 and seen[-1] == (7, 7)
    assert not list(tmp_path.joinpath("out").glob(".*"))  # no temp file left behind
