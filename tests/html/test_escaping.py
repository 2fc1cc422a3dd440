"""Labels, quotes and IRIs that carry markup come out as text on every page (tests/html/
fixtures/hostile.ttl). The browser test runs the same pages and watches for script."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest

ORG = "https://w3id.org/samsyn/id/hostile"
STRATEGY = "https://w3id.org/samsyn/id/hostile/strategy/x'onmouseover='window.__xss=1'"
PAGES = [
    "/", "/?lang=en", "/graph", "/graph?lang=en", "/validate", "/validate?lang=en",
    "/query?name=strategies", "/query?name=coverage&lang=en", "/downloads",
    "/id/hostile", "/id/hostile/goal/g1", "/id/hostile/goal/g1?lang=en", "/id/hostile/priority-area/p1",
    "/id/hostile/activity/a1", "/id/hostile/activity/a1?lang=en", "/id/hostile/unit/council",
    "/id/" + quote("hostile/strategy/x'onmouseover='window.__xss=1'"),
    "/sources/hostile", "/sources/hostile?q=" + quote("Citat <script>window.__xss='quote'</script>"),
    "/reach?organisation=" + quote(ORG) + "&concept=" + quote("https://w3id.org/samsyn/id/eu2020/flagship/youth-on-the-move"),
    "/query?query=" + quote("SELECT ?l WHERE { ?s rdfs:label ?l }"),
    "/query?query=" + quote("SELECT ?s WHERE { <script>alert(1)</script> }"),
]
#: markup that must never appear unescaped (the payloads' own tags and handlers)
RAW = re.compile(r"<(script|img|svg|iframe)[\s>/](?![^>]*src=\"/static/)(?![^>]*type=\"application/json\")|<b\s", re.I)


@pytest.mark.parametrize("page", PAGES)
def test_no_payload_is_markup(hostile, page):
    response = hostile.get(page)
    assert response.status_code in (200, 400), page
    html = response.data.decode()
    tags = [m.group(0) for m in RAW.finditer(html)]
    assert not tags, f"{page}: unescaped {tags}"
    for attribute in re.findall(r'\s(on\w+)=["\']', html):
        pytest.fail(f"{page}: an event handler attribute {attribute} reached the markup")
    # the JSON handed to scripts cannot close its <script> element
    for block in re.findall(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S):
        assert "<" not in block
        json.loads(block)


def test_the_payloads_are_shown_as_text(hostile):
    html = hostile.get("/?lang=sv").data.decode()
    assert "&lt;script&gt;window.__xss=&#39;org&#39;&lt;/script&gt;Elakby" in html
    entity = hostile.get("/id/hostile/goal/g1").data.decode()
    assert "Citat &lt;script&gt;window.__xss=&#39;quote&#39;&lt;/script&gt; &amp; &#34;mer&#34;" in entity


def test_an_iri_with_quotes_stays_inside_its_attribute(hostile):
    html = hostile.get("/").data.decode()
    assert "x&#39;onmouseover=&#39;window.__xss=1&#39;" in html
    assert "x'onmouseover" not in html


def test_graph_json_carries_text_not_markup(hostile):
    data = hostile.get("/graph.json").get_json()
    titles = [n["title"] for n in data["nodes"]]
    assert any("<img src=x onerror=" in t for t in titles)  # kept as data: vis-network shows titles as text


OVERVIEW_PAGES = ["/graph", "/graph?lang=en", "/graph?org=" + quote(ORG),
                  "/graph?concept=" + quote("https://w3id.org/samsyn/id/eusbsr/objective/save-the-sea"),
                  "/graph?lang=en&concept=" + quote("https://w3id.org/samsyn/id/eu2020/flagship/youth-on-the-move")]


@pytest.mark.parametrize("page", OVERVIEW_PAGES)
def test_the_aggregated_graph_page_shows_payloads_as_text(hostile_overview, page):
    """Cluster labels, the organisations' table, the breadcrumb and the concept heading."""
    response = hostile_overview.get(page)
    assert response.status_code == 200, page
    html = response.data.decode()
    tags = [m.group(0) for m in RAW.finditer(html)]
    assert not tags, f"{page}: unescaped {tags}"
    assert not re.findall(r'\s(on\w+)=["\']', html), page
    block = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block
    json.loads(block)


def test_the_aggregated_graph_shows_the_organisation_label_as_text(hostile_overview):
    html = hostile_overview.get("/graph?lang=sv").data.decode()
    assert 'id="graph-aggregated"' in html
    assert "&lt;script&gt;window.__xss=&#39;org&#39;&lt;/script&gt;Elakby" in html  # the organisations' table
    data = hostile_overview.get("/graph.json?lang=en").get_json()
    cluster = next(n for n in data["nodes"] if n["kind"] == "Organisation")
    assert cluster["fullLabel"].startswith("<img src=x onerror=")  # data; the page shows it as text
