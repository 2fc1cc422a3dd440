"""Every format samsyn reads or writes, once: RDF syntaxes, SPARQL 1.1 query results and the
viewer's pages. Each has a name (what `--format` and `format=` say), a file suffix, its media
types (the registered one first, then others clients send for it), rdflib's and pyoxigraph's
names for it, and where it applies the EU file-type code (DCAT) and the W3C format IRI (SPARQL
Service Description).

`negotiate()` picks a format from an HTTP Accept header: one parser for the export downloads,
the entity pages, the pages' JSON twins and the /sparql endpoint (RFC 9110, 12.5.1: q-values,
q=0 refuses, the most specific range decides), reading the header with werkzeug's parser."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header


@dataclass(frozen=True)
class Format:
    """One format. `media_types[0]` is the registered type, the one responses carry."""

    name: str
    label: str
    suffix: str
    media_types: tuple[str, ...]
    rdflib: str | None = None  # rdflib's parser / serializer name
    oxigraph: str | None = None  # the pyoxigraph.RdfFormat or QueryResultsFormat member
    aliases: tuple[str, ...] = ()  # other names a `format=` parameter may use
    file_type: str | None = None  # http://publications.europa.eu/resource/authority/file-type/...
    w3c: str | None = None  # http://www.w3.org/ns/formats/...

    @property
    def media_type(self) -> str:
        return self.media_types[0]

    def is_named(self, value: str) -> bool:
        """Whether a `format=` value names this format: its name, an alias, its suffix (without
        the dot) or one of its media types, in any case."""
        value = value.strip().lower()
        return value in (self.name, *self.aliases, self.suffix.lstrip("."), *self.media_types)


# --- RDF ------------------------------------------------------------------------------------------

TURTLE = Format("turtle", "Turtle", ".ttl", ("text/turtle", "application/x-turtle", "application/turtle"),
                rdflib="turtle", oxigraph="TURTLE", aliases=("n3",),  # Turtle is valid N3
                file_type="RDF_TURTLE", w3c="Turtle")
TRIG = Format("trig", "TriG", ".trig", ("application/trig",), rdflib="trig", oxigraph="TRIG",
              file_type="RDF_TRIG", w3c="TriG")
JSON_LD = Format("json-ld", "JSON-LD", ".jsonld", ("application/ld+json", "application/json"),
                 rdflib="json-ld", oxigraph="JSON_LD", aliases=("json",), file_type="JSON_LD", w3c="JSON-LD")
N_TRIPLES = Format("nt", "N-Triples", ".nt", ("application/n-triples", "text/plain"),
                   rdflib="nt", oxigraph="N_TRIPLES", aliases=("ntriples", "n-triples"),
                   file_type="RDF_N_TRIPLES", w3c="N-Triples")
RDF_XML = Format("rdfxml", "RDF/XML", ".rdf", ("application/rdf+xml", "application/xml", "text/xml"),
                 rdflib="xml", oxigraph="RDF_XML", aliases=("xml", "rdf+xml"), file_type="RDF_XML", w3c="RDF_XML")

# --- SPARQL 1.1 query results (SELECT, ASK) -----------------------------------------------------

RESULTS_JSON = Format("json", "JSON", ".srj", ("application/sparql-results+json", "application/json", "text/json"),
                      rdflib="json", oxigraph="JSON", w3c="SPARQL_Results_JSON")
RESULTS_XML = Format("xml", "XML", ".srx", ("application/sparql-results+xml", "application/xml", "text/xml"),
                     rdflib="xml", oxigraph="XML", w3c="SPARQL_Results_XML")
RESULTS_CSV = Format("csv", "CSV", ".csv", ("text/csv",), rdflib="csv", oxigraph="CSV", w3c="SPARQL_Results_CSV")
RESULTS_TSV = Format("tsv", "TSV", ".tsv", ("text/tab-separated-values",), oxigraph="TSV", w3c="SPARQL_Results_TSV")

# --- the viewer's pages and their machine-readable twins --------------------------------------------

HTML = Format("html", "HTML", ".html", ("text/html",))
JSON = Format("json", "JSON", ".json", ("application/json",))

#: the export (graph.exporting) and its downloads, in the order they are listed
EXPORT_FORMATS: tuple[Format, ...] = (TURTLE, TRIG, JSON_LD, N_TRIPLES)
#: what a SELECT or ASK query answers in, the default first
RESULT_FORMATS: tuple[Format, ...] = (RESULTS_JSON, RESULTS_XML, RESULTS_CSV, RESULTS_TSV)
#: what a CONSTRUCT or DESCRIBE query answers in, the default first
GRAPH_FORMATS: tuple[Format, ...] = (TURTLE, N_TRIPLES, JSON_LD, RDF_XML)
#: what an IRI samsyn mints dereferences to besides its page (entities, the vocabulary, named
#: graphs, the DCAT resources), by suffix or Accept
ENTITY_FORMATS: tuple[Format, ...] = (TURTLE, JSON_LD, RDF_XML, N_TRIPLES)


def negotiate(accept: str | None, offered: Sequence[Format]) -> Format | None:
    """The offered format an Accept header prefers, or None when it accepts none of them.

    A media type's quality is that of the most specific range matching it, so `text/turtle;q=0`
    refuses Turtle even beside `*/*`. A format counts with its registered media type, and with
    its other media types only where the header names them (a wildcard does not revive a refused
    format through an alias). The highest quality wins; among equals a range naming the type
    beats `type/*`, which beats `*/*`; then the earlier offer. No header, or an empty one,
    accepts anything: the first offer."""
    if not accept or not accept.strip():
        return offered[0] if offered else None
    ranges = [(_bare(value), quality) for value, quality in parse_accept_header(accept, MIMEAccept)]
    best: tuple[float, int] = (0.0, -1)
    chosen = None
    for fmt in offered:
        for index, media in enumerate(fmt.media_types):
            quality, specificity = _quality(media, ranges)
            if index and specificity < 2:  # another media type counts only where it is named
                continue
            if quality > 0 and (quality, specificity) > best:
                best, chosen = (quality, specificity), fmt
    return chosen


def _bare(media_range: str) -> str:
    """'Text/Turtle; charset=utf-8' -> 'text/turtle' (parameters other than q do not choose a format)."""
    return media_range.split(";", 1)[0].strip().lower()


def _quality(media: str, ranges: list[tuple[str, float]]) -> tuple[float, int]:
    """The quality the most specific matching range gives a media type, and that range's
    specificity (2 the type itself, 1 `type/*`, 0 `*/*`); (0, -1) where none matches."""
    kind = media.split("/", 1)[0]
    found = (-1, 0.0)  # (specificity, quality): the most specific range decides
    for media_range, quality in ranges:
        if media_range == media:
            specificity = 2
        elif media_range == f"{kind}/*":
            specificity = 1
        elif media_range == "*/*":
            specificity = 0
        else:
            continue
        found = max(found, (specificity, quality))
    return found[1], found[0]


def named(value: str, offered: Sequence[Format]) -> Format | None:
    """The offered format a `format=` value names (see Format.is_named), or None."""
    return next((fmt for fmt in offered if fmt.is_named(value)), None)
