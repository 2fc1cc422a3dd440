"""Building: one named graph per source; a failed load leaves the previous graph intact."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from samsyn.graph.building import build
from samsyn.graph.cli import main
from samsyn.graph.inference import DERIVED_GRAPHS
from samsyn.graph.namespaces import GRAPH
from samsyn.graph.sources import SourceError, all_sources, bundled_frameworks, strategy_sources

EXEMPELBY = Path(__file__).parent.parent / "fixtures" / "exempelby.ttl"


def test_one_named_graph_per_source():
    store = build([EXEMPELBY])
    assert set(store.graph_names()) == {GRAPH["ontology"], GRAPH["strategies/exempelby"],
                                        *(s.graph_iri for s in bundled_frameworks()), *DERIVED_GRAPHS}


def test_source_replaces_bundled_strategies_but_keeps_frameworks():
    names = [s.graph_iri for s in all_sources([EXEMPELBY])]
    assert GRAPH["strategies/exempelby"] in names
    assert all(not str(n).startswith(str(GRAPH["strategies/"])) or n == GRAPH["strategies/exempelby"] for n in names)


def test_a_folder_source_expands_to_its_rdf_files(tmp_path):
    shutil.copy(EXEMPELBY, tmp_path / "a.ttl")
    shutil.copy(EXEMPELBY, tmp_path / "b.ttl")
    (tmp_path / "notes.txt").write_text("not rdf")
    assert [s.path.name for s in strategy_sources([tmp_path])] == ["a.ttl", "b.ttl"]


def test_empty_folder_is_an_error(tmp_path):
    with pytest.raises(SourceError, match="no RDF files"):
        strategy_sources([tmp_path])


def test_failed_load_leaves_the_previous_graph(tmp_path):
    store = build([EXEMPELBY])
    before = len(store)
    good = tmp_path / "good.ttl"
    shutil.copy(EXEMPELBY, good)
    bad = tmp_path / "zz-bad.ttl"
    bad.write_text("@prefix x: <http://x/> .\nx:a x:b\n", encoding="utf-8")
    with pytest.raises(SourceError) as error:
        build([good, bad], store)
    assert error.value.line == 3 and error.value.path == str(bad)
    assert "Turtle syntax error at column 1: Unexpected end" in str(error.value)
    assert len(store) == before
    assert GRAPH["strategies/good"] not in store.graph_names()


def test_loading_twice_is_idempotent():
    store = build([EXEMPELBY])
    before = len(store)
    build([EXEMPELBY], store)
    assert len(store) == before


def test_non_utf8_source(tmp_path):
    bad = tmp_path / "latin1.ttl"
    bad.write_bytes("@prefix x: <http://x/> . x:a x:b \"Växjö\" .".encode("latin-1"))
    with pytest.raises(SourceError, match="not UTF-8"):
        build([bad])


def test_an_empty_strategy_file_is_refused(tmp_path):
    store = build([EXEMPELBY])
    before = len(store)
    empty = tmp_path / "empty.ttl"
    empty.write_text("@prefix sam: <https://w3id.org/samsyn/ns#> .\n# to be written\n", encoding="utf-8")
    with pytest.raises(SourceError, match="no triples in this file: samsyn refuses an empty source") as raised:
        build([EXEMPELBY, empty], store)
    assert raised.value.path == str(empty)
    assert len(store) == before
    result = CliRunner().invoke(main, ["build", "--store", "memory", "--source", str(empty)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [f"samsyn: error: {empty}: no triples in this file: samsyn refuses "
                                                  "an empty source; give the file its statements, or leave it out"]
