"""The hostile-labels app: a strategy whose labels and quotes carry script payloads."""

from __future__ import annotations

from pathlib import Path

import pytest

from viewer import create_app

HOSTILE = Path(__file__).parent / "fixtures" / "hostile.ttl"


@pytest.fixture(scope="session")
def hostile_app():
    app = create_app({"SOURCES": [str(HOSTILE)], "WARM": False})
    yield app
    app.extensions["samsyn"].close()


@pytest.fixture
def hostile(hostile_app):
    return hostile_app.test_client()
