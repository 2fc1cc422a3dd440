"""What the W3C protocol tests cannot tell apart: their dataset queries are true on a union
default graph too. Here the protocol's dataset (default-graph-uri, named-graph-uri) must be the
one evaluated, a graph that is not samsyn's is refused before anything is fetched, one query per
request, HEAD, and the service description (content-negotiated, its graphs, the DCAT graph)."""

from __future__ import annotations

import json
import select
import socket
from urllib.parse import quote, urlencode

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from samsyn.graph.catalog import CATALOG_GRAPH, DATASET
from samsyn.graph.namespaces import GRAPH, ID

SD = "http://www.w3.org/ns/sparql-service-description#"
RONNEBY, HYLTE = GRAPH["strategies/ronneby"], GRAPH["strategies/hylte"]
RONNEBY_STRATEGY = "https://w3id.org/samsyn/id/ronneby/strategy/internationell-strategi-2013-2015"
JSON_RESULTS = {"Accept": "application/sparql-results+json"}


def ask(client, query: str, **dataset) -> bool:
    """ASK through GET with the protocol's dataset parameters (each a list of IRIs)."""
    pairs = [("query", query)] + [(key.replace("_", "-"), value) for key, values in dataset.items() for value in values]
    response = client.get("/sparql?" + urlencode(pairs), headers=JSON_RESULTS)
    assert response.status_code == 200, response.data
    return response.get_json()["boolean"]


def strategies_in(client, **dataset) -> set[str]:
    pairs = [("query", "SELECT ?s WHERE { ?s a sam:Strategy }")]
    pairs += [(key.replace("_", "-"), value) for key, values in dataset.items() for value in values]
    response = client.get("/sparql?" + urlencode(pairs), headers=JSON_RESULTS)
    return {b["s"]["value"] for b in response.get_json()["results"]["bindings"]}


def test_default_graph_uri_is_the_default_graph(client):
    everywhere = strategies_in(client)
    assert len(everywhere) == 5
    assert strategies_in(client, default_graph_uri=[RONNEBY]) == {RONNEBY_STRATEGY}
    assert len(strategies_in(client, default_graph_uri=[RONNEBY, HYLTE])) == 2


def test_named_graph_uri_alone_leaves_the_default_graph_empty(client):
    assert not ask(client, "ASK { ?s ?p ?o }", named_graph_uri=[RONNEBY])
    response = client.get("/sparql?" + urlencode([("query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"),
                                                   ("named-graph-uri", RONNEBY), ("named-graph-uri", HYLTE)]),
                          headers=JSON_RESULTS)
    assert {b["g"]["value"] for b in response.get_json()["results"]["bindings"]} == {str(RONNEBY), str(HYLTE)}
    assert not ask(client, "ASK { GRAPH ?g { ?s ?p ?o } }", default_graph_uri=[RONNEBY])


def test_the_protocol_dataset_overrides_the_querys_from(client):
    query = f"ASK FROM <{HYLTE}> {{ <{RONNEBY_STRATEGY}> a sam:Strategy }}"
    assert not ask(client, query)
    assert ask(client, query, default_graph_uri=[RONNEBY])


def test_a_form_post_carries_the_dataset_in_its_body(client):
    response = client.post("/sparql", data={"query": "SELECT ?s WHERE { ?s a sam:Strategy }",
                                            "default-graph-uri": str(RONNEBY)}, headers=JSON_RESULTS)
    assert [b["s"]["value"] for b in response.get_json()["results"]["bindings"]] == [RONNEBY_STRATEGY]


@pytest.fixture
def listener():
    """A loopback socket nobody should connect to: its URL is what the refused requests name."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(4)
        yield sock


@pytest.mark.parametrize("parameter", ["default-graph-uri", "named-graph-uri"])
def test_a_graph_that_is_not_samsyns_is_refused_and_nothing_is_fetched(client, listener, parameter):
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/data.ttl"
    for path in (f"/sparql?query={quote('ASK {}')}&{parameter}={quote(url)}",
                 f"/sparql?query={quote('ASK {}')}&{parameter}={quote(str(RONNEBY))}&{parameter}={quote(url)}"):
        response = client.get(path)
        assert response.status_code == 400
        assert response.data.decode().startswith(f"{parameter} <{url}>: samsyn queries only its own named graphs")
    assert select.select([listener], [], [], 0.5)[0] == []


@pytest.mark.parametrize("path, body, content_type", [
    ("/sparql?query=ASK%20%7B%7D&query=ASK%20%7B%7D", None, None),
    ("/sparql?query=ASK%20%7B%7D", "ASK {}", "application/sparql-query"),
    ("/sparql?query=ASK%20%7B%7D", "query=ASK%20%7B%7D", "application/x-www-form-urlencoded"),
    ("/sparql", "query=ASK%20%7B%7D&query=ASK%20%7B%7D", "application/x-www-form-urlencoded"),
])
def test_two_queries_in_one_request_are_refused(client, path, body, content_type):
    response = client.post(path, data=body, content_type=content_type) if body else client.get(path)
    assert response.status_code == 400
    assert "send exactly one" in response.data.decode()


def test_a_query_not_in_utf8_is_refused(client):
    response = client.post("/sparql", data="ASK {}".encode("utf-16"), content_type="application/sparql-query; charset=UTF-16")
    assert response.status_code == 415
    bad = client.post("/sparql", data=b"ASK { \xff }", content_type="application/sparql-query")
    assert bad.status_code == 400 and "not UTF-8" in bad.data.decode()


def test_head_answers_like_get_without_a_body(client):
    path = "/sparql?" + urlencode({"query": "SELECT ?s WHERE { ?s a sam:Strategy }"})
    got, head = client.get(path, headers=JSON_RESULTS), client.head(path, headers=JSON_RESULTS)
    assert head.status_code == got.status_code == 200
    assert head.data == b""
    for header in ("Content-Type", "Samsyn-Result-Count", "Samsyn-Result-Limit"):
        assert head.headers[header] == got.headers[header]
    assert client.head("/sparql", headers={"Accept": "text/turtle"}).status_code == 200


def test_a_relative_iri_is_read_against_samsyns_base(client):
    assert ask(client, "ASK { <id/ronneby> a sam:Municipality }")


def described(client, accept: str) -> Graph:
    response = client.get("/sparql", headers={"Accept": accept})
    assert response.status_code == 200, response.data
    assert response.mimetype == accept
    fmt = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/rdf+xml": "xml",
           "application/n-triples": "nt"}[accept]
    if fmt == "json-ld":
        assert "@context" in json.loads(response.data)
    return Graph().parse(data=response.data, format=fmt)


def test_the_service_description_is_negotiated_and_lists_every_graph(client, bundled_store):
    turtle = described(client, "text/turtle")
    for accept in ("application/ld+json", "application/rdf+xml", "application/n-triples"):
        assert isomorphic(described(client, accept), turtle), accept
    named = {str(o) for s in turtle.subjects(RDF.type, URIRef(SD + "NamedGraph"))
             for o in turtle.objects(s, URIRef(SD + "name"))}
    assert named == {str(g) for g in bundled_store.graph_names()}
    assert str(CATALOG_GRAPH) in named
    assert len(list(turtle.objects(None, URIRef(SD + "defaultGraph")))) == 1
    assert client.get("/sparql", headers={"Accept": "image/png"}).status_code == 406
    browser = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    assert browser.status_code == 302 and browser.location.endswith("/query")


def test_the_dcat_description_is_a_named_graph_of_the_endpoints_dataset(client):
    query = "SELECT ?dataset WHERE { ?dataset a dcat:Dataset }"
    response = client.get("/sparql?" + urlencode([("query", query), ("default-graph-uri", CATALOG_GRAPH)]),
                          headers=JSON_RESULTS)
    assert [b["dataset"]["value"] for b in response.get_json()["results"]["bindings"]] == [str(DATASET)]
    assert str(DATASET).startswith(str(ID))
