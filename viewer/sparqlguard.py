"""What a query is allowed to do on the public endpoint, decided on the parsed algebra.

The endpoint is read-only and makes no outbound requests. rdflib would call out for `SERVICE`
(urlopen, no timeout, no allow-list) and for `FROM` / `FROM NAMED` graphs it does not hold, so a
query naming either is refused here, before evaluation. The check walks rdflib's translated
algebra (every nested pattern, sub-query and `EXISTS` filter), not the query text, so comments,
strings and odd spacing cannot hide a `SERVICE` and a string that merely contains the word is not
refused."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Variable

from samsyn.graph.namespaces import PREFIXES

#: longest query text accepted, in characters (the parser is pure Python)
MAX_QUERY_LENGTH = 100_000

QUERY_TYPES = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}


class Refused(Exception):
    """A query the endpoint will not run. `status` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Checked:
    query: Query
    kind: str  # SELECT, ASK, CONSTRUCT or DESCRIBE


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


def parse(text: str) -> Query:
    """Parse and translate, or raise Refused: 403 for an update, 400 for anything else."""
    if len(text) > MAX_QUERY_LENGTH:
        raise Refused(400, f"the query is {len(text)} characters long; the limit is {MAX_QUERY_LENGTH}")
    if not text.strip():
        raise Refused(400, "the query is empty")
    try:
        parsed = parseQuery(text)
    except Exception as error:
        try:
            parseUpdate(text)
        except Exception:
            raise Refused(400, f"SPARQL syntax error: {error}") from None
        raise Refused(403, "this endpoint is read-only: SPARQL updates (INSERT, DELETE, LOAD, CLEAR, "
                           "CREATE, DROP, COPY, MOVE, ADD) are refused") from None
    try:
        return translateQuery(parsed, initNs={k: str(v) for k, v in PREFIXES.items()})
    except Exception as error:  # e.g. a variable projected twice, an unbound GROUP BY variable
        raise Refused(400, f"SPARQL query error: {error}") from None


def check(query: Query, own_graphs: Iterable[str]) -> Checked:
    """Refuse (400) a query that would make rdflib reach outside the dataset."""
    own = {str(g) for g in own_graphs}
    algebra = query.algebra
    for node in _walk(algebra):
        if node.name == "ServiceGraphPattern":
            target = node["term"] if "term" in node else None
            shown = f"<{target}>" if not isinstance(target, Variable) else f"?{target}"
            raise Refused(400, f"SERVICE {shown}: this endpoint makes no requests to other services; "
                               "federated queries are refused")
        if node.name == "DatasetClause":
            # CompValue.get returns the key itself for a missing key: test membership
            clause, graph = ("FROM", node["default"]) if "default" in node else ("FROM NAMED", node["named"])
            if str(graph) not in own:
                raise Refused(400, f"{clause} <{graph}>: this endpoint only queries its own named graphs "
                                   f"and loads nothing from elsewhere; the graphs are: {', '.join(sorted(own))}")
    kind = QUERY_TYPES.get(algebra.name)
    if kind is None:  # pragma: no cover - the parser only produces the four
        raise Refused(400, f"unsupported query form {algebra.name}")
    return Checked(query, kind)


def parse_and_check(text: str, own_graphs: Iterable[str]) -> Checked:
    return check(parse(text), own_graphs)
