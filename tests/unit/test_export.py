"""Export: round trip, byte stability (across processes, stores and sorts on disk), an independent
parser, the DCAT description, and the file: atomic, in the umask's mode, nothing left by a kill."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from samsyn.graph import exporting
from samsyn.graph.building import build
from samsyn.graph.exporting import (CATALOG_GRAPH, FORMATS, SCRATCH_PREFIX, dcat_description, export, export_file,
                                    latest_modified, strategy_period, write_atomic)
from samsyn.graph.namespaces import DCAT, DCTERMS, RDF

PARSER = {"turtle": "turtle", "trig": "trig", "json-ld": "json-ld", "nt": "nt"}
EXEMPELBY = Path(__file__).parents[1] / "fixtures" / "exempelby.ttl"


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
    exported = union(parsed)
    assert isomorphic(exported, union(exempelby_store.dataset()))
    description = dcat_description(latest_modified(exempelby_store), strategy_period(exempelby_store))
    assert len(description) and all(t in exported for t in description)


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


def test_write_atomic_gives_the_mode_the_umask_gives(tmp_path):
    """`samsyn report` writes through write_atomic: the same modes as an export (was 0600 always)."""
    previous = os.umask(0o022)
    try:
        write_atomic(tmp_path / "report.md", b"# report")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "report.md").stat().st_mode) == 0o644


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_same_bytes_from_every_store(exempelby_store, fmt):
    """The order comes from sorting, not from the store: rdflib's memory store gives the same bytes."""
    assert export(build([EXEMPELBY], "memory"), fmt) == export(exempelby_store, fmt)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_sorting_on_disk_gives_the_same_bytes(exempelby_store, fmt, monkeypatch):
    whole = export(exempelby_store, fmt)
    monkeypatch.setattr(exporting, "SORT_RUN_LINES", 50)  # runs of 50 lines, merged
    assert export(exempelby_store, fmt) == whole


def test_blank_nodes_get_canonical_labels(bundled_store):
    # the ontology's data cube structure holds blank nodes; their labels do not depend on the parse
    nt = export(bundled_store, "nt").decode()
    labels = {word for line in nt.splitlines() for word in line.split() if word.startswith("_:")}
    assert labels and all(label.startswith("_:c14n") for label in labels)
    assert export(build(None, "oxigraph"), "nt").decode() == nt


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_an_export_file_gets_the_mode_the_umask_gives(exempelby_store, tmp_path, umask, mode):
    previous = os.umask(umask)
    try:
        export_file(exempelby_store, "nt", tmp_path / "samsyn.nt")
    finally:
        os.umask(previous)
    assert (tmp_path / "samsyn.nt").stat().st_mode & 0o777 == mode


def test_an_export_replacing_a_file_keeps_its_mode(exempelby_store, tmp_path):
    target = tmp_path / "samsyn.ttl"
    target.write_bytes(b"old")
    target.chmod(0o444)
    export_file(exempelby_store, "turtle", target)
    assert target.stat().st_mode & 0o777 == 0o444
    assert target.read_bytes() == export(exempelby_store, "turtle")
    assert [p.name for p in tmp_path.iterdir()] == ["samsyn.ttl"]


def test_a_failed_export_leaves_the_previous_file(exempelby_store, tmp_path, monkeypatch):
    target = tmp_path / "samsyn.nt"
    target.write_bytes(b"old")

    def broken(*args):
        yield b"<a> <b> <c> .\n"
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(exporting, "_lines", broken)
    with pytest.raises(OSError):
        export_file(exempelby_store, "nt", target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["samsyn.nt"]


#: an export that writes its first line and then waits to be killed
SLOW_EXPORT = f"""
import sys, time
from samsyn.graph import exporting
from samsyn.graph.building import build

lines = exporting._lines
def slow(*args):
    for line in lines(*args):
        yield line
        time.sleep(60)
exporting._lines = slow
exporting.SORT_RUN_LINES = 1  # the first line goes to a run on disk, beside the file
exporting.export_file(build([{str(EXEMPELBY)!r}]), "nt", sys.argv[1])
"""


def test_what_a_killed_export_leaves_is_removed_by_the_next(exempelby_store, tmp_path):
    target = tmp_path / "samsyn.nt"
    killed = subprocess.Popen([sys.executable, "-c", SLOW_EXPORT, str(target)])
    try:
        deadline = time.monotonic() + 60
        while not any(tmp_path.glob(f"{SCRATCH_PREFIX}*/run-*")):
            assert killed.poll() is None and time.monotonic() < deadline, "the export did not start"
            time.sleep(0.05)
    finally:
        killed.send_signal(signal.SIGKILL)
        killed.wait()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(SCRATCH_PREFIX)], "the kill left nothing"
    export_file(exempelby_store, "nt", target)
    assert [p.name for p in tmp_path.iterdir()] == ["samsyn.nt"]


def test_an_export_running_beside_keeps_its_folder(exempelby_store, tmp_path):
    with exporting._scratch_folder(tmp_path) as running:
        export_file(exempelby_store, "nt", tmp_path / "samsyn.nt")
        assert running.is_dir()
    assert [p.name for p in tmp_path.iterdir()] == ["samsyn.nt"]


def test_json_ld_is_compacted_with_samsyns_context_and_holds_the_turtle_exports_triples(exempelby_store):
    import json

    data = export(exempelby_store, "json-ld")
    document = json.loads(data)
    assert document["@context"]["sam"] == "https://w3id.org/samsyn/ns#"
    assert document["@context"]["id"] == "https://w3id.org/samsyn/id/"
    nodes = [node for graph in document["@graph"] for node in graph["@graph"]]
    youth = next(n for n in nodes if n["@id"] == "id:eu2020/flagship/youth-on-the-move")
    assert "sam:Flagship" in (youth["@type"] if isinstance(youth["@type"], list) else [youth["@type"]])
    parsed = Dataset()
    parsed.parse(data=data, format="json-ld")
    turtle = Graph().parse(data=export(exempelby_store, "turtle"), format="turtle")
    assert isomorphic(union(parsed), turtle)
    assert {g.identifier for g in parsed.graphs() if len(g)} == set(exempelby_store.graph_names())
