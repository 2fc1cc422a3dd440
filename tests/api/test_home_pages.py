"""The home page at scale: organisations in pages, every row counting all of them, bodies cached."""

from __future__ import annotations

import pytest

from samsyn.graph import named_queries as query

PER_PAGE = 15


@pytest.fixture(scope="module")
def paged(make_app, synth_store, synth_path):
    return make_app(synth_store, [synth_path], HOME_PAGE_SIZE=PER_PAGE)


def rows_of(matrix: dict) -> list[dict]:
    return [row for part in ("flagships", "baltic") for row in matrix[part] if not row["heading"]]


def test_pages_cover_every_organisation_once_in_label_order(paged):
    client = paged.test_client()
    first = client.get("/index.json").get_json()
    pagination = first["pagination"]
    assert pagination["organisations"] == 40 and pagination["pages"] == 3 and pagination["perPage"] == PER_PAGE
    seen = []
    for number in range(1, 4):
        data = client.get(f"/index.json?page={number}").get_json()
        assert data["pagination"]["page"] == number
        labels = [o["label"] for o in data["organisations"]]
        assert [c["iri"] for c in data["coverage"]["organisations"]] == [o["iri"] for o in data["organisations"]]
        for row in rows_of(data["coverage"]):
            assert [c["organisation"] for c in row["cells"]] == [o["iri"] for o in data["organisations"]]
        seen += labels
    assert len(seen) == 40 == len(set(seen))
    assert seen == sorted(seen, key=str.casefold)
    assert first["pagination"]["next"] == "/?page=2" and first["pagination"]["previous"] is None


def test_each_row_counts_the_organisations_that_reach_it_across_all_pages(paged):
    store = paged.extensions["samsyn"].knowledge.store
    reaching: dict[str, set[str]] = {}
    organisations = set()
    for row in query.run(store, "coverage"):
        organisations.add(str(row.organisation))
        if int(row.goals) + int(row.priorityAreas) + int(row.activities):
            reaching.setdefault(str(row.concept), set()).add(str(row.organisation))
    data = paged.test_client().get("/index.json?page=2").get_json()
    rows = rows_of(data["coverage"])
    assert rows
    for row in rows:
        assert row["of"] == len(organisations) == 40
        assert row["reachedBy"] == len(reaching.get(row["iri"], ())), row["iri"]
    assert any(0 < row["reachedBy"] < 40 for row in rows)


@pytest.mark.parametrize("page", ["0", "4", "two", "-1"])
def test_a_page_that_does_not_exist_is_404(paged, page):
    response = paged.test_client().get(f"/index.json?page={page}")
    assert response.status_code == 404
    assert "pages run from 1 to 3" in response.get_json()["message"]


def test_the_pager_links_pages_and_the_body_is_served_from_the_cache(paged):
    client = paged.test_client()
    html = client.get("/?page=2&lang=en").get_data(as_text=True)
    assert 'rel="prev" href="/?lang=en"' in html and 'rel="next" href="/?page=3&amp;lang=en"' in html
    assert "Organisations 16–30 of 40" in html
    kept = paged.extensions["samsyn"].knowledge.status()["kept"]
    assert client.get("/?page=2&lang=en").get_data(as_text=True) == html
    again = paged.extensions["samsyn"].knowledge.status()["kept"]
    assert again["hits"] == kept["hits"] + 1 and again["entries"] == kept["entries"]


def test_five_strategies_fit_one_page_without_a_pager(client):
    data = client.get("/index.json").get_json()
    assert data["pagination"]["pages"] == 1 and data["pagination"]["next"] is None
    assert 'class="pager"' not in client.get("/").get_data(as_text=True)
