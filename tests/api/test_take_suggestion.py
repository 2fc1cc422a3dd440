"""A strategist takes a suggestion into the organisation's workbook in one step: the entity page
links a download of the workbook with the suggestion as an asserted alignment row, marked as an
accepted suggestion. End to end: the workbook reads back (graph.workbook) with the new link, the
/workbook page previews and publishes it, and a build from it counts it in coverage."""

from __future__ import annotations

import io
from urllib.parse import urlencode

import openpyxl
import pytest
from rdflib import URIRef

from samsyn.graph import coverage
from samsyn.graph.building import build
from samsyn.graph.namespaces import ID, SAM
from samsyn.graph.text.suggested import read_suggestions
from samsyn.graph.workbook import read_workbook

TOKEN = "a-long-enough-write-token-for-tests"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cells(store) -> dict[tuple[str, str], int]:
    return {(str(r["organisation"]), str(r["concept"])): r["goals"] + r["priorityAreas"] + r["activities"]
            for r in coverage(store)}


def _a_gap_a_suggestion_would_fill(store):
    """An unstated suggestion whose concept is a coverage cell of its organisation with nothing in it."""
    cells = _cells(store)
    for suggestion in read_suggestions(store):
        organisation = suggestion.entity.split("/id/")[1].split("/")[0]
        if cells.get((str(ID[organisation]), suggestion.concept)) == 0:
            return suggestion, str(ID[organisation])
    pytest.fail("the bundled data should have a suggestion into a gap")


def _csrf(client) -> str:
    return client.get("/workbook.json").get_json()["csrf"]


def test_a_suggestion_goes_into_the_workbook_in_one_step_and_counts_once_published(make_app, folder, tmp_path):
    store = build([folder])
    suggestion, organisation = _a_gap_a_suggestion_would_fill(store)
    app = make_app(store, [folder], WRITE_TOKEN=TOKEN)
    client = app.test_client()

    # the entity page offers the download for what the document does not state
    section = client.get(f"/id/{suggestion.entity.split('/id/')[1]}.json?lang=sv").get_json()["suggested"]
    item = next(i for i in section["items"] if i["concept"]["iri"] == suggestion.concept)
    assert item["stated"] is False and item["workbook"].startswith("/suggestions/workbook.xlsx?")

    download = client.get(item["workbook"])
    assert download.status_code == 200 and download.mimetype == XLSX
    slug = organisation.split("/id/")[1]
    assert download.headers["Content-Disposition"] == f'attachment; filename="{slug}.xlsx"'
    workbook = tmp_path / "downloaded.xlsx"
    workbook.write_bytes(download.data)

    # read back by graph.workbook: the asserted link is there, marked where a person sees it
    graph = read_workbook(workbook)
    assert (URIRef(suggestion.entity), SAM.alignsWith, URIRef(suggestion.concept)) in graph
    sheet = openpyxl.load_workbook(io.BytesIO(download.data))["Kopplingar"]
    noted = [row for row in sheet.iter_rows(min_row=2) if row[0].comment]
    assert len(noted) == 1 and noted[0][2].value == suggestion.concept.split("/id/")[1]
    assert "Godtaget förslag" in noted[0][0].comment.text and "inte i det antagna dokumentet" in noted[0][0].comment.text

    # the workbook page previews the gap filled, then publishes it with the write token
    checked = client.post("/workbook.json", data={"csrf": _csrf(client), "workbook": (workbook.open("rb"), "x.xlsx")},
                          content_type="multipart/form-data").get_json()["result"]
    row = next(r for r in checked["coverage"] if r["concept"] == suggestion.concept)
    assert sum(row["now"].values()) == 0 and row["goals"] + row["priorityAreas"] + row["activities"] >= 1
    published = client.post("/workbook.json", data={"csrf": _csrf(client), "action": "publish", "token": TOKEN,
                                                    "workbook": (workbook.open("rb"), "x.xlsx")},
                            content_type="multipart/form-data")
    assert published.status_code == 200, published.get_data(as_text=True)[:500]
    assert (folder / f"{slug}.xlsx").exists()

    # a build from the sources folder counts it; so does the served graph, which still has suggestions
    rebuilt = build([folder])
    assert _cells(rebuilt)[(organisation, suggestion.concept)] >= 1
    served = app.extensions["samsyn"].knowledge
    assert _cells(served.store)[(organisation, suggestion.concept)] >= 1
    assert served.suggestions(), "publishing keeps the suggestions in the served graph"
    # now stated: the suggestion says so, and there is nothing more to take in
    again = client.get(f"/id/{suggestion.entity.split('/id/')[1]}.json?lang=sv").get_json()["suggested"]
    assert next(i for i in again["items"] if i["concept"]["iri"] == suggestion.concept)["stated"] is True
    assert client.get(item["workbook"]).status_code == 409


def test_only_a_suggestion_can_be_taken(client):
    for query in ({"entity": "https://w3id.org/samsyn/id/ronneby", "concept": "x"}, {"entity": "<script>"}, {}):
        answer = client.get("/suggestions/workbook.xlsx?" + urlencode(query))
        assert answer.status_code == 404 and answer.mimetype != XLSX


def test_a_graph_built_without_suggestions_says_so(make_app):
    client = make_app(build(suggestions=False)).test_client()
    data = client.get("/suggestions.json").get_json()
    assert data["built"] is False and data["count"] == 0
    assert "--no-suggestions" in client.get("/suggestions?lang=en").get_data(as_text=True)
    assert client.get("/id/ronneby/priority-area/unga-pa-vag.json").get_json()["suggested"] is None
    built = make_app(build()).test_client().get("/suggestions.json").get_json()
    assert built["built"] is True and built["count"] > 0
