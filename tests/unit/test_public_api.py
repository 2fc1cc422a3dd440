"""samsyn.graph's public face: every name it lists is there and says what it does."""

from __future__ import annotations

import inspect

import pytest

import samsyn.graph as library


def test_every_public_name_resolves_and_is_documented():
    for name in library.__all__:
        value = getattr(library, name)
        if inspect.isfunction(value) or inspect.isclass(value):
            assert inspect.getdoc(value), f"samsyn.graph.{name} has no docstring"


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_function"):
        getattr(library, "no_such_function")
