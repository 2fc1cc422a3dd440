"""Search and suggestions in a real browser against the real server: a word typed in the header's
box gives hits with the matched words highlighted, a hit leads to its entity and a source-text hit
to its line; the graph's suggested edges and the coverage matrix's layer come and go with their
switches (off by default) and change nothing asserted; a suggestion goes into the workbook in one click (a download that reads back with the link); a
hostile label found by search stays text. Screenshots go to test-artifacts/."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect
from rdflib import URIRef

from samsyn.graph.namespaces import SAM
from samsyn.graph.workbook import read_workbook

pytestmark = [pytest.mark.browser, pytest.mark.live]

RONNEBY = "https://w3id.org/samsyn/id/ronneby"


def test_a_word_typed_in_the_header_box_finds_highlighted_hits_that_lead_to_the_entity(page, server, artifacts):
    page.goto(server.url + "/graph?lang=sv")
    page.fill("#header-q", "utbyte")
    page.press("#header-q", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=utbyte$"))
    marks = page.locator("#hits mark").all_inner_texts()
    assert "Vänortsutbyte" in marks and "Utbyten" in marks
    assert page.locator("#search-count").inner_text() == "Träffar för ”utbyte”: 20"
    # a highlight looks like one: a background of its own behind the word
    background = page.locator("#hits mark").first.evaluate("m => getComputedStyle(m).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=str(artifacts / "search-utbyte.png"), full_page=True)

    page.locator("#hits a.hit-label", has_text="Vänortsutbyte").click()
    page.wait_for_url(re.compile(r"/id/hylte/activity/vanortsutbyte$"))
    assert page.locator("#entity-label").inner_text() == "Vänortsutbyte"
    page.screenshot(path=str(artifacts / "search-followed-to-entity.png"))


@pytest.mark.parametrize("typed, found", [("vänort", "Vänortsutbyte"), ("ungdomsutbyte", "Utbyte mellan barn och ungdomar"),
                                          ("Ostersjon", "Östersjösamarbete, båtliv och turism")])
def test_the_swedish_cases_from_the_box(page, server, typed, found):
    page.goto(server.url + "/?lang=sv")
    page.fill("#header-q", typed)
    page.press("#header-q", "Enter")
    page.wait_for_selector("#hits")
    assert found in page.locator("#hits a.hit-label").all_inner_texts()


def test_a_source_text_hit_opens_the_text_at_its_line(page, server, artifacts):
    page.goto(server.url + "/search?q=" + quote("vänortssamarbete") + "&limit=60&lang=sv")
    link = page.locator("#hits a.in-source[href*='#line-']").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    line = page.locator(f"#{href.split('#')[1]}")
    assert "vänortssamarbete" in line.inner_text().casefold()
    assert line.evaluate("l => getComputedStyle(l).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    assert line.evaluate("l => { const r = l.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")
    page.screenshot(path=str(artifacts / "search-source-line.png"))


def test_suggested_edges_come_dashed_with_their_switch_and_go_without(page, server, artifacts):
    page.goto(server.url + "/graph?lang=sv&org=" + quote(RONNEBY))
    page.wait_for_function("window.samsynGraphDrawnAt !== undefined")
    asserted = page.evaluate("window.network.body.data.edges.getIds().length")
    switch = page.locator("#show-suggested")
    assert not switch.is_checked()
    assert not page.locator("li.suggested-legend").is_visible()
    layer = page.evaluate("JSON.parse(document.getElementById('suggested-data').textContent).edges.length")
    assert layer >= 1

    switch.check()
    edges = page.evaluate("window.network.body.data.edges.get()")
    suggested = [e for e in edges if e.get("suggested")]
    assert len(edges) == asserted + layer and len(suggested) == layer
    assert all(e["dashes"] for e in suggested)
    assert page.locator("li.suggested-legend").is_visible()
    # the panel's trace is the asserted one: a suggested edge is not a trace
    unga = "https://w3id.org/samsyn/id/ronneby/priority-area/unga-pa-vag"
    page.evaluate("(id) => { window.network.selectNodes([id]); window.samsynGraph.showPanel(id); }", unga)
    assert "Goda transportförhållanden" not in page.locator("#panel-trace").inner_text()
    page.click("#panel-close")
    page.evaluate("(id) => window.network.fit({nodes: [id, 'https://w3id.org/samsyn/id/eusbsr/sub-objective/"
                  "good-transport-conditions'], animation: false})", unga)
    page.wait_for_timeout(200)
    page.locator(".graph-canvas-wrap").screenshot(path=str(artifacts / "graph-suggested-on.png"))

    switch.uncheck()
    assert page.evaluate("window.network.body.data.edges.getIds().length") == asserted
    assert not page.evaluate("window.network.body.data.edges.get().some(e => e.suggested)")


def test_the_matrix_layer_switches_on_beside_the_same_counts(page, server, artifacts):
    page.goto(server.url + "/?lang=sv")
    totals = page.locator("td.cell .total").all_inner_texts()
    gaps = page.locator("td.cell.gap").count()
    assert page.locator(".suggested-add").count() == 0
    page.locator("#show-suggested").check()
    page.wait_for_url(re.compile(r"suggested=1"))
    assert page.locator("#show-suggested").is_checked()
    assert page.locator("td.cell .total").all_inner_texts() == totals and page.locator("td.cell.gap").count() == gaps
    added = page.locator("#matrix-baltic .suggested-add")
    assert added.count() >= 1 and added.first.is_visible() and added.first.inner_text().startswith("+")
    assert "inte uttalat i dokumentet" in added.first.get_attribute("title")
    page.screenshot(path=str(artifacts / "home-suggested-layer.png"), full_page=True)
    page.locator("#show-suggested").uncheck()
    page.wait_for_url(lambda url: "suggested" not in url)
    assert page.locator(".suggested-add").count() == 0


def test_an_entity_page_marks_its_suggestions_and_takes_one_into_the_workbook_in_one_click(open_page, server,
                                                                                           artifacts, tmp_path):
    page = open_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(server.url + "/id/ronneby/priority-area/unga-pa-vag?lang=sv")
    section = page.locator("#suggested")
    assert "föreslaget, inte uttalat i dokumentet" in section.inner_text()
    # apart: the stated links say nothing of suggestions, and none of their nodes point here
    assert "föreslag" not in page.locator("section.traces").inner_text().casefold()
    assert "/id/suggestion/" not in page.locator("section.links").inner_html()
    row = section.locator("tr.suggestion", has_text="Goda transportförhållanden")
    twin = page.request.get(server.url + "/id/ronneby/priority-area/unga-pa-vag.json").json()
    score = next(item["score"] for item in twin["suggested"]["items"]
                 if item["concept"]["iri"].endswith("/eusbsr/sub-objective/good-transport-conditions"))
    assert f"{score:.2f}" in row.locator("td.num").inner_text() and row.locator(".evidence .word").count() >= 1
    row.locator("details.take summary").click()
    page.evaluate("window.scrollTo(0, 0)")  # the sticky header stays at the top of a full-page picture
    page.screenshot(path=str(artifacts / "entity-suggestions.png"), full_page=True)
    with page.expect_download() as downloading:
        row.locator("a.take-workbook").click()
    download = downloading.value
    assert download.suggested_filename == "ronneby.xlsx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    graph = read_workbook(saved)
    assert (URIRef("https://w3id.org/samsyn/id/ronneby/priority-area/unga-pa-vag"), SAM.alignsWith,
            URIRef("https://w3id.org/samsyn/id/eusbsr/sub-objective/good-transport-conditions")) in graph
    # the Turtle triple still copies in one click
    row.locator("button.copy").first.click()
    expect(row.locator("button.copy").first).to_have_text("Kopierat")  # polled without eval: the CSP forbids it
    assert "sam:alignsWith" in page.evaluate("navigator.clipboard.readText()")
    assert not page.guard.errors, page.guard.errors


def test_a_suggestions_own_page_says_what_it_is(page, server, artifacts):
    turtle = page.request.get(server.url + "/suggestions.ttl").text()
    iri = re.search(r"<(https://w3id.org/samsyn/id/suggestion/lexical/[0-9a-f]+)>", turtle).group(1)
    page.goto(server.url + iri[len("https://w3id.org/samsyn"):] + "?lang=en")
    assert page.locator(".kicker .badge").text_content() == "Suggestion"
    assert "→" in page.locator("#entity-label").inner_text()
    assert "suggested, not stated in the document" in page.locator("#suggested").inner_text()
    page.screenshot(path=str(artifacts / "suggestion-page.png"), full_page=True)


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["as-served", "csp-off"])
def test_a_hostile_label_found_by_search_is_text(open_page, hostile_server, artifacts, bypass_csp):
    page = open_page(bypass_csp=bypass_csp)
    page.goto(hostile_server.url + "/?lang=sv")
    for typed in ("Elakby", "script", "onerror", "bold"):
        page.fill("#header-q", typed)
        page.press("#header-q", "Enter")
        page.wait_for_selector("#hits")
        for link in page.locator("#hits a:visible").all()[:10]:
            link.hover(timeout=1000)
        assert page.evaluate("window.__xss") is None, f"{typed}: a payload ran"
        assert not page.guard.dialogs
    page.fill("#header-q", "Elakby")
    page.press("#header-q", "Enter")
    page.wait_for_selector("#hits")
    assert "<script>window.__xss='org'</script>Elakby" in page.locator("#hits").inner_text()
    assert page.locator("#hits mark").all_inner_texts()[:1] == ["Elakby"]
    page.screenshot(path=str(artifacts / f"search-hostile-{'csp-off' if bypass_csp else 'served'}.png"))
