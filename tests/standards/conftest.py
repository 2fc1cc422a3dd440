"""The standards as their own test suites see them: the W3C SPARQL 1.1 Protocol tests against
/sparql on a live server, W3C SPARQL 1.1 query-evaluation tests through `samsyn query`, Linked
Data dereferencing, and the DCAT description against DCAT-AP 3.0's shapes with DIGG's Swedish
additions. Each suite's vendored files sit beside its runner with their licence
(docs/standards.md says how to rerun each)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from samsyn.viewer.testing import LiveServer, live_server


@pytest.fixture(scope="session")
def live(make_app, bundled_store) -> Iterator[LiveServer]:
    """The viewer over the bundled strategies under waitress on a loopback port."""
    with live_server(make_app(bundled_store, QUERY_TIMEOUT=20, RESULT_LIMIT=1000)) as server:
        yield server
