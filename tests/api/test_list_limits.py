"""Lists that grow with the data are cut on the pages, with their full counts: who points at an
entity and what reaches a concept (entity pages), result rows (the query page)."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import URIRef

from samsyn.graph import named_queries as query
from samsyn.graph.namespaces import SAM

LIMIT = 5
CONCEPT = "https://w3id.org/samsyn/id/eusbsr/objective/save-the-sea"


@pytest.fixture(scope="module")
def limited(make_app, synth_store, synth_path):
    return make_app(synth_store, [synth_path], ENTITY_LIST_LIMIT=LIMIT, QUERY_PAGE_ROWS=10)


def test_a_concept_page_cuts_its_lists_and_keeps_the_counts(limited):
    store = limited.extensions["samsyn"].knowledge.store
    data = limited.test_client().get("/id/eusbsr/objective/save-the-sea.json").get_json()

    reaching = {str(r[0]) for r in store.query(
        "SELECT ?e WHERE { ?e <https://w3id.org/samsyn/ns#reaches> ?c }", {"c": URIRef(CONCEPT)})}
    assert data["reachingCount"] == len(reaching) > LIMIT
    assert len(data["reaching"]) == LIMIT and {v["iri"] for v in data["reaching"]} <= reaching

    # incoming links are what the sources state: the inferred reach and coverage are shown apart
    mentions = Counter(str(r[0]) for r in store.query(
        "SELECT DISTINCT ?p ?s WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s) && !STRSTARTS(STR(?g), "
        "'https://w3id.org/samsyn/graph/inferred/') && !STRSTARTS(STR(?g), 'https://w3id.org/samsyn/graph/suggested/')) }",
        {"o": URIRef(CONCEPT)}))
    assert {t["property"]: t["count"] for t in data["incomingTotals"]} == dict(mentions)
    assert str(SAM.reaches) not in dict(mentions) and str(SAM.concept) not in dict(mentions)
    for total in data["incomingTotals"]:
        assert total["shown"] == min(total["count"], LIMIT)
        assert sum(1 for row in data["incoming"] if row["property"] == total["property"]) == total["shown"]

    cells = {str(r.organisation): (int(r.goals), int(r.priorityAreas), int(r.activities))
             for r in query.run(store, "coverage") if str(r.concept) == CONCEPT}
    listed = {o["iri"]: (o["goals"], o["priorityAreas"], o["activities"]) for o in data["reachingByOrganisation"]}
    assert listed == {org: cell for org, cell in cells.items() if sum(cell)}
    assert all(o["reach"].startswith("/reach?organisation=") for o in data["reachingByOrganisation"])


def test_the_html_says_how_many_are_not_shown(limited):
    html = limited.test_client().get("/id/eusbsr/objective/save-the-sea?lang=en").get_data(as_text=True)
    assert f"{LIMIT} of " in html and "all of them are in the SPARQL endpoint" in html
    assert 'id="reaching-organisations"' in html


def test_the_query_page_shows_the_first_rows_and_the_twin_has_them_all(limited):
    client = limited.test_client()
    html = client.get("/query?name=coverage&lang=en").get_data(as_text=True)
    assert html.count("<tr>") - 1 == 10  # header row + 10
    assert "The first 10 of" in html
    data = client.get("/query.json?name=coverage").get_json()
    assert len(data["result"]["results"]["results"]["bindings"]) == data["result"]["count"] > 10
