"""Fixtures for the live tests; the helpers live in samsyn_live_helpers.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from samsyn_live_helpers import QUERY_TIMEOUT, serving


@pytest.fixture
def server() -> Iterator[int]:
    """`samsyn serve` on the bundled strategies; a fresh one per test, as a flood leaves work behind."""
    with serving("--query-timeout", str(QUERY_TIMEOUT)) as port:
        yield port
