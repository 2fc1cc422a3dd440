"""Every command that reads the graph, `serve` included, meets bad input the same way: one line
on stderr, `samsyn: error: ...`, exit 2, no traceback (DESIGN.md "Interfaces")."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from samsyn.graph.cli import main

FIXTURES = Path(__file__).parents[1] / "fixtures"
EXEMPELBY = str(FIXTURES / "exempelby.ttl")
BROKEN = FIXTURES / "broken.ttl"
SAMSYN = Path(sys.executable).parent / "samsyn"

#: every command that takes --source and --store, with what it needs besides
COMMANDS = {
    "build": [],
    "validate": [],
    "query": ["strategies"],
    "trace": ["https://w3id.org/samsyn/id/exempelby/activity/ungdomsutbyte"],
    "export": [],
    "stats": [],
    "serve": ["--port", "0"],
    "report": ["ronneby", "--year", "2015", "-o", "never-written.md"],  # bad input stops it before writing
    "search": ["vänort"],
    "compare": ["hylte"],
    "suggest": [],
}

BAD_INPUTS = {
    "unknown store": (["--store", "bogus"], "unknown store 'bogus'"),
    "missing source": (["--source", "nope.ttl"], "nope.ttl: no such file or folder"),
    "turtle syntax error": (["--source", str(BROKEN)], "broken.ttl:6: Turtle syntax error"),
}


def _one_line_error(result, expected: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("samsyn: error: ") and expected in lines[0], lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_every_command_that_reads_the_graph_is_listed():
    takes_a_store = {name for name in main.list_commands(None)
                     if any(p.name == "store_spec" for p in main.get_command(None, name).params)}
    assert takes_a_store == set(COMMANDS)


@pytest.mark.parametrize("bad", BAD_INPUTS)
@pytest.mark.parametrize("command", COMMANDS)
def test_bad_input_is_one_line_and_exit_2(runner, command, bad):
    options, expected = BAD_INPUTS[bad]
    result = runner.invoke(main, [command, *COMMANDS[command], *options])
    _one_line_error(result, expected)


@pytest.mark.parametrize("query, expected", [
    ("SELECT * WHERE { ?s ?p }", "SPARQL syntax error: Expected"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "read-only"),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE <http://127.0.0.1:9/sparql>"),
    ("SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }", "FROM <http://127.0.0.1:9/data.ttl>"),
    ("covrage", "unknown query 'covrage'"),
])
def test_a_bad_query_is_one_line_and_exit_2(runner, query, expected):
    _one_line_error(runner.invoke(main, ["query", query, "--source", EXEMPELBY]), expected)


def test_a_usage_error_is_one_line_too(runner):
    _one_line_error(runner.invoke(main, ["validate", "--format", "yaml"]),
                    "Invalid value for '--format': 'yaml' is not one of")


@pytest.mark.slow
def test_the_installed_command_loads_serve_and_refuses_a_bad_store():
    """The real entry points: `serve` reaches `samsyn` through group samsyn.commands."""
    run = subprocess.run([str(SAMSYN), "serve", "--store", "bogus"], capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and run.stdout == ""
    [line] = run.stderr.splitlines()
    assert line.startswith("samsyn: error: unknown store 'bogus'") and "oxigraph" in line


# --- what a file's permissions forbid: root may read and write anything, so as root these run
# the command as nobody

@pytest.fixture
def shared_dir():
    """A folder another user may enter (tmp_path sits under a folder only its owner may)."""
    folder = Path(tempfile.mkdtemp(prefix="samsyn-perm-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(folder)


def _run_unprivileged(*args: str) -> subprocess.CompletedProcess:
    def run(*arguments: str) -> subprocess.CompletedProcess:
        command = [str(SAMSYN), *arguments]
        if os.geteuid() == 0:
            command = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd="/")

    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: cannot take away the permissions to test")
        if run("--version").returncode != 0:
            pytest.skip(f"user nobody cannot run {SAMSYN} (a folder on its path is closed to others)")
    return run(*args)


@pytest.mark.slow
def test_an_unreadable_source_is_one_line(shared_dir):
    source = shared_dir / "hemlig.ttl"
    shutil.copy(EXEMPELBY, source)
    source.chmod(0)
    run = _run_unprivileged("stats", "--source", str(source))
    assert run.returncode == 2, run.stderr
    assert run.stderr.splitlines() == [f"samsyn: error: {source}: Permission denied"]


@pytest.mark.slow
def test_an_export_into_a_read_only_folder_is_one_line(shared_dir):
    folder = shared_dir / "readonly"
    folder.mkdir()
    folder.chmod(0o555)
    run = _run_unprivileged("export", "--source", EXEMPELBY, "-o", str(folder / "samsyn.ttl"))
    assert run.returncode == 2, run.stderr
    assert run.stderr.splitlines() == [
        f"samsyn: error: {folder / 'samsyn.ttl'}: cannot write there (Permission denied): "
        "give -o a file in a writable folder"]
    assert list(folder.iterdir()) == []
