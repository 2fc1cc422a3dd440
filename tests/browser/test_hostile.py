"""A strategy whose labels carry <script> and onerror= payloads runs no script on any page,
in the page as served and with the Content-Security-Policy switched off (so escaping alone is
tested: the policy would otherwise hide a failure)."""

from __future__ import annotations

from urllib.parse import quote

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.live]  # each drives a real server

ORG = "https://w3id.org/samsyn/id/hostile"
PAGES = [
    "/", "/?lang=en", "/graph", "/graph?lang=en", "/validate", "/query?name=strategies",
    "/id/hostile", "/id/hostile/goal/g1", "/id/hostile/goal/g1?lang=en", "/id/hostile/priority-area/p1",
    "/id/hostile/activity/a1", "/id/hostile/activity/a1?lang=en", "/id/hostile/unit/council",
    "/id/" + quote("hostile/strategy/x'onmouseover='window.__xss=1'"),
    "/sources/hostile?q=" + quote("Citat <script>window.__xss='quote'</script>"),
    "/reach?organisation=" + quote(ORG) + "&concept=" + quote("https://w3id.org/samsyn/id/eu2020/flagship/youth-on-the-move"),
    "/query?query=" + quote("SELECT ?label WHERE { ?s rdfs:label ?label }"),
]


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["as-served", "csp-off"])
def test_no_script_runs_on_any_page(open_page, hostile_server, artifacts, bypass_csp):
    page = open_page(bypass_csp=bypass_csp)
    for path in PAGES:
        page.goto(hostile_server.url + path)
        page.wait_for_load_state("load")
        # hover and click everything a payload could hang a handler on
        for link in page.locator("main a:visible").all()[:12]:
            link.hover(timeout=1000)
        if path.startswith("/graph"):
            page.wait_for_function("window.samsynGraphDrawnAt !== undefined")
            for node in page.evaluate("window.network.body.data.nodes.getIds()"):
                page.evaluate("(id) => { window.samsynGraph.showPanel(id); window.network.selectNodes([id]); }", node)
            assert "<img src=x" in page.evaluate("document.getElementById('panel').textContent") or \
                "<" in page.evaluate("document.getElementById('panel').textContent")
        assert page.evaluate("window.__xss") is None, f"{path}: a payload ran ({page.evaluate('window.__xss')})"
        assert not page.guard.dialogs, f"{path}: a dialog opened"
    page.goto(hostile_server.url + "/?lang=sv")
    assert "<script>window.__xss='org'</script>Elakby" in page.locator("#strategies").inner_text()
    page.screenshot(path=str(artifacts / f"hostile-home-{'csp-off' if bypass_csp else 'served'}.png"))
