"""What the SPARQL 1.1 Protocol endpoint answers in (graph.formats) and the writers for it.

SELECT and ASK: SPARQL 1.1 Query Results JSON, XML, CSV and TSV. CONSTRUCT and DESCRIBE: Turtle,
N-Triples, JSON-LD, RDF/XML. Keyed by the registered media type, which is what the endpoint
hands the query process (viewer.executor) and what the response carries."""

from __future__ import annotations

from rdflib import Graph

from samsyn.graph import formats, results
from samsyn.graph.formats import Format

RESULT_FORMATS: dict[str, Format] = {fmt.media_type: fmt for fmt in formats.RESULT_FORMATS}
GRAPH_FORMATS: dict[str, Format] = {fmt.media_type: fmt for fmt in formats.GRAPH_FORMATS}


def write_select(kind: str, variables: list[str], rows: list[tuple], answer: bool | None,
                 fmt: Format) -> bytes:
    """SELECT rows (tuples of terms or None, in variable order) or an ASK answer."""
    return results.write_select(kind, variables, rows, answer, fmt.name)


def write_graph(graph: Graph, fmt: Format) -> bytes:
    return graph.serialize(format=fmt.rdflib, encoding="utf-8")
