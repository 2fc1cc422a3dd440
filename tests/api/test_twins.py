"""Every page's machine-readable twin: the `.json` suffix and the Accept header give the same
JSON, and each points at the other with Link rel="alternate"."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from rdflib import Graph, URIRef

ORG = "https://w3id.org/samsyn/id/exempelby"
FLAGSHIP = "https://w3id.org/samsyn/id/eu2020/flagship/agenda-for-new-skills-and-jobs"
REACH = f"/reach?organisation={quote(ORG)}&concept={quote(FLAGSHIP)}"

PAGES = [
    ("/", "/index.json"),
    ("/graph", "/graph.json"),
    ("/validate", "/validate.json"),
    ("/query", "/query.json"),
    ("/downloads", "/downloads.json"),
    ("/id/exempelby/goal/fler-jobb", "/id/exempelby/goal/fler-jobb.json"),
    (REACH, REACH.replace("/reach?", "/reach.json?")),
]


@pytest.mark.parametrize("page, twin", PAGES)
def test_json_twin_by_suffix_and_by_accept(exempelby, page, twin):
    html = exempelby.get(page)
    assert html.status_code == 200
    assert html.mimetype == "text/html"
    assert 'rel="alternate"' in html.headers["Link"] and "application/json" in html.headers["Link"]
    assert twin.split("?")[0] in html.headers["Link"]
    by_suffix = exempelby.get(twin)
    by_accept = exempelby.get(page, headers={"Accept": "application/json"})
    for response in (by_suffix, by_accept):
        assert response.status_code == 200
        assert response.mimetype == "application/json"
        assert "text/html" in response.headers["Link"]
    assert by_suffix.get_json() == by_accept.get_json()
    assert "Accept" in html.headers["Vary"]


def test_browsers_get_html(exempelby):
    response = exempelby.get("/", headers={"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    assert response.mimetype == "text/html"


def test_home_json_has_organisations_and_the_matrix(exempelby):
    data = exempelby.get("/index.json").get_json()
    assert [o["iri"] for o in data["organisations"]] == [ORG]
    strategy = data["organisations"][0]["strategies"][0]
    assert (strategy["validFrom"], strategy["validUntil"]) == ("2020", "2023")
    assert (strategy["goals"], strategy["priorityAreas"], strategy["activities"]) == (2, 2, 3)
    rows = {r["iri"]: r for r in data["coverage"]["flagships"] if not r["heading"]}
    assert len(rows) == 7
    cell = rows[FLAGSHIP]["cells"][0]
    # Fler jobb (goal), Unga (area, serves it), Ungdomsutbyte (activity -> Unga), Jobbmässa (activity -> goal)
    assert (cell["goals"], cell["priorityAreas"], cell["activities"]) == (1, 1, 2)
    baltic = [r for r in data["coverage"]["baltic"] if not r["heading"]]
    assert {r["level"] for r in baltic} == {0, 1}
    assert sum(1 for r in baltic if r["level"] == 0) == 3


def test_reach_lists_what_a_cell_counts(exempelby):
    data = exempelby.get(REACH.replace("/reach?", "/reach.json?")).get_json()
    assert sorted(i["iri"].rsplit("/", 1)[1] for i in data["reaching"]) == ["fler-jobb", "jobbmassa", "unga", "ungdomsutbyte"]
    assert data["counts"] == {"goals": 1, "priorityAreas": 1, "activities": 2}
    youth = next(i for i in data["reaching"] if i["iri"].endswith("ungdomsutbyte"))
    assert [step["iri"].rsplit("/", 1)[1] for step in youth["traces"][0]] == ["ungdomsutbyte", "unga", "fler-jobb", FLAGSHIP.rsplit("/", 1)[1]]


def test_reach_of_nonsense_is_404(exempelby):
    assert exempelby.get("/reach?organisation=urn:x&concept=urn:y").status_code == 404
    assert exempelby.get("/reach.json").status_code == 404


ENTITY = "/id/exempelby/activity/ungdomsutbyte"
ENTITY_IRI = "https://w3id.org/samsyn/id/exempelby/activity/ungdomsutbyte"


@pytest.mark.parametrize("how, media, fmt", [
    ("accept", "text/turtle", "turtle"),
    ("accept", "application/ld+json", "json-ld"),
    ("accept", "application/n-triples", "nt"),
    (".ttl", "text/turtle", "turtle"),
    (".jsonld", "application/ld+json", "json-ld"),
    (".nt", "application/n-triples", "nt"),
])
def test_entity_rdf(exempelby, how, media, fmt):
    if how == "accept":
        response = exempelby.get(ENTITY, headers={"Accept": media})
    else:
        response = exempelby.get(ENTITY + how)
    assert response.status_code == 200
    assert response.mimetype == media
    graph = Graph().parse(data=response.data.decode(), format=fmt)
    assert (URIRef(ENTITY_IRI), URIRef("https://w3id.org/samsyn/ns#owner"),
            URIRef("https://w3id.org/samsyn/id/exempelby/unit/kommunstyrelsen")) in graph
    assert ENTITY in response.headers["Link"]


@pytest.mark.parametrize("accept, media", [
    ("text/html;q=0.5, text/turtle", "text/turtle"),  # q-values
    ("text/turtle;q=0, */*", "text/html"),  # refused, though a wildcard allows anything
    ("application/*", "application/json"),  # the JSON twin comes first among application/*
    ("text/turtle, text/html", "text/html"),  # a tie goes to the page
    ("application/ld+json;q=0.9, application/json;q=0.8, text/html;q=0.1", "application/ld+json"),
    ("image/png", "text/html"),  # nothing acceptable: the page, as for a browser
])
def test_entity_content_negotiation(exempelby, accept, media):
    response = exempelby.get(ENTITY, headers={"Accept": accept})
    assert response.status_code == 200 and response.mimetype == media


def test_entity_json(exempelby):
    data = exempelby.get(ENTITY + ".json").get_json()
    assert data["labels"] == {"sv": "Ungdomsutbyte", "en": "Youth exchange"}
    assert data["kind"] == "Activity"
    assert data["quotes"][0]["text"] == "Kommunstyrelsen ordnar ungdomsutbyten."
    assert sorted([s["iri"].rsplit("/", 1)[1] for s in path] for path in data["trace"]) == \
        [["ungdomsutbyte", "unga", "fler-jobb", "agenda-for-new-skills-and-jobs"], ["ungdomsutbyte", "unga", "youth-on-the-move"]]
    props = {row["compact"] for row in data["outgoing"]}
    assert {"sam:contributesTo", "sam:owner", "sam:statedIn"} <= props
    assert "rdfs:label" not in props
    incoming = exempelby.get("/id/exempelby/priority-area/unga.json").get_json()["incoming"]
    assert any(row["subject"]["iri"] == ENTITY_IRI and row["compact"] == "sam:contributesTo" for row in incoming)


def test_unknown_entity_is_404_in_both_forms(exempelby):
    assert exempelby.get("/id/exempelby/goal/nothing").status_code == 404
    response = exempelby.get("/id/exempelby/goal/nothing.json")
    assert response.status_code == 404 and response.get_json()["error"] == 404


def test_validate_json_is_the_library_report(exempelby, exempelby_app):
    from samsyn.shapes import validate

    data = exempelby.get("/validate.json").get_json()
    report = validate(exempelby_app.extensions["samsyn"].knowledge.store)
    assert data["report"]["counts"] == report.counts()
    assert data["conforms"] == report.conforms
    focus = {f["focus"] for g in data["groups"] for s in g["shapes"] for f in s["findings"]}
    assert "https://w3id.org/samsyn/id/exempelby/activity/strandstadning" in focus


@pytest.mark.slow
def test_downloads(exempelby, exempelby_app):
    from samsyn.graph.exporting import export

    data = exempelby.get("/downloads.json").get_json()
    assert [e["format"] for e in data["exports"]] == ["turtle", "trig", "json-ld", "nt"]
    store = exempelby_app.extensions["samsyn"].knowledge.store
    for entry in data["exports"]:
        response = exempelby.get(entry["href"])
        assert response.status_code == 200
        assert response.mimetype == entry["mediaType"]
        assert response.data == export(store, entry["format"])
    dcat = Graph().parse(data=exempelby.get("/downloads/dcat.ttl").data.decode(), format="turtle")
    assert (None, None, URIRef("http://www.w3.org/ns/dcat#Dataset")) in dcat
    assert exempelby.get("/downloads/nothing.zip").status_code == 404
    assert exempelby.get("/downloads/samsyn.zip").status_code == 404


@pytest.mark.parametrize("path, accept, media, file", [
    ("/downloads/samsyn", "application/n-triples", "application/n-triples", "samsyn.nt"),
    ("/downloads/samsyn", "application/trig;q=0.9, text/turtle;q=0.5", "application/trig", "samsyn.trig"),
    ("/downloads/samsyn", None, "text/turtle", "samsyn.ttl"),
    ("/downloads/dcat", "application/json", "application/ld+json", "dcat.jsonld"),
])
def test_downloads_by_accept(exempelby, path, accept, media, file):
    response = exempelby.get(path, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200 and response.mimetype == media
    assert response.headers["Content-Disposition"] == f'attachment; filename="{file}"'
    assert response.data == exempelby.get(f"/downloads/{file}").data


def test_downloads_nothing_acceptable_is_406(exempelby):
    response = exempelby.get("/downloads/dcat", headers={"Accept": "application/n-triples"})
    assert response.status_code == 406
    assert "text/turtle" in response.get_data(as_text=True)


def test_query_json_runs_the_query(exempelby):
    data = exempelby.get("/query.json?name=activities-without-owner").get_json()
    assert data["name"] == "activities-without-owner"
    bindings = data["result"]["results"]["results"]["bindings"]
    assert [b["activity"]["value"].rsplit("/", 1)[1] for b in bindings] == ["strandstadning"]
    csv_text = exempelby.get("/query.csv?name=activities-without-owner").data.decode()
    assert "strandstadning" in csv_text and csv_text.startswith("organisation,")


def test_query_with_a_parameter(exempelby):
    iri = quote("https://w3id.org/samsyn/id/exempelby/activity/jobbmassa")
    data = exempelby.get(f"/query.json?name=trace&entity={iri}").get_json()
    concepts = {b["concept"]["value"] for b in data["result"]["results"]["results"]["bindings"]}
    assert concepts == {"https://w3id.org/samsyn/id/eu2020/flagship/agenda-for-new-skills-and-jobs"}
    missing = exempelby.get("/query.json?name=trace")
    assert missing.status_code == 400 and "entity" in missing.get_json()["error"]["message"]
    bad = exempelby.get("/query.json?name=trace&entity=not%20an%20iri")
    assert bad.status_code == 400


def test_query_errors_keep_their_status(exempelby):
    assert exempelby.get("/query.json?query=" + quote("SELECT ?s WHERE {")).status_code == 400
    assert exempelby.get("/query.json?query=" + quote("DROP ALL")).status_code == 403
    refused = exempelby.get("/query.json?query=" + quote("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> {} }"))
    assert refused.status_code == 400 and "SERVICE" in refused.get_json()["error"]["message"]


def test_source_text_twins(client):
    text = client.get("/sources/ronneby.txt")
    assert text.mimetype == "text/plain" and "Ronneby" in text.data.decode()
    data = client.get("/sources/ronneby.json?q=" + quote("Unga på väg innebär")).get_json()
    assert data["found"] is True and data["meta"]["title"].startswith("Internationell strategi")
    assert client.get("/sources/nothing").status_code == 404
