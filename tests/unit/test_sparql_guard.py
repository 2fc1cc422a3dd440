"""graph.sparql_guard.prepare: the one check every face runs a person's query through."""

from __future__ import annotations

import pytest

from samsyn.graph.sparql_guard import PROLOGUE, QueryError, prepare

OWN = "https://w3id.org/samsyn/graph/strategies/exempelby"


def never() -> list[str]:
    raise AssertionError("the store's graphs were looked up for a query that names none")


def test_a_query_gets_the_usual_prefixes_and_its_form():
    prepared = prepare("CONSTRUCT { ?g a sam:Goal } WHERE { ?g a sam:Goal }", never)
    assert prepared.form == "CONSTRUCT"
    assert prepared.text.startswith(PROLOGUE + " ") and "\n" not in PROLOGUE  # line numbers stay right


def test_from_the_stores_own_graph_is_allowed():
    assert prepare(f"SELECT * FROM <{OWN}> WHERE {{ ?s ?p ?o }}", lambda: [OWN]).form == "SELECT"


@pytest.mark.parametrize("query, message", [
    ("SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
     f"FROM NAMED <http://example.org/g>: samsyn queries only its own named graphs and loads nothing from elsewhere; the graphs are: {OWN}"),
    ("ASK { FILTER EXISTS { SERVICE <http://example.org/sparql> { ?s ?p ?o } } }",
     "SERVICE <http://example.org/sparql>: samsyn makes no requests to other services"),
    ("SELECT * WHERE { { SELECT ?s WHERE { SERVICE ?where { ?s ?p ?o } } } }", "SERVICE ?where"),
    ("LOAD <http://example.org/data.ttl>", "samsyn is read-only"),
    ("   ", "the query is empty"),
    ("SELECT * WHERE { ?s a nope:Thing }", "SPARQL query error: Unknown namespace prefix : nope"),
])
def test_refused_with_one_line(query, message):
    with pytest.raises(QueryError) as refused:
        prepare(query, lambda: [OWN])
    assert message in refused.value.message and "\n" not in refused.value.message
    assert refused.value.status == (403 if query.startswith("LOAD") else 400)


def test_the_word_service_in_a_string_is_no_service_call():
    assert prepare('SELECT * WHERE { ?s ?p "SERVICE <http://example.org/>" }', never).form == "SELECT"
