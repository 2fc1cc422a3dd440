"""The hostile-labels app: a strategy whose labels and quotes carry script payloads."""

from __future__ import annotations

from pathlib import Path

import pytest

from samsyn.graph.building import build

HOSTILE = Path(__file__).parent / "fixtures" / "hostile.ttl"


@pytest.fixture(scope="session")
def hostile_store():
    return build([HOSTILE])


@pytest.fixture(scope="session")
def hostile_app(make_app, hostile_store):
    return make_app(hostile_store, [HOSTILE])


@pytest.fixture
def hostile(hostile_app):
    return hostile_app.test_client()


@pytest.fixture(scope="session")
def hostile_overview_app(make_app, hostile_store):
    """The hostile strategy (28 nodes) under a budget of 26: drawn aggregated, its label in a cluster."""
    return make_app(hostile_store, [HOSTILE], GRAPH_NODE_BUDGET=26)


@pytest.fixture
def hostile_overview(hostile_overview_app):
    return hostile_overview_app.test_client()
