"""The SPARQL-over-HTTP store's own parts: endpoints from the spec, VALUES bindings, and a
failure halfway through an upload (against the real Virtuoso)."""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from samsyn.graph.building import build
from samsyn.graph.store import StoreError, open_store
from samsyn.graph.sparql_http import SparqlConnection, ascii_chunks, upload_pieces
from samsyn.graph.sparql_text import bind_values, query_form, with_values
from samsyn.graph.store_sparql import SparqlHttpStore, upload_texts

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
    assert (store.connection.gsp, store.connection.update) == (gsp, update)
    assert "dba:dba" not in store.connection.display and "dba:dba" not in str(store.spec)


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


@pytest.mark.virtuoso
def test_a_failed_upload_leaves_virtuoso_as_it_was(virtuoso_endpoint, monkeypatch):
    store = build([FIXTURE], store="sparql+" + virtuoso_endpoint)
    size, names = len(store), store.graph_names()
    calls = []
    real = SparqlConnection.put_graph

    def fail_on_the_third(self, name, chunks):
        calls.append(name)
        if len(calls) == 3:
            raise StoreError("connection reset")
        return real(self, name, chunks)

    monkeypatch.setattr(SparqlConnection, "put_graph", fail_on_the_third)
    with pytest.raises(StoreError):
        build([FIXTURE], store=store)
    monkeypatch.undo()
    fresh = open_store("sparql+" + virtuoso_endpoint)
    assert len(fresh) == size and fresh.graph_names() == names
    staging = fresh.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                          "FILTER(STRSTARTS(STR(?g), 'urn:samsyn:staging:')) }")
    assert int(next(iter(staging))[0]) == 0


def test_bindings_open_the_where_group_of_select_ask_and_construct():
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


def test_chunks_are_ascii_cut_after_a_line_and_lose_nothing():
    lines = [f'<urn:x:s{i}> <urn:x:p> "Hållbara städer {i} ö 𝄞"@sv .\n' for i in range(200)]
    data = "".join(lines).encode("utf-8")
    pieces = list(ascii_chunks(data, 500))
    assert len(pieces) > 10 and all(p.isascii() and p.endswith(b"\n") for p, _ in pieces)
    assert all(size <= 500 + len(lines[-1].encode("utf-8")) for _, size in pieces)
    assert sum(size for _, size in pieces) == len(data)
    whole = b"".join(p for p, _ in pieces).decode("ascii")
    assert whole.count("\n") == 200 and "H\\u00E5llbara st\\u00E4der 7 \\u00F6 \\U0001D11E" in whole
    assert list(ascii_chunks(b"", 500)) == [(b"", 0)]
    assert list(ascii_chunks(data, 10 ** 9)) == [(whole.encode("ascii"), len(data))]


def test_timeout_and_chunk_come_from_the_spec_or_the_environment(monkeypatch):
    monkeypatch.delenv("SAMSYN_SPARQL_TIMEOUT", raising=False)
    assert SparqlConnection("http://127.0.0.1:8890/sparql").timeout == 600
    assert SparqlConnection("http://127.0.0.1:8890/sparql").chunk_bytes == 8 << 20
    assert SparqlConnection("http://127.0.0.1:8890/sparql?timeout=1800&chunk=2").timeout == 1800
    assert SparqlConnection("http://127.0.0.1:8890/sparql?timeout=1800&chunk=2").chunk_bytes == 2 << 20
    monkeypatch.setenv("SAMSYN_SPARQL_TIMEOUT", "42")
    assert SparqlConnection("http://127.0.0.1:8890/sparql").timeout == 42
    assert SparqlConnection("http://127.0.0.1:8890/sparql?timeout=7").timeout == 7
    for bad in ("timeout=soon", "timeout=0", "chunk=-1"):
        with pytest.raises(StoreError, match=bad.split("=")[0]):
            SparqlConnection(f"http://127.0.0.1:8890/sparql?{bad}")


@pytest.mark.virtuoso
def test_a_request_past_the_timeout_says_how_to_allow_more(virtuoso_endpoint):
    store = build([FIXTURE], store="sparql+" + virtuoso_endpoint)
    size, names = len(store), store.graph_names()
    with pytest.raises(StoreError, match=r"no answer within 1e-06 s; allow more with \?timeout=SECONDS"):
        build([FIXTURE], store=f"sparql+{virtuoso_endpoint}?timeout=0.000001")
    fresh = open_store("sparql+" + virtuoso_endpoint)
    assert len(fresh) == size and fresh.graph_names() == names


@pytest.mark.virtuoso
def test_a_load_in_small_chunks_reports_progress_and_gives_the_same_graphs(virtuoso_endpoint):
    reference = build([FIXTURE], store="oxigraph")
    messages = []
    store = build([FIXTURE], store=f"sparql+{virtuoso_endpoint}?chunk=0.002", status=messages.append)
    assert messages[0] == "inferring" and messages[-1].startswith("swapping in ")
    uploads = [m for m in messages if m.startswith("uploading ")]
    assert len(uploads) > 20  # 2 kB pieces: many requests, each reported
    done = [float(m.split()[1]) for m in uploads]
    total = {m.split()[3] for m in uploads}
    assert done == sorted(done) and len(total) == 1 and uploads[-1].split()[1] == total.pop()
    assert store.graph_names() == reference.graph_names()
    theirs, ours = reference.dataset(), store.dataset()
    for name in reference.graph_names():
        assert isomorphic(theirs.graph(name), ours.graph(name)), name


@pytest.mark.virtuoso
def test_incomplete_results_from_virtuosos_time_limit_are_an_error(virtuoso_endpoint):
    """Virtuoso answers a query that passes its time limit with 200 and what it had so far
    (X-SQL-State S1TAT); `timeout` (ms) in the request lowers that limit for one query."""
    store = build([FIXTURE], store="sparql+" + virtuoso_endpoint)
    body = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
                                   "timeout": "50"}).encode()
    with pytest.raises(StoreError, match="incomplete results"):
        store.connection.request("POST", store.connection.endpoint, body, {"Accept": "application/sparql-results+json",
                                                      "Content-Type": "application/x-www-form-urlencoded"})


def test_an_upload_in_pieces_never_splits_the_triples_of_a_blank_node():
    # each piece is its own request, where a blank node's label names one node: split them and the
    # store holds two nodes for one (the ontology's data-cube structure did, at 2 kB pieces)
    turtle = "".join(f'<urn:x:s{i}> <urn:x:p> "Hållbara städer {i}"@sv ; <urn:x:q> [ <urn:x:r> [ <urn:x:t> {i} ] ; '
                     f'<urn:x:u> "ö {i}" ] .\n' for i in range(60))
    graph = ox.NamedNode("urn:x:graph")
    dataset = ox.Store()
    dataset.load(turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE, to_graph=graph)
    texts = upload_texts(dataset, graph)
    assert b"_:" not in texts.plain and len(texts.linked) == 60
    assert texts.size == len(dataset.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph))
    pieces = list(upload_pieces(texts.plain, 100, texts.linked))
    assert len(pieces) > 10 and all(piece.isascii() for piece, _ in pieces)
    assert sum(size for _, size in pieces) == texts.size
    # each piece parsed on its own, as the store parses each request, gives back the graph
    received = Graph()
    for piece, _ in pieces:
        received += Graph().parse(data=piece.decode("ascii"), format="nt")
    expected = Graph().parse(data=turtle, format="turtle")
    assert len(received) == len(expected) == 60 * 5 and isomorphic(received, expected)


def test_a_graph_without_blank_nodes_is_uploaded_as_it_is_dumped():
    dataset = ox.Store()
    graph = ox.NamedNode("urn:x:graph")
    dataset.load(b"<urn:x:a> <urn:x:p> <urn:x:b> .", format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
    texts = upload_texts(dataset, graph)
    assert texts.linked == () and texts.plain == dataset.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
