"""samsyn's load test: python benchmarks/load.py [--label before] [--seconds 4] [--synth 300] ...

Starts the real server (`samsyn serve` under waitress, loopback only, a free port) on the five
bundled strategies (or, with --synth N, on N synthetic ones from `samsyn synth`), waits until it
answers, then:

1. pages and queries: requests/s and p50/p99 latency with wrk (Debian's `wrk`, script in
   benchmarks/load/wrk.lua) for the home page, the graph page and its JSON, an entity page, the
   validation page, a small SPARQL query (ASK {}) and the coverage query (graph/queries/
   coverage.rq), each at concurrency 1, 8 and 32 for --seconds seconds;
2. the flood: --flood-clients clients each send a runaway query (a four-way cross join) and give
   up after --give-up seconds, then send another, for --flood-seconds; meanwhile a probe asks for
   the home page and for ASK {} once a second. Recorded: the probes' latency and failures during
   the flood, and how long after the flood the site answers both promptly again (bounded by
   --recovery-limit), the server's sockets in CLOSE-WAIT (requests whose client has gone);
3. with --selections N: N distinct selections of the graph page's JSON (each organisation with
   each set of frameworks, in each language, as visitors clicking through the filters would), and the server's
   resident memory and cache before and after (from its /status.json).

At the end the server's /status.json (caches, queries refused, stopped and answered, memory) is
recorded too.

Everything is bounded in time; nothing leaves 127.0.0.1. Progress goes to stderr; results to
benchmarks/load-results.json (raw, one entry per --label, so "before" and "after" sit side by side)
and benchmarks/load-results.md (rendered from that JSON)."""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from results import write_section  # benchmarks/results.py, beside this script
from run import log, machine  # benchmarks/run.py, beside this script

from samsyn.graph import named_queries
from samsyn.viewer.testing import free_port

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "benchmarks" / "load-results.json"
WRK_SCRIPT = ROOT / "benchmarks" / "load" / "wrk.lua"
HOST = "127.0.0.1"
SPARQL_JSON = "application/sparql-results+json"

#: the issue's runaway: a four-way cross join that no store finishes
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SMALL_QUERY = "ASK {}"


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    query: str | None = None  # POSTed to `path` as application/sparql-query when set


@dataclass
class Answer:
    sent: float  # seconds since the phase began
    status: int | None  # None: no answer (timeout, reset)
    seconds: float
    error: str = ""
    retry_after: str | None = None


# --- the server -----------------------------------------------------------------------------------

def samsyn_command() -> list[str]:
    """The `samsyn` script of the Python running this file (a venv's), else the one on PATH."""
    beside = Path(sys.executable).with_name("samsyn")
    found = str(beside) if beside.exists() else shutil.which("samsyn")
    if not found:
        raise SystemExit("samsyn is not installed in this Python: run `make test` once, then .venv/bin/python benchmarks/load.py")
    return [found]


class Server:
    """`samsyn serve` on a free loopback port; its log goes to a file (waitress logs a line per
    queued task under load: a pipe nobody reads would fill and stall it)."""

    def __init__(self, scratch: Path, source: Path | None, query_timeout: float):
        self.port = free_port(HOST)
        self.args = ["serve", "--host", HOST, "--port", str(self.port), "--query-timeout", f"{query_timeout:g}"]
        if source is not None:
            self.args += ["--source", str(source)]
        self.log_path = scratch / "serve.log"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        log(f"starting samsyn {' '.join(self.args)}")
        with open(self.log_path, "wb") as out:
            self.process = subprocess.Popen(samsyn_command() + self.args, stdout=out, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, start_new_session=True)
        began = time.monotonic()
        try:
            while time.monotonic() - began < 600:
                if self.process.poll() is not None:
                    raise SystemExit(f"samsyn serve exited with {self.process.returncode}:\n"
                                     f"{self.log_path.read_text()[-2000:]}")
                if request(self.port, "GET", "/index.json", timeout=5).status == 200:
                    log(f"server answers on {HOST}:{self.port} after {time.monotonic() - began:.1f} s")
                    return self
                time.sleep(0.5)
            raise SystemExit("samsyn serve did not answer within 600 s")
        except BaseException:  # interrupted while it starts: stop it all the same
            self.__exit__()
            raise

    def __exit__(self, *exc) -> None:
        """Stop the server and everything it forked (its own session): a query still running
        would otherwise outlive it until its CPU limit."""
        if self.process is None:
            return
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                pass
        self.process.wait()

    def log_lines(self, text: str) -> int:
        with open(self.log_path, encoding="utf-8", errors="replace") as lines:
            return sum(text in line for line in lines)


def request(port: int, method: str, path: str, body: str | None = None, timeout: float = 10.0,
            accept: str | None = None, clock: float | None = None) -> Answer:
    """One request on a fresh connection; on timeout the client gives up and closes it, as a
    browser or a script would."""
    started = time.monotonic()
    headers = {"Accept": accept} if accept else {}
    if body is not None:
        headers["Content-Type"] = "application/sparql-query"
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    sent = started - (clock if clock is not None else started)
    try:
        connection.request(method, path, body=body.encode() if body is not None else None, headers=headers)
        response = connection.getresponse()
        response.read()
        return Answer(sent, response.status, time.monotonic() - started, retry_after=response.getheader("Retry-After"))
    except (OSError, http.client.HTTPException) as error:
        return Answer(sent, None, time.monotonic() - started, error=type(error).__name__)
    finally:
        connection.close()


def ask(port: int, timeout: float, clock: float | None = None) -> Answer:
    return request(port, "POST", "/sparql", SMALL_QUERY, timeout=timeout, accept=SPARQL_JSON, clock=clock)


def settle(port: int, limit: float = 120.0) -> float:
    """Wait until the home page and ASK {} each answer within a second (what an earlier step
    left queued has drained). Returns the seconds waited."""
    began = time.monotonic()
    while time.monotonic() - began < limit:
        home = request(port, "GET", "/", timeout=limit)
        small = ask(port, timeout=limit)
        if home.status == 200 and small.status == 200 and home.seconds < 1 and small.seconds < 1:
            break
        time.sleep(0.5)
    return time.monotonic() - began


# --- pages and queries: wrk ---------------------------------------------------------------------

def wrk_version() -> str:
    wrk = shutil.which("wrk")
    if not wrk:
        raise SystemExit("wrk is not installed: apt-get install wrk (Debian), or pass --skip-pages")
    out = subprocess.run([wrk, "--version"], capture_output=True, text=True)
    # "wrk debian/4.1.0-3+b2 [epoll] Copyright (C) 2012 Will Glozer"
    return (out.stdout or out.stderr).split()[1]


def run_wrk(port: int, target: Target, concurrency: int, seconds: float, scratch: Path) -> dict:
    env = {**os.environ, "SAMSYN_WRK_BODY": "", "SAMSYN_WRK_ACCEPT": ""}
    if target.query is not None:
        body = scratch / "wrk-body.rq"
        body.write_text(target.query, encoding="utf-8")
        env.update(SAMSYN_WRK_BODY=str(body), SAMSYN_WRK_ACCEPT=SPARQL_JSON)
    # one wrk thread: on 2 cores the server needs the other one
    command = ["wrk", "-t1", f"-c{concurrency}", f"-d{seconds:g}s", "--timeout", "10s", "-s", str(WRK_SCRIPT),
               f"http://{HOST}:{port}{target.path}"]
    out = subprocess.run(command, capture_output=True, text=True, env=env, timeout=seconds + 60)
    line = next((line for line in out.stdout.splitlines() if line.startswith("SAMSYN-WRK ")), None)
    if line is None:
        raise SystemExit(f"wrk gave no result for {target.path}: {out.stdout[-500:]} {out.stderr[-500:]}")
    raw = json.loads(line.split(" ", 1)[1])
    errors = raw["errors"]
    return {"target": target.name, "path": target.path, "method": "POST" if target.query else "GET",
            "concurrency": concurrency, "requests": raw["requests"],
            "per_second": raw["requests"] / (raw["duration_us"] / 1e6),
            "p50_ms": raw["latency_us"]["p50"] / 1000, "p90_ms": raw["latency_us"]["p90"] / 1000,
            "p99_ms": raw["latency_us"]["p99"] / 1000, "max_ms": raw["latency_us"]["max"] / 1000,
            "non_2xx": errors["status"], "socket_errors": errors["connect"] + errors["read"] + errors["write"],
            "timeouts": errors["timeout"], "bytes": raw["bytes"]}


def measure_pages(port: int, targets: list[Target], levels: list[int], seconds: float, scratch: Path) -> list[dict]:
    rows = []
    for target in targets:
        settle(port)  # what the previous target's run left running has been stopped or answered
        first = (request(port, "POST", target.path, target.query, timeout=120, accept=SPARQL_JSON)
                 if target.query else request(port, "GET", target.path, timeout=120))
        if first.status != 200:
            raise SystemExit(f"{target.path} answered {first.status or first.error}: the load test measures pages that work")
        for concurrency in levels:
            waited = settle(port)
            row = run_wrk(port, target, concurrency, seconds, scratch)
            row["first_ms"] = first.seconds * 1000
            rows.append(row)
            log(f"{target.name:<24} c={concurrency:<3} {row['per_second']:8.1f} req/s  p50 {row['p50_ms']:8.1f} ms  "
                f"p99 {row['p99_ms']:8.1f} ms  non-2xx {row['non_2xx']}  timeouts {row['timeouts']}"
                + (f"  (settled {waited:.1f} s first)" if waited > 2 else ""))
    return rows


# --- the flood ------------------------------------------------------------------------------------

def close_wait(port: int) -> int | None:
    """Server-side sockets whose client has closed its end, accepted or still in the listen
    queue (None without iproute2's ss)."""
    if not shutil.which("ss"):
        return None
    out = subprocess.run(["ss", "-Htn", "state", "close-wait", f"( sport = :{port} )"], capture_output=True, text=True)
    return len(out.stdout.splitlines()) if out.returncode == 0 else None


def outcome(answer: Answer) -> str:
    """"200", "503 Retry-After" (a 503 that says when to come back), or the client's error."""
    if answer.status is None:
        return answer.error
    return f"{answer.status} Retry-After" if answer.retry_after else str(answer.status)


def latency_summary(answers: list[Answer], probe_timeout: float) -> dict:
    answered = sorted(a.seconds for a in answers if a.status == 200)
    summary = {"probes": len(answers), "ok": len(answered),
               "failed": len(answers) - len(answered),
               "statuses": dict(Counter(outcome(a) for a in answers)),
               "probe_timeout_s": probe_timeout}
    if answered:
        summary.update(p50_s=statistics.median(answered),
                       p99_s=answered[min(len(answered) - 1, round(0.99 * (len(answered) - 1)))],
                       max_s=answered[-1])
    return summary


def flood(port: int, clients: int, flood_seconds: float, give_up: float, recovery_limit: float,
          probe_timeout: float, prompt: float) -> dict:
    start = time.monotonic()
    stop = threading.Event()
    lock = threading.Lock()
    runaway: list[Answer] = []
    probes: dict[str, list[Answer]] = {"home": [], "small_query": []}
    sockets: list[tuple[float, int | None]] = []
    probing: list[tuple[float, threading.Thread]] = []  # (sent, thread)

    def flood_client() -> None:
        while not stop.is_set():
            answer = request(port, "POST", "/sparql", RUNAWAY, timeout=give_up, accept=SPARQL_JSON, clock=start)
            with lock:
                runaway.append(answer)

    def probe(kind: str) -> None:
        answer = (request(port, "GET", "/", timeout=probe_timeout, clock=start) if kind == "home"
                  else ask(port, timeout=probe_timeout, clock=start))
        with lock:
            probes[kind].append(answer)

    flooders = [threading.Thread(target=flood_client, daemon=True) for _ in range(clients)]
    for thread in flooders:
        thread.start()
    log(f"flood: {clients} clients sending the runaway query, each giving up after {give_up:g} s, for {flood_seconds:g} s")

    flood_end: float | None = None
    recovered: dict[str, float] = {}
    tick = 0
    while True:
        now = time.monotonic() - start
        if now >= flood_seconds:
            stop.set()  # each client stops once its request in flight is answered or given up
        if flood_end is None and stop.is_set() and not any(thread.is_alive() for thread in flooders):
            flood_end = now
            log(f"flood over at {flood_end:.1f} s ({len(runaway)} runaway requests sent); measuring recovery "
                f"(at most {recovery_limit:g} s)")
        if flood_end is not None:
            with lock:
                for kind, answers in probes.items():
                    if kind not in recovered:
                        prompt_after = [a.sent + a.seconds - flood_end for a in answers
                                        if a.sent >= flood_end and a.status == 200 and a.seconds <= prompt]
                        if prompt_after:
                            recovered[kind] = min(prompt_after)
            if len(recovered) == len(probes) or now - flood_end > recovery_limit + prompt:
                break
        sockets.append((now, close_wait(port)))
        if tick % 5 == 0:
            with lock:
                late = sum(1 for a in probes["home"] if a.status != 200 or a.seconds > prompt)
                log(f"  {now:5.1f} s: {len(runaway)} runaway requests over, {len(probes['home'])} home probes "
                    f"answered or given up ({late} slow or failed), CLOSE-WAIT {sockets[-1][1]}")
        if flood_end is None or now - flood_end <= recovery_limit:
            for kind in probes:
                thread = threading.Thread(target=probe, args=(kind,), daemon=True)
                thread.start()
                probing.append((now, thread))
        tick += 1
        time.sleep(max(0.0, start + tick - time.monotonic()))  # one probe of each kind a second

    for sent, thread in probing:
        if sent < flood_end:
            thread.join(timeout=probe_timeout + 1)  # every probe of the flood has its answer or gave up
    with lock:
        during = {kind: [a for a in answers if a.sent < flood_end] for kind, answers in probes.items()}
        result = {
            "clients": clients, "flood_seconds": flood_seconds, "give_up_s": give_up,
            "recovery_limit_s": recovery_limit, "prompt_s": prompt, "flood_end_s": flood_end,
            "runaway": {"sent": len(runaway), "statuses": dict(Counter(outcome(a) for a in runaway))},
            "during": {kind: latency_summary(answers, probe_timeout) for kind, answers in during.items()},
            "recovery_s": {kind: recovered.get(kind) for kind in probes},
            "close_wait": {"max": max((n for _, n in sockets if n is not None), default=None),
                           "at_flood_end": next((n for t, n in sockets if t >= flood_end), None),
                           "at_end": sockets[-1][1] if sockets else None},
            "probes": {kind: [asdict(a) for a in answers] for kind, answers in probes.items()},
        }
    for kind, seconds in result["recovery_s"].items():
        log(f"recovery of {kind}: " + (f"{seconds:.1f} s after the flood" if seconds is not None
                                        else f"not within {recovery_limit:g} s"))
    return result


# --- graph selections ----------------------------------------------------------------------------

def server_status(port: int) -> dict:
    return json.loads(urlopen_text(port, "/status.json"))


def selections(port: int, count: int) -> dict:
    """`count` distinct /graph.json selections, one organisation and a set of frameworks each;
    the server's memory and cache before and after."""
    from itertools import chain, combinations
    from urllib.parse import urlencode

    filters = json.loads(urlopen_text(port, "/graph.json"))["filters"]
    organisations = [o["iri"] for o in filters["organisations"]]
    frameworks = [f["iri"] for f in filters["frameworks"]]
    subsets = list(chain.from_iterable(combinations(frameworks, n) for n in range(len(frameworks) + 1)))
    paths = ["/graph.json?" + urlencode([("org", org), *(("framework", f) for f in fws), ("lang", lang)])
             for lang in ("sv", "en") for org in organisations for fws in subsets][:count]
    before = server_status(port)
    log(f"selections: {len(paths)} distinct /graph.json selections ({len(organisations)} organisations x "
        f"{len(subsets)} sets of frameworks x 2 languages at most)")
    began = time.monotonic()
    failed = Counter()
    for number, path in enumerate(paths, 1):
        answer = request(port, "GET", path, timeout=120)
        if answer.status != 200:
            failed[outcome(answer)] += 1
        if number % 500 == 0:
            now = server_status(port)
            log(f"  {number} selections: resident {now['memory']['residentBytes'] / 2**20:,.0f} MB, "
                f"kept {now['caches']['kept']['bytes'] / 2**20:,.0f} MB in {now['caches']['kept']['entries']} entries")
    after = server_status(port)
    return {"count": len(paths), "seconds": time.monotonic() - began, "failed": dict(failed),
            "before": {"resident": before["memory"]["residentBytes"], "kept": before["caches"]["kept"]},
            "after": {"resident": after["memory"]["residentBytes"], "peak": after["memory"]["peakBytes"],
                      "kept": after["caches"]["kept"]}}


# --- results --------------------------------------------------------------------------------------

def megabytes(value: int) -> str:
    return f"{value / 2**20:,.0f} MB"

def ms(value: float) -> str:
    return f"{value:,.0f} ms" if value >= 100 else f"{value:.1f} ms"


def seconds_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} s"


def render(runs: dict) -> str:
    out = ["# Load test", "",
           "Written by `python benchmarks/load.py` (one section per `--label`); do not edit by hand. "
           "wrk (Debian) against the real server, `samsyn serve` under waitress, on 127.0.0.1. Latency "
           "percentiles are wrk's, over every request of the run; non-2xx and timeouts are counted, "
           "not hidden.", ""]
    for label, run in runs.items():
        m = run["machine"]
        out += [f"## {label}", "",
                f"- command: `{run['command']}`",
                f"- commit: {run['commit']}; date: {m['date']}"
                + (f"; 1-minute load average at the start: {run['load_average']:.1f} (on {m['cores']} cores)"
                   if "load_average" in run else ""),
                f"- machine: {m['cpu']}, {m['cores']} cores, {m['memory']}; Python {m['python']}; "
                + ", ".join(f"{k} {v}" for k, v in run["versions"].items()),
                f"- server: `samsyn {' '.join(run['server_args'])}` ({run['data']})",
                ""]
        if run.get("pages"):
            out += ["### Pages and queries", "",
                    f"Each row: wrk, one thread, `concurrency` connections kept busy for {run['seconds']:g} s "
                    "after one warm-up request (`first`: that request's time, caches cold).", "",
                    "| target | request | concurrency | requests/s | p50 | p99 | non-2xx | timeouts | first |",
                    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
            shown = set()
            for row in run["pages"]:
                first = "" if row["target"] in shown else ms(row["first_ms"])
                shown.add(row["target"])
                out.append(f"| {row['target']} | {row['method']} {row['path']} | {row['concurrency']} | "
                           f"{row['per_second']:,.1f} | {ms(row['p50_ms'])} | {ms(row['p99_ms'])} | "
                           f"{row['non_2xx']} | {row['timeouts']} | {first} |")
            out.append("")
        flood_result = run.get("flood")
        if flood_result:
            f = flood_result
            home, small = f["during"]["home"], f["during"]["small_query"]
            out += ["### Flood", "",
                    f"{f['clients']} clients each POST the runaway query `{RUNAWAY}` to /sparql, give up "
                    f"after {f['give_up_s']:g} s (closing the connection) and send it again, for "
                    f"{f['flood_seconds']:g} s. A probe asks for the home page and for `{SMALL_QUERY}` once a "
                    f"second each (a probe with no answer within {home['probe_timeout_s']:g} s counts as failed). "
                    f"Recovery: seconds from the flood's end (its last client gone) until a probe sent after it "
                    f"is answered 200 within {f['prompt_s']:g} s; measured for at most {f['recovery_limit_s']:g} s.", "",
                    "| | home page `/` | small query `ASK {}` |", "| --- | ---: | ---: |",
                    f"| probes during the flood | {home['probes']} | {small['probes']} |",
                    f"| answered 200 | {home['ok']} | {small['ok']} |",
                    f"| p50 latency of those | {seconds_text(home.get('p50_s'))} | {seconds_text(small.get('p50_s'))} |",
                    f"| p99 | {seconds_text(home.get('p99_s'))} | {seconds_text(small.get('p99_s'))} |",
                    f"| max | {seconds_text(home.get('max_s'))} | {seconds_text(small.get('max_s'))} |",
                    f"| answers during the flood | {statuses(home['statuses'])} | {statuses(small['statuses'])} |"]
            limit = f"not within {f['recovery_limit_s']:g} s"
            recovery = {k: (limit if v is None else f"{v:.1f} s") for k, v in f["recovery_s"].items()}
            out += [f"| answered promptly again after the flood | {recovery['home']} | {recovery['small_query']} |", ""]
            cw = f["close_wait"]
            out += [f"- runaway requests sent: {f['runaway']['sent']} ({statuses(f['runaway']['statuses'])})",
                    f"- server-side sockets in CLOSE-WAIT (client gone; accepted by waitress or still in the listen queue): "
                    f"at most {cw['max']}, {cw['at_flood_end']} when the flood ended, {cw['at_end']} at the end",
                    f"- server log lines \"Task queue depth\" (waitress: every worker busy): {run['queue_depth_lines']:,}",
                    ""]
        chosen = run.get("selections")
        if chosen:
            b, a = chosen["before"], chosen["after"]
            out += ["### Graph selections", "",
                    f"{chosen['count']:,} distinct `/graph.json` selections (one organisation and a set of frameworks "
                    f"each, in Swedish and English), one at a time, in {chosen['seconds']:.0f} s"
                    + (f"; not answered 200: {statuses(chosen['failed'])}" if chosen["failed"] else "") + ".", "",
                    "| | resident memory | kept (pages, selections, exports) | entries | dropped |",
                    "| --- | ---: | ---: | ---: | ---: |",
                    f"| before | {megabytes(b['resident'])} | {megabytes(b['kept']['bytes'])} | {b['kept']['entries']} | "
                    f"{b['kept']['dropped']} |",
                    f"| after | {megabytes(a['resident'])} (peak {megabytes(a['peak'])}) | {megabytes(a['kept']['bytes'])} "
                    f"of {megabytes(a['kept']['limit'])} | {a['kept']['entries']} | {a['kept']['dropped']} |", ""]
        final = run.get("status")
        if final:
            q, kept = final["queries"], final["caches"]["kept"]
            out += ["### The server at the end (/status.json)", "",
                    f"- queries answered {q['answered']:,}; refused at once: {q['refusedBusy']:,} with the queue full, "
                    f"{q['refusedClient']:,} beyond a client's share of {q['perClient']}; stopped: {q['timedOut']:,} at "
                    f"the time limit, {q['cancelled']:,} when their client went; {q['neededMemory']:,} out of memory",
                    f"- memory: resident {megabytes(final['memory']['residentBytes'])}, peak "
                    f"{megabytes(final['memory']['peakBytes'])}; kept {megabytes(kept['bytes'])} of "
                    f"{megabytes(kept['limit'])} in {kept['entries']} entries", ""]
    return "\n".join(out)


def statuses(counts: dict) -> str:
    return ", ".join(f"{n}× {status}" for status, n in sorted(counts.items(), key=lambda item: -item[1])) or "–"


def git_commit() -> str:
    out = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%h"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    return (out.stdout.strip() or "?") + (" (with uncommitted changes)" if dirty else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--label", default="latest", help="section name in load-results.md (e.g. before, after)")
    parser.add_argument("--seconds", type=float, default=4, help="wrk run per page and concurrency")
    parser.add_argument("--concurrency", default="1,8,32")
    parser.add_argument("--synth", type=int, default=0, metavar="N", help="serve N synthetic organisations instead of the bundled five")
    parser.add_argument("--entity", default=None, help="entity page (default /id/ronneby; with --synth the first organisation)")
    parser.add_argument("--query-timeout", type=float, default=10, help="samsyn serve --query-timeout")
    parser.add_argument("--flood-clients", type=int, default=40)
    parser.add_argument("--flood-seconds", type=float, default=30)
    parser.add_argument("--give-up", type=float, default=5, help="seconds a flood client waits before it gives up")
    parser.add_argument("--recovery-limit", type=float, default=30, help="seconds recovery is measured for at most")
    parser.add_argument("--probe-timeout", type=float, default=10)
    parser.add_argument("--prompt", type=float, default=2, help="an answer within this many seconds counts as prompt")
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument("--skip-flood", action="store_true")
    parser.add_argument("--selections", type=int, default=0, metavar="N",
                        help="then ask for N distinct graph selections and record the server's memory")
    args = parser.parse_args(argv)
    levels = [int(c) for c in args.concurrency.split(",")]
    versions = {"wrk": "(not run)" if args.skip_pages else wrk_version()}

    from importlib.metadata import version
    versions.update({name: version(name) for name in ("waitress", "flask", "pyoxigraph")})
    with tempfile.TemporaryDirectory(prefix="samsyn-load-") as scratch_name:
        scratch = Path(scratch_name)
        source = None
        data = "the five bundled strategies"
        if args.synth:
            source = scratch / f"synth-{args.synth}.ttl"
            log(f"samsyn synth {args.synth}")
            subprocess.run(samsyn_command() + ["synth", str(args.synth), "-o", str(source)], check=True)
            data = f"{args.synth} synthetic organisations (`samsyn synth {args.synth}`)"
        with Server(scratch, source, args.query_timeout) as server:
            entity = args.entity or "/id/ronneby"
            if args.synth and not args.entity:
                index = json.loads(urlopen_text(server.port, "/index.json"))
                entity = index["organisations"][0]["page"]
            targets = [Target("home", "/"), Target("graph page", "/graph"), Target("graph JSON", "/graph.json"),
                       Target("entity page", entity), Target("validation page", "/validate"),
                       Target(f"small query {SMALL_QUERY}", "/sparql", SMALL_QUERY),
                       Target("coverage query (coverage.rq)", "/sparql", named_queries.load_query("coverage").text)]
            run = {"command": shlex.join(["python", "benchmarks/load.py", *(argv if argv is not None else sys.argv[1:])]),
                   "commit": git_commit(), "machine": machine(), "versions": versions, "data": data,
                   # the machine may be shared: what else was running shows here
                   "load_average": os.getloadavg()[0],
                   "server_args": ["serve", "--port", "P", "--query-timeout", f"{args.query_timeout:g}"]
                   + (["--source", f"synth-{args.synth}.ttl"] if args.synth else []),
                   "seconds": args.seconds}
            if not args.skip_pages:
                run["pages"] = measure_pages(server.port, targets, levels, args.seconds, scratch)
            if not args.skip_flood:
                log(f"settled in {settle(server.port):.1f} s before the flood")
                run["flood"] = flood(server.port, args.flood_clients, args.flood_seconds, args.give_up,
                                     args.recovery_limit, args.probe_timeout, args.prompt)
            if args.selections:
                settle(server.port)
                run["selections"] = selections(server.port, args.selections)
            run["status"] = server_status(server.port)
        run["queue_depth_lines"] = server.log_lines("Task queue depth")
    runs = json.loads(RAW.read_text()) if RAW.exists() else {}
    runs[args.label] = run
    write_atomic(RAW, json.dumps(runs, indent=1, ensure_ascii=False) + "\n")
    write_section("load-test", render(runs))
    log(f"wrote the load-test section of benchmarks/RESULTS.md and {RAW.relative_to(ROOT)}")
    return 0


def urlopen_text(port: int, path: str) -> str:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path)
        return connection.getresponse().read().decode("utf-8")
    finally:
        connection.close()


def write_atomic(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # a TERM still stops the server
    sys.exit(main())
