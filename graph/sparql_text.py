"""SPARQL text helpers: which form a query is, whether it names its own dataset (FROM), and
variables bound with a VALUES block written from RDF terms. A leaf: it imports nothing of samsyn.

Parameters are bound with a VALUES block built from the terms' `.n3()` after checking that no
term can break out of it, never by formatting raw input into the query."""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import Literal, URIRef
from rdflib.term import Node

#: what may hide a keyword: long and short strings, IRIs, comments
LEXICAL_NOISE = re.compile(r'"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*')
#: the keyword, not a variable named ?from or $from
_FROM = re.compile(r"(?<![?$\w])FROM\b", re.IGNORECASE)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|\\^`]')
_IRI_AT = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WORD = re.compile(r"[A-Za-z]+")


def has_dataset_clause(sparql: str) -> bool:
    """True if the query has FROM or FROM NAMED (outside strings, IRIs and comments)."""
    return _FROM.search(LEXICAL_NOISE.sub(" ", sparql)) is not None


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first such keyword outside comments, IRIs and strings."""
    match = _FORM.search(LEXICAL_NOISE.sub(" ", sparql))
    return match.group(1).upper() if match else "SELECT"


def with_values(sparql: str, bindings: Mapping[str, Node]) -> str:
    """The query with a trailing VALUES clause binding the given variables, each term written
    by rdflib's `.n3()` after checking it cannot break out of the clause."""
    if not bindings:
        return sparql
    names, values = [], []
    for name, term in bindings.items():
        name = str(name)
        if not _VARNAME.match(name):
            raise ValueError(f"not a SPARQL variable name: {name!r}")
        if isinstance(term, URIRef):
            if _IRI_BAD.search(str(term)):
                raise ValueError(f"not an IRI: {str(term)!r}")
        elif not isinstance(term, Literal):
            raise ValueError(f"only IRIs and literals can be bound, not {term!r}")
        names.append(f"?{name}")
        values.append(term.n3())
    return f"{sparql.rstrip()}\nVALUES ({' '.join(names)}) {{ ({' '.join(values)}) }}\n"


def bind_values(sparql: str, bindings: Mapping[str, Node]) -> str:
    """The query with the bindings as a VALUES block at the start of its WHERE group (SELECT,
    ASK and CONSTRUCT, which is what rdflib's initBindings does), else as a trailing VALUES
    clause. Virtuoso 7 ignores a trailing VALUES clause in a query with MINUS and refuses one
    after a CONSTRUCT, hence the leading block."""
    if not bindings:
        return sparql
    block = with_values("", bindings).strip()  # checks every name and term
    start = _where_start(sparql)
    if start is None:
        return with_values(sparql, bindings)
    return f"{sparql[:start]}\n  {block}\n{sparql[start:]}"


def _where_start(sparql: str) -> int | None:
    """Index just after the `{` that opens a SELECT, ASK or CONSTRUCT query's WHERE group (for
    CONSTRUCT: the group after the template, or the one after CONSTRUCT WHERE), or None."""
    i, n, depth, braces, form, template_done = 0, len(sparql), 0, 0, None, False
    while i < n:
        c = sparql[i]
        if c == "#":
            end = sparql.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if c == "<":
            match = _IRI_AT.match(sparql, i)
            if match:
                i = match.end()
                continue
        if c in "'\"":
            quote = sparql[i:i + 3] if sparql[i:i + 3] in ("'''", '"""') else c
            i += len(quote)
            while i < n and not sparql.startswith(quote, i):
                i += 2 if sparql[i] == "\\" else 1
            i += len(quote)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c.isalpha() and (form is None or (form == "CONSTRUCT" and braces == 0)):
            word = _WORD.match(sparql, i).group(0)
            if form is None and word.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                form = word.upper()
                if form == "DESCRIBE":
                    return None
            elif form == "CONSTRUCT" and word.upper() == "WHERE":
                template_done = True  # CONSTRUCT WHERE { … } has no template of its own
            i += len(word)
            continue
        elif c == "{" and depth == 0 and form:
            if form != "CONSTRUCT" or (template_done and braces == 0):
                return i + 1
            braces += 1
        elif c == "}" and form == "CONSTRUCT" and braces:
            braces -= 1
            template_done = template_done or braces == 0
        i += 1
    return None
