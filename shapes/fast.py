"""Fast SHACL: the shapes' constraints compiled to SPARQL and run on Oxigraph.

`validate(store)` gives the same `ValidationReport` as `shapes.validate(store)` (pyshacl, the
reference): the same focus nodes, shapes, constraint components, severities, paths and values.
Each constraint of each shape becomes one SPARQL query over the union of the named graphs,
answered by Oxigraph (the store itself when it is an `OxigraphStore`, otherwise a copy of its
dataset loaded into one). Shapes that use a feature outside the fast path are validated by
pyshacl, on their own, and their findings merged in.

The fast path supports (SHACL Core):
- targets: sh:targetClass (instances of the class and its rdfs:subClassOf* sub-classes in the
  data), sh:targetNode, sh:targetSubjectsOf, sh:targetObjectsOf; sh:deactivated
- paths: predicate, sh:inversePath, sequence, sh:alternativePath, sh:zeroOrMorePath,
  sh:oneOrMorePath, sh:zeroOrOnePath
- cardinality: sh:minCount, sh:maxCount
- value type and range: sh:class, sh:datatype, sh:nodeKind, sh:in, sh:hasValue,
  sh:languageIn, sh:pattern (+ sh:flags), sh:minLength, sh:maxLength
- sh:qualifiedValueShape with sh:qualifiedMinCount / sh:qualifiedMaxCount, when the qualified
  shape uses only the value constraints above (and sh:qualifiedValueShapesDisjoint is not true)
- logic on node shapes and property shapes: sh:or, sh:and, sh:not, sh:xone, whose members use
  the value constraints above, or a path with sh:minCount 1 / sh:maxCount 0 plus value
  constraints
- sh:severity, sh:message, sh:name, sh:description, sh:order, sh:group (reported as given)

Anything else (sh:node, nested sh:property under a property shape, sh:closed, sh:equals,
sh:disjoint, sh:lessThan, sh:uniqueLang, the numeric range constraints, SHACL-SPARQL, implicit
class targets) sends that whole top-level shape to pyshacl."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from samsyn.graph.namespaces import SH
from samsyn.graph.rdf_terms import graph_quads
from samsyn.graph.store import Store

from .report import Finding, ValidationReport

TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
#: predicates that say something about a shape without constraining anything
METADATA = {RDF.type, SH.name, SH.description, SH.message, SH.severity, SH.order, SH.group,
            SH.defaultValue, SH.deactivated, RDFS.label, RDFS.comment, *TARGETS}
VALUE_CONSTRAINTS = {SH["class"], SH.datatype, SH.nodeKind, SH["in"], SH.languageIn, SH.pattern,
                     SH.flags, SH.minLength, SH.maxLength, SH.hasValue}
LOGIC = {SH["or"]: "Or", SH["and"]: "And", SH["not"]: "Not", SH.xone: "Xone"}
COMPONENT = {
    SH.minCount: "MinCount", SH.maxCount: "MaxCount", SH["class"]: "Class", SH.datatype: "Datatype",
    SH.nodeKind: "NodeKind", SH["in"]: "In", SH.languageIn: "LanguageIn", SH.pattern: "Pattern",
    SH.minLength: "MinLength", SH.maxLength: "MaxLength", SH.hasValue: "HasValue",
    SH.qualifiedMinCount: "QualifiedMinCount", SH.qualifiedMaxCount: "QualifiedMaxCount",
    SH["or"]: "Or", SH["and"]: "And", SH["not"]: "Not", SH.xone: "Xone",
}
PROPERTY_CONSTRAINTS = {SH.path, SH.minCount, SH.maxCount, SH.qualifiedValueShape, SH.qualifiedMinCount,
                        SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint} | VALUE_CONSTRAINTS | set(LOGIC)
NODE_CONSTRAINTS = {SH.property} | VALUE_CONSTRAINTS | set(LOGIC)

_RDF_TYPE = f"<{RDF.type}>"
_SUBCLASS = f"<{RDFS.subClassOf}>"
_LABEL = f"<{RDFS.label}>"


class Unsupported(Exception):
    """A shape uses a feature the fast path does not compile."""


@dataclass(frozen=True)
class Check:
    """One constraint as one SPARQL query; rows bind ?this (and ?value when there is one)."""

    shape: URIRef | BNode
    severity: str
    constraint: str
    path: str | None
    query: str
    message: dict[str, str]
    shape_name: dict[str, str]


def _langs(graph: Graph, node, prop) -> dict[str, str]:
    return {lit.language or "": str(lit) for lit in graph.objects(node, prop) if isinstance(lit, Literal)}


def _n3(term) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    raise Unsupported(f"blank node {term} as a value")


class Compiler:
    """Shapes graph -> SPARQL checks."""

    def __init__(self, shapes: Graph):
        self.g = shapes
        self._fresh = itertools.count()

    def var(self) -> str:
        return f"?_v{next(self._fresh)}"

    def items(self, node) -> list:
        return list(Collection(self.g, node))

    # --- paths ---
    def path(self, node) -> str:
        g = self.g
        if isinstance(node, URIRef):
            return f"<{node}>"
        if (node, RDF.first, None) in g:
            return "(" + "/".join(self.path(p) for p in self.items(node)) + ")"
        for prop, op in ((SH.inversePath, "^"),):
            value = g.value(node, prop)
            if value is not None:
                return f"{op}({self.path(value)})"
        value = g.value(node, SH.alternativePath)
        if value is not None:
            return "(" + "|".join(self.path(p) for p in self.items(value)) + ")"
        for prop, op in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
            value = g.value(node, prop)
            if value is not None:
                return f"({self.path(value)}){op}"
        raise Unsupported(f"path {node}")

    # --- conditions on one node, as SPARQL boolean expressions ---
    def value_conditions(self, shape, v: str) -> list[tuple[URIRef, str]]:
        """(constraint parameter, expression true when v satisfies it) for each value constraint."""
        g = self.g
        out: list[tuple[URIRef, str]] = []
        for cls in g.objects(shape, SH["class"]):
            out.append((SH["class"], f"EXISTS {{ {v} {_RDF_TYPE}/{_SUBCLASS}* {_n3(cls)} }}"))
        for datatype in g.objects(shape, SH.datatype):
            out.append((SH.datatype, f"(isLiteral({v}) && DATATYPE({v}) = {_n3(datatype)})"))
        for kind in g.objects(shape, SH.nodeKind):
            expr = {SH.IRI: f"isIRI({v})", SH.BlankNode: f"isBlank({v})", SH.Literal: f"isLiteral({v})",
                    SH.BlankNodeOrIRI: f"(isIRI({v}) || isBlank({v}))",
                    SH.BlankNodeOrLiteral: f"(isBlank({v}) || isLiteral({v}))",
                    SH.IRIOrLiteral: f"(isIRI({v}) || isLiteral({v}))"}.get(kind)
            if expr is None:
                raise Unsupported(f"node kind {kind}")
            out.append((SH.nodeKind, expr))
        for members in g.objects(shape, SH["in"]):
            terms = self.items(members)
            out.append((SH["in"], "(" + (" || ".join(f"sameTerm({v}, {_n3(t)})" for t in terms) or "false") + ")"))
        for ranges in g.objects(shape, SH.languageIn):
            tags = [str(t) for t in self.items(ranges)]
            tests = " || ".join(f"langMatches(LANG({v}), {Literal(t).n3()})" for t in tags) or "false"
            out.append((SH.languageIn, f"(isLiteral({v}) && ({tests}))"))
        flags = g.value(shape, SH.flags)
        for pattern in g.objects(shape, SH.pattern):
            extra = f", {Literal(str(flags)).n3()}" if flags is not None else ""
            out.append((SH.pattern, f"(!isBlank({v}) && REGEX(STR({v}), {Literal(str(pattern)).n3()}{extra}))"))
        for n in g.objects(shape, SH.minLength):
            out.append((SH.minLength, f"(!isBlank({v}) && STRLEN(STR({v})) >= {int(n)})"))
        for n in g.objects(shape, SH.maxLength):
            out.append((SH.maxLength, f"(!isBlank({v}) && STRLEN(STR({v})) <= {int(n)})"))
        return out

    def conforms(self, shape, x: str) -> str:
        """A boolean expression: node x conforms to the (member) shape."""
        g = self.g
        used = set(g.predicates(shape, None)) - METADATA
        parts: list[str] = []
        path = g.value(shape, SH.path)
        if path is not None:
            allowed = {SH.path, SH.minCount, SH.maxCount} | VALUE_CONSTRAINTS
            if used - allowed:
                raise Unsupported(f"member shape {shape} uses {sorted(used - allowed)}")
            p = self.path(path)
            low = g.value(shape, SH.minCount)
            high = g.value(shape, SH.maxCount)
            if low is not None and int(low) > 1 or high is not None and int(high) != 0:
                raise Unsupported(f"member shape {shape}: counts other than minCount 1 / maxCount 0")
            if low is not None and int(low) == 1:
                parts.append(f"EXISTS {{ {x} {p} {self.var()} }}")
            if high is not None:
                parts.append(f"NOT EXISTS {{ {x} {p} {self.var()} }}")
            for value in g.objects(shape, SH.hasValue):
                parts.append(f"EXISTS {{ {x} {p} {_n3(value)} }}")
            conditions = self.value_conditions(shape, "?__v")
            for _, expr in conditions:
                v = self.var()
                parts.append(f"NOT EXISTS {{ {x} {p} {v} FILTER(!({expr.replace('?__v', v)})) }}")
        else:
            allowed = VALUE_CONSTRAINTS | set(LOGIC)
            if used - allowed:
                raise Unsupported(f"member shape {shape} uses {sorted(used - allowed)}")
            parts += [expr for _, expr in self.value_conditions(shape, x)]
            for value in g.objects(shape, SH.hasValue):
                parts.append(f"sameTerm({x}, {_n3(value)})")
            for prop in LOGIC:
                for operand in g.objects(shape, prop):
                    parts.append(self.logic(prop, operand, x))
        return "(" + (" && ".join(parts) or "true") + ")"

    def logic(self, prop, operand, x: str) -> str:
        if prop == SH["not"]:
            return f"!{self.conforms(operand, x)}"
        members = [self.conforms(m, x) for m in self.items(operand)]
        if prop == SH["or"]:
            return "(" + (" || ".join(members) or "false") + ")"
        if prop == SH["and"]:
            return "(" + (" && ".join(members) or "true") + ")"
        return "(" + (" + ".join(f"IF({m}, 1, 0)" for m in members) or "0") + " = 1)"

    # --- targets ---
    def targets(self, shape) -> str:
        g = self.g
        if (shape, RDF.type, RDFS.Class) in g or (shape, RDF.type, OWL.Class) in g:
            raise Unsupported(f"implicit class target on {shape}")
        branches = []
        for cls in g.objects(shape, SH.targetClass):
            branches.append(f"?this {_RDF_TYPE}/{_SUBCLASS}* {_n3(cls)} .")
        nodes = list(g.objects(shape, SH.targetNode))
        if nodes:
            branches.append("VALUES ?this { " + " ".join(_n3(n) for n in nodes) + " }")
        for prop in g.objects(shape, SH.targetSubjectsOf):
            branches.append(f"?this {_n3(prop)} [] .")
        for prop in g.objects(shape, SH.targetObjectsOf):
            branches.append(f"[] {_n3(prop)} ?this .")
        union = " UNION ".join(f"{{ {b} }}" for b in branches)
        return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"

    # --- checks ---
    def shape_checks(self, shape) -> list[Check]:
        g = self.g
        if str(g.value(shape, SH.deactivated)).lower() == "true":
            return []
        targets = self.targets(shape)
        if g.value(shape, SH.path) is not None:
            return self.property_checks(shape, targets)
        used = set(g.predicates(shape, None)) - METADATA
        if used - NODE_CONSTRAINTS:
            raise Unsupported(f"{shape} uses {sorted(used - NODE_CONSTRAINTS)}")
        checks = []
        for param, expr in self.value_conditions(shape, "?this"):
            checks.append(self.check(shape, param, None,
                                     f"SELECT ?this (?this AS ?value) WHERE {{ {targets} FILTER(!{expr}) }}"))
        for value in g.objects(shape, SH.hasValue):
            checks.append(self.check(shape, SH.hasValue, None,
                                     f"SELECT ?this WHERE {{ {targets} FILTER(!sameTerm(?this, {_n3(value)})) }}"))
        for prop in LOGIC:
            for operand in g.objects(shape, prop):
                expr = self.logic(prop, operand, "?this")
                checks.append(self.check(shape, prop, None,
                                         f"SELECT ?this (?this AS ?value) WHERE {{ {targets} FILTER(!{expr}) }}"))
        for prop_shape in g.objects(shape, SH.property):
            if str(g.value(prop_shape, SH.deactivated)).lower() == "true":
                continue
            checks += self.property_checks(prop_shape, targets)
        return checks

    def property_checks(self, shape, targets: str) -> list[Check]:
        g = self.g
        used = set(g.predicates(shape, None)) - METADATA
        if used - PROPERTY_CONSTRAINTS:
            raise Unsupported(f"{shape} uses {sorted(used - PROPERTY_CONSTRAINTS)}")
        path_node = g.value(shape, SH.path)
        p = self.path(path_node)
        path = str(path_node) if isinstance(path_node, URIRef) else None
        checks = []
        for n in g.objects(shape, SH.minCount):
            n = int(n)
            if n == 1:
                q = f"SELECT ?this WHERE {{ {targets} FILTER NOT EXISTS {{ ?this {p} ?value }} }}"
            else:
                q = (f"SELECT ?this WHERE {{ {targets} OPTIONAL {{ ?this {p} ?value }} }} "
                     f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {n})")
            if n > 0:
                checks.append(self.check(shape, SH.minCount, path, q))
        for n in g.objects(shape, SH.maxCount):
            q = (f"SELECT ?this WHERE {{ {targets} ?this {p} ?value }} "
                 f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > {int(n)})")
            checks.append(self.check(shape, SH.maxCount, path, q))
        for param, expr in self.value_conditions(shape, "?value"):
            q = f"SELECT DISTINCT ?this ?value WHERE {{ {targets} ?this {p} ?value . FILTER(!{expr}) }}"
            checks.append(self.check(shape, param, path, q))
        for value in g.objects(shape, SH.hasValue):
            q = f"SELECT ?this WHERE {{ {targets} FILTER NOT EXISTS {{ ?this {p} {_n3(value)} }} }}"
            checks.append(self.check(shape, SH.hasValue, path, q))
        for prop in LOGIC:
            for operand in g.objects(shape, prop):
                expr = self.logic(prop, operand, "?value")
                q = f"SELECT DISTINCT ?this ?value WHERE {{ {targets} ?this {p} ?value . FILTER(!{expr}) }}"
                checks.append(self.check(shape, prop, path, q))
        qualified = list(g.objects(shape, SH.qualifiedValueShape))
        if qualified:
            if len(qualified) > 1 or str(g.value(shape, SH.qualifiedValueShapesDisjoint)).lower() == "true":
                raise Unsupported(f"{shape}: several or disjoint qualified value shapes")
            cond = self.conforms(qualified[0], "?value")
            for n in g.objects(shape, SH.qualifiedMinCount):
                q = (f"SELECT ?this WHERE {{ {targets} OPTIONAL {{ ?this {p} ?value FILTER({cond}) }} }} "
                     f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {int(n)})")
                checks.append(self.check(shape, SH.qualifiedMinCount, path, q))
            for n in g.objects(shape, SH.qualifiedMaxCount):
                q = (f"SELECT ?this WHERE {{ {targets} ?this {p} ?value FILTER({cond}) }} "
                     f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > {int(n)})")
                checks.append(self.check(shape, SH.qualifiedMaxCount, path, q))
        return checks

    def check(self, shape, param, path: str | None, query: str) -> Check:
        g = self.g
        severity = g.value(shape, SH.severity) or SH.Violation
        component = COMPONENT[param]
        return Check(shape=shape, severity=str(severity).removeprefix(str(SH)),
                     constraint=str(SH[f"{component}ConstraintComponent"]), path=path, query=query,
                     message=_langs(g, shape, SH.message) or {"": f"{component} constraint not met"},
                     shape_name=_langs(g, shape, SH.name))


def top_level_shapes(shapes: Graph) -> list:
    found = {s for t in TARGETS for s in shapes.subjects(t, None)}
    return sorted(found, key=str)


def compile_shapes(shapes: Graph) -> tuple[list[Check], list]:
    """The checks of every shape the fast path supports, and the shapes it does not."""
    compiler = Compiler(shapes)
    checks: list[Check] = []
    unsupported = []
    for shape in top_level_shapes(shapes):
        try:
            checks += compiler.shape_checks(shape)
        except Unsupported:
            unsupported.append(shape)
    return checks, unsupported


# --- running -----------------------------------------------------------------------------------

def _ox_store(store: Store) -> ox.Store:
    native = store.oxigraph()
    if native is not None:
        return native
    copy = ox.Store()
    dataset = store.dataset()
    for name in store.graph_names():
        graph = dataset.graph(name)
        copy.extend(graph_quads(graph))
    return copy


def _text(term) -> str | None:
    if term is None:
        return None
    return term.value


def _chunks(items: list, size: int = 2000) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _describe(store: ox.Store, nodes: list[str]) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """Labels (lang -> text) and source graph (the first by IRI that types it) of each node."""
    labels: dict[str, dict[str, str]] = {}
    graphs: dict[str, str] = {}
    iris = [n for n in nodes if "://" in n or n.startswith("urn:")]
    for chunk in _chunks(iris):
        values = " ".join(f"<{n}>" for n in chunk)
        for row in store.query(f"SELECT ?f ?l WHERE {{ VALUES ?f {{ {values} }} ?f {_LABEL} ?l }}",
                               use_default_graph_as_union=True):
            label = row["l"]
            if isinstance(label, ox.Literal):
                labels.setdefault(row["f"].value, {})[label.language or ""] = label.value
        for row in store.query(f"SELECT ?f (MIN(STR(?g)) AS ?graph) WHERE {{ VALUES ?f {{ {values} }} "
                               f"GRAPH ?g {{ ?f {_RDF_TYPE} ?t }} }} GROUP BY ?f"):
            graphs[row["f"].value] = row["graph"].value
    return labels, graphs


def run_checks(store: ox.Store, checks: list[Check]) -> list[Finding]:
    raw = []
    for check in checks:
        result = store.query(check.query, use_default_graph_as_union=True)
        has_value = any(v.value == "value" for v in result.variables)
        for row in result:
            raw.append((check, row["this"].value, _text(row["value"]) if has_value else None))
    labels, graphs = _describe(store, sorted({focus for _, focus, _ in raw}))
    return [Finding(severity=c.severity, shape=str(c.shape), shape_name=c.shape_name, constraint=c.constraint,
                    focus_node=focus, focus_label=labels.get(focus, {}), path=c.path, value=value,
                    message=c.message, source_graph=graphs.get(focus))
            for c, focus, value in raw]


def fallback_shapes(shapes: Graph, unsupported: list) -> Graph:
    """The shapes graph with the targets of every fast-path shape removed: pyshacl then checks
    only the shapes the fast path could not."""
    keep = set(unsupported)
    graph = Graph()
    for s, p, o in shapes:
        if p in TARGETS and s not in keep:
            continue
        graph.add((s, p, o))
    return graph


def validate(store: Store, shapes: Graph | None = None) -> ValidationReport:
    """Validate the store against samsyn's shapes (or the given ones): fast path plus pyshacl
    for whatever the fast path does not support."""
    from .validation import findings_from_results, shapes_graph
    shapes = shapes if shapes is not None else shapes_graph()
    checks, unsupported = compile_shapes(shapes)
    findings = run_checks(_ox_store(store), checks)
    if unsupported:
        from pyshacl import validate as pyshacl_validate

        from .validation import _union
        dataset = store.dataset()
        _, results, _ = pyshacl_validate(_union(dataset), shacl_graph=fallback_shapes(shapes, unsupported),
                                         inference="none", advanced=False, allow_warnings=True)
        findings += findings_from_results(results, dataset, shapes)
    return ValidationReport(findings)
