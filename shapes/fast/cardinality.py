"""Value-count constraints (SHACL 4.2): sh:minCount, sh:maxCount; and the counting that
sh:qualifiedMinCount and sh:qualifiedMaxCount share with them."""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations

from samsyn.graph.namespaces import SH

from .core import Compiler, Constraint, Scope, register

#: a SPARQL expression on a value node variable
Condition = Callable[[str], str]


def fewer_than(scope: Scope, n: int, condition: Condition | None = None) -> str:
    """Focus nodes with fewer than n (>= 1) distinct value nodes (meeting condition), none included."""
    assert scope.focus is not None
    where = f" FILTER({condition('?value')})" if condition else ""
    if n == 1:  # the common case, without grouping
        return f"SELECT ?this WHERE {{ {scope.focus('?this')} FILTER NOT EXISTS {{ {scope.values('?this', '?value')}{where} }} }}"
    return (f"SELECT ?this WHERE {{ {scope.focus('?this')} OPTIONAL {{ {scope.values('?this', '?value')}{where} }} }} "
            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {n})")


def more_than(scope: Scope, n: int, condition: Condition | None = None) -> str:
    """Focus nodes with more than n distinct value nodes (meeting condition)."""
    assert scope.focus is not None
    where = f" FILTER({condition('?value')})" if condition else ""
    return (f"SELECT ?this WHERE {{ {scope.focus('?this')} {scope.values('?this', '?value')}{where} }} "
            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > {n})")


def at_least(compiler: Compiler, scope: Scope, x: str, n: int, condition: Condition | None = None) -> str:
    """A SPARQL expression, true when focus node x has n distinct value nodes (meeting condition)."""
    if n <= 0:
        return "true"
    names = [compiler.var() for _ in range(n)]
    tests = [f"!sameTerm({a}, {b})" for a, b in combinations(names, 2)]
    tests += [condition(v) for v in names] if condition else []
    where = f" FILTER({' && '.join(tests)})" if tests else ""
    return f"EXISTS {{ {' '.join(scope.values(x, v) for v in names)}{where} }}"


@register
class MinCount(Constraint):
    parameter = SH.minCount
    component = "MinCount"
    property_shapes_only = True

    def queries(self, scope: Scope) -> list[str]:
        n = self.integer()
        return [fewer_than(scope, n)] if n > 0 else []

    def holds(self, scope: Scope, x: str) -> str:
        return at_least(self.compiler, scope, x, self.integer())


@register
class MaxCount(Constraint):
    parameter = SH.maxCount
    component = "MaxCount"
    property_shapes_only = True

    def queries(self, scope: Scope) -> list[str]:
        return [more_than(scope, self.integer())]

    def holds(self, scope: Scope, x: str) -> str:
        return f"!{at_least(self.compiler, scope, x, self.integer() + 1)}"
