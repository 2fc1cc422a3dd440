"""The strategy periods compared in Chromium on the example pair (Hylte's guidelines and the
invented revision in examples/): reached from the organisation page by its link, the example
banner seen, the suggestion told apart from the marked matches, the coverage before and after;
switched to Swedish; screenshots in test-artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest

from samsyn.graph.building import build
from samsyn.viewer.testing import live_server

pytestmark = [pytest.mark.browser, pytest.mark.live]
ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "graph" / "data" / "strategies" / "hylte.ttl",
           ROOT / "examples" / "hylte-internationell-strategi-2016-2020.ttl"]


@pytest.fixture(scope="module")
def example_server(make_app):
    with live_server(make_app(build(SOURCES), SOURCES, WARM=True)) as live:
        yield live


def test_periods_page(page, example_server, artifacts):
    page.goto(f"{example_server.url}/id/hylte")
    page.locator("#periods-link").click()
    page.wait_for_url("**/id/hylte/periods")
    assert page.locator("#periods-title").inner_text() == "Strategy periods compared: Hylte Municipality"
    banner = page.locator("#example-banner")
    assert banner.is_visible() and banner.inner_text().startswith("⚠ Example data")
    assert page.locator("#after .years").inner_text() == "2016–2020"
    kept = page.locator("#kept-table tbody tr")
    assert kept.count() == 3
    suggested = page.locator("#kept-table tr.suggested")
    assert suggested.count() == 1 and "suggestion · score 0.60" in suggested.inner_text()
    # the suggestion's badge is drawn dashed, the marked matches' solid
    assert suggested.locator(".how-badge").evaluate("e => getComputedStyle(e).borderTopStyle") == "dashed"
    assert page.locator("#kept-table tr:not(.suggested) .how-badge").first.evaluate(
        "e => getComputedStyle(e).borderTopStyle") == "solid"
    assert page.locator("#added li").count() == 4 and page.locator("#dropped li").count() == 1
    assert "5 of 22 flagships" in page.locator("#coverage-after").inner_text()
    assert "0 of 22 flagships" in page.locator("#coverage-before").inner_text()
    page.screenshot(path=str(artifacts / "periods-hylte.png"), full_page=True)
    page.locator("#period-pair").screenshot(path=str(artifacts / "periods-hylte-pair.png"))
    page.locator("#lang-switch").click()
    page.wait_for_url("**lang=sv")
    assert page.locator("#periods-title").inner_text() == "Strategiperioder jämförda: Hylte kommun"
    assert page.locator("#example-banner").inner_text().startswith("⚠ Exempeldata")
    page.screenshot(path=str(artifacts / "periods-hylte-sv.png"))
