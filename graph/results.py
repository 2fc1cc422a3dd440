"""Query results as table, CSV, TSV or JSON (SPARQL 1.1 Query Results formats where one exists)."""

from __future__ import annotations

import csv
import io
import json

from rdflib import BNode, Literal, URIRef
from rdflib.query import Result

from .namespaces import PREFIXES

RESULT_FORMATS = ("table", "csv", "tsv", "json")


def compact(term) -> str:
    """A short, readable form of a term for tables: prefixed IRIs, plain literals."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        best = ""
        for prefix, ns in PREFIXES.items():
            if text.startswith(str(ns)) and len(str(ns)) > len(best):
                best, name = str(ns), prefix
        return f"{name}:{text[len(best):]}" if best else f"<{text}>"
    return str(term)


def table(result: Result) -> str:
    names = [str(v) for v in result.vars]
    rows = [[compact(row[i]) for i in range(len(names))] for row in result]
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    out = ["  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip(),
           "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def delimited(result: Result, delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow([str(v) for v in result.vars])
    for row in result:
        writer.writerow(["" if t is None else str(t) for t in row])
    return buffer.getvalue()


def _json_term(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal) and term.language:
        out["xml:lang"] = term.language
    elif isinstance(term, Literal) and term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def sparql_json(result: Result) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if result.type == "ASK":
        return json.dumps({"head": {}, "boolean": bool(result.askAnswer)}, indent=2) + "\n"
    names = [str(v) for v in result.vars]
    bindings = [{n: _json_term(row[i]) for i, n in enumerate(names) if row[i] is not None} for row in result]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=2) + "\n"


def render(result: Result, fmt: str) -> str:
    if result.type == "ASK":
        return sparql_json(result) if fmt == "json" else ("true\n" if result.askAnswer else "false\n")
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.graph.serialize(format="json-ld" if fmt == "json" else "turtle")
    if fmt == "table":
        return table(result)
    if fmt == "csv":
        return delimited(result, ",")
    if fmt == "tsv":
        return delimited(result, "\t")
    if fmt == "json":
        return sparql_json(result)
    raise ValueError(f"unknown result format {fmt!r}: use one of {', '.join(RESULT_FORMATS)}")
