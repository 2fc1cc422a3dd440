"""Logical constraints (SHACL 4.6): sh:not, sh:and, sh:or, sh:xone; each value node is
checked against the member shapes, a result per value node that fails."""

from __future__ import annotations

from samsyn.graph.namespaces import SH

from .core import ValueTest, register


@register
class Not(ValueTest):
    parameter = SH["not"]
    component = "Not"

    def test(self, v: str) -> str:
        return f"!{self.compiler.conforms(self.value, v)}"


class MemberList(ValueTest):
    """A constraint over the conformance of a value node to each shape of a list."""

    def members(self, v: str) -> list[str]:
        return [self.compiler.conforms(member, v) for member in self.compiler.items(self.value)]


@register
class And(MemberList):
    parameter = SH["and"]
    component = "And"

    def test(self, v: str) -> str:
        return "(" + (" && ".join(self.members(v)) or "true") + ")"


@register
class Or(MemberList):
    parameter = SH["or"]
    component = "Or"

    def test(self, v: str) -> str:
        return "(" + (" || ".join(self.members(v)) or "false") + ")"


@register
class Xone(MemberList):
    parameter = SH.xone
    component = "Xone"

    def test(self, v: str) -> str:
        return "(" + (" + ".join(f"IF({m}, 1, 0)" for m in self.members(v)) or "0") + " = 1)"
