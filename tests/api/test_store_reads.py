"""The viewer reads the store with queries: no page copies the whole graph into rdflib (at 3,110
organisations that copy took 4 GB)."""

from __future__ import annotations

from samsyn.viewer import create_app


def test_pages_leave_the_store_uncopied():
    from tests.conftest import FIXTURES
    app = create_app({"SOURCES": [str(FIXTURES / "exempelby.ttl")], "WARM": False})
    store = app.extensions["samsyn"].knowledge.store
    assert type(store).__name__ == "OxigraphStore"
    client = app.test_client()
    paths = ["/", "/index.json", "/graph", "/graph.json", "/validate", "/downloads", "/downloads.json",
             "/id/exempelby/activity/ungdomsutbyte", "/id/exempelby/activity/ungdomsutbyte.ttl",
             "/id/eu2020/flagship/youth-on-the-move", "/downloads/dcat.ttl",
             "/reach?organisation=https://w3id.org/samsyn/id/exempelby"
             "&concept=https://w3id.org/samsyn/id/eu2020/flagship/youth-on-the-move"]
    for path in paths:
        assert client.get(path).status_code == 200, path
    assert store._h.dataset is None
    app.extensions["samsyn"].close()
