"""Property paths (SHACL 2.3.1) as SPARQL property paths: every form SHACL has."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF
from rdflib.term import Node

from samsyn.graph.namespaces import SH

#: SHACL path predicate -> SPARQL postfix operator
_REPEATS = ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?"))


class MalformedPath(ValueError):
    """A path node that is none of SHACL's path forms."""


def sequence_steps(shapes: Graph, node: Node) -> tuple[str, ...]:
    """The steps of a sequence path at node, each as a SPARQL path; () for any other path."""
    if isinstance(node, URIRef) or (node, RDF.first, None) not in shapes:
        return ()
    return tuple(sparql_path(shapes, p) for p in Collection(shapes, node))


def sparql_path(shapes: Graph, node: Node) -> str:
    """The SHACL path at node as a SPARQL property path."""
    if isinstance(node, URIRef):
        return node.n3()
    if (node, RDF.first, None) in shapes:
        return "(" + "/".join(sparql_path(shapes, p) for p in Collection(shapes, node)) + ")"
    inverse = shapes.value(node, SH.inversePath)
    if inverse is not None:
        return f"^({sparql_path(shapes, inverse)})"
    alternatives = shapes.value(node, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(sparql_path(shapes, p) for p in Collection(shapes, alternatives)) + ")"
    for prop, operator in _REPEATS:
        inner = shapes.value(node, prop)
        if inner is not None:
            return f"({sparql_path(shapes, inner)}){operator}"
    raise MalformedPath(f"{node} is not a SHACL path")
