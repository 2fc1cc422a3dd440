"""The SPARQL-over-HTTP store's own parts: endpoints from the spec, VALUES bindings, and a
failure halfway through an upload (against the real Virtuoso)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Literal, URIRef

from graph.build import build
from graph.store import StoreError, open_store
from graph.store_sparql import SparqlHttpStore, query_form, with_values

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "exempelby.ttl"


@pytest.mark.parametrize("spec, gsp, update", [
    ("sparql+http://127.0.0.1:8890/sparql", "http://127.0.0.1:8890/sparql-graph-crud", "http://127.0.0.1:8890/sparql"),
    ("sparql+http://dba:dba@127.0.0.1:8890/sparql", "http://127.0.0.1:8890/sparql-graph-crud-auth",
     "http://127.0.0.1:8890/sparql"),
    ("sparql+http://localhost:3030/samsyn/query", "http://localhost:3030/samsyn/data", "http://localhost:3030/samsyn/update"),
    ("sparql+http://localhost:7200/repositories/samsyn", "http://localhost:7200/repositories/samsyn/rdf-graphs/service",
     "http://localhost:7200/repositories/samsyn/statements"),
    ("sparql+https://example.org/sparql?gsp=/store&update=/up", "https://example.org/store", "https://example.org/up"),
    ("sparql+http://example.org/q?update=none", "http://example.org/q", None),
])
def test_endpoints_from_the_spec(spec, gsp, update):
    store = open_store(spec)
    assert isinstance(store, SparqlHttpStore)
    assert (store.gsp, store.update) == (gsp, update)
    assert "dba:dba" not in store.display


def test_credentials_stay_out_of_messages():
    store = open_store("sparql+http://dba:secret@127.0.0.1:9/sparql?timeout=2")
    with pytest.raises(StoreError) as raised:
        store.query("ASK {}")
    assert "secret" not in str(raised.value) and "127.0.0.1:9" in str(raised.value)


def test_values_clause_is_built_from_terms():
    text = with_values("SELECT ?a WHERE { ?a ?p ?b }", {"b": Literal('say "hi" } #', lang="sv"),
                                                         "p": URIRef("http://x/p")})
    assert text.endswith('VALUES (?b ?p) { ("say \\"hi\\" } #"@sv <http://x/p>) }\n')
    with pytest.raises(ValueError):
        with_values("SELECT * {}", {"a": URIRef("http://x/> } DROP ALL #")})
    with pytest.raises(ValueError):
        with_values("SELECT * {}", {"a } #": URIRef("http://x/")})
    with pytest.raises(ValueError):
        with_values("SELECT * {}", {"a": BNode()})


def test_query_form_skips_comments_and_strings():
    assert query_form("# SELECT\nPREFIX s: <http://x/ASK#>\nCONSTRUCT WHERE { ?s ?p 'SELECT' }") == "CONSTRUCT"
    assert query_form("ask {}") == "ASK"


def test_a_failed_upload_leaves_virtuoso_as_it_was(virtuoso_endpoint, monkeypatch):
    store = build([FIXTURE], store="sparql+" + virtuoso_endpoint)
    size, names = len(store), store.graph_names()
    calls = []
    real = SparqlHttpStore._put_graph

    def fail_on_the_third(self, name, chunks):
        calls.append(name)
        if len(calls) == 3:
            raise StoreError("connection reset")
        return real(self, name, chunks)

    monkeypatch.setattr(SparqlHttpStore, "_put_graph", fail_on_the_third)
    with pytest.raises(StoreError):
        build([FIXTURE], store=store)
    monkeypatch.undo()
    fresh = open_store("sparql+" + virtuoso_endpoint)
    assert len(fresh) == size and fresh.graph_names() == names
    staging = fresh.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                          "FILTER(STRSTARTS(STR(?g), 'urn:samsyn:staging:')) }")
    assert int(next(iter(staging))[0]) == 0


def test_bindings_open_the_where_group_of_select_ask_and_construct():
    from graph.store_sparql import bind_values
    text = ("PREFIX a: <http://x/{}> # { not this one\n"
            "SELECT ?x ('{' AS ?y) (?n < 3 AS ?z) WHERE { ?x ?p \"\"\"{\"\"\" } ORDER BY ?x")
    bound = bind_values(text, {"x": URIRef("http://a/b")})
    assert bound.startswith(text.split("WHERE {")[0] + "WHERE {\n  VALUES (?x) { (<http://a/b>) }\n")
    assert bind_values("ASK{}", {"s": Literal("x")}) == 'ASK{\n  VALUES (?s) { ("x") }\n}'
    # CONSTRUCT: the WHERE group after the template (Virtuoso refuses a trailing VALUES there)
    construct = "CONSTRUCT { ?s ?p [ ?q '}' ] } WHERE { ?s ?p ?o }"
    assert bind_values(construct, {"s": URIRef("http://a/b")}) == (
        "CONSTRUCT { ?s ?p [ ?q '}' ] } WHERE {\n  VALUES (?s) { (<http://a/b>) }\n ?s ?p ?o }")
    assert bind_values("CONSTRUCT WHERE { ?s ?p ?o }", {"s": URIRef("http://a/b")}).startswith(
        "CONSTRUCT WHERE {\n  VALUES (?s)")
    assert bind_values("DESCRIBE ?s", {"s": URIRef("http://a/b")}).endswith("VALUES (?s) { (<http://a/b>) }\n")
