"""/id/ORG/periods and its JSON twin on the example pair (Hylte's guidelines and the invented
revision in examples/): the banner, the same data as `samsyn compare`, both languages, a chosen
pair, links from the organisation and follow-up pages; 404s; the bundled data has no pair."""

from __future__ import annotations

from pathlib import Path

import pytest

from samsyn.graph.building import build
from samsyn.viewer.comparison import comparison_data

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "graph" / "data" / "strategies" / "hylte.ttl",
           ROOT / "examples" / "hylte-internationell-strategi-2016-2020.ttl"]
HYLTE = "https://w3id.org/samsyn/id/hylte"
OLD = f"{HYLTE}/strategy/riktlinjer-for-internationellt-arbete"
NEW = f"{HYLTE}/strategy/internationell-strategi-2016-2020"


@pytest.fixture(scope="module")
def store():
    return build(SOURCES)


@pytest.fixture(scope="module")
def example(make_app, store):
    return make_app(store, SOURCES).test_client()


def test_json_twin_is_the_commands_data(example, store):
    response = example.get("/id/hylte/periods.json?lang=en")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Link"].startswith("</id/hylte/periods?lang=en>")
    assert response.get_json() == comparison_data(store, HYLTE, lang="en")


def test_page_with_banner_and_sections(example):
    response = example.get("/id/hylte/periods?lang=en")
    assert response.status_code == 200
    assert response.headers["Link"].startswith("</id/hylte/periods.json?lang=en>")
    html = response.get_data(as_text=True)
    assert 'id="example-banner"' in html and "Example data:" in html
    assert html.count('<tr class="kept') == 3 and html.count('<tr class="kept suggested"') == 1
    assert "Understanding and integration" in html.split('id="dropped"')[1].split("</section>")[0]
    assert 'id="coverage-after"' in html and "5 of 22 flagships" in html
    assert html.count("<tr data-concept=") == 22


def test_page_in_swedish(example):
    html = example.get("/id/hylte/periods?lang=sv").get_data(as_text=True)
    assert "Strategiperioder jämförda: Hylte kommun" in html and "Exempeldata:" in html
    assert "Behållna mål och prioriterade områden" in html and "Goals and priority areas kept" not in html


def test_a_chosen_pair(example):
    data = example.get(f"/id/hylte/periods.json?before={NEW}&after={OLD}").get_json()
    assert (data["before"]["iri"], data["after"]["iri"]) == (NEW, OLD)
    assert [e["iri"].rsplit("/", 1)[-1] for e in data["added"]] == ["forstaelse-och-integration"]
    assert example.get("/id/hylte/periods?before=https://example.org/x&after=" + OLD).status_code == 404


def test_example_entities_pages_say_so(example, store):
    for path in ("/id/hylte/goal/mervarden-for-invanare-och-naringsliv", "/id/hylte/strategy/internationell-strategi-2016-2020"):
        html = example.get(path + "?lang=en").get_data(as_text=True)
        assert 'id="example-banner"' in html and "Example data:" in html
    assert 'id="example-banner"' not in example.get("/id/hylte/goal/mervarden").get_data(as_text=True)
    assert example.get("/id/hylte/goal/mervarden-for-invanare-och-naringsliv.json").get_json()["example"] is True


def test_links_from_the_organisation_and_follow_up_pages(example):
    assert 'href="/id/hylte/periods" id="periods-link"' in example.get("/id/hylte").get_data(as_text=True)
    assert 'id="periods-link"' in example.get("/id/hylte/follow-up/2017").get_data(as_text=True)


def test_unknown_organisation_and_bundled_data(example, client):
    assert example.get("/id/nowhere/periods").status_code == 404
    html = client.get("/id/hylte/periods").get_data(as_text=True)
    assert 'id="no-periods"' in html and 'id="example-banner"' not in html
    assert client.get("/id/hylte/periods.json").get_json()["pairs"] == []
    assert 'id="periods-link"' not in client.get("/id/hylte").get_data(as_text=True)


@pytest.mark.parametrize("path", ["/", "/graph", "/search?q=utbyte", "/query", "/validate", "/vocabulary"])
def test_every_page_says_the_site_holds_example_data(example, client, path):
    page = example.get(path + ("&" if "?" in path else "?") + "lang=en").data.decode()
    assert 'id="example-data-notice"' in page and "invented facts that no document states" in page
    assert 'id="example-data-notice"' not in client.get(path).data.decode()  # the bundled data holds none
