"""SHACL shapes of samsyn (Turtle, shipped in the package) and the code that runs them.

`validate` is the fast path (shapes.fast: constraints as SPARQL on Oxigraph, pyshacl for any
shape outside it), which gives the same findings as plain pyshacl (shapes.validation, the
reference the tests compare it with): it is what the CLI and the viewer run."""

from .bundled import RULES_FILE, SHAPES_FILE, SHAPES_FILES, shapes_graph
from .fast import validate
from .report import Finding, ValidationReport

__all__ = ["RULES_FILE", "SHAPES_FILE", "SHAPES_FILES", "Finding", "ValidationReport", "shapes_graph", "validate"]
