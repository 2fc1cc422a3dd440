"""The workbook check page in Chromium: drop a workbook with errors and read them, drop the
fixed one and read its preview, publish it with the write token, see the change on the home page."""

from __future__ import annotations

import base64
import shutil

import pytest

from samsyn.graph.building import build
from samsyn.graph.sources import bundled_strategies
from samsyn.viewer.testing import live_server
from workbook_edits import BROKEN, NEW_ALIGNMENT, edited, with_row

pytestmark = [pytest.mark.browser, pytest.mark.live]

TOKEN = "browser-test-write-token-0123456789"

DROP = """([name, data]) => {
  const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
  const transfer = new DataTransfer();
  transfer.items.add(new File([bytes], name, {type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}));
  const zone = document.getElementById("drop-zone");
  for (const type of ["dragenter", "dragover", "drop"]) {
    zone.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: transfer}));
  }
}"""


@pytest.fixture
def publishing_server(make_app, tmp_path):
    folder = tmp_path / "sources"
    folder.mkdir()
    for source in bundled_strategies():
        shutil.copy(source.path, folder)
    with live_server(make_app(build([folder]), [folder], WRITE_TOKEN=TOKEN)) as live:
        yield live, folder


def _drop(page, path) -> None:
    page.evaluate(DROP, [path.name, base64.b64encode(path.read_bytes()).decode()])


def test_drop_read_errors_fix_publish_and_see_it_on_the_home_page(page, publishing_server, tmp_path, artifacts):
    server, folder = publishing_server
    page.goto(f"{server.url}/?lang=en")
    hits_before = page.locator("#matrix-flagships td.cell.hit").count()

    broken = edited(tmp_path / "broken.xlsx", {
        **BROKEN, ("Aktiviteter", "elevutbyte-schopfheim", "bidrar till"): "<script>alert(1)</script>"})
    page.goto(f"{server.url}/workbook?lang=en")
    _drop(page, broken)
    assert page.locator("#drop-zone").get_attribute("data-file") == "broken.xlsx"
    page.click("#check-button")
    rows = page.locator("#problems tbody tr")
    rows.first.wait_for()
    assert rows.count() == 3
    text = page.locator("#problems").inner_text()
    assert "Aktiviteter" in text and "no-such-area" in text and "Handlingsplaner" in text and "spring 2014" in text
    assert "<script>alert(1)</script>" in text  # shown as text, not run (no dialog: the page fixture checks)
    page.screenshot(path=str(artifacts / "workbook-errors.png"), full_page=True)

    fixed = with_row(tmp_path / "ronneby.xlsx", "Kopplingar", NEW_ALIGNMENT)
    _drop(page, fixed)
    page.click("#check-button")
    page.locator("#reads").wait_for()
    assert page.locator("#problems").count() == 0
    assert "Innovation Union" in page.locator("#alignments").inner_text()
    assert "(now 0)" in page.locator("#coverage-row").inner_text()
    page.screenshot(path=str(artifacts / "workbook-preview.png"), full_page=True)

    _drop(page, fixed)
    page.fill("#write-token", TOKEN)
    page.click("#publish-button")
    page.locator("#published").wait_for()
    assert "ronneby.xlsx" in page.locator("#published").inner_text()
    assert (folder / "ronneby.xlsx").exists() and not (folder / "ronneby.ttl").exists()
    assert page.locator("#version option").count() == 1
    page.screenshot(path=str(artifacts / "workbook-published.png"), full_page=True)

    page.goto(f"{server.url}/?lang=en")
    assert page.locator("#matrix-flagships td.cell.hit").count() == hits_before + 1
    page.screenshot(path=str(artifacts / "workbook-home-after.png"), full_page=True)


def test_publishing_without_the_token_is_refused(open_page, publishing_server, tmp_path):
    server, folder = publishing_server
    page = open_page()  # the 403 is logged in the console, which the `page` fixture counts as an error
    page.goto(f"{server.url}/workbook?lang=en")
    _drop(page, with_row(tmp_path / "ronneby.xlsx", "Kopplingar", NEW_ALIGNMENT))
    page.fill("#write-token", "not-the-token")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.click("#publish-button")
    assert answer.value.status == 403
    assert (folder / "ronneby.ttl").exists() and not (folder / "ronneby.xlsx").exists()
