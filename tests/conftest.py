"""Fixtures shared by every test surface."""

from __future__ import annotations

from pathlib import Path

import pytest

from samsyn.graph.building import build
from samsyn.graph.store import Store
from samsyn.viewer import create_app

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


# --- the viewer, for the Flask test client (api/ and html/); each app builds its store once
# and forks its query process (viewer.executor)

@pytest.fixture(scope="session")
def app():
    app = create_app({"WARM": False, "QUERY_TIMEOUT": 20, "RESULT_LIMIT": 500})
    yield app
    app.extensions["samsyn"].close()


@pytest.fixture(scope="session")
def exempelby_app():
    app = create_app({"SOURCES": [str(EXEMPELBY)], "WARM": False, "QUERY_TIMEOUT": 20, "RESULT_LIMIT": 5})
    yield app
    app.extensions["samsyn"].close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def exempelby(exempelby_app):
    return exempelby_app.test_client()


# --- the graph page at scale: synthetic strategies (graph.synth), more nodes than the budget

SYNTH_ORGANISATIONS = 40


@pytest.fixture(scope="session")
def synth_path(tmp_path_factory) -> Path:
    from samsyn.graph.synth import write_synthetic

    path = tmp_path_factory.mktemp("synth") / f"synth-{SYNTH_ORGANISATIONS}.ttl"
    write_synthetic(SYNTH_ORGANISATIONS, path, seed=5)
    return path


@pytest.fixture(scope="session")
def synth_app(synth_path):
    """40 synthetic organisations (~2,100 nodes) under the default budget of 500: the overview."""
    app = create_app({"SOURCES": [str(synth_path)], "WARM": False, "QUERY_TIMEOUT": 20})
    yield app
    app.extensions["samsyn"].close()


@pytest.fixture
def synth(synth_app):
    return synth_app.test_client()
