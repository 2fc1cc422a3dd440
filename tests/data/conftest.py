"""Session fixtures for the data tests; the helpers live in samsyn_data_helpers.py."""

import pytest

from samsyn_data_helpers import load_framework_graphs, load_graphs, load_sources


@pytest.fixture(scope="session")
def sources():
    return load_sources()


@pytest.fixture(scope="session")
def graphs():
    return load_graphs()


@pytest.fixture(scope="session")
def framework_graphs():
    return load_framework_graphs()
