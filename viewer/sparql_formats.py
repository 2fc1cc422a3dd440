"""Result formats of the SPARQL 1.1 Protocol endpoint and content negotiation between them.

SELECT and ASK: SPARQL 1.1 Query Results JSON, XML, CSV and TSV. CONSTRUCT and DESCRIBE: Turtle,
N-Triples, JSON-LD, RDF/XML. The Accept header is read with werkzeug's parser (q-values, wildcards);
a `format=` parameter (as SPARQLWrapper and many endpoints send: json, xml, csv, tsv, turtle, ...)
overrides it, so a download link can name its format."""

from __future__ import annotations

from dataclasses import dataclass

from werkzeug.datastructures import MIMEAccept


@dataclass(frozen=True)
class Format:
    key: str
    media_type: str
    suffix: str
    label: str


RESULT_FORMATS: dict[str, Format] = {f.media_type: f for f in [
    Format("json", "application/sparql-results+json", "srj", "JSON"),
    Format("xml", "application/sparql-results+xml", "srx", "XML"),
    Format("csv", "text/csv", "csv", "CSV"),
    Format("tsv", "text/tab-separated-values", "tsv", "TSV"),
]}

GRAPH_FORMATS: dict[str, Format] = {f.media_type: f for f in [
    Format("turtle", "text/turtle", "ttl", "Turtle"),
    Format("nt", "application/n-triples", "nt", "N-Triples"),
    Format("json-ld", "application/ld+json", "jsonld", "JSON-LD"),
    Format("xml", "application/rdf+xml", "rdf", "RDF/XML"),
]}

#: other names clients use for the same formats (Accept values and `format=` values)
RESULT_ALIASES = {
    "application/json": "application/sparql-results+json",
    "text/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "json": "application/sparql-results+json",
    "srj": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "srx": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_ALIASES = {
    "application/x-turtle": "text/turtle",
    "application/turtle": "text/turtle",
    "text/plain": "application/n-triples",
    "application/json": "application/ld+json",
    "application/xml": "application/rdf+xml",
    "text/xml": "application/rdf+xml",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "n3": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "n-triples": "application/n-triples",
    "json-ld": "application/ld+json",
    "jsonld": "application/ld+json",
    "json": "application/ld+json",
    "xml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
    "rdfxml": "application/rdf+xml",
    "rdf+xml": "application/rdf+xml",
}


def negotiate(accept: MIMEAccept, table: dict[str, Format], aliases: dict[str, str],
              forced: str | None = None) -> Format | None:
    """The best format for an Accept header (or the one a `format=` value names).
    None when the client accepts none of them. No Accept header at all means the first."""
    if forced:
        key = forced.strip().lower()
        media = aliases.get(key, key)
        return table.get(media)
    if not accept:
        return next(iter(table.values()))
    offers = list(table) + [a for a in aliases if "/" in a]
    best = accept.best_match(offers)
    if best is None:
        return None
    return table[aliases.get(best, best)]

