"""Issue 15's flood, bounded: runaway SPARQL queries from many clients, each giving up after a
couple of seconds and sending another, against the real `samsyn serve` (waitress, a subprocess
on a free loopback port, a 3 s query time limit). What must hold: the pages keep answering during
the flood, small queries answer again within seconds after it, and a full query queue answers
503 with Retry-After at once. benchmarks/load.py measures the same flood at a larger size."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from samsyn_live_helpers import QUERY_TIMEOUT, RUNAWAY, Answer, send

pytestmark = [pytest.mark.live, pytest.mark.slow]

FLOOD_CLIENTS = 24
GIVE_UP = 2.0  # seconds a flood client waits before it closes the connection and tries again
FLOOD_SECONDS = 5.0
PROMPT = 2.0  # a page answered within this is "still answering"
RECOVERY = 5.0  # seconds after the flood within which a small query must answer


@contextmanager
def flood(port: int, give_up: float = GIVE_UP) -> Iterator[None]:
    """FLOOD_CLIENTS threads sending the runaway query until the block ends; leaving the block
    waits until every client has given up or been answered."""
    stop = threading.Event()

    def client() -> None:
        while not stop.is_set():
            send(port, "POST", "/sparql", RUNAWAY, timeout=give_up)

    clients = [threading.Thread(target=client, daemon=True) for _ in range(FLOOD_CLIENTS)]
    for thread in clients:
        thread.start()
    try:
        yield
    finally:
        stop.set()
        for thread in clients:
            thread.join()


def probe_every(interval: float, seconds: float, ask: Callable[[], Answer]) -> list[Answer]:
    """`ask()` every `interval` s for `seconds`, each in its own thread (a slow answer does not
    delay the next probe); returns every answer once all are in."""
    answers: list[Answer] = []
    threads = []
    began = time.monotonic()
    while time.monotonic() - began < seconds:
        thread = threading.Thread(target=lambda: answers.append(ask()), daemon=True)
        thread.start()
        threads.append(thread)
        time.sleep(interval)
    for thread in threads:
        thread.join()
    return answers


def test_the_home_page_keeps_answering_during_a_flood(server):
    with flood(server):
        time.sleep(0.5)  # the runaway queries are in
        answers = probe_every(0.5, FLOOD_SECONDS, lambda: send(server, "GET", "/", timeout=PROMPT))
    slow = [a for a in answers if a.status != 200]
    assert not slow, (f"{len(slow)} of {len(answers)} home page requests got no 200 within {PROMPT:g} s "
                      f"during the flood: {[a.status for a in slow]}")


def test_small_queries_answer_within_seconds_after_a_flood(server):
    with flood(server):
        time.sleep(FLOOD_SECONDS)
    deadline = time.monotonic() + RECOVERY  # every flood client has given up by now
    answers: list[Answer] = []
    while time.monotonic() < deadline:
        answers.append(send(server, "POST", "/sparql", "ASK {}", timeout=PROMPT))
        if answers[-1].status == 200:
            break
        time.sleep(0.2)
    assert answers and answers[-1].status == 200, (
        f"no small query answered within {PROMPT:g} s in the {RECOVERY:g} s after the flood: "
        f"{[a.status for a in answers]}")


def test_a_full_query_queue_answers_503_with_retry_after_at_once(server):
    # the flood clients wait longer than the query time limit: the queue stays full of real work
    with flood(server, give_up=QUERY_TIMEOUT + 2):
        time.sleep(1.0)
        answer = send(server, "POST", "/sparql", RUNAWAY, timeout=QUERY_TIMEOUT + 2)
    assert answer.status == 503, f"a query beyond a full queue got {answer.status} after {answer.seconds:.1f} s"
    assert answer.seconds < 1.0, f"the 503 took {answer.seconds:.1f} s: a full queue answers at once"
    retry_after = answer.headers.get("retry-after", "")
    assert retry_after.isdigit() and int(retry_after) > 0, f"Retry-After: {retry_after!r}"
