"""`samsyn serve` (viewer.serve.serve): waitress on loopback, the address printed once the graph
is built, answering at once; a bad source fails before anything listens."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from samsyn.viewer.testing import free_port

pytestmark = pytest.mark.live

EXEMPELBY = Path(__file__).parents[1] / "fixtures" / "exempelby.ttl"
BROKEN = Path(__file__).parents[1] / "fixtures" / "broken.ttl"


def _start(*args: str) -> subprocess.Popen:
    samsyn = Path(sys.executable).parent / "samsyn"  # the installed command, its entry points included
    return subprocess.Popen([str(samsyn), "serve", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})


def test_serve_prints_its_address_and_answers(tmp_path):
    port = free_port()
    began = time.monotonic()
    process = _start("--port", str(port), "--source", str(EXEMPELBY))
    try:
        line = process.stdout.readline()
        up = time.monotonic() - began
        assert line.strip() == f"samsyn viewer at http://127.0.0.1:{port}/"
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(f"http://127.0.0.1:{port}/index.json", timeout=30) as response:
            assert b"Exempelby" in response.read()
        with opener.open(f"http://127.0.0.1:{port}/", timeout=10) as response:
            assert response.headers["Server"] == "samsyn"  # waitress, not the development server
        assert up < 20, f"took {up:.1f} s to come up"
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)


def test_a_bad_source_fails_before_listening():
    process = _start("--port", str(free_port()), "--source", str(BROKEN))
    out, err = process.communicate(timeout=60)
    assert process.returncode == 2 and out == ""
    assert err.splitlines() == [f"samsyn: error: {BROKEN}:6: Turtle syntax error at column 18: . is not a valid RDF object"]
