"""The namespaces of the data contract, in one place (see DESIGN.md)."""

from __future__ import annotations

from typing import TypeVar

from rdflib import Graph, Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, QB, RDF, RDFS, SKOS, XSD

SAM = Namespace("https://w3id.org/samsyn/ns#")
ID = Namespace("https://w3id.org/samsyn/id/")
GRAPH = Namespace("https://w3id.org/samsyn/graph/")
SH = Namespace("http://www.w3.org/ns/shacl#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")

#: prefix -> namespace, bound on every graph samsyn creates and prepended to every query
PREFIXES: dict[str, Namespace] = {
    "sam": SAM,
    "id": ID,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "skos": Namespace(str(SKOS)),
    "dcterms": Namespace(str(DCTERMS)),
    "dcat": Namespace(str(DCAT)),
    "org": Namespace(str(ORG)),
    "prov": Namespace(str(PROV)),
    "foaf": Namespace(str(FOAF)),
    "vcard": VCARD,
    "sh": SH,
    "qb": Namespace(str(QB)),
}

AnyGraph = TypeVar("AnyGraph", bound=Graph)


def bind_prefixes(graph: AnyGraph) -> AnyGraph:
    """The graph (or dataset), with every prefix of PREFIXES bound, so it is written with them."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


__all__ = [
    "SAM", "ID", "GRAPH", "SH", "VCARD", "PREFIXES", "bind_prefixes",
    "DCAT", "DCTERMS", "FOAF", "ORG", "OWL", "PROV", "QB", "RDF", "RDFS", "SKOS", "XSD",
]
