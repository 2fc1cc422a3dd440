"""Targets (SHACL 2.1.3): which nodes of the data a shape validates."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from samsyn.graph.namespaces import SH

from .core import Target, Unsupported, register

_INSTANCE_OF = f"{RDF.type.n3()}/{RDFS.subClassOf.n3()}*"


@register
class TargetClass(Target):
    """Instances of the class, and of its rdfs:subClassOf* sub-classes in the data."""

    parameter = SH.targetClass

    def pattern(self, var: str) -> str | None:
        cls = self.compiler.term(self.value)
        return f"{var} {_INSTANCE_OF} {cls} ." if cls else None


@register
class TargetNode(Target):
    """The node itself, whether or not the data mentions it."""

    parameter = SH.targetNode

    def pattern(self, var: str) -> str | None:
        node = self.compiler.term(self.value)
        if node is None:
            raise Unsupported(f"blank node {self.value} as target node")
        return f"VALUES {var} {{ {node} }}"


@register
class TargetSubjectsOf(Target):
    parameter = SH.targetSubjectsOf

    def pattern(self, var: str) -> str | None:
        prop = self.compiler.term(self.value)
        return f"{var} {prop} [] ." if prop else None


@register
class TargetObjectsOf(Target):
    parameter = SH.targetObjectsOf

    def pattern(self, var: str) -> str | None:
        prop = self.compiler.term(self.value)
        return f"[] {prop} {var} ." if prop else None


@register
class ImplicitClassTarget(Target):
    """A shape that is also a class (an rdf:type of rdfs:Class or of a sub-class of it in the
    shapes graph) targets its instances, like sh:targetClass of itself."""

    parameter = RDF.type

    def pattern(self, var: str) -> str | None:
        g = self.compiler.g
        is_class = self.value == RDFS.Class or (self.value, RDFS.subClassOf, RDFS.Class) in g
        if not (is_class and isinstance(self.shape, URIRef) and is_shape(g, self.shape)):
            return None
        return f"{var} {_INSTANCE_OF} {self.shape.n3()} ."


#: a subject of these is a shape ...
_SHAPE_SUBJECT = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.property, SH.node)
#: ... and so is a value of these, or a member of a list that is a value of _SHAPE_LISTS
_SHAPE_VALUE = (SH.property, SH.node, SH["not"], SH.qualifiedValueShape)
_SHAPE_LISTS = (SH["and"], SH["or"], SH.xone)


def is_shape(g: Graph, node: Node) -> bool:
    """Whether pyshacl reads the node as a shape (what gives a class an implicit target)."""
    if (node, RDF.type, SH.NodeShape) in g or (node, RDF.type, SH.PropertyShape) in g:
        return True
    if any((node, p, None) in g for p in _SHAPE_SUBJECT) or any((None, p, node) in g for p in _SHAPE_VALUE):
        return True
    return any(node in Collection(g, members) for p in _SHAPE_LISTS for members in g.objects(None, p))
