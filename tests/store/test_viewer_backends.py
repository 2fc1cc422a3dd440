"""The viewer and the analysis give the same answers on every backend: the look-up queries the
viewer reads the store with, the traceability graph, the counts, and every page's JSON twin,
each compared with rdflib's memory store."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

import networkx as nx
import pytest
from rdflib import URIRef

from samsyn.graph.building import build
from samsyn.graph.named_queries import load_lookup, lookup
from samsyn.graph.statistics import stats
from samsyn.graph.store import StoreSpec, new_store
from samsyn.graph.traceability import traceability_graph
from samsyn.viewer import create_app

# every look-up and page twin on every backend
pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "exempelby.ttl"
EX = "https://w3id.org/samsyn/id/exempelby"
ACTIVITY = f"{EX}/activity/ungdomsutbyte"
FLAGSHIP = "https://w3id.org/samsyn/id/eu2020/flagship/youth-on-the-move"
LOOKUPS = sorted(p.name[:-3] for p in (files("samsyn.graph") / "queries" / "lookup").iterdir() if p.name.endswith(".rq"))
PAGES = ["/index.json", "/graph.json", f"/graph.json?org={EX}", f"/graph.json?concept={FLAGSHIP}",
         "/validate.json", "/downloads.json", "/id/exempelby/activity/ungdomsutbyte.json",
         "/id/eu2020/flagship/youth-on-the-move.json", f"/reach.json?organisation={EX}&concept={FLAGSHIP}"]


def answer(store, name: str, resource: str) -> object:
    params = {param.name: URIRef(resource) for param in load_lookup(name).params}
    result = lookup(store, name, **params)
    if result.type == "ASK":
        return result.askAnswer
    if result.type == "CONSTRUCT":
        return sorted(tuple(map(str, t)) for t in result.graph)
    return sorted(tuple("" if v is None else str(v) for v in row) for row in result)


@cache
def reference_store():
    return build([FIXTURE], store="memory")


@cache
def reference_pages() -> dict[str, object]:
    app = create_app({"SOURCES": [str(FIXTURE)], "STORE": "memory", "WARM": False})
    try:
        client = app.test_client()
        return {path: client.get(path, headers={"Accept-Language": "en"}).get_json() for path in PAGES}
    finally:
        app.extensions["samsyn"].close()


@pytest.mark.parametrize("resource", [ACTIVITY, FLAGSHIP, EX])
def test_every_lookup_gives_the_same_answer(store_spec, resource):
    store = build([FIXTURE], store=store_spec)
    for name in LOOKUPS:
        assert answer(store, name, resource) == answer(reference_store(), name, resource), f"{name} on {store_spec}"


def test_traceability_graph_and_counts_are_the_same(store_spec):
    store = build([FIXTURE], store=store_spec)
    got, expected = traceability_graph(store), traceability_graph(reference_store())
    assert nx.utils.graphs_equal(got, expected)
    assert got.number_of_nodes() > 10
    assert stats(store) == stats(reference_store())


def test_every_page_twin_is_the_same(store_spec):
    if new_store(store_spec).persistent:  # the viewer reads it as `samsyn build` left it
        build([FIXTURE], store=store_spec)
        app = create_app({"STORE": store_spec, "WARM": False})
    else:
        app = create_app({"SOURCES": [str(FIXTURE)], "STORE": store_spec, "WARM": False})
    assert app.extensions["samsyn"].knowledge.store.spec == StoreSpec.parse(store_spec)
    try:
        client = app.test_client()
        for path in PAGES:
            response = client.get(path, headers={"Accept-Language": "en"})
            assert response.status_code == 200, path
            assert response.get_json() == reference_pages()[path], f"{path} on {store_spec}"
    finally:
        app.extensions["samsyn"].close()
