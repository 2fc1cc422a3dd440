"""The query process: a runaway query is really stopped (its process is gone) at the limit,
and the executor goes on answering."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from samsyn.graph.building import build
from samsyn.graph.executor import QueryExecutor

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
