"""How long the alignment graph page takes to be drawn and still, in headless Chromium.

Baseline in the same run: pyvis's default output for the same nodes and edges (physics on,
cdn_resources="in_line"; its Bootstrap CDN link is refused, nothing leaves the machine).
"Still" means no node moved more than 0.5 px between two position samples 100 ms apart.

    .venv/bin/python benchmarks/viewer_graph_settle.py [--source FILE_OR_DIR ...] [--runs 3]

Prints the median of the runs for each and the ratio."""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from samsyn.viewer import create_app
from samsyn.viewer.testing import live_server

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
SETTLE_JS = """async (limitMs) => {
  const t0 = performance.now();
  while (!window.network) {
    if (performance.now() - t0 > limitMs) return null;
    await new Promise(r => setTimeout(r, 20));
  }
  let prev = window.network.getPositions();
  while (performance.now() < limitMs) {
    await new Promise(r => setTimeout(r, 100));
    const now = window.network.getPositions();
    let moved = 0;
    for (const id in now) {
      moved = Math.max(moved, Math.abs(now[id].x - prev[id].x), Math.abs(now[id].y - prev[id].y));
    }
    if (moved <= 0.5) return performance.now() - 100;  // still since the previous sample
    prev = now;
  }
  return null;
}"""


def guard(page):
    def route(route):
        if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            route.abort()
    page.route("**/*", route)


def measure_viewer(browser, url: str) -> float:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    guard(page)
    page.goto(url)
    settled = page.evaluate(SETTLE_JS, 120_000)
    page.close()
    return settled


def measure_pyvis(browser, html_path: Path) -> float | None:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    guard(page)
    # about:blank, so none of the viewer's own Content-Security-Policy applies to pyvis's inline script
    page.set_content(html_path.read_text(encoding="utf-8"), wait_until="commit")
    settled = page.evaluate(SETTLE_JS, 180_000)
    page.close()
    return settled


def pyvis_baseline(graph_json: dict, folder: Path) -> Path:
    from pyvis.network import Network

    net = Network(cdn_resources="in_line", directed=True)
    for node in graph_json["nodes"]:
        net.add_node(node["id"], label=node["label"], title=node["fullLabel"])
    for edge in graph_json["edges"]:
        net.add_edge(edge["from"], edge["to"])
    path = folder / "pyvis-default.html"
    net.write_html(str(path))
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", action="append", help="strategy file or folder (default: the bundled five)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline-runs", type=int, default=1)
    parser.add_argument("--no-baseline", action="store_true", help="skip pyvis's default output (30 s+ a run)")
    args = parser.parse_args()
    app = create_app({"SOURCES": args.source, "WARM": True})
    with live_server(app) as live, sync_playwright() as playwright, tempfile.TemporaryDirectory() as tmp:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        client = app.test_client()
        data = client.get("/graph.json").get_json()
        print(f"graph: {len(data['nodes'])} nodes, {len(data['edges'])} edges")
        measure_viewer(browser, f"{live.url}/graph")  # warm the server's caches
        ours = [measure_viewer(browser, f"{live.url}/graph") for _ in range(args.runs)]
        print(f"samsyn /graph: drawn and still {statistics.median(ours):.0f} ms after navigation start "
              f"(runs: {', '.join(f'{v:.0f}' for v in ours)})")
        if not args.no_baseline:
            html = pyvis_baseline(data, Path(tmp))
            theirs = [measure_pyvis(browser, html) for _ in range(args.baseline_runs)]
            if any(v is None for v in theirs):
                print("pyvis default: did not settle within 180 s")
            else:
                median = statistics.median(theirs)
                print(f"pyvis default (physics on): still after {median:.0f} ms "
                      f"(runs: {', '.join(f'{v:.0f}' for v in theirs)})")
                print(f"ratio pyvis default / samsyn: {median / statistics.median(ours):.1f}x")
        browser.close()
    app.extensions["samsyn"].close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
