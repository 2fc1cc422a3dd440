"""Other constraints (SHACL 4.8): sh:in, sh:hasValue. (sh:closed has no unit: pyshacl checks it.)"""

from __future__ import annotations

from samsyn.graph.namespaces import SH

from .core import Constraint, Scope, ValueTest, register


@register
class In(ValueTest):
    """The value node is one of the list's members (the same RDF term)."""

    parameter = SH["in"]
    component = "In"

    def test(self, v: str) -> str:
        members = [t for t in map(self.compiler.term, self.compiler.items(self.value)) if t is not None]
        return "(" + (" || ".join(f"sameTerm({v}, {t})" for t in members) or "false") + ")"


@register
class HasValue(Constraint):
    """The value is among the value nodes: one result, without a value, per focus node that lacks it."""

    parameter = SH.hasValue
    component = "HasValue"

    def has(self, scope: Scope, x: str) -> str:
        value = self.compiler.term(self.value)
        return scope.has_value(x, value) if value else "false"

    def queries(self, scope: Scope) -> list[str]:
        assert scope.focus is not None
        return [f"SELECT ?this WHERE {{ {scope.focus('?this')} FILTER(!{self.has(scope, '?this')}) }}"]

    def holds(self, scope: Scope, x: str) -> str:
        return self.has(scope, x)
