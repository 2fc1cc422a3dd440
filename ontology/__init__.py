"""The samsyn vocabulary (OWL + RDFS), shipped as Turtle inside the package."""

from importlib.resources import files
from importlib.resources.abc import Traversable

ONTOLOGY_FILE: Traversable = files(__name__) / "samsyn.ttl"
