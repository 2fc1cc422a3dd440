"""The hostile-labels app: a strategy whose labels and quotes carry script payloads."""

from __future__ import annotations

from pathlib import Path

import pytest

from samsyn.viewer import create_app

HOSTILE = Path(__file__).parent / "fixtures" / "hostile.ttl"


@pytest.fixture(scope="session")
def hostile_app():
    app = create_app({"SOURCES": [str(HOSTILE)], "WARM": False})
    yield app
    app.extensions["samsyn"].close()


@pytest.fixture
def hostile(hostile_app):
    return hostile_app.test_client()


@pytest.fixture(scope="session")
def hostile_overview_app():
    """The hostile strategy (28 nodes) under a budget of 26: drawn aggregated, its label in a cluster."""
    app = create_app({"SOURCES": [str(HOSTILE)], "WARM": False, "GRAPH_NODE_BUDGET": 26})
    yield app
    app.extensions["samsyn"].close()


@pytest.fixture
def hostile_overview(hostile_overview_app):
    return hostile_overview_app.test_client()
