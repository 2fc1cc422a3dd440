"""Named SPARQL queries: one `.rq` file per query in graph/queries/, loaded by name.

A query file starts with comment lines `# title:`, `# description:` (continued on indented
comment lines), `# param: NAME (IRI|literal, required|optional) what it is` and `# needs: GRAPH`
(a named graph the query reads, e.g. an inferred one, checked before it runs). Parameters are
bound by the store (rdflib initBindings, Oxigraph substitutions), never formatted into the text."""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.query import Result
from rdflib.term import Node

from .sparql_guard import QueryError, prepare
from .store import Store


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # "IRI" or "literal"
    required: bool
    description: str

    def term(self, value: str) -> Node:
        if self.kind == "IRI":
            if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*$", value):
                raise QueryError(f"parameter {self.name} must be an IRI, got {value!r}")
            return URIRef(value)
        return Literal(value)


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = field(default_factory=tuple)
    needs: tuple[str, ...] = field(default_factory=tuple)

    def bindings(self, values: dict[str, str] | None = None) -> dict[str, Node]:
        """Check the given parameter values and turn them into RDF terms."""
        values = dict(values or {})
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise QueryError(f"query {self.name!r} has no parameter {unknown[0]!r}"
                             + (f"; it takes: {', '.join(known)}" if known else "; it takes none"))
        missing = [p.name for p in self.params if p.required and p.name not in values]
        if missing:
            raise QueryError(f"query {self.name!r} needs --param {missing[0]}=VALUE ({known[missing[0]].description})")
        return {name: known[name].term(value) for name, value in values.items()}


_HEADER = re.compile(r"^#\s*(title|description|param|needs):\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s*\((IRI|literal),\s*(required|optional)\)\s*(.*)$")


def parse_header(name: str, text: str) -> NamedQuery:
    meta: dict[str, str] = {"title": "", "description": ""}
    params: list[Param] = []
    needs: list[str] = []
    last = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match:
            key, value = match.groups()
            if key == "param":
                pm = _PARAM.match(value)
                if not pm:
                    raise QueryError(f"{name}.rq: bad param line {line!r}")
                params.append(Param(pm.group(1), pm.group(2), pm.group(3) == "required", pm.group(4)))
                last = None
            elif key == "needs":
                needs.append(value.strip())
                last = None
            else:
                meta[key] = value.strip()
                last = key
        elif last and line.startswith("#  "):
            meta[last] += " " + line[1:].strip()
    return NamedQuery(name, text, meta["title"], meta["description"], tuple(params), tuple(needs))


def _query_dir():
    return files("samsyn.graph") / "queries"


def query_names() -> list[str]:
    return sorted(p.name[:-3] for p in _query_dir().iterdir() if p.name.endswith(".rq"))


def load_query(name: str) -> NamedQuery:
    """A named query from graph/queries/NAME.rq."""
    if name not in query_names():
        raise QueryError(f"unknown query {name!r}; the named queries are: {', '.join(query_names())}")
    return parse_header(name, (_query_dir() / f"{name}.rq").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def load_lookup(name: str) -> NamedQuery:
    """A query the library and the viewer run for themselves (graph/queries/lookup/NAME.rq):
    index-building and one-resource look-ups, not listed among the named queries."""
    path = _query_dir() / "lookup" / f"{name}.rq"
    return parse_header(name, path.read_text(encoding="utf-8"))


def lookup(store: Store, name: str, **bindings: Node) -> Result:
    """Run a look-up query with its parameters bound to RDF terms (never pasted into the text)."""
    return store.query(load_lookup(name).text, bindings or None)


def resolve(name_or_text: str) -> NamedQuery:
    """A query named, in a .rq file, or given as text."""
    if name_or_text in query_names():
        return load_query(name_or_text)
    path = Path(name_or_text)
    if name_or_text.endswith(".rq"):
        if not path.is_file():
            raise QueryError(f"{name_or_text}: no such query file")
        return parse_header(path.stem, path.read_text(encoding="utf-8"))
    if re.search(r"[\s{]", name_or_text.strip()):  # names and paths have no spaces or braces: SPARQL text
        return parse_header("query", name_or_text)
    raise QueryError(f"unknown query {name_or_text!r}; the named queries are: {', '.join(query_names())}"
                     " (or give a .rq file or a SPARQL string)")


def check_needs(store: Store, query: NamedQuery) -> None:
    """Raise QueryError if the store lacks a named graph the query reads (`# needs:`)."""
    if query.needs:
        present = {str(g) for g in store.graph_names()}
        for graph in query.needs:
            if graph not in present:
                raise QueryError(f"query {query.name!r} reads the named graph <{graph}>, which this store does "
                                 "not have: load the store with `samsyn build` (it writes the inferred graphs)")


def run(store: Store, name_or_text: str, params: dict[str, str] | None = None) -> Result:
    """Run a named query, a .rq file or SPARQL text on a store, through the guard
    (sparql_guard.prepare: the usual prefixes, no updates, no SERVICE, no foreign FROM)."""
    query = resolve(name_or_text)
    bindings = query.bindings(params)
    prepared = prepare(query.text, store.graph_names)
    check_needs(store, query)
    return store.query(prepared.text, bindings)
