"""RDF terms between rdflib and pyoxigraph, both ways, and Oxigraph query answers as rdflib
results. A leaf: it imports nothing of samsyn, so every store backend can use it."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Node, Variable

_XSD_STRING = str(XSD.string)


def to_ox(term: Node):
    """An rdflib term as an Oxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(_bnode_id(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r} in Oxigraph")


def _bnode_id(node: BNode) -> str:
    # Oxigraph wants blank node ids that are valid N-Triples labels.
    text = str(node)
    return text if text.replace("_", "").replace("-", "").isalnum() and text[0].isalnum() else \
        "b" + uuid.uuid5(uuid.NAMESPACE_OID, text).hex


def graph_quads(graph: Graph) -> Iterator[ox.Quad]:
    """An rdflib graph's triples as Oxigraph quads in the named graph it identifies."""
    name = ox.NamedNode(str(graph.identifier)) if isinstance(graph.identifier, URIRef) else ox.DefaultGraph()
    cache: dict = {}

    def conv(term):
        try:
            return cache[term]
        except KeyError:
            value = cache[term] = to_ox(term)
            return value

    for s, p, o in graph:
        yield ox.Quad(conv(s), conv(p), conv(o), name)


class TermConverter:
    """Oxigraph terms to rdflib terms, memoised (results repeat the same IRIs and labels)."""

    def __init__(self) -> None:
        self.cache: dict = {}

    def __call__(self, term):
        if term is None:
            return None
        try:
            return self.cache[term]
        except KeyError:
            pass
        except TypeError:  # unhashable (RDF-star triple terms): convert, do not cache
            return self._convert(term)
        converted = self.cache[term] = self._convert(term)
        return converted

    def _convert(self, term):
        if isinstance(term, ox.NamedNode):
            return URIRef(term.value)
        if isinstance(term, ox.BlankNode):
            return BNode(term.value)
        if isinstance(term, ox.Literal):
            if term.language:
                return Literal(term.value, lang=term.language)
            datatype = term.datatype.value
            if datatype == _XSD_STRING:
                return Literal(term.value)
            return Literal(term.value, datatype=URIRef(datatype))
        if isinstance(term, ox.DefaultGraph):
            return None
        raise TypeError(f"cannot convert {term!r} to rdflib")


def fill_dataset(dataset: Dataset, quads: Iterable[ox.Quad]) -> Dataset:
    """Add Oxigraph quads to an rdflib Dataset, each in its named graph (or the default graph)."""
    convert = TermConverter()
    graphs: dict = {}

    def converted():
        for quad in quads:
            name = quad.graph_name
            graph = graphs.get(name)
            if graph is None:
                graph = graphs[name] = dataset.default_graph if isinstance(name, ox.DefaultGraph) \
                    else dataset.graph(convert(name))
            yield convert(quad.subject), convert(quad.predicate), convert(quad.object), graph

    dataset.addN(converted())
    return dataset


def add_parsed(graph: Graph, data: bytes) -> Graph:
    """N-Triples or Turtle (bytes) into an rdflib graph, through Oxigraph's parser."""
    convert = TermConverter()
    graph.addN((convert(t.subject), convert(t.predicate), convert(t.object), graph)
               for t in ox.parse(data, format=ox.RdfFormat.TURTLE))
    return graph


class StreamedTriples(Result):
    """A CONSTRUCT or DESCRIBE answer as the engine gives it: iterating it streams the triples,
    so a reader that stops at a cap stops the engine (a cross join is never built whole); `.graph`
    collects them into an rdflib Graph on first use, for readers that want them all. Read once."""

    def __init__(self, triples: Iterator[tuple[Node, Node, Node]]):
        self._triples: Iterator[tuple[Node, Node, Node]] | None = triples
        self._graph: Graph | None = None
        super().__init__("CONSTRUCT")

    @property
    def graph(self) -> Graph | None:  # type: ignore[override]
        if self._graph is None and self._triples is not None:
            graph = Graph()
            graph.addN((s, p, o, graph) for s, p, o in self._triples)
            self._graph, self._triples = graph, None
        return self._graph

    @graph.setter
    def graph(self, value: Graph | None) -> None:
        self._graph = value

    def __iter__(self):
        if self._graph is None and self._triples is not None:
            triples, self._triples = self._triples, None
            yield from triples
        else:
            yield from self._graph if self._graph is not None else ()


def ox_result(answer, converter: TermConverter | None = None) -> Result:
    """An Oxigraph query answer as an rdflib Result (SELECT, ASK or CONSTRUCT/DESCRIBE)."""
    convert = converter or TermConverter()
    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
        return result
    if isinstance(answer, ox.QueryTriples):
        return StreamedTriples((convert(t.subject), convert(t.predicate), convert(t.object)) for t in answer)
    variables = [Variable(v.value) for v in answer.variables]
    # a solution iterates its values in the variables' order (None where unbound), faster than
    # looking each value up by name; the cache is read inline as results repeat their terms
    cache = convert.cache

    def rows():
        for solution in answer:
            row = {}
            for variable, value in zip(variables, solution):
                if value is not None:
                    term = cache.get(value) if not isinstance(value, ox.Triple) else None
                    row[variable] = term if term is not None else convert(value)
            yield row

    result = Result("SELECT")
    result.vars = variables
    # lazy, as rdflib's own results are: Oxigraph evaluates as the rows are read, so a reader that
    # stops at a cap stops the work (a cross join is never built whole)
    result.bindings = rows()
    return result
