"""The search page and its JSON twin, the search box on every page, and suggested alignments in the
viewer: on entity pages, on the graph page behind a switch, beside the coverage matrix, and at
/suggestions; always apart from what the documents state, never in a coverage count or a gap."""

from __future__ import annotations

import csv
import html as htmllib
import io
import json
import re
from pathlib import Path
from urllib.parse import quote, urlencode, urlparse

import pytest
from rdflib import Graph

from samsyn.graph.building import build
from samsyn.graph.namespaces import ID, RDF, SAM
from samsyn.graph.text.analysis import fold
from samsyn.graph.text.suggest import THRESHOLD

HOSTILE = Path(__file__).parents[1] / "html" / "fixtures" / "hostile.ttl"
RONNEBY = str(ID["ronneby"])
UNGA = str(ID["ronneby/priority-area/unga-pa-vag"])
TRANSPORT = str(ID["eusbsr/sub-objective/good-transport-conditions"])
YOUTH = str(ID["eu2020/flagship/youth-on-the-move"])


def search(client, query: str, **params) -> dict:
    response = client.get("/search.json?" + urlencode({"q": query, **params}))
    assert response.status_code == 200, response.data[:300]
    return response.get_json()


def marked(hit: dict) -> list[str]:
    return [hit["snippet"][a:b] for a, b in hit["highlights"]]


# --- the search page ----------------------------------------------------------------------------

@pytest.mark.parametrize("query, entity, word", [
    ("vänort", "hylte/activity/vanortsutbyte", "Vänortsutbyte"),
    ("utbyte", "hylte/activity/vanortsutbyte", "Vänortsutbyte"),
    ("ungdomsutbyte", "varmdo/activity/utbyte-mellan-barn-och-ungdomar", "Utbyte"),
    ("Ostersjon", "varmdo/priority-area/ostersjosamarbete-batliv-och-turism", "Östersjösamarbete"),
])
def test_the_swedish_cases_from_the_box(client, query, entity, word):
    found = {hit["iri"]: hit for hit in search(client, query)["hits"]}
    hit = found[str(ID[entity])]
    assert word in marked(hit)
    assert hit["page"] == "/id/" + entity
    # the page marks the same words, escaped, in the hit that links to the entity
    page = client.get("/search?" + urlencode({"q": query})).data.decode()
    item = re.search(r'<li class="hit[^"]*" data-iri="' + re.escape(str(ID[entity])) + r'">(.*?)</li>', page, re.S)
    assert item, f"no hit for {entity} on the page"
    assert f'href="/id/{entity}"' in item.group(1)
    assert f"<mark>{word}</mark>" in item.group(1)


def test_the_twin_and_the_page_point_at_each_other(client):
    page = client.get("/search?q=utbyte")
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert page.headers["Link"] == '</search.json?q=utbyte>; rel="alternate"; type="application/json"'
    twin = client.get("/search?q=utbyte", headers={"Accept": "application/json"})
    assert twin.mimetype == "application/json" and twin.get_json()["query"] == "utbyte"
    assert client.get("/search.json?q=utbyte").headers["Link"] == '</search?q=utbyte>; rel="alternate"; type="text/html"'


def test_every_highlight_marks_a_word_of_the_query(client):
    data = search(client, "Östersjön", limit=50)
    assert data["hits"] and data["limit"] == 50
    for hit in data["hits"]:
        assert hit["highlights"], hit
        assert all(fold(w).startswith("ostersjo") for w in marked(hit)), hit
        assert [a for a, _ in hit["highlights"]] == sorted(a for a, _ in hit["highlights"])


def test_source_text_hits_link_to_their_line(client):
    hits = [h for h in search(client, "vänortssamarbete", limit=60)["hits"] if h["field"] == "source"]
    assert hits, "no hit in a source text"
    for hit in hits:
        assert hit["source"] == f"/sources/{hit['document']}#line-{hit['line']}"
        page = client.get(hit["source"].split("#")[0]).data.decode()
        line = re.search(rf'<span class="line" id="line-{hit["line"]}">(.*?)</span>\n', page, re.S)
        assert line and htmllib.escape(hit["snippet"].strip("…")[:30], quote=False) in line.group(1)


def test_entity_hits_link_to_their_quote_in_the_source_text(client):
    hits = [h for h in search(client, "omvärldsbevakning", limit=40)["hits"] if h["field"] == "quote" and h["source"]]
    assert hits
    for hit in hits:
        link = urlparse(hit["source"])
        assert link.fragment == "quote"
        assert client.get(f"{link.path}.json?{link.query}").get_json()["found"] is True, hit["source"]


def test_a_quote_several_entities_share_is_listed_once_naming_them_all(client):
    hits = search(client, "utbyte")["hits"]
    shared = [h for h in hits if h["field"] == "quote" and h["snippet"].startswith("Nyckelområden")]
    assert len(shared) >= 3  # the twin keeps every hit
    page = client.get("/search?q=utbyte").data.decode()
    assert page.count("Nyckelområden och möjliga utvecklingsområden") == 1
    item = re.search(r'<li class="hit[^"]*" data-iri="' + re.escape(shared[0]["iri"]) + r'">(.*?)</li>', page, re.S)
    also = re.findall(r'<a href="([^"]+)" data-iri="([^"]+)">', item.group(1))
    assert [iri for _, iri in also] == [h["iri"] for h in shared[1:]]
    assert all(href == h["page"] for (href, _), h in zip(also, shared[1:]))


def test_an_empty_search_offers_examples(client):
    page = client.get("/search").data.decode()
    assert 'id="search-form"' in page and "/search?q=v%C3%A4nort" in page
    assert search(client, "")["hits"] == []


def test_nothing_found_says_so(client):
    page = client.get("/search?q=qwxzzy").data.decode()
    assert 'id="search-none"' in page and "qwxzzy" in page


@pytest.mark.parametrize("params, status", [
    ({"q": "ord " * 100}, 400), ({"q": "vänort", "limit": "0"}, 400), ({"q": "vänort", "limit": "x"}, 400),
    ({"q": "vänort", "limit": "201"}, 400), ({"q": "vänort", "limit": "200"}, 200),
])
def test_bad_parameters_are_refused_with_a_reason(client, params, status):
    response = client.get("/search.json?" + urlencode(params))
    assert response.status_code == status
    if status == 400:
        assert response.get_json()["message"]


@pytest.mark.parametrize("path", ["/", "/graph", "/validate", "/query", "/downloads", "/id/ronneby", "/search",
                                  "/suggestions", "/sources/ronneby", "/reach?organisation=" + quote(RONNEBY) +
                                  "&concept=" + quote(YOUTH), "/nowhere"])
def test_every_page_has_the_search_box(client, path):
    page = client.get(path).data.decode()
    form = re.search(r'<form class="search-box" role="search" action="/search" method="get" id="header-search">(.*?)</form>',
                     page, re.S)
    assert form and 'name="q"' in form.group(1)


def test_the_box_keeps_the_query_on_the_results_page_only(client):
    assert 'id="header-q" name="q" value="vänort"' in client.get("/search?q=v%C3%A4nort").data.decode()
    # /sources takes q (a quote) too: it is not a search
    assert 'id="header-q" name="q" value=""' in client.get("/sources/ronneby?q=Unga").data.decode()


# --- hostile labels found by search ---------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile(make_app):
    return make_app(build([HOSTILE]), [HOSTILE]).test_client()


RAW = re.compile(r"<(script|img|svg|iframe)[\s>/](?![^>]*src=\"/static/)|<b\s", re.I)


@pytest.mark.parametrize("query", ["Elakby", "script", "Evilton", "onerror", "bold", "Citat", "klick"])
def test_a_hostile_label_found_by_search_is_text(hostile, query):
    page = hostile.get("/search?" + urlencode({"q": query, "lang": "en"})).data.decode()
    assert 'id="hits"' in page, f"nothing found for {query}"
    assert not RAW.findall(page), RAW.findall(page)
    assert not re.findall(r'\s(on\w+)=["\']', page)


def test_a_hostile_label_is_marked_as_escaped_text(hostile):
    page = hostile.get("/search?q=Elakby&lang=sv").data.decode()
    assert '<span class="text" lang="sv">&lt;script&gt;window.__xss=&#39;org&#39;&lt;/script&gt;<mark>Elakby</mark></span>' \
        in page
    data = hostile.get("/search.json?q=Elakby").get_json()
    assert any(h["snippet"].startswith("<script>") for h in data["hits"])  # JSON keeps the text as it is


# --- suggestions on entity pages -------------------------------------------------------------------

def test_an_entity_page_shows_its_suggestions_apart_and_marked(client):
    data = client.get("/id/ronneby/priority-area/unga-pa-vag.json?lang=sv").get_json()["suggested"]
    assert data["direction"] == "concept" and data["method"] == "lexical" and data["threshold"] == THRESHOLD
    by_concept = {item["concept"]["iri"]: item for item in data["items"]}
    assert by_concept[YOUTH]["stated"] is True  # the document's table says so too
    transport = by_concept[TRANSPORT]
    assert transport["stated"] is False and THRESHOLD <= transport["score"] <= 1 and transport["evidence"]
    assert transport["workbook"] == "/suggestions/workbook.xlsx?" + urlencode(
        {"entity": str(ID["ronneby/priority-area/unga-pa-vag"]), "concept": TRANSPORT, "lang": "sv"})
    triple = Graph().parse(data=transport["turtle"], format="turtle")
    assert set(triple) == {(ID["ronneby/priority-area/unga-pa-vag"], SAM.alignsWith, ID[TRANSPORT[len(str(ID)):]])}
    assert "workbook" not in by_concept[YOUTH]

    page = client.get("/id/ronneby/priority-area/unga-pa-vag?lang=sv").data.decode()
    section = re.search(r'<section class="suggested" id="suggested".*?</section>', page, re.S).group(0)
    assert "Föreslagna kopplingar" in section and "Suggested alignments" in section
    assert "föreslaget, inte uttalat i dokumentet" in section
    assert "står också i dokumentet" in section and "Hämta arbetsboken med kopplingen" in section
    # apart: the stated links come before, in their own sections, and say nothing of suggestions
    before = page[: page.index('<section class="suggested"')]
    assert "Spår till ramverken" in before and "föreslag" not in before.casefold()


def test_english_pages_take_the_english_words(client):
    page = client.get("/id/ronneby/priority-area/unga-pa-vag?lang=en").data.decode()
    assert "suggested, not stated in the document" in page and "Download the workbook with this alignment" in page
    assert "/suggestions/workbook.xlsx?" in page and "lang=en" in page


def test_a_concept_page_lists_what_its_text_is_suggested_for(client):
    data = client.get("/id/eusbsr/sub-objective/good-transport-conditions.json").get_json()["suggested"]
    assert data["direction"] == "entity"
    assert UNGA in [item["entity"]["iri"] for item in data["items"]]
    assert all(item["organisation"] for item in data["items"])


def test_an_entity_without_suggestions_has_no_section(client):
    assert client.get("/id/ronneby.json").get_json()["suggested"] is None
    assert 'id="suggested"' not in client.get("/id/ronneby").data.decode()


# --- the coverage matrix's layer --------------------------------------------------------------------

def _cell_totals(page: str) -> list[str]:
    return re.findall(r'<td class="cell (?:gap|hit[^"]*)"><a [^>]*>(?:<span class="total">(\d+)</span>|<span class="gap-mark")',
                      page)


def test_coverage_rows_are_identical_with_the_layer_on(client):
    off = client.get("/index.json").get_json()
    on = client.get("/index.json?suggested=1").get_json()
    assert "suggested" not in off
    assert on["coverage"] == off["coverage"]
    layer = on["suggested"]
    assert layer["cells"][TRANSPORT][RONNEBY] == {"goals": 4, "priorityAreas": 4, "activities": 1, "total": 9}
    # what a layer cell counts is not in the asserted cell
    row = next(r for r in off["coverage"]["baltic"] if r.get("iri") == TRANSPORT)
    assert next(c for c in row["cells"] if c["organisation"] == RONNEBY)["total"] == 0
    # the HTML: the same asserted numbers and gaps, the layer beside them
    html_off, html_on = client.get("/").data.decode(), client.get("/?suggested=1").data.decode()
    assert _cell_totals(html_on) == _cell_totals(html_off) and len(_cell_totals(html_off)) > 20
    assert html_off.count('class="suggested-add"') == 0 and html_on.count('class="suggested-add"') >= 1
    assert 'name="suggested" value="1" id="show-suggested" data-autosubmit>' in html_off  # off by default
    assert 'data-autosubmit checked>' in html_on


def test_the_gaps_and_the_coverage_query_ignore_suggestions(bundled_store, app):
    from samsyn.graph import coverage, gaps

    before = (coverage(bundled_store), gaps(bundled_store))
    app.test_client().get("/index.json?suggested=1")  # computes the suggestions and their layer
    assert (coverage(bundled_store), gaps(bundled_store)) == before


# --- the graph page ------------------------------------------------------------------------------

def _suggested_data(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="suggested-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block
    return json.loads(block)


def test_the_graph_page_carries_suggested_edges_behind_a_switch_that_is_off(client):
    page = client.get("/graph?org=" + quote(RONNEBY)).data.decode()
    assert '<input type="checkbox" id="show-suggested">' in page  # not checked
    layer = _suggested_data(page)
    drawn = client.get("/graph.json?org=" + quote(RONNEBY)).get_json()
    ids = {n["id"] for n in drawn["nodes"]}
    assert {"from": UNGA, "to": TRANSPORT} in [{"from": e["from"], "to": e["to"]} for e in layer["edges"]]
    assert all(e["from"] in ids and e["to"] in ids for e in layer["edges"])
    # the twin is the asserted graph: no suggested edge in it
    assert not {(e["from"], e["to"]) for e in drawn["edges"]} & {(e["from"], e["to"]) for e in layer["edges"]}


def test_the_overview_aggregates_suggested_edges_by_organisation(synth):
    page = synth.get("/graph").data.decode()
    layer = _suggested_data(page)
    drawn = synth.get("/graph.json").get_json()
    assert drawn["aggregated"]
    ids = {n["id"] for n in drawn["nodes"]}
    assert all(e["from"] in ids and e["to"] in ids and e["count"] >= 1 for e in layer["edges"])


# --- /suggestions and its twins ---------------------------------------------------------------------

def test_all_suggestions_in_every_format_agree(client):
    data = client.get("/suggestions.json").get_json()
    rows = list(csv.DictReader(io.StringIO(client.get("/suggestions.csv").data.decode())))
    graph = Graph().parse(data=client.get("/suggestions.ttl").data.decode(), format="turtle")
    assert data["count"] == len(data["suggestions"]) == len(rows) == len(set(graph.subjects(RDF.type, SAM.Suggestion)))
    assert list(rows[0])[:4] == ["entity", "concept", "score", "evidence"]
    assert not list(graph.triples((None, SAM.alignsWith, None)))
    page = client.get("/suggestions").data.decode()
    assert page.count('<tr class="suggestion') == data["count"]


def test_suggestions_filter_by_entity_and_organisation(client):
    one = client.get("/suggestions.json?" + urlencode({"entity": UNGA})).get_json()["suggestions"]
    assert one and {s["entity"] for s in one} == {UNGA}
    ronneby = client.get("/suggestions.json?" + urlencode({"organisation": RONNEBY})).get_json()["suggestions"]
    assert {s["organisation"] for s in ronneby} == {RONNEBY} and len(ronneby) >= len(one)
    csv_one = client.get("/suggestions.csv?" + urlencode({"entity": UNGA})).data.decode()
    assert len(list(csv.DictReader(io.StringIO(csv_one)))) == len(one)
