"""The follow-up page in Chromium on the example action plan: the banner seen, the three target
charts drawn (SVG from the server, no request leaving the machine), the year before reached by
its link; screenshots in test-artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest

from samsyn.graph.building import build
from samsyn.graph.workbook import read_workbook
from samsyn.viewer.testing import live_server

pytestmark = [pytest.mark.browser, pytest.mark.live]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def example_server(make_app, tmp_path_factory):
    path = tmp_path_factory.mktemp("example") / "ronneby-handlingsplan-2014.ttl"
    read_workbook(ROOT / "examples" / "ronneby-handlingsplan-2014.xlsx").serialize(path, format="turtle")
    with live_server(make_app(build([path]), [path], WARM=True)) as live:
        yield live


def test_follow_up_page(page, example_server, artifacts):
    page.goto(f"{example_server.url}/id/ronneby/follow-up/2015")
    assert page.locator("#example-banner").is_visible()
    charts = page.locator("svg.target-chart")
    assert charts.count() == 3
    assert charts.first.locator("circle.outcome").count() == 2
    assert page.locator("#finding-count").inner_text() == "14"
    page.screenshot(path=str(artifacts / "follow-up-2015.png"), full_page=True)
    page.get_by_role("link", name="← 2014").click()
    assert page.locator("#follow-up-title").inner_text() .startswith("Follow-up 2014: Ronneby")
    assert "Teacher exchange with Elbląg" in page.locator("#change-list").inner_text()
    page.locator("div.targets").screenshot(path=str(artifacts / "follow-up-2014-targets.png"))
    page.screenshot(path=str(artifacts / "follow-up-2014.png"))
