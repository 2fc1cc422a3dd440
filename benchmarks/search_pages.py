"""The viewer's search and suggestion faces at scale: python benchmarks/search_pages.py
[--sizes 5,3110] [--repeat 10].

Per size (5 = the bundled strategies, larger sizes synthetic strategies, graph/synth.py), in a fresh
process each, through the app (Flask's test client, no network):
- once per app: the search index (Knowledge.search_index), the suggestions (Knowledge.suggestions),
  the alignment graph, the home page (coverage) and then its layer (what the suggestions would
  add to reach), each timed when first asked for;
- per request, the caches warm: /search.json and /search for each query of benchmarks/search.py's
  QUERIES (--repeat times), beside the baseline in the same run, the library's
  SearchIndex.search for the same query (what the page adds is the rest: labels, links, JSON or
  HTML); the graph page's suggested edges (graph_layer, computed per request) for one organisation
  and for the overview; the home page with the layer on (cached after the first request).
The issue's target: under 50 ms per query on the server at 3,110 organisations.

Results go to the search-pages section of benchmarks/RESULTS.md."""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote, urlencode

from results import write_section  # benchmarks/results.py, beside this script
from search import QUERIES, TARGET_MS  # the same queries as the library's benchmark

from samsyn.graph import build
from samsyn.graph.synth import write_synthetic

ROOT = Path(__file__).resolve().parents[1]
SEED = 2024


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def timed(call) -> tuple[float, object]:
    start = time.perf_counter()
    value = call()
    return (time.perf_counter() - start) * 1000, value


def worker(size: int, data: str | None, repeat: int) -> dict:
    from samsyn.viewer import create_app
    from samsyn.viewer.views import suggestions

    store = build([data] if data else None)
    app = create_app({"WARM": False, "SOURCES": [data] if data else None}, store=store)
    client = app.test_client()
    k = app.extensions["samsyn"].knowledge
    once = {}
    once["search index (s)"] = timed(k.search_index)[0] / 1000
    once["suggestions (s)"], found = (lambda t: (t[0] / 1000, t[1]))(timed(k.suggestions))
    once["drawable graph (s)"] = timed(k.drawable_graph)[0] / 1000
    once["first home page (s)"] = timed(lambda: client.get("/index.json"))[0] / 1000
    once["the layer, first (s)"] = timed(lambda: client.get("/index.json?suggested=1"))[0] / 1000
    index = k.search_index()
    rows, page_samples, library_samples = [], [], []
    for query in QUERIES:
        library, page, html = [], [], []
        for _ in range(repeat):
            library.append(timed(lambda: index.search(query, limit=20))[0])
            ms, response = timed(lambda: client.get("/search.json?" + urlencode({"q": query})))
            assert response.status_code == 200, response.data[:200]
            page.append(ms)
            html.append(timed(lambda: client.get("/search?" + urlencode({"q": query})))[0])
        page_samples += page
        library_samples += library
        rows.append({"query": query, "hits": len(response.get_json()["hits"]), "library": statistics.median(library),
                     "json": statistics.median(page), "html": statistics.median(html)})
    organisation = k.organisations("sv")[0]["iri"]
    layers = {}
    with app.test_request_context():
        for name, path in (("one organisation", "/graph.json?org=" + quote(organisation)), ("overview", "/graph.json")):
            drawn = client.get(path).get_json()
            samples = [timed(lambda: suggestions.graph_layer(drawn, "sv"))[0] for _ in range(repeat)]
            layers[f"graph page's suggested edges, {name} ({drawn['mode']}, {len(drawn['nodes'])} nodes)"] = \
                statistics.median(samples)
        samples = [timed(lambda: client.get("/index.json?suggested=1"))[0] for _ in range(repeat)]
        layers["home page with the layer, cached (JSON)"] = statistics.median(samples)
    return {"size": size, "suggestions": len(found), "once": once, "queries": rows, "layers": layers,
            "json_median": statistics.median(page_samples), "json_p95": percentile(page_samples, 0.95),
            "library_median": statistics.median(library_samples)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="5,3110")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        print(json.dumps(worker(args.worker, args.data, args.repeat)))
        return
    results, loads = [], []
    with tempfile.TemporaryDirectory(prefix="samsyn-search-pages-") as scratch:
        for size in (int(s) for s in args.sizes.split(",")):
            data = None
            if size != 5:
                log(f"writing {size} synthetic organisations")
                data = str(write_synthetic(size, Path(scratch) / f"synthetic-{size}.ttl", SEED))
            log(f"measuring {size} organisations")
            command = [sys.executable, __file__, "--worker", str(size), "--repeat", str(args.repeat)]
            run = subprocess.run(command + (["--data", data] if data else []), capture_output=True, text=True, check=True)
            results.append(json.loads(run.stdout))
            loads.append(os.getloadavg()[0])
    write(results, args, max(loads))


def write(results: list[dict], args, load: float) -> None:
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = ["# Search and suggestions in the viewer", "",
           f"`python benchmarks/search_pages.py --sizes {args.sizes} --repeat {args.repeat}`, {when}, Python "
           f"{platform.python_version()}, {os.cpu_count()} cores (load average up to {load:.1f} during the run: the "
           "machine was shared). Flask's test client in one process (no network), the caches warm unless said. "
           f"Target: under {TARGET_MS:.0f} ms per query on the server at 3,110 organisations.", "",
           "| organisations | suggestions | search index (s) | suggestions (s) | drawable graph (s) | first home page (s) | the layer, first (s) | /search.json median (ms) | p95 (ms) | library search median (ms) |",
           "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        o = r["once"]
        out.append(f"| {r['size']:,} | {r['suggestions']:,} | {o['search index (s)']:.2f} | {o['suggestions (s)']:.2f} | "
                   f"{o['drawable graph (s)']:.2f} | {o['first home page (s)']:.2f} | {o['the layer, first (s)']:.2f} | "
                   f"{r['json_median']:.1f} | {r['json_p95']:.1f} | {r['library_median']:.2f} |")
    for r in results:
        out += ["", f"## {r['size']:,} organisations: each query (median of {args.repeat}), the page beside the "
                    "library call it makes", "",
                "| query | hits | library (ms) | /search.json (ms) | /search (ms) | page / library |",
                "| --- | ---: | ---: | ---: | ---: | ---: |"]
        for q in r["queries"]:
            ratio = q["json"] / q["library"] if q["library"] else float("inf")
            out.append(f"| {q['query']} | {q['hits']} | {q['library']:.2f} | {q['json']:.1f} | {q['html']:.1f} | {ratio:.0f}× |")
        out += ["", "| suggestion layer, per request | median (ms) |", "| --- | ---: |"]
        out += [f"| {name} | {ms:.2f} |" for name, ms in r["layers"].items()]
    write_section("search-pages", "\n".join(out))
    log("wrote the search-pages section of benchmarks/RESULTS.md")


if __name__ == "__main__":
    main()
