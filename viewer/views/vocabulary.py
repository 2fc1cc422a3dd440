"""/ns: the samsyn vocabulary (https://w3id.org/samsyn/ns) dereferenced with content negotiation.
A browser gets a readable page with one anchor per term, so a term's IRI
(https://w3id.org/samsyn/ns#Activity) resolves to its place on the page (/ns#Activity); a
client gets the ontology in RDF (the named graph graph/ontology: Turtle, JSON-LD with an
@context, RDF/XML, N-Triples) by Accept or suffix (/ns.ttl, /ns.jsonld, /ns.rdf, /ns.nt), or
the page's JSON twin (/ns.json). An Accept naming none of them gets the page."""

from __future__ import annotations

from flask import Blueprint
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, QB

from samsyn.graph.catalog import VOCABULARY
from samsyn.graph.formats import ENTITY_FORMATS, HTML, JSON
from samsyn.graph.namespaces import DCTERMS, GRAPH, RDF, RDFS, SAM, SKOS
from samsyn.graph.vocabulary import compact

from .. import i18n
from ..web import knowledge, twin
from .entity import RDF_SUFFIXES, alternates, chosen_format, graph_triples, rdf_response

bp = Blueprint("vocabulary", __name__)

SUFFIXES = ", ".join(repr(suffix) for suffix in (JSON.suffix, *RDF_SUFFIXES))
CLASS_TYPES = {OWL.Class, RDFS.Class}
PROPERTY_TYPES = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property,
                  QB.MeasureProperty, QB.DimensionProperty, QB.AttributeProperty}
#: the page's sections: key, the words of its heading, which terms it holds
SECTIONS = (("classes", "ns.classes", lambda types: bool(types & CLASS_TYPES)),
            ("properties", "ns.properties", lambda types: bool(types & PROPERTY_TYPES)),
            ("others", "ns.others", lambda types: not types & (CLASS_TYPES | PROPERTY_TYPES)))
#: the relations a term's entry lists, with the words that name them
RELATIONS = (("type", "ns.type", RDF.type), ("subClassOf", "ns.subclass", RDFS.subClassOf),
             ("subPropertyOf", "ns.subproperty", RDFS.subPropertyOf), ("domain", "ns.domain", RDFS.domain),
             ("range", "ns.range", RDFS.range))


def ontology() -> Graph:
    return knowledge().cached("ontology-graph", lambda: graph_triples(str(GRAPH["ontology"])))


def _text(graph: Graph, node: URIRef, properties: tuple[URIRef, ...], lang: str) -> str:
    """The node's value of the first property that has one, in `lang` if there is one."""
    values = {}
    for prop in properties:
        for value in graph.objects(node, prop):
            values.setdefault(getattr(value, "language", None) or "und", str(value))
        if values:
            break
    return i18n.pick(values, lang)


def _link(iri: URIRef) -> dict:
    own = str(iri).startswith(str(SAM))
    return {"iri": str(iri), "compact": compact(str(iri)),
            "href": "#" + str(iri)[len(str(SAM)):] if own else str(iri)}


def describe(graph: Graph, lang: str) -> dict:
    """The vocabulary's page data: the ontology's own description, and its terms by section,
    each with its anchor, labels, comment and relations."""
    terms: dict[str, list[dict]] = {key: [] for key, _, _ in SECTIONS}
    for node in sorted({s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(str(SAM))},
                       key=lambda n: str(n).casefold()):
        types = set(graph.objects(node, RDF.type))
        term = {"id": str(node)[len(str(SAM)):], "iri": str(node), "compact": compact(str(node)),
                "label": _text(graph, node, (RDFS.label, SKOS.prefLabel), lang),
                "comment": _text(graph, node, (RDFS.comment, SKOS.definition), lang),
                "relations": [{"key": key, "name": i18n.word(words, lang),
                               "links": [_link(v) for v in sorted(graph.objects(node, prop)) if isinstance(v, URIRef)]}
                              for key, words, prop in RELATIONS]}
        term["relations"] = [r for r in term["relations"] if r["links"]]
        key = next(key for key, _, holds in SECTIONS if holds(types))
        terms[key].append(term)
    return {"iri": str(VOCABULARY),
            "label": _text(graph, VOCABULARY, (RDFS.label,), lang) or i18n.word("ns.title", lang),
            "comment": _text(graph, VOCABULARY, (RDFS.comment,), lang),
            "version": _text(graph, VOCABULARY, (OWL.versionInfo,), lang),
            "modified": _text(graph, VOCABULARY, (DCTERMS.modified,), lang),
            "sections": [{"key": key, "title": i18n.word(words, lang), "terms": terms[key]}
                         for key, words, _ in SECTIONS if terms[key]]}


@bp.route("/ns", defaults={"suffix": None})
@bp.route(f"/ns<any({SUFFIXES}):suffix>")
def vocabulary(suffix: str | None):
    fmt = chosen_format(suffix)
    if fmt in ENTITY_FORMATS:
        return rdf_response(ontology(), fmt, "/ns", negotiated=suffix is None)
    lang = i18n.current()
    response = twin("vocabulary.html", lambda: describe(ontology(), lang), "/ns", "/ns.json", fmt.suffix, cache=True,
                    rdf_links={s: "/ns" + s for s in RDF_SUFFIXES})
    if fmt is HTML:
        response.headers["Link"] += ", " + alternates("/ns")
    return response
