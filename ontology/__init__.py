"""The samsyn vocabulary (OWL + RDFS), shipped as Turtle inside the package."""

from importlib.resources import files
from importlib.resources.abc import Traversable

ONTOLOGY_FILE: Traversable = files(__name__) / "samsyn.ttl"


def ontology_turtle() -> str:
    """The vocabulary as Turtle text."""
    return ONTOLOGY_FILE.read_text(encoding="utf-8")
