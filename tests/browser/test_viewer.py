"""A strategist's walk through the viewer in a real browser: the coverage matrix, a cell's list,
an entity and its source, the alignment graph (drawn, still, clickable), the language switch,
the SPARQL editor. Screenshots go to test-artifacts/."""

from __future__ import annotations

import json
import time

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.live]  # each drives a real server


def test_home_matrix_and_a_cells_list(page, server, artifacts):
    data = json.loads(page.request.get(f"{server.url}/index.json").text())
    flagships = [r for r in data["coverage"]["flagships"] if not r["heading"]]
    baltic = [r for r in data["coverage"]["baltic"] if not r["heading"]]
    page.goto(f"{server.url}/?lang=en")
    flagship_cells = page.locator("#matrix-flagships td.cell")
    organisations = page.locator("#matrix-flagships thead th.org-col")
    assert organisations.count() == 5
    assert len(flagships) == 7
    assert flagship_cells.count() == 5 * 7
    assert page.locator("#matrix-baltic td.cell").count() == 5 * len(baltic)
    hits = page.locator("#matrix-flagships td.cell.hit")
    assert hits.count() > 0
    assert page.locator("#matrix-flagships td.cell.gap").count() == flagship_cells.count() - hits.count()
    page.screenshot(path=str(artifacts / "home.png"), full_page=True)

    cell = page.locator("#matrix-baltic td.cell.hit").first
    total = int(cell.locator(".total").inner_text())
    concept = cell.locator("xpath=ancestor::tr").get_attribute("data-concept")
    cell.locator("a").click()
    page.wait_for_url("**/reach?**")
    assert page.locator("#reach-list > li").count() == total
    assert page.locator("h1 a").get_attribute("href") == "/id/" + concept.removeprefix("https://w3id.org/samsyn/id/")
    page.screenshot(path=str(artifacts / "reach.png"), full_page=True)

    page.locator("#reach-list > li a.item").first.click()
    page.wait_for_url("**/id/**")
    assert page.locator("#entity-label").inner_text()
    source_link = page.locator("blockquote footer a").first
    if source_link.count():
        source_link.click()
        page.wait_for_url("**/sources/**")
        assert page.locator("mark#quote").is_visible()
        page.screenshot(path=str(artifacts / "source.png"))


def test_graph_is_drawn_still_and_clickable(page, server, artifacts):
    expected = json.loads(page.request.get(f"{server.url}/graph.json?lang=en").text())
    page.goto(f"{server.url}/graph?lang=en")
    page.wait_for_function("window.samsynGraphDrawnAt !== undefined", timeout=10_000)
    drawn_at = page.evaluate("window.samsynGraphDrawnAt")
    assert page.evaluate("window.network.body.data.nodes.length") == len(expected["nodes"]) > 0
    assert page.evaluate("window.network.body.data.edges.length") == len(expected["edges"])
    first = page.evaluate("window.network.getPositions()")
    time.sleep(0.6)
    second = page.evaluate("window.network.getPositions()")
    assert first == second, "nodes still move after the first drawing"
    served = {n["id"]: (n["x"], n["y"]) for n in expected["nodes"]}
    assert all(abs(first[i]["x"] - x) <= 1 and abs(first[i]["y"] - y) <= 1 for i, (x, y) in served.items())
    (artifacts / "graph-timing.txt").write_text(
        f"graph page: {len(expected['nodes'])} nodes, {len(expected['edges'])} edges, "
        f"first drawn {drawn_at:.0f} ms after navigation start; positions unchanged 600 ms later\n")
    page.screenshot(path=str(artifacts / "graph.png"))

    # click a node that aligns with a framework concept: its panel, its trace
    aligned = {e["from"] for e in expected["edges"] if e["relation"] == "alignsWith"}
    goal = next(n for n in expected["nodes"] if n["id"] in aligned)
    point = page.evaluate(
        """(id) => { const p = window.network.getPositions([id])[id];
                     window.network.moveTo({position: p, scale: 1, animation: false});
                     const d = window.network.canvasToDOM(p);
                     const r = document.getElementById('network').getBoundingClientRect();
                     return {x: r.left + d.x, y: r.top + d.y}; }""", goal["id"])
    page.mouse.click(point["x"], point["y"])
    page.wait_for_selector("#panel-body:not([hidden])")
    assert page.locator("#panel-label").inner_text() == goal["fullLabel"]
    assert page.locator("#panel-kind").text_content() == goal["kindLabel"]
    assert page.locator("#panel-trace li").count() >= 1
    assert page.locator("#panel-link").get_attribute("href") == goal["page"]
    assert page.evaluate("window.network.getSelectedNodes()") == [goal["id"]]
    dimmed = page.evaluate("window.network.body.data.nodes.get().filter(n => n.opacity !== undefined && n.opacity < 1).length")
    assert dimmed > 0, "selecting a node did not highlight its trace"
    page.screenshot(path=str(artifacts / "graph-selected.png"))


def test_graph_filter_by_organisation(page, server):
    page.goto(f"{server.url}/graph?lang=en")
    page.wait_for_function("window.samsynGraphDrawnAt !== undefined")
    everything = page.evaluate("window.network.body.data.nodes.length")
    page.get_by_label("Ronneby Municipality").check()
    page.locator("#graph-filters button[type=submit]").click()
    page.wait_for_url("**org=**")
    page.wait_for_function("window.samsynGraphDrawnAt !== undefined")
    ronneby = page.evaluate("window.network.body.data.nodes.get().filter(n => n.organisation && n.organisation !== 'https://w3id.org/samsyn/id/ronneby').length")
    assert ronneby == 0
    assert page.evaluate("window.network.body.data.nodes.length") < everything


def test_language_switch(page, server, artifacts):
    page.goto(f"{server.url}/?lang=en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Overview"
    page.locator("#lang-switch").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("h1").inner_text() == "Översikt"
    assert "Ronneby kommun" in page.locator("#strategies").inner_text()
    page.goto(f"{server.url}/graph")  # remembered
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("h1").inner_text() == "Graf över kopplingarna"
    page.screenshot(path=str(artifacts / "graph-sv.png"))


def test_sparql_editor(page, server, artifacts):
    page.goto(f"{server.url}/query?lang=en")
    assert page.locator(".CodeMirror").count() == 1
    page.locator("#saved-queries a[data-name=activities-without-owner]").click()
    page.wait_for_url("**name=activities-without-owner**")
    rows = page.locator("#results-table tbody tr")
    assert rows.count() > 0
    assert "activities-without-owner" in page.locator("#permalink").get_attribute("href") or \
        "query=" in page.locator("#permalink").get_attribute("href")
    page.screenshot(path=str(artifacts / "query.png"))
    # edit in the editor, run with the button
    page.evaluate("window.samsynEditor.setValue('SELECT ?org WHERE { ?s sam:issuedBy ?org }')")
    page.locator("#run").click()
    page.wait_for_url("**query=**")
    assert page.locator("#results-table tbody tr").count() == 5
    page.goto(page.locator("#permalink").get_attribute("href").join([server.url, ""]) if False else
              server.url + page.locator("#permalink").get_attribute("href"))
    assert page.locator("#results-table tbody tr").count() == 5


def test_validation_page(page, server, artifacts):
    page.goto(f"{server.url}/validate?lang=en")
    assert page.locator("section.severity").count() >= 1
    page.screenshot(path=str(artifacts / "validate.png"))
    page.goto(f"{server.url}/validate?lang=sv")
    assert page.locator("h1").inner_text().startswith("Kontroll")
