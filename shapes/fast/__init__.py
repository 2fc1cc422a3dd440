"""Fast SHACL: the shapes compiled to SPARQL and run on Oxigraph, giving pyshacl's findings.

`validate(store)` gives the same `ValidationReport` as plain pyshacl (`shapes.validation`, the
reference): the same focus nodes, shapes, constraint components, severities, paths and values.
What it compiles is `core.TABLE`, the one list of what the fast path supports: one unit (a
class) per SHACL parameter, in the module of its section of the SHACL spec (targets, paths,
cardinality, value_type, string_based, property_pair, logical, shape_based, other). A
top-level shape that uses a parameter with no unit is validated by pyshacl, on its own, and
its findings merged in; adding a constraint is adding its unit to its section's module."""

from rdflib import Graph

# each section registers its units in TABLE
from . import cardinality, logical, other, property_pair, shape_based, string_based, targets, value_type  # noqa: F401
from .core import TABLE, Check, Compiler, Unsupported
from .run import validate


def compile_shapes(shapes: Graph) -> tuple[list[Check], list]:
    """The checks of every shape the fast path compiles, and the top-level shapes it does not."""
    return Compiler(shapes).compile()


__all__ = ["TABLE", "Check", "Unsupported", "compile_shapes", "validate"]
