"""The compiler of the fast path and the base classes of its units.

A unit is one class that compiles one SHACL parameter to SPARQL; `register` puts it in TABLE,
keyed by that parameter. The compiler looks each predicate of a shape up in TABLE: a predicate
that is neither there, nor read by a unit alongside its own parameter (`reads`), nor one of
NON_CONSTRAINING, sends the whole top-level shape to pyshacl.

Conformance follows pyshacl as samsyn runs it (allow_warnings): a member shape of sh:or, sh:and,
sh:not, sh:xone or sh:qualifiedValueShape whose severity is sh:Warning or sh:Info conforms
whatever its constraints say, and sh:node asks for no result at all ("strict")."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import ClassVar

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDFS
from rdflib.term import Node

from samsyn.graph.namespaces import SH

from .paths import MalformedPath, sequence_steps, sparql_path

#: predicates that say something about a shape without targeting or constraining anything
NON_CONSTRAINING = frozenset({
    SH.name, SH.description, SH.message, SH.severity, SH.order, SH.group, SH.defaultValue,
    SH.deactivated, SH.path, RDFS.label, RDFS.comment, RDFS.subClassOf,
})

#: a pattern that binds the given variable to each focus node
Focus = Callable[[str], str]


class Unsupported(Exception):
    """The fast path does not compile this shape; pyshacl validates it. Raised for a predicate
    no unit handles, and for what SPARQL cannot say or pyshacl refuses: a blank node of the
    shapes graph as target node, a shape that refers to itself, a malformed parameter."""


@dataclass(frozen=True)
class Check:
    """One constraint at one place as one SPARQL query: each row binds ?this (the focus node),
    and ?value when the constraint reports the value."""

    shape: URIRef | BNode
    severity: str
    constraint: str
    path: str | None
    query: str
    message: dict[str, str]
    shape_name: dict[str, str]


@dataclass(frozen=True)
class Scope:
    """Where a shape's constraints apply: to its focus nodes (none when it is asked whether
    one node conforms) and, for a property shape, the value nodes its path reaches."""

    shape: URIRef | BNode
    path: str | None             # the SPARQL path of a property shape; None for a node shape
    result_path: str | None      # sh:resultPath as reported: the path when it is one IRI
    focus: Focus | None = None
    strict: bool = False         # conformance means no result at all (inside sh:node)
    steps: tuple[str, ...] = ()  # a sequence path's steps; () for any other path

    def values(self, x: str, v: str) -> str:
        """A pattern binding v to each value node of focus node x."""
        return f"{x} {self.path} {v} ." if self.path else f"BIND({x} AS {v})"

    def has_value(self, x: str, v: str) -> str:
        """A SPARQL expression, true when v is a value node of focus node x (both bound). A
        sequence path is walked from x one step per nested EXISTS: given the whole path with v
        fixed, Oxigraph starts from v, once for every focus node."""
        if not self.path:
            return f"sameTerm({x}, {v})"
        if len(self.steps) < 2:
            return f"EXISTS {{ {x} {self.path} {v} }}"
        nodes = [x, *(f"{x}_step{i}" for i in range(1, len(self.steps))), v]
        test = f"EXISTS {{ {nodes[-2]} {self.steps[-1]} {v} }}"
        for i in range(len(self.steps) - 2, -1, -1):
            test = f"EXISTS {{ {nodes[i]} {self.steps[i]} {nodes[i + 1]} . FILTER {test} }}"
        return test


class Unit:
    """One SHACL parameter compiled to SPARQL, instantiated for one value of it on one shape."""

    parameter: ClassVar[URIRef]
    #: further parameters the unit reads from the same shape (sh:flags beside sh:pattern)
    reads: ClassVar[tuple[URIRef, ...]] = ()

    def __init__(self, compiler: Compiler, shape: URIRef | BNode, value: Node):
        self.compiler = compiler
        self.shape = shape
        self.value = value

    def integer(self) -> int:
        """The value as an integer; a malformed one is pyshacl's to report."""
        if isinstance(self.value, Literal) and isinstance(self.value.toPython(), int):
            return int(self.value.toPython())
        raise Unsupported(f"{self.shape}: {self.parameter} {self.value} is not an integer")


class Target(Unit):
    """A target declaration."""

    def pattern(self, var: str) -> str | None:
        """A group pattern binding var to each node the target selects; None if it selects none."""
        raise NotImplementedError


class Constraint(Unit):
    """A constraint component."""

    #: local name of sh:<component>ConstraintComponent, as results name it
    component: ClassVar[str]
    #: pyshacl refuses the parameter on a node shape
    property_shapes_only: ClassVar[bool] = False

    def queries(self, scope: Scope) -> list[str]:
        """SELECT queries whose rows are the violations of the scope's focus nodes."""
        raise NotImplementedError

    def holds(self, scope: Scope, x: str) -> str:
        """A SPARQL expression, true when focus node x meets the constraint."""
        raise NotImplementedError

    def checks(self, scope: Scope) -> list[Check]:
        return [self.compiler.check(scope, self.component, query) for query in self.queries(scope)]


class ValueTest(Constraint):
    """A constraint each value node meets or not on its own: a result per failing value node."""

    def test(self, v: str) -> str:
        """A SPARQL expression, true when value node v passes."""
        raise NotImplementedError

    def queries(self, scope: Scope) -> list[str]:
        assert scope.focus is not None
        if scope.path is None:
            # a node shape's value node is its focus node: tested as ?this, since a copy made by
            # BIND keeps Oxigraph from starting an EXISTS inside the test at the bound node
            return [f"SELECT DISTINCT ?this (?this AS ?value) WHERE {{ {scope.focus('?this')} "
                    f"FILTER(!{self.test('?this')}) }}"]
        return [f"SELECT DISTINCT ?this ?value WHERE {{ {scope.focus('?this')} "
                f"{scope.values('?this', '?value')} FILTER(!{self.test('?value')}) }}"]

    def holds(self, scope: Scope, x: str) -> str:
        if scope.path is None:
            return self.test(x)
        v = self.compiler.var()
        return f"NOT EXISTS {{ {scope.values(x, v)} FILTER(!{self.test(v)}) }}"


#: parameter -> the unit that compiles it: everything the fast path supports
TABLE: dict[URIRef, type[Unit]] = {}


def register(unit: type[Unit]) -> type[Unit]:
    """Class decorator: the unit compiles its parameter from now on."""
    if unit.parameter in TABLE:
        raise ValueError(f"{unit.parameter} already has a unit: {TABLE[unit.parameter].__name__}")
    TABLE[unit.parameter] = unit
    return unit


def known_predicates() -> frozenset[URIRef]:
    return frozenset(TABLE) | {r for unit in TABLE.values() for r in unit.reads} | NON_CONSTRAINING


class Compiler:
    """Shapes graph -> SPARQL checks, through the units in TABLE."""

    def __init__(self, shapes: Graph):
        self.g = shapes
        self._fresh = itertools.count()
        self._known = known_predicates()
        self._targeting = sorted(p for p, unit in TABLE.items() if issubclass(unit, Target))
        self._open: list[Node] = []  # shapes being expanded, to refuse one that refers to itself

    # --- helpers the units use ---
    def var(self) -> str:
        return f"?_v{next(self._fresh)}"

    def items(self, node: Node) -> list[Node]:
        return list(Collection(self.g, node))

    @staticmethod
    def term(node: Node) -> str | None:
        """The node in SPARQL syntax; None for a blank node, which names nothing in the data."""
        if isinstance(node, (URIRef, Literal)):
            return node.n3()
        return None

    def is_true(self, node: Node, prop: URIRef) -> bool:
        value = self.g.value(node, prop)
        return isinstance(value, Literal) and value.toPython() is True

    def severity(self, shape: Node) -> URIRef:
        return self.g.value(shape, SH.severity) or SH.Violation

    # --- shapes ---
    def scope(self, shape: Node, focus: Focus | None = None, strict: bool = False) -> Scope:
        node = self.g.value(shape, SH.path)
        try:
            path = sparql_path(self.g, node) if node is not None else None
        except MalformedPath as error:
            raise Unsupported(str(error)) from None
        return Scope(shape=shape, path=path, result_path=str(node) if isinstance(node, URIRef) else None,
                     focus=focus, strict=strict, steps=sequence_steps(self.g, node) if node is not None else ())

    def units(self, shape: Node, kind: type[Unit]) -> list:
        """The shape's units of the given kind, in a stable order; Unsupported if the shape uses
        a predicate no unit handles."""
        out = []
        for prop, value in sorted(self.g.predicate_objects(shape), key=lambda pv: (str(pv[0]), pv[1].n3())):
            unit = TABLE.get(prop)
            if unit is None:
                if prop not in self._known:
                    raise Unsupported(f"{shape} uses {prop}")
                continue
            if issubclass(unit, kind):
                out.append(unit(self, shape, value))
        return out

    def focus(self, shape: Node) -> Focus | None:
        """The focus nodes of a shape's targets, or None if it has none."""
        units = [TABLE[p](self, shape, value) for p in self._targeting for value in self.g.objects(shape, p)]
        if not any(unit.pattern("?this") is not None for unit in units):
            return None

        def pattern(var: str) -> str:
            branches = [p for p in (unit.pattern(var) for unit in units) if p is not None]
            union = " UNION ".join(f"{{ {b} }}" for b in branches)
            return f"{{ SELECT DISTINCT {var} WHERE {{ {union} }} }}"
        return pattern

    def checks(self, shape: Node, focus: Focus) -> list[Check]:
        """The checks of a shape (and the property shapes under it) for the given focus nodes."""
        if self.is_true(shape, SH.deactivated):
            return []
        scope = self.scope(shape, focus)
        with self._expanding(shape):
            return [check for unit in self._constraints(scope) for check in unit.checks(scope)]

    def conforms(self, shape: Node, x: str, strict: bool = False) -> str:
        """A SPARQL expression, true when node x conforms to the shape (pyshacl's reading)."""
        if self.is_true(shape, SH.deactivated):
            return "true"
        if not strict and self.severity(shape) in (SH.Warning, SH.Info):
            return "true"
        scope = self.scope(shape, strict=strict)
        with self._expanding(shape):
            parts = [unit.holds(scope, x) for unit in self._constraints(scope)]
        return "(" + (" && ".join(parts) or "true") + ")"

    def _constraints(self, scope: Scope) -> list[Constraint]:
        units = self.units(scope.shape, Constraint)
        for unit in units:
            if scope.path is None and unit.property_shapes_only:
                raise Unsupported(f"{scope.shape}: {unit.parameter} on a node shape")
        return units

    @contextmanager
    def _expanding(self, shape: Node) -> Iterator[None]:
        if shape in self._open:
            raise Unsupported(f"{shape} refers to itself")
        self._open.append(shape)
        try:
            yield
        finally:
            self._open.pop()

    def check(self, scope: Scope, component: str, query: str) -> Check:
        shape = scope.shape
        return Check(shape=shape, severity=str(self.severity(shape)).removeprefix(str(SH)),
                     constraint=str(SH[f"{component}ConstraintComponent"]), path=scope.result_path, query=query,
                     message=langs(self.g, shape, SH.message) or {"": f"{component} constraint not met"},
                     shape_name=langs(self.g, shape, SH.name))

    # --- the whole shapes graph ---
    def target_shapes(self) -> list[Node]:
        """Every node with a target declaration (a shape if the target selects anything), by IRI."""
        return sorted({s for p in self._targeting for s in self.g.subjects(p, None)}, key=str)

    def compile(self) -> tuple[list[Check], list[Node]]:
        """The checks of every shape the fast path compiles, and the shapes it does not."""
        checks: list[Check] = []
        unsupported = []
        for shape in self.target_shapes():
            try:
                focus = self.focus(shape)
                if focus is not None:
                    checks += self.checks(shape, focus)
            except Unsupported:
                unsupported.append(shape)
        return checks, unsupported

    def without_targets(self, keep: list[Node]) -> Graph:
        """The shapes graph with the target declarations of every shape but those in keep
        removed: pyshacl then validates only those."""
        kept = set(keep)
        graph = Graph()
        for s, p, o in self.g:
            if p in self._targeting and s not in kept:
                try:
                    if TABLE[p](self, s, o).pattern("?this") is not None:
                        continue
                except Unsupported:
                    pass
            graph.add((s, p, o))
        return graph


def langs(graph: Graph, node: Node, prop: URIRef) -> dict[str, str]:
    """lang -> text of the node's literal values of prop."""
    return {lit.language or "": str(lit) for lit in graph.objects(node, prop) if isinstance(lit, Literal)}
