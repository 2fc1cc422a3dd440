"""The namespaces of the data contract, in one place (see DESIGN.md)."""

from __future__ import annotations

import re
import unicodedata
from typing import TypeVar

from rdflib import Graph, Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, QB, RDF, RDFS, SKOS, XSD

SAM = Namespace("https://w3id.org/samsyn/ns#")
ID = Namespace("https://w3id.org/samsyn/id/")
GRAPH = Namespace("https://w3id.org/samsyn/graph/")
SH = Namespace("http://www.w3.org/ns/shacl#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
ADMS = Namespace("http://www.w3.org/ns/adms#")

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
    "SAM", "ID", "GRAPH", "SH", "VCARD", "ADMS", "PREFIXES", "bind_prefixes", "slug",
    "DCAT", "DCTERMS", "FOAF", "ORG", "OWL", "PROV", "QB", "RDF", "RDFS", "SKOS", "XSD",
]


_SWEDISH = str.maketrans({"å": "a", "ä": "a", "ö": "o"})


def slug(text: str) -> str:
    """The contract's slug rule for the last parts of instance IRIs: lower-case ASCII and hyphens,
    å/ä -> a, ö -> o, other accents dropped (é -> e), anything else a hyphen ("Hållbara
    städer" -> "hallbara-stader")."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_SWEDISH))
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    return "-".join(part for part in re.split(r"[^a-z0-9]+", ascii_only) if part)
