"""The pages as a strategist gets them: what each shows, the language switch with its cookie,
labels falling back to the other language, and nothing loaded from elsewhere."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, quote, urlparse

import pytest

from samsyn.graph import named_queries

ROUTES = ["/", "/graph", "/validate", "/query", "/query?name=coverage", "/downloads",
          "/id/ronneby", "/id/ronneby/priority-area/unga-pa-vag", "/id/eu2020/flagship/youth-on-the-move",
          "/sources/ronneby", "/reach?organisation=" + quote("https://w3id.org/samsyn/id/ronneby")
          + "&concept=" + quote("https://w3id.org/samsyn/id/eu2020/flagship/youth-on-the-move")]


class Links(HTMLParser):
    """Every URL a page refers to, by tag and attribute."""

    def __init__(self):
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []
        self.cells: list[dict] = []
        self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src", "action", "srcset", "poster", "data"):
            if attrs.get(name):
                self.urls.append((tag, name, attrs[name]))
        if tag == "td" and "cell" in (attrs.get("class") or ""):
            self._cell = {"class": attrs["class"], "text": ""}
            self.cells.append(self._cell)

    def handle_endtag(self, tag):
        if tag == "td":
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data


def parse(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("route", ROUTES)
def test_every_page_renders_and_refers_only_to_this_server(client, route):
    response = client.get(route)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    for tag, attr, url in parse(response.data.decode()).urls:
        if tag == "a" and attr == "href":
            continue  # a link the reader may follow is not a request the page makes
        assert not urlparse(url).netloc, f"{route}: <{tag} {attr}={url}> loads from elsewhere"
    assert "cdn" not in response.data.decode().lower()


def test_home_shows_the_organisations_and_strategies(client):
    html = client.get("/?lang=sv").data.decode()
    for name in ("Hylte kommun", "Kungsbacka kommun", "Ronneby kommun", "Värmdö kommun", "Örebro läns landsting"):
        assert name in html
    assert "2013-09–2015" in html
    assert 'id="matrix-flagships"' in html and 'id="matrix-baltic"' in html


def test_matrix_cells_agree_with_the_coverage_query_and_link_to_their_lists(client, app):
    store = app.extensions["samsyn"].knowledge.store
    rows = list(named_queries.run(store, "coverage"))
    expected = {(str(r.organisation), str(r.concept)): int(r.goals) + int(r.priorityAreas) + int(r.activities) for r in rows}
    html = client.get("/").data.decode()
    cells = parse(html).cells
    links = [url for tag, attr, url in parse(html).urls if url.startswith("/reach?")]
    assert len(cells) == len(links) == len(expected)
    for cell, link in zip(cells, links):
        args = parse_qs(urlparse(link).query)
        key = (args["organisation"][0], args["concept"][0])
        total = expected.pop(key)
        if total == 0:
            assert "gap" in cell["class"]
        else:
            assert "hit" in cell["class"]
            assert cell["text"].strip().startswith(str(total))
        # the list behind the cell holds exactly what the cell counts
        listed = client.get(link.replace("/reach?", "/reach.json?")).get_json()
        assert len(listed["reaching"]) == total, link
    assert not expected


def test_gaps_are_marked_in_words_not_only_colour(client):
    html = client.get("/?lang=en").data.decode()
    assert html.count('class="cell gap"') > 0
    assert ">gap</span>" in html


def test_language_switch_is_remembered_in_a_cookie(client):
    english = client.get("/?lang=en")
    assert 'lang="en"' in english.data.decode() and "Overview" in english.data.decode()
    assert "samsyn_lang=en" in english.headers["Set-Cookie"]
    again = client.get("/graph")  # the test client keeps cookies
    assert 'lang="en"' in again.data.decode() and "Alignment graph" in again.data.decode()
    swedish = client.get("/graph?lang=sv")
    assert "Graf över kopplingarna" in swedish.data.decode()
    assert 'hreflang="en"' in swedish.data.decode()


def test_accept_language_decides_without_a_choice(app):
    fresh = app.test_client()
    assert 'lang="en"' in fresh.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).data.decode()
    assert 'lang="sv"' in fresh.get("/", headers={"Accept-Language": "sv-SE"}).data.decode()
    assert 'lang="sv"' in fresh.get("/").data.decode()


def test_labels_fall_back_to_the_other_language(hostile):
    # the hostile fixture's council has a Swedish label only, its priority area too
    page = hostile.get("/id/hostile/priority-area/p1?lang=en").data.decode()
    assert "Område &lt;iframe" in page
    data = hostile.get("/id/hostile/priority-area/p1.json?lang=en").get_json()
    assert data["label"].startswith("Område") and "en" not in data["labels"]


def test_entity_page_shows_quote_pages_trace_and_links(client):
    html = client.get("/id/ronneby/priority-area/unga-pa-vag?lang=sv").data.decode()
    assert "Unga på väg" in html
    assert "Unga på väg innebär att skapa så goda förutsättningar" in html
    assert "sidor 4, 5" in html
    assert "/sources/ronneby?q=" in html
    assert 'href="/id/eu2020/flagship/youth-on-the-move"' in html
    assert "Spår till ramverken" in html


def test_source_text_marks_the_quote_and_anchors_the_pages(client):
    quote_text = "Unga på väg innebär att skapa så goda förutsättningar"
    html = client.get("/sources/ronneby?q=" + quote(quote_text)).data.decode()
    assert re.search(r'<mark id="quote">Unga på väg innebär att skapa', html)
    assert 'id="page-4"' in html
    missing = client.get("/sources/ronneby?q=" + quote("ord som inte finns")).data.decode()
    assert "<mark" not in missing and "hittades inte" in missing


def test_concept_page_lists_what_reaches_it(client):
    html = client.get("/id/eu2020/flagship/youth-on-the-move?lang=en").data.decode()
    assert "What reaches this concept" in html
    assert "/id/ronneby/" in html


def test_validation_page_groups_by_severity_and_shape(client, app):
    from samsyn.shapes import validate

    report = validate(app.extensions["samsyn"].knowledge.store)
    html = client.get("/validate?lang=en").data.decode()
    for severity, shapes in report.grouped().items():
        assert f'id="sev-{severity}"' in html
        for findings in shapes.values():
            assert findings[0].name("en") in html.replace("&#39;", "'").replace("&amp;", "&")
            first = findings[0].focus_node
            if first.startswith("https://w3id.org/samsyn/id/"):
                assert 'href="/id/' + first.removeprefix("https://w3id.org/samsyn/id/") + '"' in html
    swedish = client.get("/validate?lang=sv").data.decode()
    assert "Kontroll av data" in swedish


def test_query_page_offers_the_saved_queries_and_runs_one(client):
    html = client.get("/query?lang=en").data.decode()
    for name in ("coverage", "gaps", "activities-without-owner", "trace"):
        assert f'href="/query?name={name}"' in html
    ran = client.get("/query?name=activities-without-owner&lang=en").data.decode()
    assert 'id="results-table"' in ran
    assert 'id="permalink"' in ran and 'id="download-csv"' in ran and 'id="download-json"' in ran
    assert "vendor/codemirror/codemirror.js" in ran


def test_query_permalink_reruns_the_query(client):
    text = "SELECT ?org WHERE { ?s sam:issuedBy ?org } ORDER BY ?org"
    html = client.get("/query?query=" + quote(text)).data.decode()
    permalink = re.search(r'id="permalink"|href="([^"]+)" id="permalink"', html)
    link = re.search(r'<a href="([^"]+)" id="permalink">', html).group(1).replace("&amp;", "&")
    again = client.get(link).data.decode()
    assert again.count("/id/ronneby\"") == html.count("/id/ronneby\"") > 0
    assert permalink


def test_query_page_shows_errors_and_the_cap(exempelby):
    bad = exempelby.get("/query?query=" + quote("SELECT ?s WHERE {"))
    assert bad.status_code == 400 and 'id="query-error"' in bad.data.decode()
    capped = exempelby.get("/query?lang=en&query=" + quote("SELECT * WHERE { ?s ?p ?o }")).data.decode()
    assert 'id="capped"' in capped and "first 5 rows" in capped


def test_graph_page_passes_its_data_as_json_and_has_a_legend(client):
    html = client.get("/graph?lang=en").data.decode()
    assert '<script type="application/json" id="graph-data">' in html
    assert 'id="legend"' in html and "Priority area" in html
    assert "vendor/vis-network/vis-network.min.js" in html


def test_graph_filters(client):
    everything = client.get("/graph.json").get_json()
    ronneby = client.get("/graph.json?org=" + quote("https://w3id.org/samsyn/id/ronneby")).get_json()
    strategy_nodes = [n for n in ronneby["nodes"] if n["kind"] in ("Activity", "PriorityArea", "Goal")]
    assert strategy_nodes and all(n["organisation"] == "https://w3id.org/samsyn/id/ronneby" for n in strategy_nodes)
    assert len(ronneby["nodes"]) < len(everything["nodes"])
    eusbsr = client.get("/graph.json?framework=" + quote("https://w3id.org/samsyn/id/eusbsr")).get_json()
    concepts = [n for n in eusbsr["nodes"] if n["kind"] not in ("Activity", "PriorityArea", "Goal")]
    assert concepts and all(n["framework"] == "https://w3id.org/samsyn/id/eusbsr" for n in concepts)
    ids = {n["id"] for n in eusbsr["nodes"]}
    assert all(e["from"] in ids and e["to"] in ids for e in eusbsr["edges"])


def test_graph_layout_is_layered_and_physics_is_off(client):
    data = client.get("/graph.json").get_json()
    assert data["options"]["physics"]["enabled"] is False
    x = {n["kind"]: n["x"] for n in data["nodes"]}
    assert x["Activity"] < x["PriorityArea"] < x["Goal"] < x["Flagship"] < x["GrowthPriority"]
    positions = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(positions) == len(data["nodes"]), "two nodes on the same spot"
    assert data == client.get("/graph.json").get_json(), "the layout is not stable"


def test_unknown_pages_are_404_pages(client):
    response = client.get("/no/such/page?lang=en")
    assert response.status_code == 404 and "Page not found" in response.data.decode()
