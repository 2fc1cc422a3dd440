"""samsyn's own shapes, shipped in the package as Turtle."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable

from rdflib import Graph

SHAPES_FILE: Traversable = files("samsyn.shapes") / "samsyn-shapes.ttl"


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The shapes, parsed once per process."""
    return Graph().parse(data=SHAPES_FILE.read_text(encoding="utf-8"), format="turtle")
