"""The namespaces of the data contract, in one place (see DESIGN.md)."""

from rdflib import Namespace
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

__all__ = [
    "SAM", "ID", "GRAPH", "SH", "VCARD", "ADMS", "PREFIXES",
    "DCAT", "DCTERMS", "FOAF", "ORG", "OWL", "PROV", "QB", "RDF", "RDFS", "SKOS", "XSD",
]
