"""SHACL shapes of samsyn (Turtle, shipped in the package) and the code that runs them."""

from importlib.resources import files
from importlib.resources.abc import Traversable

SHAPES_FILE: Traversable = files(__name__) / "samsyn-shapes.ttl"


def shapes_turtle() -> str:
    """The shapes as Turtle text."""
    return SHAPES_FILE.read_text(encoding="utf-8")


from .validation import validate  # noqa: E402  (needs SHAPES_FILE)

__all__ = ["SHAPES_FILE", "shapes_turtle", "validate"]
