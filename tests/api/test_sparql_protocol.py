"""/sparql through the Flask test client: the SPARQL 1.1 Protocol's three ways in, content
negotiation with q-values, refusals (update 403, SERVICE/FROM 400, syntax 400), the cap."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote, urlencode

import pytest
from rdflib import Graph

SELECT = "SELECT ?goal ?label WHERE { ?goal a sam:Goal ; rdfs:label ?label . FILTER(LANG(?label) = 'en') } ORDER BY ?goal"
ASK = "ASK { ?goal a sam:Goal }"
CONSTRUCT = "CONSTRUCT { ?goal a sam:Goal } WHERE { ?goal a sam:Goal }"
GOALS_EXEMPELBY = ["https://w3id.org/samsyn/id/exempelby/goal/fler-jobb",
                   "https://w3id.org/samsyn/id/exempelby/goal/rent-hav"]


def get(client, query, accept=None, **params):
    headers = {"Accept": accept} if accept else {}
    extra = "".join(f"&{k}={quote(v)}" for k, v in params.items())
    return client.get(f"/sparql?query={quote(query)}{extra}", headers=headers)


def test_get_post_form_and_post_query_give_the_same_answer(exempelby):
    by_get = get(exempelby, SELECT, "application/sparql-results+json")
    by_form = exempelby.post("/sparql", data={"query": SELECT}, headers={"Accept": "application/sparql-results+json"})
    by_body = exempelby.post("/sparql", data=SELECT.encode(), content_type="application/sparql-query",
                             headers={"Accept": "application/sparql-results+json"})
    for response in (by_get, by_form, by_body):
        assert response.status_code == 200, response.data
        assert response.mimetype == "application/sparql-results+json"
        data = response.get_json(force=True)
        assert data["head"]["vars"] == ["goal", "label"]
        assert [b["goal"]["value"] for b in data["results"]["bindings"]] == GOALS_EXEMPELBY
    assert by_get.data == by_form.data == by_body.data


@pytest.mark.parametrize("accept, media", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.9, text/tab-separated-values;q=0.1", "application/sparql-results+xml"),
    ("application/sparql-results+json;q=0.2, text/tab-separated-values", "text/tab-separated-values"),
    ("text/html, text/csv;q=0.8", "text/csv"),
])
def test_select_negotiates_by_q_value(exempelby, accept, media):
    response = get(exempelby, SELECT, accept)
    assert response.status_code == 200
    assert response.mimetype == media
    body = response.data.decode()
    if media == "text/csv":
        rows = list(csv.reader(io.StringIO(body)))
        assert rows[0] == ["goal", "label"]
        assert [r[0] for r in rows[1:]] == GOALS_EXEMPELBY
    elif media == "text/tab-separated-values":
        lines = body.splitlines()
        assert lines[0] == "?goal\t?label"
        assert lines[1] == f'<{GOALS_EXEMPELBY[0]}>\t"More jobs"@en'
    elif media == "application/sparql-results+xml":
        assert "<sparql" in body and GOALS_EXEMPELBY[1] in body and 'xml:lang="en"' in body


@pytest.mark.parametrize("accept, media, expected", [
    ("application/sparql-results+json", "application/sparql-results+json", '"boolean": true'),
    ("application/sparql-results+xml", "application/sparql-results+xml", "<boolean>true</boolean>"),
    ("text/csv", "text/csv", "true"),
    ("text/tab-separated-values", "text/tab-separated-values", "true"),
])
def test_ask_in_every_results_format(exempelby, accept, media, expected):
    response = get(exempelby, ASK, accept)
    assert response.status_code == 200
    assert response.mimetype == media
    assert expected in response.data.decode()
    no = get(exempelby, "ASK { ?x a sam:NoSuchClass }", accept)
    assert "false" in no.data.decode()


@pytest.mark.parametrize("accept, media, fmt", [
    ("text/turtle", "text/turtle", "turtle"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
    ("*/*", "text/turtle", "turtle"),
    ("application/rdf+xml;q=0.3, application/ld+json;q=0.7", "application/ld+json", "json-ld"),
])
def test_construct_negotiates_rdf_formats(exempelby, accept, media, fmt):
    response = get(exempelby, CONSTRUCT, accept)
    assert response.status_code == 200
    assert response.mimetype == media
    graph = Graph().parse(data=response.data.decode(), format=fmt)
    assert sorted(str(s) for s in graph.subjects()) == GOALS_EXEMPELBY


def test_describe_returns_the_entity(client):
    response = get(client, "DESCRIBE <https://w3id.org/samsyn/id/ronneby>", "text/turtle")
    assert response.status_code == 200
    graph = Graph().parse(data=response.data.decode(), format="turtle")
    assert {"Ronneby kommun", "Ronneby Municipality"} <= {str(o) for o in graph.objects()}


def test_format_parameter_overrides_accept(exempelby):
    response = get(exempelby, SELECT, "application/sparql-results+json", format="csv")
    assert response.mimetype == "text/csv"
    response = get(exempelby, CONSTRUCT, "text/turtle", output="json-ld")
    assert response.mimetype == "application/ld+json"


def test_nothing_acceptable_is_406(exempelby):
    response = get(exempelby, SELECT, "image/png")
    assert response.status_code == 406
    assert "SELECT" in response.data.decode()
    assert get(exempelby, CONSTRUCT, "text/csv").status_code == 406


@pytest.mark.parametrize("request_kind", ["get-update", "form-update", "body-update", "insert-as-query", "load"])
def test_updates_are_refused_with_403(exempelby, request_kind):
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    if request_kind == "get-update":
        response = exempelby.get(f"/sparql?update={quote(update)}")
    elif request_kind == "form-update":
        response = exempelby.post("/sparql", data={"update": update})
    elif request_kind == "body-update":
        response = exempelby.post("/sparql", data=update, content_type="application/sparql-update")
    elif request_kind == "insert-as-query":
        response = get(exempelby, update)
    else:
        response = get(exempelby, "LOAD <http://127.0.0.1:9/x.ttl>")
    assert response.status_code == 403
    assert "read-only" in response.data.decode()
    assert get(exempelby, "ASK { <urn:a> <urn:b> <urn:c> }", "text/csv").data.decode().splitlines()[-1] == "false"


@pytest.mark.parametrize("query, word", [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT <http://127.0.0.1:9/> { ?s ?q ?r } } }", "SERVICE"),
    ("SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://127.0.0.1:9/> { ?s ?q ?r } } }", "SERVICE"),
    ("SELECT * WHERE { { SELECT ?s WHERE { SERVICE ?endpoint { ?s ?p ?o } } } }", "SERVICE"),
    ("SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }", "FROM"),
    ("SELECT * FROM NAMED <http://127.0.0.1:9/data.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }", "FROM NAMED"),
    ("CONSTRUCT { ?s ?p ?o } FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM"),
])
def test_outbound_queries_are_refused_with_400(exempelby, query, word):
    response = get(exempelby, query)
    assert response.status_code == 400
    assert response.data.decode().startswith(word)


def test_from_the_datasets_own_graph_is_allowed(exempelby):
    query = ("SELECT ?goal FROM <https://w3id.org/samsyn/graph/strategies/exempelby> "
             "WHERE { ?goal a sam:Goal } ORDER BY ?goal")
    response = get(exempelby, query, "text/csv")
    assert response.status_code == 200
    assert response.data.decode().split()[1:] == GOALS_EXEMPELBY


def test_from_restricts_the_default_graph(exempelby):
    query = "SELECT ?goal FROM <https://w3id.org/samsyn/graph/ontology> WHERE { ?goal a sam:Goal }"
    assert get(exempelby, query, "text/csv").data.decode().split() == ["goal"]


def test_a_string_that_mentions_service_is_not_refused(exempelby):
    response = get(exempelby, 'SELECT ("SERVICE <http://x/> FROM <http://y/>" AS ?text) WHERE {}', "text/csv")
    assert response.status_code == 200


def test_syntax_error_is_400_with_the_parsers_message(exempelby):
    response = get(exempelby, "SELECT ?s WHERE { ?s ?p }")
    assert response.status_code == 400
    message = response.data.decode()
    assert message.startswith("SPARQL syntax error")
    assert "line:1" in message


def test_results_are_capped_and_the_cap_is_stated(exempelby):
    response = get(exempelby, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "text/csv")
    assert response.headers["Samsyn-Result-Limit"] == "5"
    assert response.headers["Samsyn-Result-Truncated"] == "true"
    assert response.headers["Samsyn-Result-Count"] == "5"
    assert len(response.data.decode().strip().splitlines()) == 1 + 5
    small = get(exempelby, SELECT, "text/csv")
    assert small.headers["Samsyn-Result-Truncated"] == "false"
    assert small.headers["Samsyn-Result-Count"] == "2"


def test_construct_is_capped_too(exempelby):
    response = get(exempelby, "CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples")
    assert response.headers["Samsyn-Result-Truncated"] == "true"
    assert len(response.data.decode().strip().splitlines()) == 5


@pytest.mark.parametrize("query", ["CONSTRUCT { ?a ?b ?c . ?d ?e ?f } WHERE { ?a ?b ?c . ?d ?e ?f }",
                                   "DESCRIBE ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f }"])
def test_a_construct_or_describe_cross_join_stops_at_the_cap(exempelby, query):
    # the cap counts what the engine gives: unstopped, the cross join would outlast the time limit
    response = get(exempelby, query, "application/n-triples")
    assert response.status_code == 200, response.data
    assert response.headers["Samsyn-Result-Limit"] == "5"
    assert response.headers["Samsyn-Result-Truncated"] == "true"
    triples = Graph().parse(data=response.data.decode(), format="nt")
    assert 0 < len(triples) <= 5 and response.headers["Samsyn-Result-Count"] == str(len(triples))


def test_prefixes_need_no_declaration_but_may_be_redeclared(exempelby):
    plain = get(exempelby, "SELECT ?g WHERE { ?g a sam:Goal }", "text/csv")
    declared = get(exempelby, "PREFIX sam: <https://w3id.org/samsyn/ns#>\nSELECT ?g WHERE { ?g a sam:Goal }", "text/csv")
    other = get(exempelby, "PREFIX sam: <urn:other#>\nSELECT ?g WHERE { ?g a sam:Goal }", "text/csv")
    assert sorted(plain.data.decode().split()[1:]) == GOALS_EXEMPELBY
    assert plain.data == declared.data
    assert other.data.decode().split() == ["g"]


def test_unsupported_post_and_protocol_dataset_parameters(exempelby):
    assert exempelby.post("/sparql", data="{}", content_type="application/json").status_code == 415
    response = exempelby.get(f"/sparql?query={quote(SELECT)}&default-graph-uri={quote('http://127.0.0.1:9/')}")
    assert response.status_code == 400


def test_without_a_query_it_describes_itself(exempelby):
    response = exempelby.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and response.mimetype == "text/turtle"
    graph = Graph().parse(data=response.data.decode(), format="turtle")
    names = {str(o) for o in graph.objects(None, __import__("rdflib").URIRef("http://www.w3.org/ns/sparql-service-description#name"))}
    assert "https://w3id.org/samsyn/graph/strategies/exempelby" in names
    browser = exempelby.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert browser.status_code == 302 and browser.location.endswith("/query")


def test_cors_lets_other_origins_read(exempelby):
    response = get(exempelby, ASK, "application/sparql-results+json")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert exempelby.open("/sparql", method="OPTIONS").status_code == 204


def test_the_bundled_graph_answers_the_saved_queries(client):
    response = client.post("/sparql", data={"query": "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s sam:issuedBy ?o }"},
                           headers={"Accept": "application/sparql-results+json"})
    assert json.loads(response.data)["results"]["bindings"][0]["n"]["value"] == "5"


def test_the_query_page_says_a_graph_is_cut_in_triples(exempelby):
    page = exempelby.get("/query?" + urlencode({"query": "CONSTRUCT WHERE { ?s ?p ?o }", "lang": "en"})).data.decode()
    assert 'id="capped"' in page and "cut to the first 5 triples" in page
    page = exempelby.get("/query?" + urlencode({"query": "SELECT * WHERE { ?s ?p ?o }", "lang": "en"})).data.decode()
    assert 'id="capped"' in page and "cut to the first 5 rows" in page
