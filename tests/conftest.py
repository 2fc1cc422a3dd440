"""Fixtures shared by every test surface."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.build import build
from graph.store import Store

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
