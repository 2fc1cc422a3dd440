"""Issue 15 against the real `samsyn serve` (waitress, a subprocess on a free loopback port): a
query is stopped when its client goes, idle connections lock nobody out, the per-client query
limit counts real clients behind a trusted proxy (and only there), a request with both
Content-Length and Transfer-Encoding is refused, the row cap stops a cross join, a query out of
memory is a 503 and the server answers on, and a crowd of page requests leaves a few lines in the
log, not one per request."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable

import pytest

from samsyn_live_helpers import HOST, RUNAWAY, Answer, send, serving, status

pytestmark = [pytest.mark.live, pytest.mark.slow]

CROSS_JOIN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"


def doubling(times: int) -> str:
    """A string doubled `times` times: 2**times characters, from a query of a few hundred."""
    binds = " ".join(f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(times))
    return f'SELECT (STRLEN(?a{times}) AS ?n) WHERE {{ BIND("x" AS ?a0) {binds} }}'


def wait_for(check: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"not within {seconds:g} s: {what}"
        time.sleep(0.1)


def in_background(*requests: tuple) -> list[threading.Thread]:
    """Each (port, method, path, query, timeout, headers) sent from its own thread."""
    threads = [threading.Thread(target=send, args=request[:4], kwargs={"timeout": request[4], "headers": request[5]},
                                daemon=True) for request in requests]
    for thread in threads:
        thread.start()
    return threads


def test_a_query_is_stopped_when_its_client_goes():
    with serving("--query-timeout", "60") as port:
        gave_up = send(port, "POST", "/sparql", RUNAWAY, timeout=1.0)
        assert gave_up.status is None, "the runaway query was answered"
        # stopped long before its time limit (60 s): waitress saw the client go
        wait_for(lambda: status(port)["queries"]["running"] == 0, 3, "the query stopped after its client went")
        assert status(port)["queries"]["cancelled"] == 1
        assert send(port, "POST", "/sparql", "ASK {}", timeout=5).status == 200


def test_idle_connections_lock_nobody_out(server):
    idle = []
    try:
        for _ in range(150):  # more than waitress' default connection_limit of 100
            idle.append(socket.create_connection((HOST, server), timeout=5))
        time.sleep(0.5)  # accepted and idle
        answer = send(server, "GET", "/", timeout=5)
        assert answer.status == 200, f"the home page got {answer.status} with {len(idle)} idle connections open"
    finally:
        for connection in idle:
            connection.close()


def test_content_length_with_transfer_encoding_is_refused(server):
    body = b"query=ASK%20%7B%7D"
    request = (b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
               b"Content-Length: %d\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n"
               % (len(body), len(body), body))
    with socket.create_connection((HOST, server), timeout=10) as connection:
        connection.sendall(request)
        head = connection.recv(4096).split(b"\r\n", 1)[0]
    assert head.startswith(b"HTTP/1.1 400"), head
    # the same request with either header alone is answered
    plain = request.replace(b"Transfer-Encoding: chunked\r\n", b"").replace(b"%x\r\n" % len(body), b"", 1)
    plain = plain[:plain.index(body) + len(body)]
    with socket.create_connection((HOST, server), timeout=10) as connection:
        connection.sendall(plain)
        assert connection.recv(4096).startswith(b"HTTP/1.1 200")


def test_the_per_client_limit_counts_clients_behind_a_trusted_proxy():
    def client(address: str) -> dict[str, str]:
        return {"X-Forwarded-For": address}

    with serving("--query-timeout", "30", "--trusted-proxy", HOST) as port:
        in_background(*[(port, "POST", "/sparql", RUNAWAY, 8, client(a)) for a in ("10.0.0.1", "10.0.0.1", "10.0.0.2")])
        wait_for(lambda: status(port)["queries"]["running"] == 3, 5, "three runaway queries running")
        assert status(port)["queries"]["clients"] == 2
        refused = send(port, "POST", "/sparql", "ASK {}", timeout=5, headers=client("10.0.0.1"))
        assert refused.status == 503 and refused.headers.get("retry-after", "").isdigit()
        assert refused.seconds < 1.0 and b"of yours" in refused.body
        assert send(port, "POST", "/sparql", "ASK {}", timeout=5, headers=client("10.0.0.2")).status == 200


def test_forwarded_headers_from_anyone_else_are_ignored(server):
    in_background(*[(server, "POST", "/sparql", RUNAWAY, 6, {"X-Forwarded-For": a}) for a in ("10.0.0.1", "10.0.0.2")])
    wait_for(lambda: status(server)["queries"]["running"] == 2, 5, "two runaway queries running")
    assert status(server)["queries"]["clients"] == 1  # both from 127.0.0.1, whatever they say
    refused = send(server, "POST", "/sparql", "ASK {}", timeout=5, headers={"X-Forwarded-For": "10.0.0.3"})
    assert refused.status == 503 and b"of yours" in refused.body


def test_the_row_cap_stops_a_cross_join_and_memory_is_a_503(tmp_path):
    log = tmp_path / "serve.log"
    with serving("--query-timeout", "20", log=log, env={"SAMSYN_QUERY_MEMORY": str(256 << 20)}) as port:
        capped = send(port, "POST", "/sparql", CROSS_JOIN, timeout=20)
        assert capped.status == 200, capped.body[:300]
        assert capped.headers["samsyn-result-truncated"] == "true"
        assert capped.headers["samsyn-result-count"] == capped.headers["samsyn-result-limit"] == "10000"
        blown = send(port, "POST", "/sparql", doubling(28), timeout=20)
        assert blown.status == 503, blown.body[:300]
        assert b"needs more memory than samsyn allows" in blown.body and "retry-after" not in blown.headers
        assert send(port, "POST", "/sparql", "ASK {}", timeout=5).status == 200
        assert send(port, "GET", "/", timeout=5).status == 200
    text = log.read_text(errors="replace")
    assert "Traceback" not in text and "stack backtrace" not in text, text[-3000:]


def test_a_crowd_of_page_requests_leaves_a_few_lines_in_the_log(tmp_path):
    log = tmp_path / "serve.log"
    with serving(log=log) as port:
        stop = time.monotonic() + 4
        answers: list[Answer] = []

        def visitor() -> None:
            while time.monotonic() < stop:
                answers.append(send(port, "GET", "/", timeout=10))

        crowd = [threading.Thread(target=visitor) for _ in range(48)]  # more than the server's threads
        for thread in crowd:
            thread.start()
        for thread in crowd:
            thread.join()
    lines = [line for line in log.read_text(errors="replace").splitlines() if "Task queue depth" in line]
    assert sum(a.status == 200 for a in answers) > 100, "too few requests to fill the queue"
    assert len(lines) <= 2, f"{len(lines)} 'Task queue depth' lines for {len(answers)} requests in 4 s"
