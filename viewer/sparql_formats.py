"""Result formats of the SPARQL 1.1 Protocol endpoint and content negotiation between them.

SELECT and ASK: SPARQL 1.1 Query Results JSON, XML, CSV and TSV. CONSTRUCT and DESCRIBE: Turtle,
N-Triples, JSON-LD, RDF/XML. The Accept header is read with werkzeug's parser (q-values, wildcards);
a `format=` parameter (as SPARQLWrapper and many endpoints send: json, xml, csv, tsv, turtle, ...)
overrides it, so a download link can name its format."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.query import Result
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


# --- writers ------------------------------------------------------------------------------------

def _json_term(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal):
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype:
            out["datatype"] = str(term.datatype)
    return out


def _tsv_term(term) -> str:
    """SPARQL 1.1 TSV: terms in Turtle / N-Triples syntax."""
    if term is None:
        return ""
    if isinstance(term, Literal):
        return term.n3().replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return term.n3()


def write_select(kind: str, variables: list[str], rows: list[tuple], answer: bool | None,
                 fmt: Format) -> bytes:
    """SELECT rows (tuples of terms or None, in variable order) or an ASK answer."""
    if fmt.key == "json":
        if kind == "ASK":
            data = {"head": {}, "boolean": bool(answer)}
        else:
            bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
            data = {"head": {"vars": variables}, "results": {"bindings": bindings}}
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    if fmt.key == "xml":
        result = Result(kind)
        if kind == "ASK":
            result.askAnswer = bool(answer)
        else:
            from rdflib.term import Variable
            result.vars = [Variable(v) for v in variables]
            result.bindings = [{Variable(v): t for v, t in zip(variables, row) if t is not None} for row in rows]
        buffer = io.BytesIO()
        result.serialize(buffer, format="xml", encoding="utf-8")
        return buffer.getvalue()
    if fmt.key == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        if kind == "ASK":  # no standard: the same shape as Jena's (a header, then true/false)
            writer.writerow(["_askResult"])
            writer.writerow(["true" if answer else "false"])
        else:
            writer.writerow(variables)
            for row in rows:
                writer.writerow(["" if t is None else str(t) for t in row])
        return buffer.getvalue().encode("utf-8")
    if fmt.key == "tsv":
        if kind == "ASK":
            return ("?_askResult\n" + ("true" if answer else "false") + "\n").encode("utf-8")
        lines = ["\t".join("?" + v for v in variables)]
        lines += ["\t".join(_tsv_term(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(f"not a results format: {fmt.key}")


def write_graph(graph: Graph, fmt: Format) -> bytes:
    data = graph.serialize(format=fmt.key, encoding="utf-8")
    return data if isinstance(data, bytes) else data.encode("utf-8")
