"""Ronneby's page in Chromium: its own rules listed with their findings, the governance drawn (SVG
from the server, no request leaving the machine), a rule's findings link followed to the
validation page grouped by organisation and rule; screenshots in test-artifacts/."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.live]


def test_rules_and_governance_on_the_organisations_page(page, server, artifacts):
    page.goto(f"{server.url}/id/ronneby")
    rules = page.locator("#rules-table tbody tr")
    assert rules.count() == 17
    drawing = page.locator("svg#governance-drawing")
    assert drawing.is_visible()
    assert drawing.locator("rect.gov-node").count() == 14
    assert drawing.locator("path.gov-edge").count() == 9
    box = drawing.bounding_box()
    assert box and box["width"] > 500 and box["height"] > 100
    page.locator("#rules").screenshot(path=str(artifacts / "rules-ronneby-list.png"))
    page.locator("#governance").screenshot(path=str(artifacts / "rules-ronneby-governance.png"))

    goals = page.locator("tr[data-rule$='/ronneby/rule/prioriterade-mal-vagledande'] a.rule-findings")
    assert goals.inner_text() == "4"
    goals.click()
    page.wait_for_url("**/validate?organisation=*")
    assert page.locator("#validate-filters").is_visible()
    sections = page.locator("#by-organisation section.organisation-findings")
    assert sections.count() == 1 and "Ronneby" in sections.locator("h2").inner_text()
    groups = sections.locator("details.rule-group")
    assert groups.count() == 1
    assert groups.locator("table.findings tbody tr").count() == 4
    assert "Council's prioritised goals" in groups.locator("p.rule-named").inner_text()
    page.screenshot(path=str(artifacts / "rules-ronneby-findings.png"), full_page=True)

    page.get_by_role("link", name="By severity").click()
    assert page.locator("section.severity").count() == 1
