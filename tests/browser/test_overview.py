"""The graph page at scale in a real browser: 40 synthetic organisations under the default
budget, drawn aggregated and still; a click on a cluster drills into that organisation, the
trail leads back, a click on a concept drills into the concept."""

from __future__ import annotations

import json
import time

import pytest

from samsyn.viewer.testing import live_server

pytestmark = [pytest.mark.browser, pytest.mark.live]  # each drives a real server

CLICK = """(id) => { const p = window.network.getPositions([id])[id];
                     window.network.moveTo({position: p, scale: 1, animation: false});
                     const d = window.network.canvasToDOM(p);
                     const r = document.getElementById('network').getBoundingClientRect();
                     return {x: r.left + d.x, y: r.top + d.y}; }"""


@pytest.fixture(scope="module")
def synth_server(make_app, synth_store, synth_path):
    with live_server(make_app(synth_store, [synth_path], WARM=True)) as live:
        yield live


def drawn(page):
    page.wait_for_function("window.samsynGraphDrawnAt !== undefined", timeout=20_000)


def test_the_overview_is_drawn_still_and_drills_down(page, synth_server, artifacts):
    expected = json.loads(page.request.get(f"{synth_server.url}/graph.json?lang=en").text())
    assert expected["mode"] == "overview" and len(expected["nodes"]) <= 500
    page.goto(f"{synth_server.url}/graph?lang=en")
    drawn(page)
    drawn_at = page.evaluate("window.samsynGraphDrawnAt")
    assert page.evaluate("window.network.body.data.nodes.length") == len(expected["nodes"])
    assert page.evaluate("window.network.body.data.edges.length") == len(expected["edges"])
    first = page.evaluate("window.network.getPositions()")
    time.sleep(0.6)
    assert first == page.evaluate("window.network.getPositions()"), "nodes still move after the first drawing"
    served = {n["id"]: (n["x"], n["y"]) for n in expected["nodes"]}
    assert all(abs(first[i]["x"] - x) <= 1 and abs(first[i]["y"] - y) <= 1 for i, (x, y) in served.items())
    (artifacts / "overview-timing.txt").write_text(
        f"overview at 40 organisations: {len(expected['nodes'])} nodes, {len(expected['edges'])} edges, "
        f"first drawn {drawn_at:.0f} ms after navigation start\n")
    page.screenshot(path=str(artifacts / "overview.png"))

    # a click on a cluster: that organisation's whole graph
    cluster = next(n for n in expected["nodes"] if n["kind"] == "Organisation")
    point = page.evaluate(CLICK, cluster["id"])
    page.mouse.click(point["x"], point["y"])
    page.wait_for_url("**/graph?org=**")
    drawn(page)
    nodes = page.evaluate("window.network.body.data.nodes.get()")
    strategy = [n for n in nodes if n["kind"] in ("Activity", "PriorityArea", "Goal")]
    assert strategy and all(n["organisation"] == cluster["id"] for n in strategy)
    assert page.locator("#graph-aggregated").count() == 0
    page.screenshot(path=str(artifacts / "overview-organisation.png"))

    # the trail leads back to the overview
    page.locator("#graph-crumbs a", has_text="All organisations").click()
    page.wait_for_url(lambda url: "org=" not in url)
    drawn(page)
    assert page.evaluate("window.network.body.data.nodes.length") == len(expected["nodes"])

    # a click on a concept: the concept and what reaches it
    concept = next(n for n in expected["nodes"] if n["kind"] == "BalticObjective" and n["level"] == 1)
    point = page.evaluate(CLICK, concept["id"])
    page.mouse.click(point["x"], point["y"])
    page.wait_for_url("**/graph?concept=**")
    drawn(page)
    assert concept["fullLabel"] in page.locator("h1").inner_text()
    ids = page.evaluate("window.network.body.data.nodes.getIds()")
    assert concept["id"] in ids and len(ids) <= 500
    page.screenshot(path=str(artifacts / "overview-concept.png"))
