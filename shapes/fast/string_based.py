"""String-based constraints (SHACL 4.4): sh:minLength, sh:maxLength, sh:pattern (with sh:flags),
sh:languageIn, sh:uniqueLang. A blank node fails the first three, as in pyshacl."""

from __future__ import annotations

from rdflib import Literal

from samsyn.graph.namespaces import SH

from .core import Constraint, Scope, ValueTest, register


@register
class MinLength(ValueTest):
    parameter = SH.minLength
    component = "MinLength"

    def test(self, v: str) -> str:
        return f"(!isBlank({v}) && STRLEN(STR({v})) >= {self.integer()})"


@register
class MaxLength(ValueTest):
    parameter = SH.maxLength
    component = "MaxLength"

    def test(self, v: str) -> str:
        return f"(!isBlank({v}) && STRLEN(STR({v})) <= {self.integer()})"


@register
class Pattern(ValueTest):
    """A regular expression match of the value's string; of sh:flags only "i" and "m" count,
    as in pyshacl."""

    parameter = SH.pattern
    reads = (SH.flags,)
    component = "Pattern"

    def test(self, v: str) -> str:
        given = str(self.compiler.g.value(self.shape, SH.flags) or "").lower()
        flags = "".join(f for f in "im" if f in given)
        extra = f", {Literal(flags).n3()}" if flags else ""
        return f"(!isBlank({v}) && REGEX(STR({v}), {Literal(str(self.value)).n3()}{extra}))"


@register
class LanguageIn(ValueTest):
    """A language-tagged literal whose tag, or the tag's first part, is in the list ("*" takes
    any tag), case-insensitively, as in pyshacl: langMatches for a listed tag without "-"."""

    parameter = SH.languageIn
    component = "LanguageIn"

    def test(self, v: str) -> str:
        tags = sorted({str(tag).lower() for tag in self.compiler.items(self.value)})
        if "*" in tags:
            return f"(isLiteral({v}) && LANG({v}) != \"\")"
        matches = [f"langMatches(LANG({v}), {Literal(tag).n3()})" if "-" not in tag
                   else f"LCASE(LANG({v})) = {Literal(tag).n3()}" for tag in tags]
        return f"(isLiteral({v}) && ({' || '.join(matches) or 'false'}))"


@register
class UniqueLang(Constraint):
    """No two value nodes share a language tag: one result per focus node that breaks it."""

    parameter = SH.uniqueLang
    component = "UniqueLang"
    property_shapes_only = True

    def shared(self, scope: Scope, x: str) -> str:
        a, b = self.compiler.var(), self.compiler.var()
        return (f"{scope.values(x, a)} {scope.values(x, b)} FILTER(!sameTerm({a}, {b}) && "
                f"LANG({a}) != \"\" && LCASE(LANG({a})) = LCASE(LANG({b})))")

    def queries(self, scope: Scope) -> list[str]:
        if not self.compiler.is_true(self.shape, SH.uniqueLang):
            return []
        assert scope.focus is not None
        return [f"SELECT DISTINCT ?this WHERE {{ {scope.focus('?this')} {self.shared(scope, '?this')} }}"]

    def holds(self, scope: Scope, x: str) -> str:
        if not self.compiler.is_true(self.shape, SH.uniqueLang):
            return "true"
        return f"NOT EXISTS {{ {self.shared(scope, x)} }}"
