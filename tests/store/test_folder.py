"""An on-disk store (oxigraph:DIR) used by several real processes at once: only `samsyn build`
writes into it, one build at a time; a build cleans up after itself on any exit, and what a
killed build leaves is removed by the next open, never while a build holds the lock; a
database another process reads is not removed under it; `serve` and reading commands read
the store as it is (issue 15)."""

from __future__ import annotations

import os
import resource
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from samsyn.graph.building import build, open_for_reading
from samsyn.graph.store import StoreError, new_store, open_store
from samsyn.graph.store_oxigraph import LINK, LOCK
from samsyn.graph.synth import write_synthetic

# real processes building synthetic stores, killed and locked: seconds each
pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "exempelby.ttl"
SAMSYN = str(Path(sys.executable).parent / "samsyn")
ORGANISATIONS = 300


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    """Synthetic strategies of 300 organisations: a build long enough to be caught mid-way."""
    return write_synthetic(ORGANISATIONS, tmp_path_factory.mktemp("synth") / "synth-300.ttl", seed=1)


@pytest.fixture
def folder(tmp_path) -> Path:
    """A store folder that `samsyn build` filled with the one-strategy fixture."""
    path = tmp_path / "store"
    run = subprocess.run([SAMSYN, "build", "--store", f"oxigraph:{path}", "--source", str(FIXTURE)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return path


def strategies(path: Path) -> list[str]:
    """The strategies a reading command finds in the store (a process of its own)."""
    run = subprocess.run([SAMSYN, "query", "strategies", "--format", "csv", "--store", f"oxigraph:{path}"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return [line.split(",")[0] for line in run.stdout.splitlines()[1:]]


def scratch(path: Path) -> list[str]:
    return sorted(p.name for p in path.iterdir() if p.name.startswith(".scratch-"))


def databases(path: Path) -> list[str]:
    return sorted(p.name for p in path.iterdir() if p.name.startswith("data-"))


def live(path: Path) -> str:
    return os.readlink(path / LINK)


def start_build(path: Path, source: Path) -> subprocess.Popen:
    return subprocess.Popen([SAMSYN, "build", "--store", f"oxigraph:{path}", "--source", str(source)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(condition, process: subprocess.Popen | None = None, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if process is not None and process.poll() is not None:
            raise AssertionError(f"the build ended first: {process.communicate()}")
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.002)


EXEMPELBY = ["https://w3id.org/samsyn/id/exempelby"]  # the organisation of the one strategy


def test_a_build_killed_mid_dump_leaves_nothing_after_the_next_open(folder, big):
    first = live(folder)
    builder = start_build(folder, big)
    wait_for(lambda: scratch(folder), builder)  # the dump has begun
    os.kill(builder.pid, signal.SIGKILL)
    builder.wait()
    assert scratch(folder), "the kill should have left the scratch file behind"
    assert strategies(folder) == EXEMPELBY  # the next open: what the last whole build wrote
    assert scratch(folder) == [] and databases(folder) == [first] and live(folder) == first


def test_an_interrupted_build_removes_its_own_files(folder, big):
    first = live(folder)
    builder = start_build(folder, big)
    wait_for(lambda: scratch(folder), builder)
    os.kill(builder.pid, signal.SIGINT)  # KeyboardInterrupt
    builder.wait(timeout=120)
    assert builder.returncode != 0
    assert scratch(folder) == [] and databases(folder) == [first]  # before any other open
    assert strategies(folder) == EXEMPELBY


def _file_size_limit() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (4 << 20, resource.RLIM_INFINITY))


def test_a_build_that_cannot_write_says_so_and_removes_its_files(folder, big):
    first = live(folder)
    run = subprocess.run([SAMSYN, "build", "--store", f"oxigraph:{folder}", "--source", str(big)],
                         capture_output=True, text=True, timeout=300, preexec_fn=_file_size_limit)
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        f"samsyn: error: cannot write the Oxigraph store at {folder}: File too large (os error 27); "
        "it holds what it held before"]
    assert scratch(folder) == [] and databases(folder) == [first]
    assert strategies(folder) == EXEMPELBY


def test_a_second_build_is_refused_and_the_first_completes(folder, big):
    first = live(folder)
    builder = start_build(folder, big)
    wait_for(lambda: (folder / LOCK).read_text() == str(builder.pid), builder)  # it holds the lock
    started = time.monotonic()
    with pytest.raises(StoreError, match=f"another samsyn build \\(process {builder.pid}\\) is writing into {folder}"):
        build([FIXTURE], store=f"oxigraph:{folder}")
    assert time.monotonic() - started < 5
    wait_for(lambda: scratch(folder), builder)
    assert strategies(folder) == EXEMPELBY  # a reader mid-build reads the old database, removes nothing
    out, err = builder.communicate(timeout=300)
    assert builder.returncode == 0, err
    assert len(strategies(folder)) == ORGANISATIONS
    assert scratch(folder) == [] and databases(folder) == [live(folder)] != [first]


def test_the_refusal_is_one_line_and_exit_2(folder):
    with new_store(f"oxigraph:{folder}").writing():  # this process holds the writer's lock
        run = subprocess.run([SAMSYN, "build", "--store", f"oxigraph:{folder}", "--source", str(FIXTURE)],
                             capture_output=True, text=True, timeout=300)
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        f"samsyn: error: another samsyn build (process {os.getpid()}) is writing into {folder}: "
        "wait until it ends, then build again"]


def test_leftovers_stay_while_a_build_holds_the_lock(folder):
    first = live(folder)
    leftover_file = folder / f".scratch-{'a' * 32}-load.nq"
    leftover_database = folder / f"data-{'b' * 32}"
    with new_store(f"oxigraph:{folder}").writing():
        leftover_file.write_text("half a dump")
        leftover_database.mkdir()
        assert strategies(folder) == EXEMPELBY  # another process opens: the lock is held, it removes nothing
        assert leftover_file.exists() and leftover_database.exists()
    assert strategies(folder) == EXEMPELBY
    assert not leftover_file.exists() and databases(folder) == [first]


READER = """
import sys
from samsyn.graph.store import open_store

store = open_store(sys.argv[1])
print(len(store), flush=True)
sys.stdin.readline()
print(len(store), len(list(store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 10"))), flush=True)
"""


def test_a_database_another_process_reads_stays_until_it_is_done(folder):
    first = live(folder)
    reader = subprocess.Popen([sys.executable, "-c", READER, f"oxigraph:{folder}"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    size = int(reader.stdout.readline())
    run = subprocess.run([SAMSYN, "build", "--store", f"oxigraph:{folder}"], capture_output=True, text=True,
                         timeout=300)  # the bundled strategies, a new database
    assert run.returncode == 0, run.stderr
    assert live(folder) != first and databases(folder) == sorted([first, live(folder)])
    out, err = reader.communicate("go\n", timeout=120)
    assert reader.returncode == 0, err
    assert out.split() == [str(size), "10"]  # the reader still reads its database, whole
    assert len(strategies(folder)) > 1 and databases(folder) == [live(folder)]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_reads_a_built_store_as_it_is(folder):
    before = sorted(os.listdir(folder))
    port = _free_port()
    server = subprocess.Popen([SAMSYN, "serve", "--store", f"oxigraph:{folder}", "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert "samsyn viewer at" in server.stdout.readline()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.json", timeout=60) as response:
            assert response.status == 200
        assert strategies(folder) == EXEMPELBY  # read at the same time, by another process
    finally:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=60)
    assert strategies(folder) == EXEMPELBY and sorted(os.listdir(folder)) == before


def test_reading_never_writes_into_a_persistent_store(folder, tmp_path):
    before = sorted(os.listdir(folder))
    heard: list[str] = []
    store = open_for_reading(f"oxigraph:{folder}", status=heard.append)
    assert store.persistent and str(store.spec) == f"oxigraph:{folder}" and heard == []

    given = open_for_reading(f"oxigraph:{folder}", [FIXTURE], status=heard.append)  # sources: read in memory
    assert not given.persistent and len(given) == len(store)
    assert heard == [f"oxigraph:{folder} is only written by `samsyn build`: reading the given sources in memory",
                     "inferring", "suggesting"]

    missing = tmp_path / "never-built"
    bundled = open_for_reading(f"oxigraph:{missing}", status=heard.append)
    assert not bundled.persistent and len(bundled.graph_names()) > len(store.graph_names())
    assert heard[-3:] == [f"oxigraph:{missing} is only written by `samsyn build`: it holds no samsyn graph, "
                          "reading the bundled data in memory", "inferring", "suggesting"]
    assert not missing.exists()  # opening created nothing
    assert sorted(os.listdir(folder)) == before


def test_an_oxigraph_database_another_tool_made_is_read_not_written(tmp_path):
    theirs = ox.Store(str(tmp_path / "theirs"))
    theirs.load(FIXTURE.read_bytes(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("urn:x:g"))
    theirs.flush()
    del theirs
    store = open_store(f"oxigraph:{tmp_path / 'theirs'}")
    assert not store.writable and len(store) > 10
    with pytest.raises(StoreError, match="samsyn did not make: samsyn only reads it"):
        build([FIXTURE], store=store)


def test_a_folder_of_other_files_is_not_built_into(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="holds files samsyn did not write \\(notes.txt"):
        build([FIXTURE], store=f"oxigraph:{tmp_path}")
    assert os.listdir(tmp_path) == ["notes.txt"]
