"""SHACL shapes of samsyn (Turtle, shipped in the package) and the code that runs them."""

from importlib.resources import files
from importlib.resources.abc import Traversable

SHAPES_FILE: Traversable = files(__name__) / "samsyn-shapes.ttl"


def shapes_turtle() -> str:
    """The shapes as Turtle text."""
    return SHAPES_FILE.read_text(encoding="utf-8")


# The fast path (shapes/fast.py: constraints as SPARQL on Oxigraph, pyshacl for any shape
# outside it) gives the same findings as plain pyshacl (shapes.validation.validate, the reference
# the tests compare it with) 20-30x faster: it is what the CLI and the viewer run.
from .fast import validate  # noqa: E402  (needs SHAPES_FILE)

__all__ = ["SHAPES_FILE", "shapes_turtle", "validate"]
