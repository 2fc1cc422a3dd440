"""samsyn's own shapes, shipped in the package as Turtle: the contract shapes and the
organisations' own rules (rules.ttl), read together wherever samsyn validates."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable

from rdflib import Graph

SHAPES_FILE: Traversable = files("samsyn.shapes") / "samsyn-shapes.ttl"
RULES_FILE: Traversable = files("samsyn.shapes") / "rules.ttl"
#: every shapes file `samsyn validate` checks against
SHAPES_FILES: tuple[Traversable, ...] = (SHAPES_FILE, RULES_FILE)


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The shapes of every file, parsed once per process."""
    graph = Graph()
    for path in SHAPES_FILES:
        graph.parse(data=path.read_text(encoding="utf-8"), format="turtle")
    return graph
