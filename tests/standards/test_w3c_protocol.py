"""The W3C SPARQL 1.1 Protocol tests (protocol/manifest.ttl, vendored unchanged from
w3c/rdf-tests) against /sparql on a live server: every query test of the manifest, each request
sent as the manifest writes it (method, path, headers, body and its encoding), its status,
result format and boolean checked as the manifest expects.

The manifest's data graphs are kasei.us documents (data0.rdf ... data3.rdf) that each state
themselves a foaf:Document. Here each stands for one of samsyn's graphs and a resource that graph
states a sam:Strategy: the IRI in default-graph-uri, named-graph-uri, FROM and FROM NAMED
becomes the graph's, elsewhere in a query the resource's. The update tests are not run: the
endpoint is read-only (tests/api/test_sparql_protocol.py checks that updates get 403)."""

from __future__ import annotations

import json
import re
import xml.dom.minidom
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF

from samsyn.graph.formats import GRAPH_FORMATS, RESULTS_JSON, RESULTS_XML, RESULT_FORMATS
from samsyn.graph.namespaces import GRAPH, SAM

from samsyn_standards_helpers import Answer, send

pytestmark = pytest.mark.live

MANIFEST = Path(__file__).parent / "protocol" / "manifest.ttl"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
KASEI = "http://kasei.us/2009/09/sparql/data/"
#: the manifest's data documents -> the samsyn graph standing for each
STAND_INS = {"data0.rdf": GRAPH["ontology"], "data1.rdf": GRAPH["strategies/ronneby"],
             "data2.rdf": GRAPH["strategies/hylte"], "data3.rdf": GRAPH["strategies/kungsbacka"]}
DATASET_PARAMETERS = ("default-graph-uri", "named-graph-uri")
#: media types each expected result format may come in
EXPECTED_MEDIA = {"boolean": {RESULTS_JSON.media_type, RESULTS_XML.media_type},
                  "tabular": {fmt.media_type for fmt in RESULT_FORMATS},
                  "RDF": {fmt.media_type for fmt in GRAPH_FORMATS}}


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: str | None
    encoding: str
    statuses: frozenset[str]  # "2xx", "3xx", "4xx"
    format: str | None
    boolean: bool | None


def _requests(manifest: Graph, test) -> list[Request]:
    out = []
    for request in Collection(manifest, manifest.value(manifest.value(test, MF.action), HT.requests)):
        headers_list = manifest.value(request, HT.headers)
        headers = {str(manifest.value(h, HT.fieldName)): str(manifest.value(h, HT.fieldValue))
                   for h in (Collection(manifest, headers_list) if headers_list else [])}
        body = manifest.value(request, HT.body)
        response = manifest.value(request, HT.resp)
        boolean = manifest.value(response, MF.expectedBoolean)
        fmt = manifest.value(response, MF.expectedFormat)
        out.append(Request(
            str(manifest.value(request, HT.methodName)), str(manifest.value(request, HT.absolutePath)), headers,
            str(manifest.value(body, CNT.chars)) if body else None,
            str(manifest.value(body, CNT.characterEncoding) or "UTF-8") if body else "UTF-8",
            frozenset(str(s).rsplit("StatusCode", 1)[1] for s in manifest.objects(response, MF.expectedStatus)),
            str(fmt) if fmt is not None else None, boolean.toPython() if boolean is not None else None))
    return out


def query_tests() -> list[tuple[str, list[Request]]]:
    """The manifest's query tests (query_*, bad_query_*, bad_multiple_queries); the others are
    update tests (update_*, bad_update_*, bad_multiple_updates)."""
    manifest = Graph().parse(MANIFEST, format="turtle")
    root = next(manifest.subjects(RDF.type, MF.Manifest))
    tests = []
    for test in Collection(manifest, manifest.value(root, MF.entries)):
        name = str(test).rsplit("#", 1)[1]
        if "update" not in name:
            tests.append((name, _requests(manifest, test)))
    return tests


QUERY_TESTS = query_tests()


@pytest.fixture(scope="module")
def resources(bundled_store) -> dict[str, str]:
    """Each stand-in graph -> the resource it states a sam:Strategy (the ontology: none needed)."""
    found = {}
    for name, graph in STAND_INS.items():
        rows = list(bundled_store.query(f"SELECT ?s WHERE {{ GRAPH <{graph}> {{ ?s a <{SAM.Strategy}> }} }}"))
        if rows:
            found[name] = str(rows[0][0])
    assert len(found) == 3, found
    return found


def adapt_query(text: str, resources: dict[str, str]) -> str:
    """A manifest query on samsyn's graphs: kasei IRIs after FROM / FROM NAMED name the stand-in
    graph, elsewhere its resource."""
    def graph(match: re.Match) -> str:
        return f"{match.group(1)}<{STAND_INS[match.group(2)]}>"

    text = re.sub(r"(FROM\s+(?:NAMED\s+)?)<" + re.escape(KASEI) + r"([^>]+)>", graph, text, flags=re.IGNORECASE)
    return re.sub("<" + re.escape(KASEI) + r"([^>]+)>", lambda m: f"<{resources[m.group(1)]}>", text)


def adapt_parameters(pairs: list[tuple[str, str]], resources: dict[str, str]) -> list[tuple[str, str]]:
    out = []
    for key, value in pairs:
        if key in DATASET_PARAMETERS and value.startswith(KASEI):
            value = str(STAND_INS[value[len(KASEI):]])
        elif key == "query":
            value = adapt_query(value, resources)
        out.append((key, value))
    return out


def adapt(request: Request, resources: dict[str, str]) -> tuple[str, bytes | None, dict[str, str]]:
    """The request's path, body (encoded as the manifest says) and headers, on samsyn's graphs."""
    parts = urlsplit(request.path)
    assert parts.path.startswith("/sparql")
    query_string = urlencode(adapt_parameters(parse_qsl(parts.query, keep_blank_values=True), resources))
    path = "/sparql" + (f"?{query_string}" if query_string else "")
    body = request.body
    content_type = request.headers.get("content-type", "").split(";")[0].strip()
    if body is not None and content_type == "application/x-www-form-urlencoded":
        body = urlencode(adapt_parameters(parse_qsl(body, keep_blank_values=True), resources))
    elif body is not None and content_type == "application/sparql-query":
        body = adapt_query(body, resources)
    return path, (body.encode(request.encoding.lower()) if body is not None else None), request.headers


def answered_boolean(answer: Answer) -> bool:
    if answer.media_type == RESULTS_JSON.media_type:
        return json.loads(answer.body)["boolean"]
    document = xml.dom.minidom.parseString(answer.body)
    return document.getElementsByTagName("boolean")[0].firstChild.data.strip() == "true"


def check_format(expected: str, answer: Answer) -> None:
    assert answer.media_type in EXPECTED_MEDIA[expected], answer.media_type
    if expected == "tabular" and answer.media_type == RESULTS_JSON.media_type:
        assert "bindings" in json.loads(answer.body)["results"]
    if expected == "RDF":
        fmt = next(f for f in GRAPH_FORMATS if f.media_type == answer.media_type)
        assert len(Graph().parse(data=answer.body, format=fmt.rdflib)) >= 0


def test_the_manifest_has_its_twenty_query_tests():
    assert len(QUERY_TESTS) == 20
    assert {name for name, _ in QUERY_TESTS} >= {"query_dataset_full", "query_multiple_dataset", "bad_multiple_queries",
                                                 "bad_query_non_utf8", "query_content_type_construct"}


@pytest.mark.parametrize("name, requests", QUERY_TESTS, ids=[name for name, _ in QUERY_TESTS])
def test_w3c_protocol(live, resources, name, requests):
    for request in requests:
        path, body, headers = adapt(request, resources)
        answer = send(live, request.method, path, body, headers)
        assert f"{str(answer.status)[0]}xx" in request.statuses, (answer.status, answer.body[:300])
        if request.format:
            check_format(request.format, answer)
        if request.boolean is not None:
            assert answered_boolean(answer) is request.boolean


def test_the_stand_ins_are_what_the_dataset_tests_need(bundled_store, resources):
    """Each stand-in resource is stated a sam:Strategy in its own graph only, as each kasei
    document states itself a foaf:Document in its own: the dataset tests pass only when the
    request's dataset is the one evaluated."""
    for name, resource in resources.items():
        graphs = {str(row[0]) for row in bundled_store.query(
            f"SELECT ?g WHERE {{ GRAPH ?g {{ <{resource}> a <{SAM.Strategy}> }} }}")}
        assert graphs == {str(STAND_INS[name])}


def test_a_query_is_adapted_graph_for_graph():
    resources = {"data1.rdf": "urn:r1", "data3.rdf": "urn:r3"}
    text = f"ASK FROM <{KASEI}data3.rdf> FROM NAMED <{KASEI}data1.rdf> {{ <{KASEI}data1.rdf> a ?t }}"
    assert adapt_query(text, resources) == (f"ASK FROM <{STAND_INS['data3.rdf']}> FROM NAMED "
                                            f"<{STAND_INS['data1.rdf']}> {{ <urn:r1> a ?t }}")
    assert isinstance(STAND_INS["data1.rdf"], URIRef)
