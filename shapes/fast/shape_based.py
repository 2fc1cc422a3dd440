"""Shape-based constraints (SHACL 4.7): sh:property, sh:node, sh:qualifiedValueShape with
sh:qualifiedMinCount / sh:qualifiedMaxCount (and sh:qualifiedValueShapesDisjoint)."""

from __future__ import annotations

from rdflib.term import Node as RDFNode

from samsyn.graph.namespaces import SH

from .cardinality import Condition, at_least, fewer_than, more_than
from .core import Check, Constraint, Focus, Scope, ValueTest, register


@register
class Property(Constraint):
    """Each value node is a focus node of the property shape, whose own results are reported."""

    parameter = SH.property
    component = "Property"

    def checks(self, scope: Scope) -> list[Check]:
        return self.compiler.checks(self.value, value_nodes(scope, self.compiler.var()))

    def holds(self, scope: Scope, x: str) -> str:
        if scope.path is None:
            return self.compiler.conforms(self.value, x, strict=scope.strict)
        v = self.compiler.var()
        return (f"NOT EXISTS {{ {scope.values(x, v)} "
                f"FILTER(!{self.compiler.conforms(self.value, v, strict=scope.strict)}) }}")


def value_nodes(scope: Scope, via: str) -> Focus:
    """The value nodes of the scope's focus nodes, as focus nodes of shapes under it."""
    assert scope.focus is not None
    if scope.path is None:
        return scope.focus
    outer, path = scope.focus, scope.path
    return lambda var: f"{{ SELECT DISTINCT {var} WHERE {{ {outer(via)} {via} {path} {var} }} }}"


@register
class Node(ValueTest):
    """Each value node conforms to the node shape, in the strict sense: no result at all."""

    parameter = SH.node
    component = "Node"

    def test(self, v: str) -> str:
        return self.compiler.conforms(self.value, v, strict=True)


class Qualified(Constraint):
    """Counts the value nodes that conform to each sh:qualifiedValueShape (and, with
    sh:qualifiedValueShapesDisjoint true, to none of the sibling shapes)."""

    reads = (SH.qualifiedValueShape, SH.qualifiedValueShapesDisjoint)
    property_shapes_only = True

    def conditions(self) -> list[Condition]:
        g = self.compiler.g
        shapes = sorted(g.objects(self.shape, SH.qualifiedValueShape), key=lambda n: n.n3())
        return [self.condition(shape, self.siblings(shape)) for shape in shapes]

    def siblings(self, shape: RDFNode) -> list[RDFNode]:
        g = self.compiler.g
        if not self.compiler.is_true(self.shape, SH.qualifiedValueShapesDisjoint):
            return []
        found = {sibling for parent in g.subjects(SH.property, self.shape)
                 for other in g.objects(parent, SH.property)
                 for sibling in g.objects(other, SH.qualifiedValueShape)} - {shape}
        return sorted(found, key=lambda n: n.n3())

    def condition(self, shape: RDFNode, siblings: list[RDFNode]) -> Condition:
        def conforming(v: str) -> str:
            parts = [self.compiler.conforms(shape, v)]
            parts += [f"!{self.compiler.conforms(sibling, v)}" for sibling in siblings]
            return " && ".join(parts)
        return conforming


@register
class QualifiedMinCount(Qualified):
    parameter = SH.qualifiedMinCount
    component = "QualifiedMinCount"

    def queries(self, scope: Scope) -> list[str]:
        n = self.integer()
        return [fewer_than(scope, n, condition) for condition in self.conditions()] if n > 0 else []

    def holds(self, scope: Scope, x: str) -> str:
        parts = [at_least(self.compiler, scope, x, self.integer(), c) for c in self.conditions()]
        return "(" + (" && ".join(parts) or "true") + ")"


@register
class QualifiedMaxCount(Qualified):
    parameter = SH.qualifiedMaxCount
    component = "QualifiedMaxCount"

    def queries(self, scope: Scope) -> list[str]:
        return [more_than(scope, self.integer(), condition) for condition in self.conditions()]

    def holds(self, scope: Scope, x: str) -> str:
        parts = [f"!{at_least(self.compiler, scope, x, self.integer() + 1, c)}" for c in self.conditions()]
        return "(" + (" && ".join(parts) or "true") + ")"
