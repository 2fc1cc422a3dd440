"""Export: round trip, byte stability, an independent parser, and the DCAT description."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from samsyn.graph.exporting import (CATALOG_GRAPH, FORMATS, dcat_description, export, latest_modified, strategy_period,
                                    write_atomic)
from samsyn.graph.namespaces import DCAT, DCTERMS, RDF

PARSER = {"turtle": "turtle", "trig": "trig", "json-ld": "json-ld", "nt": "nt"}


def union(dataset) -> Graph:
    g = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_round_trip(exempelby_store, fmt):
    data = export(exempelby_store, fmt)
    parsed = Dataset()
    parsed.parse(data=data, format=PARSER[fmt])
    # the export is the store's content, the DCAT description (graph/catalog) among it, nothing lost or added
    assert CATALOG_GRAPH in exempelby_store.graph_names()
    assert isomorphic(union(parsed), union(exempelby_store.dataset()))
    description = dcat_description(latest_modified(exempelby_store), strategy_period(exempelby_store))
    assert len(description) and all(t in union(parsed) for t in description)


def test_trig_keeps_the_named_graphs(exempelby_store):
    parsed = Dataset()
    parsed.parse(data=export(exempelby_store, "trig"), format="trig")
    names = {g.identifier for g in parsed.graphs() if len(g)}
    assert set(exempelby_store.graph_names()) == names
    for name in exempelby_store.graph_names():
        assert isomorphic(parsed.graph(name), exempelby_store.dataset().graph(name))


@pytest.mark.slow  # a fresh interpreter per format
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_byte_identical_across_processes(tmp_path, fmt):
    """Same input, same bytes, whatever the hash seed of the process."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"{seed}.out"
        subprocess.run([sys.executable, "-m", "samsyn.graph.cli", "export", "--format", fmt, "-o", str(out)],
                       check=True, env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


@pytest.mark.skipif(shutil.which("rapper") is None, reason="rapper (raptor2-utils) not installed; .ci/run installs it")
def test_turtle_read_by_an_independent_parser(tmp_path, bundled_store):
    path = tmp_path / "samsyn.ttl"
    path.write_bytes(export(bundled_store, "turtle"))
    run = subprocess.run(["rapper", "-i", "turtle", "-c", str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    counted = int(run.stderr.split("returned")[1].split()[0])
    assert counted == len(Graph().parse(path, format="turtle"))


def test_dcat_ap_se_mandatory_properties(exempelby_store):
    g = Graph().parse(data=export(exempelby_store, "turtle"), format="turtle")
    catalog = g.value(predicate=RDF.type, object=DCAT.Catalog, any=False)
    dataset = g.value(predicate=RDF.type, object=DCAT.Dataset, any=False)
    for node, props in ((catalog, (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.dataset, DCTERMS.license)),
                        (dataset, (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.contactPoint,
                                   DCTERMS.issued, DCTERMS.modified, DCAT.distribution))):
        for prop in props:
            assert g.value(node, prop) is not None, (node, prop)
    for node in (catalog, dataset):
        assert {l.language for l in g.objects(node, DCTERMS.title)} == {"sv", "en"}
        assert {l.language for l in g.objects(node, DCTERMS.description)} == {"sv", "en"}
    distributions = list(g.objects(dataset, DCAT.distribution))
    assert len(distributions) == len(FORMATS)
    for distribution in distributions:
        for prop in (DCAT.accessURL, DCTERMS.license, DCTERMS["format"], DCAT.mediaType):
            assert g.value(distribution, prop) is not None, (distribution, prop)
    publisher = g.value(dataset, DCTERMS.publisher)
    assert g.value(publisher, URIRef("http://xmlns.com/foaf/0.1/name")) is not None


def test_write_atomic_leaves_no_partial_file(tmp_path):
    target = tmp_path / "out.ttl"
    target.write_bytes(b"old")
    with pytest.raises(TypeError):
        write_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
