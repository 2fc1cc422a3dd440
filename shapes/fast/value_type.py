"""Value type constraints (SHACL 4.1): sh:class, sh:datatype, sh:nodeKind."""

from __future__ import annotations

from rdflib.namespace import RDF, RDFS, XSD

from samsyn.graph.namespaces import SH

from .core import Unsupported, ValueTest, register


@register
class Class(ValueTest):
    """An instance of the class or of an rdfs:subClassOf* sub-class, in the data."""

    parameter = SH["class"]
    component = "Class"

    def test(self, v: str) -> str:
        cls = self.compiler.term(self.value)
        return f"EXISTS {{ {v} {RDF.type.n3()}/{RDFS.subClassOf.n3()}* {cls} }}" if cls else "false"


#: datatypes whose ill-typed literals pyshacl refuses -> how SPARQL tells a well-typed one
_WELL_TYPED = {XSD.integer: "isNumeric({v})", XSD.decimal: "isNumeric({v})", XSD.float: "isNumeric({v})",
               **{dt: f"COALESCE(DATATYPE({dt.n3()}({{v}})) = {dt.n3()}, false)"
                  for dt in (XSD.boolean, XSD.date, XSD.time, XSD.dateTime)}}


@register
class Datatype(ValueTest):
    """A literal of the datatype, and well-typed where pyshacl checks it; rdfs:Literal takes any
    literal and rdfs:Datatype any literal with an explicit datatype, as in pyshacl."""

    parameter = SH.datatype
    component = "Datatype"

    def test(self, v: str) -> str:
        if self.value == RDFS.Literal:
            return f"isLiteral({v})"
        if self.value == RDFS.Datatype:
            return f"(isLiteral({v}) && LANG({v}) = \"\" && DATATYPE({v}) != {XSD.string.n3()})"
        datatype = self.compiler.term(self.value)
        if datatype is None:
            return "false"
        well_typed = _WELL_TYPED.get(self.value)
        extra = f" && {well_typed.format(v=v)}" if well_typed else ""
        return f"(isLiteral({v}) && DATATYPE({v}) = {datatype}{extra})"


_NODE_KINDS = {
    SH.IRI: "isIRI({v})", SH.BlankNode: "isBlank({v})", SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isIRI({v}) || isBlank({v}))", SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}


@register
class NodeKind(ValueTest):
    parameter = SH.nodeKind
    component = "NodeKind"

    def test(self, v: str) -> str:
        if self.value not in _NODE_KINDS:
            raise Unsupported(f"{self.shape}: {self.value} is not a node kind")
        return _NODE_KINDS[self.value].format(v=v)
