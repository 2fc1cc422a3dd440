"""Store specs are parsed in one place and refused unless they are one of the valid forms; the
backends behind them are imported only when a store of theirs is opened."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from samsyn.graph.cli import main
from samsyn.graph.store import DEFAULT_STORE, VALID_FORMS, StoreError, StoreSpec, new_store, open_store


@pytest.mark.parametrize("text, kind, location", [
    ("memory", "memory", None),
    ("oxigraph", "oxigraph", None),
    ("oxigraph:/var/lib/samsyn", "oxigraph", "/var/lib/samsyn"),
    ("oxigraph:relative/folder", "oxigraph", "relative/folder"),
    ("oxigraph:~/samsyn store", "oxigraph", "~/samsyn store"),
    ("sparql+http://127.0.0.1:8890/sparql", "sparql", "http://127.0.0.1:8890/sparql"),
    ("sparql+https://example.org/sparql?timeout=30&chunk=2", "sparql", "https://example.org/sparql?timeout=30&chunk=2"),
    ("sparql+http://[::1]:3030/samsyn/query", "sparql", "http://[::1]:3030/samsyn/query"),
])
def test_every_valid_form_parses(text, kind, location):
    spec = StoreSpec.parse(text)
    assert (spec.kind, spec.location) == (kind, location)
    assert str(spec) == text
    assert StoreSpec.parse(str(spec)) == spec


INVALID = ["", " ", "memoryx", "Memory", "memory ", " memory", "memory:", "memory:/tmp/x", "memory+x",
           "oxigraph+nonsense", "oxigraphx", "oxigraph:", "oxigraph:  ", "oxigraph/tmp/x", "Oxigraph",
           "sparql", "sparql+", "sparql+ftp://host/sparql", "sparql+file:///tmp/x", "sparql+http://",
           "sparql+http:///sparql", "sparql+http//host/sparql", "sparql:http://host/sparql",
           "sparql+http://host:notaport/sparql", "sparql+http://host:99999/sparql", "sparql+http://ho st/sparql",
           "http://host/sparql", "virtuoso", "rdflib", "oxigraph+sparql://x"]


@pytest.mark.parametrize("text", INVALID)
def test_every_other_form_is_refused_with_the_valid_ones(text):
    with pytest.raises(StoreError) as raised:
        StoreSpec.parse(text)
    message = str(raised.value)
    assert message.startswith(f"unknown store {text!r}: use one of ")
    assert all(form in message for form in VALID_FORMS)
    with pytest.raises(StoreError):
        open_store(text)


def test_the_default_is_a_valid_form():
    assert StoreSpec.parse(DEFAULT_STORE).kind in ("memory", "oxigraph", "sparql")


def test_a_password_stays_out_of_the_spec_as_shown():
    spec = StoreSpec.parse("sparql+http://dba:s3cret@127.0.0.1:8890/sparql")
    assert "s3cret" not in str(spec) and str(spec) == "sparql+http://dba:***@127.0.0.1:8890/sparql"
    assert spec.location == "http://dba:s3cret@127.0.0.1:8890/sparql"


def test_an_unknown_option_of_a_sparql_store_is_refused():
    with pytest.raises(StoreError, match="bad store option 'timout'.*gsp, update, timeout, chunk"):
        new_store("sparql+http://127.0.0.1:8890/sparql?timout=5")


def test_a_command_refuses_a_bad_spec_in_one_line():
    result = CliRunner().invoke(main, ["stats", "--store", "oxigraph+nonsense"])
    assert result.exit_code == 2
    assert "unknown store 'oxigraph+nonsense': use one of memory, oxigraph, oxigraph:DIR" in result.output
    assert "Traceback" not in result.output


def test_capabilities():
    assert (new_store("memory").persistent, new_store("oxigraph").persistent) == (False, False)
    assert new_store("oxigraph:/nonexistent/samsyn").persistent and new_store("sparql+http://127.0.0.1:9/sparql").persistent
    assert open_store("memory").oxigraph() is None
    memory_oxigraph = open_store("oxigraph")
    assert memory_oxigraph.oxigraph() is not None and memory_oxigraph.writable


LOADED = """
import json, sys
import samsyn.graph.store as store
def backends():
    return sorted(m.rsplit(".", 1)[1] for m in sys.modules
                  if m.startswith("samsyn.graph.store_") or m == "samsyn.graph.sparql_http")
seen = {"import": backends()}
for spec in sys.argv[1:]:
    store.open_store(spec)
    seen[spec] = backends()
print(json.dumps(seen))
"""


def test_backends_are_imported_on_first_use_only():
    run = subprocess.run([sys.executable, "-c", LOADED, "memory", "oxigraph", "sparql+http://127.0.0.1:9/sparql"],
                         capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(run.stdout) == {
        "import": [],
        "memory": ["store_memory"],
        "oxigraph": ["store_memory", "store_oxigraph"],
        "sparql+http://127.0.0.1:9/sparql": ["sparql_http", "store_memory", "store_oxigraph", "store_sparql"],
    }
