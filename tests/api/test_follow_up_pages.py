"""/id/ORG/follow-up/YEAR and its JSON twin on the example action plan: the banner, the charts
made on the server, the same numbers as the report; an unknown organisation is a 404."""

from __future__ import annotations

from pathlib import Path

import pytest

from samsyn.graph.building import build
from samsyn.graph.workbook import read_workbook

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def example(make_app, tmp_path_factory):
    path = tmp_path_factory.mktemp("example") / "ronneby-handlingsplan-2014.ttl"
    read_workbook(ROOT / "examples" / "ronneby-handlingsplan-2014.xlsx").serialize(path, format="turtle")
    return make_app(build([path]), [path]).test_client()


def test_page_with_banner_and_charts(example):
    response = example.get("/id/ronneby/follow-up/2015")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'id="example-banner"' in html and "Exempeldata" in html and "Uppföljning 2015: Ronneby kommun" in html
    assert html.count('<svg class="target-chart"') == 3
    assert "Uppföljningen sker skriftligen och muntligt." in html
    assert response.headers["Link"].startswith("</id/ronneby/follow-up/2015.json>")


def test_json_twin(example):
    data = example.get("/id/ronneby/follow-up/2015.json").get_json()
    assert data["example"] is True and len(data["findings"]) == 14
    pupils = next(t for t in data["targets"] if t["iri"].endswith("/elever-i-utbyte"))
    assert (pupils["baseline"], pupils["target"], pupils["outcome"]) == (12, 40, 31)
    assert [p["year"] for p in pupils["chart"]["points"]] == [2014, 2015]


def test_unknown_organisation(example):
    assert example.get("/id/nowhere/follow-up/2015").status_code == 404


def test_bundled_page_has_no_banner(client):
    html = client.get("/id/ronneby/follow-up/2014").get_data(as_text=True)
    assert "example-banner" not in html and "Uppföljning 2014" in html


def test_page_follows_the_language_switch(example):
    english = example.get("/id/ronneby/follow-up/2015?lang=en").get_data(as_text=True)
    swedish = example.get("/id/ronneby/follow-up/2015?lang=sv").get_data(as_text=True)
    assert "Follow-up 2015: Ronneby Municipality" in english and "Example data:" in english
    assert "<h2 id=\"targets\">Targets</h2>" in english and "<h2 id=\"targets\">Mätbara mål</h2>" in swedish
    assert "Compared with the year before" in english and "Jämfört med året före" in swedish
    assert "Compared with the year before" not in swedish
