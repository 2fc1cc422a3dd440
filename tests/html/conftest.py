"""Viewer apps for the Flask test client: the bundled five strategies, and Exempelby (exact
expectations). Each app builds its store once and forks its query process (viewer.executor)."""

from __future__ import annotations

from pathlib import Path

import pytest

from viewer import create_app

EXEMPELBY = Path(__file__).parents[1] / "fixtures" / "exempelby.ttl"


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


HOSTILE = Path(__file__).parent / "fixtures" / "hostile.ttl"


@pytest.fixture(scope="session")
def hostile_app():
    app = create_app({"SOURCES": [str(HOSTILE)], "WARM": False})
    yield app
    app.extensions["samsyn"].close()


@pytest.fixture
def hostile(hostile_app):
    return hostile_app.test_client()
