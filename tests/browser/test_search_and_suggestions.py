"""Search and suggestions in a real browser against the real server: a word typed in the header's
box gives hits with the matched words highlighted, a hit leads to its entity and a source-text hit
to its line; the graph's suggested edges and the coverage matrix's layer come and go with their
switches (off by default) and change nothing asserted; a suggestion's row copies in one click; a
hostile label found by search stays text. Screenshots go to test-artifacts/."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

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


def test_a_suggestion_is_copied_as_a_workbook_row_in_one_click(open_page, server, artifacts):
    page = open_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(server.url + "/id/ronneby/priority-area/unga-pa-vag?lang=sv")
    section = page.locator("#suggested")
    assert "föreslaget, inte uttalat i dokumentet" in section.inner_text()
    row = section.locator("tr.suggestion", has_text="Goda transportförhållanden")
    row.locator("details.take summary").click()
    row.locator("button.copy").first.click()
    expect(row.locator("button.copy").first).to_have_text("Kopierat")  # polled without eval: the CSP forbids it
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == "vad,koppling,begrepp\nunga-pa-vag,i linje med,eusbsr/sub-objective/good-transport-conditions\n"
    page.evaluate("window.scrollTo(0, 0)")  # the sticky header stays at the top of a full-page picture
    page.screenshot(path=str(artifacts / "entity-suggestions.png"), full_page=True)
    assert not page.guard.errors, page.guard.errors


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
