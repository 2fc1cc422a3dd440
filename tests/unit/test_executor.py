"""The query process: a runaway query is really stopped (its process is gone) at the limit or
when its client goes, the row cap stops the engine's work, a query out of memory is a 503, and
queries beyond the queue or a client's share are refused at once; the executor goes on answering."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from samsyn.graph.building import build
from samsyn.graph.executor import NEEDS_MEMORY, QueryExecutor

EXEMPELBY = Path(__file__).parents[1] / "fixtures" / "exempelby.ttl"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(") ")[1][0] not in "ZX"
    except OSError:  # gone between open and read (ESRCH) or before (ENOENT)
        return False


@pytest.fixture(scope="module", params=["oxigraph", "memory"])
def executor(request):
    runner = QueryExecutor(build([EXEMPELBY], request.param), timeout=1.5, limit=100, workers=2)
    runner.start()
    yield runner
    runner.close()


def test_a_runaway_query_is_killed_at_the_limit(executor):
    started: list[int] = []
    begin = time.monotonic()
    outcome = executor.run(RUNAWAY, on_start=started.append)
    took = time.monotonic() - begin
    assert outcome.status == 503 and outcome.timed_out
    assert "time limit" in outcome.message
    # unstopped, the cross join would run for hours: ending near the limit is the proof
    assert 1.4 < took < 1.5 + 10
    assert started, "the query process never reported"
    deadline = time.monotonic() + 2
    while _alive(started[0]) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not _alive(started[0]), "the runaway query's process is still running"


def test_other_queries_are_answered_while_one_runs_away(executor):
    results = {}
    runaway = threading.Thread(target=lambda: results.setdefault("runaway", executor.run(RUNAWAY)))
    runaway.start()
    time.sleep(0.2)
    quick = executor.run("ASK { ?s a sam:Goal }", select_format="csv")
    assert runaway.is_alive(), "the quick query was answered only after the runaway one ended"
    assert quick.status == 200 and quick.body.decode().splitlines()[-1] == "true"
    runaway.join()
    assert results["runaway"].timed_out


def test_each_query_gets_its_own_process(executor):
    pids: list[int] = []
    for _ in range(2):
        assert executor.run("ASK {}", on_start=pids.append).status == 200
    assert len(set(pids)) == 2 and os.getpid() not in pids


def test_bindings_are_terms_not_text(executor):
    outcome = executor.run("SELECT ?label WHERE { ?goal rdfs:label ?label FILTER(LANG(?label) = 'en') }",
                           select_format="csv",
                           bindings={"goal": "<https://w3id.org/samsyn/id/exempelby/goal/rent-hav>"})
    assert outcome.body.decode().split("\r\n")[1] == "A clean sea"


def test_the_first_query_starts_the_process_and_a_closed_executor_says_so():
    runner = QueryExecutor(build([EXEMPELBY], "oxigraph"), timeout=5)
    pids: list[int] = []
    assert runner.run("ASK { ?s a sam:Goal }", on_start=pids.append).status == 200 and pids
    runner.close()
    closed = runner.run("ASK {}")
    assert closed.status == 503 and "not running" in closed.message


# --- issue 15: the cap stops the work, memory, the queue, the client ---------------------------

CROSS_JOIN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"


def doubling(times: int) -> str:
    """A string doubled `times` times: 2**times characters, from a query of a few hundred."""
    binds = " ".join(f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(times))
    return f'SELECT (STRLEN(?a{times}) AS ?n) WHERE {{ BIND("x" AS ?a0) {binds} }}'


def test_the_row_cap_stops_a_cross_join(executor):
    # every row built before the cap would take longer than the time limit (and all the memory)
    outcome = executor.run(CROSS_JOIN, select_format="csv")
    assert outcome.status == 200, outcome.message
    assert outcome.truncated and outcome.count == executor.limit == 100
    assert len(outcome.body.decode().splitlines()) == 101


CROSS_JOIN_GRAPHS = ["CONSTRUCT { ?a ?b ?c . ?d ?e ?f } WHERE { ?a ?b ?c . ?d ?e ?f }",
                     "DESCRIBE ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f }"]


@pytest.mark.parametrize("query", CROSS_JOIN_GRAPHS)
def test_the_triple_cap_stops_a_construct_or_describe_cross_join(query):
    # rdflib (the memory store) builds a CONSTRUCT whole before the first triple: Oxigraph only
    with QueryExecutor(build([EXEMPELBY], "oxigraph"), timeout=20, limit=100) as capped:
        outcome = capped.run(query, graph_format="nt")
    assert outcome.status == 200, outcome.message
    assert outcome.truncated and outcome.limit == 100
    lines = outcome.body.decode().splitlines()
    assert outcome.count == len(lines) and 0 < len(lines) <= 100
    assert outcome.elapsed < 10  # the cross join is never built: every row of it takes minutes


@pytest.fixture(scope="module", params=["oxigraph", "memory"])
def small(request):
    """An executor whose queries may add 256 MB: a string of 2**28 characters does not fit."""
    runner = QueryExecutor(build([EXEMPELBY], request.param), timeout=30, memory_bytes=256 << 20)
    runner.start()
    yield runner
    runner.close()


def test_a_query_out_of_memory_is_503_and_the_next_is_answered(small):
    assert small.run(doubling(10), select_format="csv").body.decode().split()[-1] == "1024"
    started: list[int] = []
    outcome = small.run(doubling(28), select_format="csv", on_start=started.append)
    assert (outcome.status, outcome.message) == (503, NEEDS_MEMORY)
    assert not outcome.retry_after  # asking again would not help
    assert small.run("ASK {}").status == 200
    assert small.status()["neededMemory"] == 1


def test_a_full_queue_is_refused_at_once():
    runner = QueryExecutor(build([EXEMPELBY], "oxigraph"), timeout=10, workers=1, queue=1)
    try:
        busy = [threading.Thread(target=runner.run, args=(RUNAWAY,)) for _ in range(2)]
        for thread in busy:
            thread.start()
        deadline = time.monotonic() + 5
        while runner.status()["running"] + runner.status()["waiting"] < 2:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        began = time.monotonic()
        refused = runner.run("ASK {}")
        assert time.monotonic() - began < 0.5
        assert refused.status == 503 and refused.retry_after > 0 and "busy" in refused.message
        assert runner.status()["refusedBusy"] == 1
    finally:
        runner.close()  # the two runaway queries fail at once
        for thread in busy:
            thread.join()


def test_one_client_gets_its_share_and_others_still_get_theirs():
    runner = QueryExecutor(build([EXEMPELBY], "oxigraph"), timeout=10, workers=2, queue=0, per_client=1)
    try:
        hog = threading.Thread(target=runner.run, args=(RUNAWAY,), kwargs={"client": "10.0.0.1"})
        hog.start()
        deadline = time.monotonic() + 5
        while runner.status()["running"] < 1:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        again = runner.run("ASK {}", client="10.0.0.1")
        assert again.status == 503 and again.retry_after > 0 and "yours" in again.message
        assert runner.run("ASK {}", client="10.0.0.2").status == 200
        assert runner.status()["refusedClient"] == 1
    finally:
        runner.close()
        hog.join()


def test_closing_the_executor_stops_the_queries_running():
    runner = QueryExecutor(build([EXEMPELBY], "oxigraph"), timeout=30, workers=1, queue=0)
    outcomes, started = [], []
    hog = threading.Thread(target=lambda: outcomes.append(runner.run(RUNAWAY, on_start=started.append)))
    hog.start()
    deadline = time.monotonic() + 5
    while not started:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    closed = time.monotonic()
    runner.close()
    hog.join(timeout=5)
    assert not hog.is_alive() and time.monotonic() - closed < 2  # not at the 30 s limit
    assert outcomes[0].status == 503 and "stopped" in outcomes[0].message
    deadline = time.monotonic() + 2
    while _alive(started[0]) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not _alive(started[0]), "the query's process outlived the executor"


def test_a_query_whose_client_went_away_is_stopped(executor):
    started: list[int] = []
    gone_at = time.monotonic() + 0.3
    began = time.monotonic()
    outcome = executor.run(RUNAWAY, on_start=started.append, cancelled=lambda: time.monotonic() > gone_at)
    assert outcome.status == 499 and time.monotonic() - began < 1.0  # well before the 1.5 s limit
    deadline = time.monotonic() + 2
    while _alive(started[0]) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not _alive(started[0]), "the query's process still runs after its client went away"
