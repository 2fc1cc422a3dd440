"""Fixtures shared by every test surface: one built store per data set for the whole session,
the viewer over it (`app`, `client`, as in Flask's tutorial) and the `samsyn` command (`runner`).

Tiers (markers in pyproject.toml): `make check` leaves out slow, browser, live and virtuoso
tests; `make test` runs them all."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask

from samsyn.graph.building import build
from samsyn.graph.sources import bundled_strategies
from samsyn.graph.store import Store
from samsyn.viewer import create_app

# every build in the tests dates its suggestions the same (graph.text.suggested.generation_time):
# two builds of the same data then give the same graphs, whatever second each ran in
os.environ.setdefault("SOURCE_DATE_EPOCH", "1764460800")

FIXTURES = Path(__file__).parent / "fixtures"
EXEMPELBY = FIXTURES / "exempelby.ttl"


@pytest.fixture(scope="session")
def exempelby_store() -> Store:
    """The ontology, the frameworks and the small Exempelby strategy (exact expectations)."""
    return build([EXEMPELBY])


@pytest.fixture(scope="session")
def bundled_store() -> Store:
    """The ontology, the frameworks and the bundled strategies."""
    return build()


# --- the viewer over a built store: creating an app neither builds nor forks (the query process
# starts on the first query), so a test module may make its own with other settings

MakeApp = Callable[..., Flask]


@pytest.fixture(scope="session")
def make_app() -> Iterator[MakeApp]:
    """make_app(store, sources=None, **config): the viewer over `store`; `sources` are the files
    it was built from (the viewer finds their source texts beside them). Closed at the end."""
    made: list[Flask] = []

    def make(store: Store, sources: list[Path] | None = None, **config) -> Flask:
        app = create_app({"SOURCES": [str(path) for path in sources] if sources else None, "WARM": False,
                          **config}, store=store)
        made.append(app)
        return app

    yield make
    for app in made:
        app.extensions["samsyn"].close()


@pytest.fixture(scope="session")
def app(make_app, bundled_store) -> Flask:
    return make_app(bundled_store, QUERY_TIMEOUT=20, RESULT_LIMIT=500)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def exempelby_app(make_app, exempelby_store) -> Flask:
    return make_app(exempelby_store, [EXEMPELBY], QUERY_TIMEOUT=20, RESULT_LIMIT=5)


@pytest.fixture
def exempelby(exempelby_app):
    return exempelby_app.test_client()


@pytest.fixture
def runner() -> CliRunner:
    """Runs the `samsyn` command in this process (stdout and stderr apart)."""
    return CliRunner()


# --- the graph page at scale: synthetic strategies (graph.synth), more nodes than the budget

SYNTH_ORGANISATIONS = 40


@pytest.fixture(scope="session")
def synth_path(tmp_path_factory) -> Path:
    from samsyn.graph.synth import write_synthetic

    path = tmp_path_factory.mktemp("synth") / f"synth-{SYNTH_ORGANISATIONS}.ttl"
    write_synthetic(SYNTH_ORGANISATIONS, path, seed=5)
    return path


@pytest.fixture(scope="session")
def synth_store(synth_path) -> Store:
    return build([synth_path])


@pytest.fixture(scope="session")
def synth_app(make_app, synth_store, synth_path) -> Flask:
    """40 synthetic organisations (~2,100 nodes) under the default budget of 500: the overview."""
    return make_app(synth_store, [synth_path], QUERY_TIMEOUT=20)


@pytest.fixture
def synth(synth_app):
    return synth_app.test_client()


@pytest.fixture
def folder(tmp_path) -> Path:
    """A folder of copies of the bundled strategies: a --source a test may write into (publishing)."""
    sources = tmp_path / "sources"
    sources.mkdir()
    for source in bundled_strategies():
        shutil.copy(source.path, sources)
    return sources
