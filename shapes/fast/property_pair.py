"""Property pair constraints (SHACL 4.5): sh:equals, sh:disjoint. (sh:lessThan and
sh:lessThanOrEquals have no unit: pyshacl compares literals its own way.)"""

from __future__ import annotations

from samsyn.graph.namespaces import SH

from .core import Constraint, Scope, Unsupported, register


class PropertyPair(Constraint):
    """Compares the value nodes with the values of another property at the same focus node."""

    def other(self) -> str:
        prop = self.compiler.term(self.value)
        if prop is None:
            raise Unsupported(f"{self.shape}: {self.parameter} {self.value} is not a property")
        return prop


@register
class Equals(PropertyPair):
    """The value nodes and the other property's values are the same set: a result for each
    node in one and not the other."""

    parameter = SH.equals
    component = "Equals"

    def queries(self, scope: Scope) -> list[str]:
        assert scope.focus is not None
        focus, other = scope.focus("?this"), self.other()
        return [f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {scope.values('?this', '?value')} "
                f"FILTER NOT EXISTS {{ ?this {other} ?value }} }}",
                f"SELECT DISTINCT ?this ?value WHERE {{ {focus} ?this {other} ?value "
                f"FILTER(!{scope.has_value('?this', '?value')}) }}"]

    def holds(self, scope: Scope, x: str) -> str:
        other, a, b = self.other(), self.compiler.var(), self.compiler.var()
        return (f"(NOT EXISTS {{ {scope.values(x, a)} FILTER NOT EXISTS {{ {x} {other} {a} }} }} && "
                f"NOT EXISTS {{ {x} {other} {b} FILTER(!{scope.has_value(x, b)}) }})")


@register
class Disjoint(PropertyPair):
    """No value node is also a value of the other property: a result for each that is."""

    parameter = SH.disjoint
    component = "Disjoint"

    def queries(self, scope: Scope) -> list[str]:
        assert scope.focus is not None
        return [f"SELECT DISTINCT ?this ?value WHERE {{ {scope.focus('?this')} "
                f"{scope.values('?this', '?value')} ?this {self.other()} ?value }}"]

    def holds(self, scope: Scope, x: str) -> str:
        v = self.compiler.var()
        return f"NOT EXISTS {{ {scope.values(x, v)} {x} {self.other()} {v} }}"
