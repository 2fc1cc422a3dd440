"""Every backend holds the suggested alignments a build computes once on the in-memory Oxigraph
dataset: the same graph/suggested/lexical, read back the same (memory is the reference)."""

from __future__ import annotations

from pathlib import Path

from samsyn.graph.building import build
from samsyn.graph.inference import SUGGESTED_GRAPH
from samsyn.graph.text.suggested import read_suggestions

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "exempelby.ttl"


def test_every_backend_holds_the_same_suggestions(store_spec):
    reference = read_suggestions(build([FIXTURE], store="memory"))
    assert reference, "the fixture should give a suggestion"
    store = build([FIXTURE], store=store_spec)
    assert SUGGESTED_GRAPH in store.graph_names()
    assert read_suggestions(store) == reference


def test_without_suggestions_no_backend_holds_them(store_spec):
    store = build([FIXTURE], store=store_spec, suggestions=False)
    assert SUGGESTED_GRAPH not in store.graph_names() and read_suggestions(store) == []
