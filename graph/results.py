"""Query results as table, CSV, TSV or JSON (SPARQL 1.1 Query Results formats where one exists),
and as plain Python rows for the library's callers."""

from __future__ import annotations

import csv
import io
import json

from rdflib import BNode, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Node, Variable

from .formats import JSON_LD, TURTLE
from .vocabulary import compact

#: what `samsyn query --format` writes: a table for people, or a SPARQL 1.1 results format
RESULT_FORMATS = ("table", "csv", "tsv", "json")


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


def table(result: Result) -> str:
    names = [str(v) for v in result.vars]
    rows = [[term_text(row[i]) for i in range(len(names))] for row in result]
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
    SPARQL 1.1 Query Results formats: json, xml, csv, tsv. The CLI and /sparql both write here."""
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
    raise ValueError(f"not a results format: {fmt}")


def render(result: Result, fmt: str) -> str:
    if result.type == "ASK":
        if fmt == "table":
            return "true\n" if result.askAnswer else "false\n"
        return write_select("ASK", [], [], bool(result.askAnswer), fmt).decode("utf-8")
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.graph.serialize(format=(JSON_LD if fmt == "json" else TURTLE).rdflib)
    if fmt == "table":
        return table(result)
    if fmt in ("csv", "tsv", "json"):
        variables = [str(v) for v in result.vars]
        rows = [tuple(row) for row in result]
        return write_select("SELECT", variables, rows, None, fmt).decode("utf-8")
    raise ValueError(f"unknown result format {fmt!r}: use one of {', '.join(RESULT_FORMATS)}")
