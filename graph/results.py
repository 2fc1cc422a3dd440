"""Query results written out: SELECT and ASK answers in the SPARQL 1.1 Query Results formats (JSON,
XML, CSV, TSV) or as a table for a terminal; CONSTRUCT and DESCRIBE graphs in an RDF syntax."""

from __future__ import annotations

import csv
import io
import json

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Node, Variable

from . import formats
from .namespaces import PREFIXES
from .vocabulary import compact

#: what a SELECT or ASK answer can be written in (write_select): the results formats, and a table
SELECT_FORMATS = (*(fmt.name for fmt in formats.RESULT_FORMATS), "table")
#: what a CONSTRUCT or DESCRIBE graph can be written in: rdflib's serializer names (write_graph)
GRAPH_FORMATS = tuple(fmt.rdflib for fmt in formats.GRAPH_FORMATS)


def term_value(term: Node | None) -> object:
    """A plain Python value for an RDF term: IRIs and blank nodes as text, literals as int,
    float, bool or str (other datatypes as their lexical form), None as None."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return value if isinstance(value, (int, float, bool, str)) else str(term)
    return str(term)


def row_dicts(result: Result) -> list[dict[str, object]]:
    """A SELECT result as one dict a row, variable name -> term_value (None where unbound)."""
    names = [str(v) for v in result.vars]
    return [{name: term_value(row[i]) for i, name in enumerate(names)} for row in result]


def term_text(term: Node | None) -> str:
    """A short, readable form of a term for tables: a prefixed name where one fits, else the IRI
    in angle brackets (so it is not read as a literal); literals as their text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        short = compact(str(term))
        return short if short != str(term) else f"<{term}>"
    return str(term)


def _table(names: list[str], terms: list[tuple]) -> str:
    rows = [[term_text(term) for term in row] for row in terms]
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    out = ["  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip(),
           "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


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


def write_select(kind: str, variables: list[str], rows: list[tuple], answer: bool | None, fmt: str) -> bytes:
    """SELECT rows (tuples of terms or None, in variable order) or an ASK answer in one of the
    SPARQL 1.1 Query Results formats (json, xml, csv, tsv) or as a table (compact terms, aligned)."""
    if fmt == "json":
        if kind == "ASK":
            data = {"head": {}, "boolean": bool(answer)}
        else:
            bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
            data = {"head": {"vars": variables}, "results": {"bindings": bindings}}
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    if fmt == "xml":
        result = Result(kind)
        if kind == "ASK":
            result.askAnswer = bool(answer)
        else:
            result.vars = [Variable(v) for v in variables]
            result.bindings = [{Variable(v): t for v, t in zip(variables, row) if t is not None} for row in rows]
        buffer = io.BytesIO()
        result.serialize(buffer, format="xml", encoding="utf-8")
        return buffer.getvalue()
    if fmt == "csv":
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
    if fmt == "tsv":
        if kind == "ASK":
            return ("?_askResult\n" + ("true" if answer else "false") + "\n").encode("utf-8")
        lines = ["\t".join("?" + v for v in variables)]
        lines += ["\t".join(_tsv_term(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    if fmt == "table":
        if kind == "ASK":
            return b"true\n" if answer else b"false\n"
        return _table(variables, rows).encode("utf-8")
    raise ValueError(f"not a results format: {fmt}")


#: the JSON-LD @context every graph samsyn writes carries: its prefixes, so terms read `sam:owner`
JSONLD_CONTEXT = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def write_graph(graph: Graph, fmt: str) -> bytes:
    """A graph (a CONSTRUCT or DESCRIBE answer, an entity's triples) in one of GRAPH_FORMATS;
    JSON-LD compacted with JSONLD_CONTEXT, which it carries as its @context."""
    extra = {"context": JSONLD_CONTEXT, "auto_compact": True} if fmt == formats.JSON_LD.rdflib else {}
    data = graph.serialize(format=fmt, encoding="utf-8", **extra)
    return data if isinstance(data, bytes) else data.encode("utf-8")

