"""samsyn's scale benchmarks: `make bench`, or python benchmarks/run.py [--sizes 5,311,3110] [--runs 3].

For each size of synthetic data (graph/synth.py) and each store backend: load time and peak
memory, each named query, SHACL (`samsyn validate` in every output format against plain
pyshacl, whole processes, parse included on both sides), and the viewer's pages. Every figure is
the median of --runs runs; every comparison is a ratio against a baseline measured in the same run:

- load: pyoxigraph's own bulk load of the same Turtle file into an in-memory Store
- queries: rdflib's memory store (samsyn's `memory` backend)
- SHACL: plain `pyshacl.validate` (rdflib parse of the same files + validate, inference none), a whole process

Each measurement runs in a fresh process (`--worker`), so peak memory (ru_maxrss) is that of
one load. Results go to benchmarks/RESULTS.md (machine, versions, date) and, raw, to
benchmarks/results.json. Long steps print progress to stderr."""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

from results import RESULTS, write_section  # benchmarks/results.py, beside this script

ROOT = Path(__file__).resolve().parents[1]

DATA = ROOT / "benchmarks" / "data"
RAW = ROOT / "benchmarks" / "results.json"
#: a private Virtuoso (its own folder and ports), so no test run on the same machine touches it
VIRTUOSO = "http://127.0.0.1:8891/sparql"
VIRTUOSO_ENV = {"SAMSYN_VIRTUOSO_HTTP_PORT": "8891", "SAMSYN_VIRTUOSO_SQL_PORT": "1112",
                "SAMSYN_VIRTUOSO_DIR": "/tmp/samsyn-virtuoso-bench"}
BACKENDS = ["memory", "oxigraph", "oxigraph-disk", "virtuoso"]
SEED = 2024

#: rdflib's memory store is not queried on data bigger than this (its coverage query did not
#: finish in minutes at 3,000 organisations: NOTES.md); its load is still measured
MEMORY_QUERY_LIMIT = 311
#: and each of its queries is stopped after this many seconds
MEMORY_QUERY_SECONDS = 120


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


# --- workers: each runs in its own process and prints one JSON line -----------------------------

def spec_for(backend: str, scratch: Path) -> str:
    if backend == "oxigraph-disk":
        return f"oxigraph:{scratch / 'oxigraph'}"
    if backend == "virtuoso":
        return "sparql+" + VIRTUOSO
    return backend


def query_params(store) -> dict[str, dict[str, str]]:
    """Parameters for the named queries that need them: the first organisation's first activity."""
    row = next(iter(store.query(
        "PREFIX sam: <https://w3id.org/samsyn/ns#> SELECT ?a ?o WHERE { ?a a sam:Activity ; "
        "sam:statedIn/sam:issuedBy ?o } ORDER BY ?a LIMIT 1")), None)
    if row is None:
        return {}
    return {"trace": {"entity": str(row[0])}, "gaps-one": {"organisation": str(row[1])}}


class TimedOut(Exception):
    pass


def _alarm(signum, frame):
    raise TimedOut()


def worker_load(task: dict) -> dict:
    from samsyn.graph.building import build
    from samsyn.graph import named_queries as query
    runs, backend, path = task["runs"], task["backend"], Path(task["file"])
    scratch = Path(tempfile.mkdtemp(prefix="samsyn-bench-"))
    try:
        spec = spec_for(backend, scratch)
        times = []
        store = None
        peak = None
        for i in range(runs):
            started = time.perf_counter()
            store = build([path], store=spec if store is None else store, suggestions=False)
            times.append(time.perf_counter() - started)
            if peak is None:
                peak = peak_mb()
        out = {"load": times, "peak_mb": peak, "triples": len(store)}
        signal.signal(signal.SIGALRM, _alarm)
        if task.get("queries", True):
            params = query_params(store)
            out["queries"] = {}
            # the inference rules are timed as the load's inference step, not as queries
            for name in [n for n in query.query_names() if not n.startswith("infer-")]:
                variants = [(name, params.get(name, {}))]
                if name == "gaps" and "gaps-one" in params:
                    variants.append(("gaps (one organisation)", params["gaps-one"]))
                for label, values in variants:
                    timings, rows = [], 0
                    limit = task.get("query_limit", 0)
                    try:
                        for _ in range(task.get("query_runs", runs)):
                            started = time.perf_counter()
                            if limit:
                                signal.alarm(limit)
                            rows = len(list(query.run(store, name, values)))
                            signal.alarm(0)
                            timings.append(time.perf_counter() - started)
                        out["queries"][label] = {"times": timings, "rows": rows}
                        if backend.startswith("oxigraph"):
                            out["queries"][label]["engine"] = engine_times(store, name, values,
                                                                           task.get("query_runs", runs))
                    except TimedOut:
                        out["queries"][label] = {"times": [], "rows": None, "over": limit}
        return out
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def engine_times(store, name: str, values: dict, runs: int) -> list[float]:
    """The query in Oxigraph alone: every solution read, none converted to rdflib terms."""
    from samsyn.graph import named_queries as query
    from samsyn.graph.rdf_terms import to_ox
    import pyoxigraph as ox
    named = query.load_query(name)
    substitutions = {ox.Variable(k): to_ox(v) for k, v in named.bindings(values).items()} or None
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        for solution in store.oxigraph().query(named.text, use_default_graph_as_union=True,
                                              substitutions=substitutions):
            tuple(solution)
        times.append(time.perf_counter() - started)
    return times


def worker_infer(task: dict) -> dict:
    """The inference step of every load (graph.inference.infer on Oxigraph), on its own: the
    sources parsed into a fresh store first (not timed), then the rules run."""
    import pyoxigraph as ox

    from samsyn.graph.inference import infer
    from samsyn.graph.sources import all_sources, load_source
    times, triples = [], 0
    for _ in range(task["runs"]):
        store = ox.Store()
        for source in all_sources([task["file"]]):
            load_source(store, source)
        before = len(store)
        started = time.perf_counter()
        infer(store)
        times.append(time.perf_counter() - started)
        triples = len(store) - before
        del store
    return {"times": times, "triples": triples}


def worker_bulk(task: dict) -> dict:
    import pyoxigraph as ox
    times, triples, peak = [], 0, None
    for _ in range(task["runs"]):
        started = time.perf_counter()
        store = ox.Store()
        store.bulk_load(path=task["file"], format=ox.RdfFormat.TURTLE)
        times.append(time.perf_counter() - started)
        triples = len(store)
        peak = peak or peak_mb()
        del store
    return {"load": times, "triples": triples, "peak_mb": peak}


def worker_floor(task: dict) -> dict:
    """The least a build that keeps its inferred graphs can cost: every quad the build ends with
    (`samsyn build --no-suggestions`) loaded by Oxigraph with no rule run and no check: the
    strategy file bulk-loaded into its graph as the baseline is, the rest (ontology, frameworks,
    inferred graphs, catalog) from N-Quads made beforehand (not timed)."""
    import pyoxigraph as ox

    from samsyn.graph.building import prepare
    from samsyn.graph.sources import all_sources
    sources = all_sources([task["file"]])
    strategy = next(s for s in sources if s.kind == "strategies")
    graph = ox.NamedNode(str(strategy.graph_iri))
    dataset = prepare(sources, suggestions=False)
    rest = ox.Store()
    rest.extend(q for q in dataset if q.graph_name != graph)
    rest_nquads = rest.dump(format=ox.RdfFormat.N_QUADS)
    total = len(dataset)
    del dataset, rest
    times = []
    for _ in range(task["runs"]):
        started = time.perf_counter()
        store = ox.Store()
        store.bulk_load(path=task["file"], format=ox.RdfFormat.TURTLE, base_iri=str(strategy.graph_iri), to_graph=graph)
        store.bulk_load(rest_nquads, format=ox.RdfFormat.N_QUADS)
        times.append(time.perf_counter() - started)
        assert len(store) == total, (len(store), total)
        del store
    return {"load": times, "triples": total}


def process_age() -> float:
    """Seconds since this process started, interpreter start-up included (/proc, 10 ms ticks)."""
    start_ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
    return float(Path("/proc/uptime").read_text().split()[0]) - start_ticks / os.sysconf("SC_CLK_TCK")


def worker_shacl_plain(task: dict) -> dict:
    """The baseline, one run per process: rdflib parses the same files (the ontology, the
    frameworks and the strategy file) and plain pyshacl validates them (inference none). Timed
    as a whole process, up to pyshacl's answer; the findings are read after the clock stops."""
    from pyshacl import validate
    from rdflib import Graph

    from samsyn.graph.sources import all_sources
    from samsyn.shapes import SHAPES_FILES
    data = Graph()
    for source in all_sources([task["file"]]):
        data.parse(source.path, format="turtle")
    shapes = Graph()
    for path in SHAPES_FILES:
        shapes.parse(data=path.read_text(encoding="utf-8"), format="turtle")
    _, results, _ = validate(data, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=True)
    elapsed = process_age()
    from samsyn.graph.namespaces import RDF, SH

    def text(node):
        return str(node) if node is not None else None
    report = results.value(predicate=RDF.type, object=SH.ValidationReport)
    keys = sorted({(str(results.value(r, SH.focusNode)), str(results.value(r, SH.sourceShape)),
                    str(results.value(r, SH.resultSeverity)).removeprefix(str(SH)),
                    str(results.value(r, SH.sourceConstraintComponent)), text(results.value(r, SH.resultPath)),
                    text(results.value(r, SH.value)))
                   for r in results.objects(report, SH.result)})
    return {"time": elapsed, "keys": keys, "peak_mb": peak_mb()}


#: `samsyn validate --format` values, each measured as a whole process
VALIDATE_FORMATS = ("text", "json", "turtle")


def run_validate(file: str, fmt: str) -> dict:
    """`samsyn validate --source FILE --format FMT` as a whole process: wall-clock time, peak
    memory, and the findings read from its output (after the clock stops)."""
    samsyn = Path(sys.executable).with_name("samsyn")
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        proc = subprocess.Popen([str(samsyn), "validate", "--source", file, "--format", fmt],
                                stdout=out, stderr=subprocess.PIPE, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        error = proc.stderr.read().decode("utf-8", "replace").strip() if proc.stderr else ""
        out.seek(0)
        output = out.read().decode("utf-8")
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        return {"error": error[-300:]}
    return {"time": elapsed, "peak_mb": usage.ru_maxrss / 1024, "findings": validate_findings(output, fmt)}


def validate_findings(output: str, fmt: str) -> list:
    """What each output format says of the findings: json the whole key (focus node, shape,
    severity, constraint, path, value), turtle all but the value, text how many."""
    if fmt == "json":
        return sorted([f["focus_node"], f["shape"], f["severity"], f["constraint"], f["path"], f["value"]]
                      for f in json.loads(output)["findings"])
    if fmt == "turtle":
        from rdflib import Graph

        from samsyn.graph.namespaces import RDF, SH
        graph = Graph().parse(data=output, format="turtle")
        report = graph.value(predicate=RDF.type, object=SH.ValidationReport)
        value = graph.value
        return sorted([str(value(r, SH.focusNode)), str(value(r, SH.sourceShape)),
                       str(value(r, SH.resultSeverity)).removeprefix(str(SH)), str(value(r, SH.sourceConstraintComponent)),
                       str(value(r, SH.resultPath)) if value(r, SH.resultPath) is not None else None]
                      for r in graph.objects(report, SH.result))
    return [sum(1 for line in output.splitlines() if line.startswith("    - "))]


def same_findings(plain_keys: list, findings: list, fmt: str) -> bool:
    keys = [list(k) for k in plain_keys]
    if fmt == "json":
        return findings == keys
    if fmt == "turtle":
        return findings == sorted(k[:5] for k in keys)
    return findings == [len(keys)]


def worker_viewer(task: dict) -> dict:
    """Server time of the viewer's pages through Flask's test client (no network), the app
    built on the task's store from the same file: the first request (caches empty) and the
    median of the next ones."""
    try:
        from samsyn.viewer import create_app
    except ImportError:
        return {"skipped": "the viewer (issue 4) has not landed on this branch"}
    scratch = Path(tempfile.mkdtemp(prefix="samsyn-bench-"))
    try:
        from samsyn.graph.building import build
        from samsyn.graph.store import new_store
        spec = spec_for(task.get("backend", "oxigraph"), scratch)
        persistent = new_store(spec).persistent  # the viewer reads such a store as `samsyn build` left it
        started = time.perf_counter()
        if persistent:
            build([task["file"]], store=spec)
        app = create_app({"SOURCES": None if persistent else [task["file"]], "STORE": spec,
                          "WARM": False, "TESTING": True})
        built = time.perf_counter() - started
        store = app.extensions["samsyn"].knowledge.store
        client = app.test_client()
        row = next(iter(store.query(
            "PREFIX sam: <https://w3id.org/samsyn/ns#> SELECT ?a WHERE { ?a a sam:Activity } ORDER BY ?a LIMIT 1")))
        entity = "/id/" + str(row[0]).split("/samsyn/id/", 1)[1]
        organisation = str(next(iter(store.query(
            "PREFIX sam: <https://w3id.org/samsyn/ns#> SELECT ?o WHERE { ?s sam:issuedBy ?o } ORDER BY ?o LIMIT 1")))[0])
        with app.app_context():
            organisations = len(app.extensions["samsyn"].knowledge.organisations())
        last_page = -(-organisations // app.config["HOME_PAGE_SIZE"])
        pages = {"home": "/", "home, last page": f"/?page={last_page}", "graph overview": "/graph",
                 "graph, one organisation": "/graph?org=" + organisation, "entity page": entity,
                 "validation": "/validate"}
        out: dict = {"app_s": built, "pages": {}}
        for label, url in pages.items():
            times, status = [], None
            for _ in range(task["runs"] + 1):
                started = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - started)
                status = response.status_code
            out["pages"][label] = {"url": url, "first": times[0], "times": times[1:], "status": status}
        app.extensions["samsyn"].close()
        return out
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


WORKERS = {"load": worker_load, "bulk": worker_bulk, "floor": worker_floor, "infer": worker_infer, "shacl-plain": worker_shacl_plain,
           "viewer": worker_viewer}


def run_worker(task: dict, timeout: float = 7200) -> dict:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, "--worker", json.dumps(task)], capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT)
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-3:]
        log(f"  {task['task']} {task.get('backend', '')} failed: {' | '.join(tail)}")
        return {"error": " ".join(tail)[-300:]}
    log(f"  {task['task']} {task.get('backend', '')} done in {time.perf_counter() - started:.1f} s")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def measure_shacl(file: str, plain_runs: int, runs: int) -> dict:
    """Plain pyshacl (each run its own process) and `samsyn validate` in every output format,
    whole processes; same: each format's findings are pyshacl's."""
    plain_runs_out = [run_worker({"task": "shacl-plain", "file": file}) for _ in range(plain_runs)]
    if any("error" in r for r in plain_runs_out):
        return {"error": next(r["error"] for r in plain_runs_out if "error" in r)}
    keys = plain_runs_out[0]["keys"]
    out: dict = {"plain": {"times": [r["time"] for r in plain_runs_out], "findings": len(keys),
                           "peak_mb": max(r["peak_mb"] for r in plain_runs_out)}, "validate": {}}
    for fmt in VALIDATE_FORMATS:
        measured = [run_validate(file, fmt) for _ in range(runs)]
        if any("error" in m for m in measured):
            out["validate"][fmt] = {"error": next(m["error"] for m in measured if "error" in m)}
            continue
        out["validate"][fmt] = {"times": [m["time"] for m in measured], "peak_mb": max(m["peak_mb"] for m in measured),
                                "same": all(same_findings(keys, m["findings"], fmt) for m in measured)}
        log(f"  validate --format {fmt}: {fmt_s(median(out['validate'][fmt]['times']))}")
    return out


# --- orchestration -------------------------------------------------------------------------------

def virtuoso_up() -> bool:
    try:
        with urllib.request.urlopen(f"{VIRTUOSO}?query=ASK%7B%7D", timeout=3) as response:
            return response.status == 200
    except OSError:
        return False


def virtuoso_version() -> str:
    try:
        with urllib.request.urlopen(f"{VIRTUOSO}?query=ASK%7B%7D", timeout=3) as response:
            return response.headers.get("Server", "?").strip()
    except OSError:
        return "not running"


def machine() -> dict:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "?"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    from importlib.metadata import version
    versions = {name: version(name) for name in ("rdflib", "pyoxigraph", "pyshacl", "flask")}
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": memory, "os": platform.platform(),
            "python": platform.python_version(), "versions": versions, "virtuoso": virtuoso_version(),
            "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def make_data(sizes: list[int]) -> dict[int, dict]:
    from samsyn.graph.synth import write_synthetic
    DATA.mkdir(parents=True, exist_ok=True)
    files = {}
    for n in sizes:
        path = DATA / f"synth-{n}-seed{SEED}.ttl"
        if not path.exists():
            log(f"generating {n} organisations -> {path.name}")
            started = time.perf_counter()

            def progress(done: int, total: int) -> None:
                if done % max(1, total // 10) == 0:
                    log(f"  {done}/{total} organisations")
            write_synthetic(n, path, SEED, progress)
            log(f"  {time.perf_counter() - started:.1f} s")
        files[n] = {"file": str(path), "mb": path.stat().st_size / 1e6}
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="samsyn scale benchmarks")
    parser.add_argument("--sizes", default="5,311,3110", help="organisations, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--backends", default=",".join(BACKENDS))
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--merge", action="store_true",
                        help="add to benchmarks/results.json instead of starting afresh (e.g. one backend rerun)")
    parser.add_argument("--note", help="a note printed at the top of the scale section of RESULTS.md")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        task = json.loads(args.worker)
        print(json.dumps(WORKERS[task["task"]](task)))
        return 0

    sizes = [int(s) for s in args.sizes.split(",")]
    backends = args.backends.split(",")
    started_virtuoso = False
    if "virtuoso" in backends and not virtuoso_up():
        log("starting Virtuoso (.ci/virtuoso/start.sh)")
        proc = subprocess.run(["bash", str(ROOT / ".ci" / "virtuoso" / "start.sh")], capture_output=True, text=True,
                              env={**os.environ, **VIRTUOSO_ENV})
        if proc.returncode != 0:
            log(f"Virtuoso not available: {proc.stderr.strip()[-200:]}; leaving it out")
            backends.remove("virtuoso")
        else:
            started_virtuoso = True
    results: dict = {"machine": machine(), "runs": args.runs, "sizes": {}}
    if args.merge and RAW.is_file():
        results = json.loads(RAW.read_text(encoding="utf-8"))
    if args.note:
        results["note"] = args.note
    files = make_data(sizes)
    for n in sizes:
        entry: dict = results["sizes"].setdefault(str(n), {})
        entry["file_mb"] = files[n]["mb"]
        file = files[n]["file"]
        big = n > MEMORY_QUERY_LIMIT
        log(f"== {n} organisations")
        # rerun with any backend's load, so a rerun row's ratio is against a bulk load of its own run
        # (with --merge, the rows not rerun keep their old times: the report's note must say which)
        entry["bulk"] = run_worker({"task": "bulk", "file": file, "runs": args.runs})
        entry["infer"] = run_worker({"task": "infer", "file": file, "runs": args.runs})
        entry["floor"] = run_worker({"task": "floor", "file": file, "runs": args.runs})
        entry.setdefault("backends", {})
        for backend in backends:
            slow = backend == "memory"
            task = {"task": "load", "backend": backend, "file": file,
                    "runs": 1 if slow and n >= MEMORY_QUERY_LIMIT else args.runs,
                    "queries": not (slow and big), "query_runs": 1 if slow and n >= MEMORY_QUERY_LIMIT else args.runs,
                    "query_limit": MEMORY_QUERY_SECONDS if slow else 0}
            entry["backends"][backend] = run_worker(task)
            save(results, args.out)
        if "shacl" not in entry or not args.merge:
            entry["shacl"] = measure_shacl(file, 1 if n > MEMORY_QUERY_LIMIT else args.runs, args.runs)
        entry.setdefault("viewer", {})
        # the viewer on Oxigraph at every size; on Virtuoso up to 311 organisations
        for backend in [b for b in ("oxigraph", "virtuoso") if b in backends]:
            if backend == "oxigraph" or n <= MEMORY_QUERY_LIMIT:
                entry["viewer"][backend] = run_worker({"task": "viewer", "backend": backend, "file": file,
                                                       "runs": args.runs})
        save(results, args.out)
    if started_virtuoso:
        subprocess.run(["bash", str(ROOT / ".ci" / "virtuoso" / "stop.sh")], capture_output=True,
                       env={**os.environ, **VIRTUOSO_ENV})
    log(f"wrote {args.out}")
    return 0


# --- the report ------------------------------------------------------------------------------------

def fmt_s(seconds: float | None) -> str:
    if seconds is None or seconds != seconds:
        return "–"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s" if seconds < 100 else f"{seconds:.0f} s"


def ratio(a: float | None, b: float | None) -> str:
    if not a or not b or a != a or b != b:
        return "–"
    r = a / b
    return f"{r:.1f}×" if r < 100 else f"{r:.0f}×"


def save(results: dict, out: Path) -> None:
    RAW.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    write_section("scale", render(results), out)


def step_row(n: str, triples: str, what: str, times: list[float], bulk: float | None) -> str:
    """A row of the load table for one step measured on its own (no backend, no peak memory)."""
    return f"| {n} | {triples} | | {what} | {fmt_s(median(times))} | {ratio(median(times), bulk)} | |"


def render(results: dict) -> str:
    m = results["machine"]
    lines = ["# Benchmarks", "",
             "Written by `make bench` (`python benchmarks/run.py --sizes 5,311,3110 --runs 3`); do not edit by hand.",
             "Synthetic strategies from `graph/synth.py` (seed %d): per organisation 8 goals, 5 priority areas, "
             "40 activities (10 %% without owner), 6 units, 3 partnerships, Swedish source text. "
             "Every time is the median of %d runs unless marked (1 run); each ratio compares two figures "
             "measured in this same run." % (SEED, results["runs"]), "",
             f"- machine: {m['cpu']}, {m['cores']} cores, {m['memory']}; {m['os']}",
             f"- Python {m['python']}; " + ", ".join(f"{k} {v}" for k, v in m["versions"].items())
             + f"; Virtuoso: {m['virtuoso']}",
             f"- date: {m['date']}", ""]
    if results.get("note"):
        lines += [f"Note: {results['note']}", ""]
    sizes = results["sizes"]

    lines += ["## Load", "",
              "Build from the Turtle file (plus the ontology and frameworks) into the store: parse, load, and "
              "for Oxigraph on disk flush and compact; then the inference rules (graph/inference.py: the "
              "reach and coverage graphs, run on Oxigraph for every backend, timed on their own in the "
              "last row of each size) and the strategies' integrity check; the suggested alignments "
              "are left out (`samsyn build --no-suggestions`: what they add is the build-suggestions "
              "section). Peak memory is the whole process's (Python and "
              "libraries included) after one load. Baseline: `pyoxigraph.Store().bulk_load` of the same file. "
              "Floor: what any build that keeps the inferred graphs must at least do, every quad it ends "
              "with loaded by Oxigraph (the file bulk-loaded as the baseline is, the ontology, frameworks, "
              "inferred graphs and catalog from N-Quads made beforehand), no rule evaluated and no check.", "",
              "| organisations | triples | file | backend | load | vs. bulk load | peak memory |",
              "| ---: | ---: | ---: | --- | ---: | ---: | ---: |"]
    for n, entry in sizes.items():
        bulk = median(entry.get("bulk", {}).get("load", []))
        triples = entry.get("bulk", {}).get("triples", "?")
        lines.append(f"| {n} | {triples:,} | {entry['file_mb']:.1f} MB | pyoxigraph bulk_load (baseline) | "
                     f"{fmt_s(bulk)} | 1.0× | {entry.get('bulk', {}).get('peak_mb', 0):.0f} MB |")
        floor = entry.get("floor", {})
        if floor.get("load"):
            lines.append(step_row(n, f"{floor['triples']:,}", "floor: the build's quads loaded, no rule run, no check",
                                  floor["load"], bulk))
        for backend, b in entry.get("backends", {}).items():
            if "error" in b:
                lines.append(f"| {n} | | | {backend} | failed: {b['error'][:80]} | | |")
                continue
            load = median(b["load"])
            runs = "" if len(b["load"]) > 1 else " (1 run)"
            lines.append(f"| {n} | {b.get('triples', 0):,} | | {backend} | {fmt_s(load)}{runs} | "
                         f"{ratio(load, bulk)} | {b['peak_mb']:.0f} MB |")
        infer = entry.get("infer", {})
        if infer.get("times"):
            lines.append(step_row(n, f"+{infer['triples']:,}", "of which: inference (part of every load above)",
                                  infer["times"], bulk))
    lines.append("")

    lines += ["## Named queries", "",
              "Each named query of graph/queries/ through `graph.query.run` (results converted to rdflib "
              "terms); for Oxigraph also, in brackets, the engine alone (every solution read in pyoxigraph, "
              "none converted). Ratio: how many times faster than rdflib's memory store (the baseline) in this run. "
              "`–`: not run (rdflib's memory store is not queried above %d organisations)." % MEMORY_QUERY_LIMIT, ""]
    for n, entry in sizes.items():
        backends = [b for b, v in entry.get("backends", {}).items() if "queries" in v]
        if not backends:
            continue
        names = sorted({q for b in backends for q in entry["backends"][b]["queries"]})
        lines += [f"### {n} organisations", "",
                  "| query | rows | " + " | ".join(backends) + " |",
                  "| --- | ---: | " + " | ".join("---:" for _ in backends) + " |"]
        for name in names:
            base = entry["backends"].get("memory", {}).get("queries", {}).get(name)
            base_t = median(base["times"]) if base and base["times"] else None
            cells, rows = [], "?"
            for b in backends:
                q = entry["backends"][b]["queries"].get(name)
                if not q:
                    cells.append("–")
                    continue
                if q.get("over"):
                    cells.append(f"> {q['over']} s (stopped)")
                    continue
                rows = q["rows"] if q["rows"] is not None else rows
                t = median(q["times"])
                cell = fmt_s(t)
                if q.get("engine"):
                    cell += f" [engine {fmt_s(median(q['engine']))}]"
                if b != "memory" and base_t:
                    cell += f" ({ratio(base_t, t)})"
                if len(q["times"]) == 1:
                    cell += " (1 run)"
                cells.append(cell)
            lines.append(f"| {name} | {rows} | " + " | ".join(cells) + " |")
        lines.append("")

    lines += ["## SHACL", "",
              "The samsyn shapes on the same data, each command a whole process (interpreter start-up, "
              "imports and parsing included). Baseline: a script in which rdflib parses the files (the "
              "ontology, the frameworks and the strategy file) and plain `pyshacl.validate` checks them "
              "(inference none), timed up to pyshacl's answer. `samsyn validate --source FILE --format F`: "
              "Oxigraph parses the same files, the fast path (shapes/fast) runs each constraint as SPARQL, "
              "and the report is written in that format. Same: the output holds pyshacl's findings (json: "
              "focus node, shape, severity, constraint, path, value; turtle: all but the value; text: how many).", "",
              "| organisations | command | time | speed-up | peak memory | findings | same |",
              "| ---: | --- | ---: | ---: | ---: | ---: | --- |"]
    for n, entry in sizes.items():
        shacl = entry.get("shacl", {})
        if "plain" not in shacl:
            lines.append(f"| {n} | not measured: {shacl.get('error', '?')[:120]} | | | | | |")
            continue
        plain = shacl["plain"]
        p = median(plain["times"])
        runs = " (1 run)" if len(plain["times"]) == 1 else ""
        lines.append(f"| {n} | plain `pyshacl.validate` with parse (baseline) | {fmt_s(p)}{runs} | 1.0× | "
                     f"{plain['peak_mb']:.0f} MB | {plain['findings']} | |")
        for fmt, v in shacl["validate"].items():
            if "times" not in v:
                lines.append(f"| {n} | `samsyn validate --format {fmt}` | failed: {v.get('error', '?')[:80]} | | | | |")
                continue
            t = median(v["times"])
            lines.append(f"| {n} | `samsyn validate --format {fmt}` | {fmt_s(t)} | {ratio(p, t)} | "
                         f"{v['peak_mb']:.0f} MB | {plain['findings']} | {'yes' if v['same'] else 'NO'} |")
    lines.append("")

    lines += ["## Viewer", "",
              "Server time of the viewer's pages through Flask's test client (`viewer.create_app` with the "
              "same file and the store named; no network, no browser): the first request, which fills the "
              "viewer's caches, and the median of the next ones. Target at 311 organisations: under 100 ms "
              "once cached. On Virtuoso not run above %d organisations. The app is created with WARM off, so "
              "the first request computes what `samsyn serve` computes in the background at start." % MEMORY_QUERY_LIMIT, "",
              "| organisations | store | page | URL | status | first request | cached |",
              "| ---: | --- | --- | --- | ---: | ---: | ---: |"]
    for n, entry in sizes.items():
        for backend, v in (entry.get("viewer") or {}).items():
            if "pages" not in v:
                lines.append(f"| {n} | {backend} | not measured: {v.get('skipped') or v.get('error', '?')[:120]} | | | | |")
                continue
            lines.append(f"| {n} | {backend} | start: `create_app` (build, label and type indexes) | | | "
                         f"{fmt_s(v.get('app_s'))} | |")
            for label, page in v["pages"].items():
                lines.append(f"| {n} | {backend} | {label} | `{page['url'][:60]}` | {page['status']} | "
                             f"{fmt_s(page['first'])} | {fmt_s(median(page['times']))} |")
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
