"""What the suggested alignments add to a build: python benchmarks/build_suggestions.py [--sizes 5,311] [--runs 3].

Per size (5 = the bundled strategies; larger sizes are synthetic strategies, graph/synth.py, the
same file for both), `prepare` (parse, rules, catalog; graph.building) into in-memory Oxigraph,
with the suggestions and without (`samsyn build --no-suggestions`, the baseline in the same run),
alternating, each --runs times: the medians, their difference and ratio, and how many
suggestions and triples the suggestions' graph holds. Results go to
the build-suggestions section of benchmarks/RESULTS.md."""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

from results import write_section  # benchmarks/results.py, beside this script

import pyoxigraph as ox

from samsyn.graph.building import prepare
from samsyn.graph.inference import SUGGESTED_GRAPH
from samsyn.graph.sources import all_sources
from samsyn.graph.synth import write_synthetic

ROOT = Path(__file__).resolve().parents[1]


def measure(strategies: list[Path] | None, runs: int) -> dict:
    sources = all_sources(strategies)
    times: dict[bool, list[float]] = {True: [], False: []}
    size = suggestions = 0
    for _ in range(runs):
        for with_suggestions in (False, True):
            start = time.perf_counter()
            dataset = prepare(sources, suggestions=with_suggestions)
            times[with_suggestions].append(time.perf_counter() - start)
            if with_suggestions:
                graph = ox.NamedNode(str(SUGGESTED_GRAPH))
                size = sum(1 for _ in dataset.quads_for_pattern(None, None, None, graph))
                suggestions = sum(1 for _ in dataset.quads_for_pattern(
                    None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                    ox.NamedNode("https://w3id.org/samsyn/ns#Suggestion"), graph))
            del dataset
    without, with_ = statistics.median(times[False]), statistics.median(times[True])
    return {"without": without, "with": with_, "added": with_ - without, "ratio": with_ / without,
            "suggestions": suggestions, "triples": size}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5,311", help="organisations, comma-separated (5: the bundled data)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="samsyn-bench-") as scratch:
        for n in (int(s) for s in args.sizes.split(",")):
            strategies = None
            if n != 5:
                path = Path(scratch) / f"synth-{n}.ttl"
                write_synthetic(n, path, 0)
                strategies = [path]
            result = measure(strategies, args.runs)
            rows.append((n, result))
            print(f"{n:>5} orgs: without {result['without']:.2f} s, with {result['with']:.2f} s "
                  f"(+{result['added']:.2f} s, x{result['ratio']:.2f}), {result['suggestions']} suggestions, "
                  f"{result['triples']} triples", file=sys.stderr)
    lines = ["# What the suggestions add to a build", "",
             f"`python benchmarks/build_suggestions.py --sizes {args.sizes} --runs {args.runs}`, "
             f"{datetime.now(timezone.utc):%Y-%m-%d}, {platform.machine()}, {os.cpu_count()} cores, "
             f"Python {platform.python_version()}, pyoxigraph {version('pyoxigraph')}.", "",
             "`prepare` into in-memory Oxigraph (parse, rules, catalog), medians of the runs; baseline: the same "
             "build without the suggestions (`samsyn build --no-suggestions`), alternating in the same process. "
             "A backend's own load (on disk, over HTTP) comes on top of both.", "",
             "| organisations | without | with | added | ratio | suggestions | triples in graph/suggested/lexical |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for n, r in rows:
        lines.append(f"| {n} | {r['without']:.2f} s | {r['with']:.2f} s | {r['added']:.2f} s | {r['ratio']:.2f} | "
                     f"{r['suggestions']} | {r['triples']} |")
    write_section("build-suggestions", "\n".join(lines))
    print("wrote the build-suggestions section of benchmarks/RESULTS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
