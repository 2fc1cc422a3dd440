"""Requests a careless or hostile client sends get a 4xx, never a 500, and nothing the client
chose grows without bound: malformed entity IRIs, a 250 KB path, and thousands of distinct graph
selections against a cache bounded in bytes (counted at /status.json)."""

from __future__ import annotations

from itertools import combinations

import pytest

LONG = "x" * 250_000


@pytest.mark.parametrize("path", ["/id/a%20b", "/id/%FF", "/id/ronneby%00.ttl", "/id/ronneby%0A", "/id/a%3Cb%3E",
                                  "/id/%E2%80%AE", "/id/a%25zz", "/id/[x]", "/id/%EF%BF%BD.json"])
def test_a_malformed_entity_iri_is_404(client, path):
    response = client.get(path)
    assert response.status_code == 404, response.get_data(as_text=True)[:500]


def test_an_entity_still_answers(client):
    assert client.get("/id/ronneby").status_code == 200
    assert client.get("/id/ronneby.ttl").status_code == 200


@pytest.mark.parametrize("path", [f"/id/{LONG}", f"/nothing/{LONG}", f"/id/{LONG}.json"])
def test_an_error_page_does_not_repeat_a_long_path(client, path):
    response = client.get(path)
    body = response.get_data(as_text=True)
    assert response.status_code == 404
    assert len(body) < 20_000, f"the 404 page is {len(body):,} characters for a {len(path):,}-character path"
    assert "x" * 1000 not in body


def test_the_status_counts_the_caches_and_the_queries(client):
    client.get("/")
    status = client.get("/status.json")
    assert status.status_code == 200 and status.headers["Cache-Control"] == "no-store"
    data = status.get_json()
    kept = data["caches"]["kept"]
    assert kept["entries"] >= 1 and 0 < kept["bytes"] <= kept["limit"]
    assert {"running", "waiting", "workers", "queue", "perClient", "answered"} <= set(data["queries"])
    assert data["memory"]["residentBytes"] > 0


@pytest.fixture(scope="module")
def small_cache(make_app, bundled_store):
    """The graph page with room for a few selections only."""
    return make_app(bundled_store, CACHE_BYTES=400_000)


def test_graph_selections_are_kept_within_the_cache_bytes(small_cache):
    client = small_cache.test_client()
    filters = client.get("/graph.json").get_json()["filters"]
    organisations = [o["iri"] for o in filters["organisations"]]
    frameworks = [f["iri"] for f in filters["frameworks"]]
    selections = [{"org": list(orgs), "framework": list(fws)}
                  for size in (1, 2) for orgs in combinations(organisations, size)
                  for fws in [(), *combinations(frameworks, 1)]]
    assert len(selections) > 20
    sizes = []
    for selection in selections:
        response = client.get("/graph.json", query_string=selection)
        assert response.status_code == 200
        sizes.append(len(response.data))
        kept = small_cache.extensions["samsyn"].knowledge.status()["kept"]
        assert kept["bytes"] <= kept["limit"] == 400_000
    assert sum(sizes) > 2 * 400_000, "the selections should not all fit: make the cache smaller"
    kept = client.get("/status.json").get_json()["caches"]["kept"]
    assert kept["dropped"] > 0 and kept["entries"] < len(selections)
    # the latest selection is still kept: asking again is a hit
    client.get("/graph.json", query_string=selections[-1])
    assert client.get("/status.json").get_json()["caches"]["kept"]["hits"] == kept["hits"] + 1
