"""The backends every store test runs against: memory (rdflib), oxigraph in memory, oxigraph on
disk, and Virtuoso over HTTP.

Virtuoso: if SAMSYN_VIRTUOSO_SPARQL names an endpoint, or one answers at 127.0.0.1:8890 (as
.ci/run starts it), that one is used; otherwise .ci/virtuoso/start.sh installs (apt) and starts
one for the session and stops it afterwards. Its tests are skipped, with the reason, only if
Virtuoso cannot be installed or started here."""

from __future__ import annotations

import os
import subprocess
import urllib.request
from pathlib import Path

import pytest

from samsyn.graph.store import open_store

ROOT = Path(__file__).resolve().parents[2]
START = ROOT / ".ci" / "virtuoso" / "start.sh"
STOP = ROOT / ".ci" / "virtuoso" / "stop.sh"
DEFAULT_ENDPOINT = "http://127.0.0.1:8890/sparql"


def _answers(endpoint: str) -> bool:
    try:
        with urllib.request.urlopen(f"{endpoint}?query=ASK%7B%7D", timeout=3) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="session")
def virtuoso_endpoint(tmp_path_factory):
    endpoint = os.environ.get("SAMSYN_VIRTUOSO_SPARQL", DEFAULT_ENDPOINT)
    if _answers(endpoint):
        yield endpoint
        return
    folder = tmp_path_factory.mktemp("virtuoso")
    run = subprocess.run(["bash", str(START), str(folder)], capture_output=True, text=True, timeout=900)
    if run.returncode != 0:
        why = (run.stderr or run.stdout).strip().splitlines()
        pytest.skip(f"Virtuoso could not be installed or started (exit {run.returncode}): "
                    f"{why[-1] if why else 'no output'}")
    try:
        yield DEFAULT_ENDPOINT
    finally:
        subprocess.run(["bash", str(STOP), str(folder)], capture_output=True, timeout=60)


BACKENDS = ["memory", "oxigraph", "oxigraph-disk", pytest.param("virtuoso", marks=pytest.mark.virtuoso)]


@pytest.fixture(params=BACKENDS)
def store_spec(request, tmp_path):
    """A store spec per backend; each test gets an empty one."""
    if request.param == "oxigraph-disk":
        return f"oxigraph:{tmp_path / 'oxigraph'}"
    if request.param == "virtuoso":
        return "sparql+" + request.getfixturevalue("virtuoso_endpoint")
    return request.param


@pytest.fixture
def make_store(store_spec):
    """Open another handle on the test's store (in-memory stores have only the one)."""
    if store_spec in ("memory", "oxigraph"):
        only = open_store(store_spec)
        return lambda: only
    return lambda: open_store(store_spec)
