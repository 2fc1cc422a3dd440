"""Helpers for the live tests (tests/live): the real `samsyn serve` as a subprocess on a free
loopback port, and one HTTP request at a time with a client that gives up."""

from __future__ import annotations

import http.client
import json
import os
import signal
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from samsyn.viewer.testing import free_port

HOST = "127.0.0.1"
SPARQL_JSON = "application/sparql-results+json"
#: samsyn serve --query-timeout in the live tests: short, so a runaway query is stopped soon
QUERY_TIMEOUT = 3
#: the issue's runaway query: a four-way cross join that no store finishes
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@dataclass
class Answer:
    status: int | None  # None: no answer before the client gave up
    seconds: float
    headers: dict[str, str]
    body: bytes = b""


def status(port: int) -> dict:
    """The server's /status.json (caches, queries, memory)."""
    answer = send(port, "GET", "/status.json", headers={"Accept": "application/json"})
    assert answer.status == 200, f"/status.json answered {answer.status}"
    return json.loads(answer.body)


def send(port: int, method: str, path: str, query: str | None = None, timeout: float = 10.0,
         headers: dict[str, str] | None = None, tls: ssl.SSLContext | None = None,
         body: bytes | None = None, source: str | None = None) -> Answer:
    """One request on its own connection, closed when the client gives up (as a browser does).
    `query` is POSTed as application/sparql-query; `source`: the loopback address to send from
    (127.0.0.2 is another client to a proxy)."""
    started = time.monotonic()
    bound = {"source_address": (source, 0)} if source else {}
    connection = (http.client.HTTPSConnection(HOST, port, timeout=timeout, context=tls, **bound) if tls
                  else http.client.HTTPConnection(HOST, port, timeout=timeout, **bound))
    headers = {"Accept": SPARQL_JSON, **(headers or {})}
    if query is not None:
        headers["Content-Type"] = "application/sparql-query"
        body = query.encode()
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        return Answer(response.status, time.monotonic() - started,
                      {name.lower(): value for name, value in response.getheaders()}, content)
    except (OSError, http.client.HTTPException):
        return Answer(None, time.monotonic() - started, {})
    finally:
        connection.close()


@contextmanager
def serving(*args: str, log: Path | None = None, env: dict[str, str] | None = None) -> Iterator[int]:
    """`samsyn serve ARGS` on the bundled strategies until the block ends; yields its port once
    it answers. `log`: a file for what it writes; `env`: variables added to its environment."""
    port = free_port()
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    process = subprocess.Popen([sys.executable, "-m", "samsyn.graph.cli", "serve", "--host", HOST, "--port", str(port),
                                *args], stdout=out, stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
                               stdin=subprocess.DEVNULL, start_new_session=True, env={**os.environ, **(env or {})})
    if log:
        out.close()  # the server holds its own copy
    try:
        deadline = time.monotonic() + 60
        while send(port, "GET", "/index.json", timeout=5).status != 200:
            assert process.poll() is None, f"samsyn serve exited with {process.returncode}"
            assert time.monotonic() < deadline, "samsyn serve did not answer within 60 s"
            time.sleep(0.2)
        yield port
    finally:
        stop_group(process)


def stop_group(process: subprocess.Popen) -> None:
    """Stop a server started with start_new_session=True and everything it forked: a query
    still running outlives the server otherwise (until its CPU limit), and would slow the next
    test. systemd's KillMode=control-group does the same for the service."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
    except ProcessLookupError:
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()
