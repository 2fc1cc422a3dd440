"""What a SPARQL query from a person may do, decided once for every face: `samsyn query`, the web
query page and the /sparql endpoint all run a query through `prepare()`.

It gives the query the usual prefixes (sam:, rdfs:, skos: ... need no declaration, on every
store), checks its syntax, and refuses what would change the store or reach outside it: updates,
`SERVICE`, and `FROM` / `FROM NAMED` naming a graph the store does not hold (rdflib would fetch
it; a remote store might), as well as a protocol dataset (default-graph-uri, named-graph-uri)
naming one. The check walks rdflib's translated algebra (every nested pattern,
sub-query and `EXISTS` filter), not the query text, so comments, strings and odd spacing cannot
hide a `SERVICE` and a string that merely contains the word is not refused."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Variable

from .namespaces import PREFIXES
from .store import QueryDataset

#: longest query text accepted, in characters (rdflib's parser is pure Python)
MAX_QUERY_LENGTH = 100_000

#: a relative IRI in a query (`<s>`, `<id/ronneby>`) is read against samsyn's own base
BASE = "https://w3id.org/samsyn/"
#: the prefixes every query may use undeclared, and the base; on the query's first line, so the
#: parser's line numbers stay right (a query may redeclare them)
PROLOGUE = " ".join([f"BASE <{BASE}>", *(f"PREFIX {prefix}: <{namespace}>" for prefix, namespace in PREFIXES.items())])

QUERY_FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}


class QueryError(Exception):
    """A query samsyn will not run, in one line a person can act on. `status` is the SPARQL
    Protocol's answer to it: 403 for an update, 400 for everything else."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class PreparedQuery:
    """A query that passed the guard: `text` is what the store runs (prefixes prepended)."""

    text: str
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    dataset: QueryDataset | None = None  # the protocol's dataset, when the request names one


def prepare(text: str, own_graphs: Callable[[], Iterable[str]], dataset: QueryDataset | None = None) -> PreparedQuery:
    """Check a query and give it the usual prefixes, or raise QueryError. `own_graphs` lists the
    store's named graphs; it is called only when the query names graphs in FROM / FROM NAMED or
    a `dataset` is given, whose every graph must be one of them."""
    query = _translate(text)
    form = QUERY_FORMS.get(query.algebra.name)
    if form is None:  # pragma: no cover - the parser only produces the four
        raise QueryError(f"unsupported query form {query.algebra.name}")
    own: set[str] | None = None
    if dataset is not None:
        own = {str(g) for g in own_graphs()}
        for parameter, names in (("default-graph-uri", dataset.default_graphs),
                                 ("named-graph-uri", dataset.named_graphs)):
            for name in names:
                if name not in own:
                    raise QueryError(f"{parameter} <{name}>: samsyn queries only its own named graphs and "
                                     f"fetches nothing; the graphs are: {', '.join(sorted(own))}")
    for node in _walk(query.algebra):
        if node.name == "ServiceGraphPattern":
            target = node["term"] if "term" in node else None
            shown = f"?{target}" if isinstance(target, Variable) else f"<{target}>"
            raise QueryError(f"SERVICE {shown}: samsyn makes no requests to other services; "
                             "federated queries are refused")
        if node.name == "DatasetClause":
            # CompValue.get returns the key itself for a missing key: test membership
            clause, graph = ("FROM", node["default"]) if "default" in node else ("FROM NAMED", node["named"])
            own = {str(g) for g in own_graphs()} if own is None else own
            if str(graph) not in own:
                raise QueryError(f"{clause} <{graph}>: samsyn queries only its own named graphs and loads "
                                 f"nothing from elsewhere; the graphs are: {', '.join(sorted(own))}")
    return PreparedQuery(f"{PROLOGUE} {text}", form, dataset)


@lru_cache(maxsize=256)  # the parser is slow (tens of ms for coverage.rq) and named queries repeat
def _translate(text: str) -> Query:
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"the query is {len(text)} characters long; the limit is {MAX_QUERY_LENGTH}")
    if not text.strip():
        raise QueryError("the query is empty")
    try:
        parsed = parseQuery(text)
    except Exception as error:
        try:
            parseUpdate(text)
        except Exception:
            raise QueryError(f"SPARQL syntax error: {_one_line(error)}") from None
        raise QueryError("samsyn is read-only: SPARQL updates (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, "
                         "COPY, MOVE, ADD) are refused", status=403) from None
    try:
        return translateQuery(parsed, initNs={prefix: str(ns) for prefix, ns in PREFIXES.items()})
    except Exception as error:  # e.g. a variable projected twice, an unbound GROUP BY variable
        raise QueryError(f"SPARQL query error: {_one_line(error)}") from None


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())


def _walk(node, seen: set[int] | None = None) -> Iterator[CompValue]:
    """Every CompValue in the algebra tree, depth first."""
    seen = set() if seen is None else seen
    if id(node) in seen:
        return
    if isinstance(node, CompValue):
        seen.add(id(node))
        yield node
        for value in node.values():
            yield from _walk(value, seen)
    elif isinstance(node, dict):
        seen.add(id(node))
        for value in node.values():
            yield from _walk(value, seen)
    elif isinstance(node, (list, tuple, set, frozenset)):
        seen.add(id(node))
        for value in node:
            yield from _walk(value, seen)
