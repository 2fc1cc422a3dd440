"""The graph page at scale (40 synthetic organisations, budget 500): the aggregated overview's
note and organisations table, the drill-down trail, both languages."""

from __future__ import annotations

import re
from urllib.parse import quote

SAVE_THE_SEA = "https://w3id.org/samsyn/id/eusbsr/objective/save-the-sea"


def test_the_overview_says_it_is_aggregated_and_lists_the_organisations(synth):
    html = synth.get("/graph?lang=en").data.decode()
    assert 'id="graph-aggregated"' in html and "shown aggregated" in html
    assert 'class="graph-layout mode-overview"' in html
    table = re.search(r'<details class="clusters" id="clusters">(.*?)</details>', html, re.S).group(1)
    links = re.findall(r'<a href="(/graph\?org=[^"]+)">', table)
    assert len(links) == 40
    assert 'id="graph-crumbs"' not in html  # the overview is the top
    swedish = synth.get("/graph?lang=sv").data.decode()
    assert "visas samlat" in swedish and "Organisationerna i översikten" in swedish


def test_a_drill_down_has_a_trail_back_to_the_overview(synth):
    overview = synth.get("/graph.json?lang=en").get_json()
    cluster = overview["clusters"][0]
    html = synth.get(cluster["drill"] + "&lang=en").data.decode()
    crumbs = re.search(r'<nav class="crumbs" id="graph-crumbs"[^>]*>(.*?)</nav>', html, re.S).group(1)
    assert '<a href="/graph?lang=en">All organisations</a>' in crumbs
    assert f'<span aria-current="page">{cluster["label"]}</span>' in crumbs
    assert 'class="graph-layout mode-full"' in html and 'id="graph-aggregated"' not in html

    html = synth.get("/graph?lang=en&concept=" + quote(SAVE_THE_SEA)).data.decode()
    assert "<h1>Alignment graph: Save the Sea</h1>" in html
    assert f'<input type="hidden" name="concept" value="{SAVE_THE_SEA}">' in html  # the filters keep the concept
    crumbs = re.search(r'<nav class="crumbs" id="graph-crumbs"[^>]*>(.*?)</nav>', html, re.S).group(1)
    assert "All organisations" in crumbs and "Save the Sea" in crumbs and 'href="/id/eusbsr/objective/save-the-sea"' in crumbs


def test_the_bundled_graph_is_drawn_in_full(client):
    html = client.get("/graph?lang=en").data.decode()
    assert 'class="graph-layout mode-full"' in html and 'id="graph-aggregated"' not in html
    assert 'id="clusters"' not in html
