"""A strategy that refers to no framework with concepts (Hylte, Värmdö) gets suggestions among
every framework but a region's own, and every face says so: the store (sam:chosenAmong), the CSV
and JSON of /suggestions, and the entity page."""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

from samsyn.graph.text.suggest import FALLBACK, REFERRED
from samsyn.graph.text.suggested import read_suggestions

HYLTE, RONNEBY = "https://w3id.org/samsyn/id/hylte/", "https://w3id.org/samsyn/id/ronneby/"


def _first(store, prefix: str):
    return next(s for s in read_suggestions(store) if s.entity.startswith(prefix))


def test_the_store_keeps_which_concepts_a_suggestion_was_chosen_among(bundled_store):
    among = {s.entity.split("/")[5]: s.among for s in read_suggestions(bundled_store)}
    assert among["hylte"] == FALLBACK and among["ronneby"] == REFERRED


def test_the_csv_and_json_say_it(client, bundled_store):
    hylte = _first(bundled_store, HYLTE)
    rows = list(csv.DictReader(io.StringIO(client.get("/suggestions.csv?" + urlencode({"entity": hylte.entity})).text)))
    assert rows and {row["among"] for row in rows} == {"fallback"}
    ronneby = _first(bundled_store, RONNEBY)
    rows = list(csv.DictReader(io.StringIO(client.get("/suggestions.csv?" + urlencode({"entity": ronneby.entity})).text)))
    assert rows and {row["among"] for row in rows} == {"referred"}


def test_the_entity_page_says_so_where_it_falls_back(client, bundled_store):
    hylte, ronneby = _first(bundled_store, HYLTE), _first(bundled_store, RONNEBY)
    page = client.get(hylte.entity.replace("https://w3id.org/samsyn", "") + "?lang=en").text
    assert 'id="suggested-fallback"' in page and "refers to no framework with concepts" in page
    page = client.get(ronneby.entity.replace("https://w3id.org/samsyn", "") + "?lang=en").text
    assert 'id="suggested-list"' in page and 'id="suggested-fallback"' not in page
