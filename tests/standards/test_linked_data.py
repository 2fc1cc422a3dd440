"""Linked Data: every IRI samsyn mints dereferences, as a client that follows the w3id.org
redirect rules (docs/w3id/.htaccess) would find it on a live server, with content negotiation:
HTML, JSON, Turtle, JSON-LD with an @context, RDF/XML and N-Triples, by Accept or suffix; what
has no page answers 406 to an Accept it cannot serve. The rules are read from the file and
applied as Apache's mod_rewrite would (first matching RewriteRule, $n and %{ENV:...} filled in)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from rdflib import Graph, URIRef

from samsyn.graph.catalog import CATALOG, CONTACT, DATASET, ENDPOINT, HOMEPAGE, PERIOD, PUBLISHER, SERVICE
from samsyn.graph.exporting import description
from samsyn.graph.formats import ENTITY_FORMATS, HTML, JSON
from samsyn.graph.namespaces import DCAT, GRAPH, ID, SAM

from samsyn_standards_helpers import send

pytestmark = pytest.mark.live

HTACCESS = Path(__file__).resolve().parents[2] / "docs" / "w3id" / ".htaccess"
SITE = "https://w3id.org/samsyn/"
RULE = re.compile(r"^RewriteRule\s+(\S+)\s+(\S+)\s+\[([^\]]*)\]", re.MULTILINE)


def rules() -> tuple[str, list[tuple[re.Pattern, str, str]]]:
    text = HTACCESS.read_text(encoding="utf-8")
    deployment = re.search(r"^SetEnvIf\s+\S+\s+\S+\s+DEPLOYMENT=(\S+)", text, re.MULTILINE).group(1)
    return deployment, [(re.compile(pattern), target, flags) for pattern, target, flags in RULE.findall(text)]


def redirect(iri: str) -> tuple[str, int]:
    """Where w3id.org sends a request for `iri` (fragment dropped, as a client does): the path on
    the deployment, and the redirect's status."""
    assert iri.startswith(SITE), iri
    deployment, rewrites = rules()
    path = iri[len(SITE):].split("#", 1)[0]
    for pattern, target, flags in rewrites:
        match = pattern.match(path)
        if match:
            url = re.sub(r"\$(\d)", lambda m: match.group(int(m.group(1))) or "", target)
            url = url.replace("%{ENV:DEPLOYMENT}", deployment)
            assert url.startswith(deployment + "/"), url
            return url[len(deployment):], int(re.search(r"R=(\d+)", flags).group(1))
    raise AssertionError(f"no rule in {HTACCESS} maps {iri}")


@pytest.fixture(scope="module")
def minted(bundled_store) -> list[str]:
    """A sample of every kind of IRI samsyn mints: entities, DCAT resources and the URLs the
    description names, the vocabulary and a term, named graphs."""
    held = description(bundled_store)
    urls = {str(o) for p in (DCAT.downloadURL, DCAT.accessURL, DCAT.endpointURL, DCAT.landingPage)
            for o in held.objects(None, p)}
    return sorted({f"{ID}ronneby", f"{ID}eu2020/flagship/youth-on-the-move", str(CATALOG), str(DATASET),
                   str(PUBLISHER), str(CONTACT), str(PERIOD), str(SERVICE), f"{DATASET}/distribution/turtle",
                   str(SAM.Activity), "https://w3id.org/samsyn/ns", str(GRAPH["strategies/ronneby"]),
                   str(GRAPH["catalog"]), str(GRAPH["ontology"]), str(HOMEPAGE), str(ENDPOINT), *urls})


def test_the_w3id_rules_send_every_minted_iri_to_what_the_server_answers(live, minted):
    for iri in minted:
        path, status = redirect(iri)
        assert status in (302, 303, 307)
        if iri.startswith((str(ID), str(GRAPH), SITE + "ns")):
            assert status == 303, iri  # not the resource itself: the document about it
        answer = send(live, "GET", path, headers={"Accept": "text/turtle"})
        assert answer.status == 200, (iri, path, answer.status)
        if "#" in iri:
            page = send(live, "GET", path, headers={"Accept": "text/html"})
            assert f'id="{iri.split("#", 1)[1]}"' in page.body.decode()


def test_every_instance_in_the_store_dereferences(client, bundled_store):
    """Every IRI under id/ in the graph, as subject or object, has a page, and its Turtle says
    something about it."""
    rows = bundled_store.query(f"SELECT DISTINCT ?i WHERE {{ {{ ?i ?p ?o }} UNION {{ ?s ?p ?i }} "
                               f"FILTER(isIRI(?i) && STRSTARTS(STR(?i), '{ID}')) }}")
    instances = sorted(str(row[0]) for row in rows)
    assert len(instances) > 400
    for iri in instances:
        response = client.get("/id/" + iri[len(str(ID)):] + ".nt")
        assert response.status_code == 200, iri
        assert f"<{iri}> " in response.data.decode(), iri


SAMPLES = ["/id/ronneby", "/id/dataset/samsyn", "/id/dataset/samsyn/distribution/trig", "/ns",
           "/graph/strategies/ronneby", "/graph/catalog"]


def parsed(answer, fmt) -> Graph:
    if fmt.name == "json-ld":
        assert "@context" in json.loads(answer.body)
    return Graph().parse(data=answer.body, format=fmt.rdflib)


@pytest.mark.parametrize("path", SAMPLES)
def test_each_format_by_accept_and_by_suffix(live, path):
    by_format = {}
    for fmt in ENTITY_FORMATS:
        negotiated = send(live, "GET", path, headers={"Accept": fmt.media_type})
        suffixed = send(live, "GET", path + fmt.suffix)
        for answer in (negotiated, suffixed):
            assert answer.status == 200 and answer.media_type == fmt.media_type, (path, fmt.name, answer.status)
        assert negotiated.headers["Content-Location"] == path + fmt.suffix
        assert "Accept" in negotiated.headers["Vary"]
        by_format[fmt.name] = parsed(negotiated, fmt)
        assert len(by_format[fmt.name]) == len(parsed(suffixed, fmt)) > 0
    sizes = {name: len(graph) for name, graph in by_format.items()}
    assert len(set(sizes.values())) == 1, sizes
    page = send(live, "GET", path, headers={"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    assert page.status == 200 and page.media_type == HTML.media_type
    assert all(f'<{path}{fmt.suffix}>; rel="alternate"' in page.headers["Link"] for fmt in ENTITY_FORMATS)
    twin = send(live, "GET", path, headers={"Accept": JSON.media_type})
    assert twin.status == 200 and twin.media_type == JSON.media_type


def test_what_has_no_page_answers_406_and_a_page_falls_back_to_html(live):
    for path in ("/downloads/samsyn", "/downloads/dcat", "/sparql"):
        assert send(live, "GET", path, headers={"Accept": "image/png"}).status == 406, path
    page = send(live, "GET", "/id/ronneby", headers={"Accept": "image/png"})
    assert page.status == 200 and page.media_type == HTML.media_type


def test_the_vocabulary_page_has_an_anchor_for_every_term(live, bundled_store):
    terms = {str(row[0]) for row in bundled_store.query(
        f"SELECT DISTINCT ?t WHERE {{ GRAPH <{GRAPH['ontology']}> {{ ?t ?p ?o }} FILTER(STRSTARTS(STR(?t), '{SAM}')) }}")}
    html = send(live, "GET", "/ns", headers={"Accept": "text/html"}).body.decode()
    anchors = set(re.findall(r'<article class="term" id="([^"]+)"', html))
    assert anchors == {t[len(str(SAM)):] for t in terms}
    assert len(anchors) > 90


def test_construct_in_json_ld_carries_a_context(live):
    answer = send(live, "GET", "/sparql?query=CONSTRUCT%20WHERE%20%7B%20%3Fs%20a%20sam%3AStrategy%20%7D",
                  headers={"Accept": "application/ld+json"})
    assert answer.status == 200
    data = json.loads(answer.body)
    assert data["@context"]["sam"] == str(SAM)
    assert len(Graph().parse(data=answer.body, format="json-ld")) == 5


def test_the_download_urls_are_the_exported_files(live, bundled_store):
    held = description(bundled_store)
    for distribution in held.objects(URIRef(str(DATASET)), DCAT.distribution):
        url = str(held.value(distribution, DCAT.downloadURL))
        media = str(held.value(distribution, DCAT.mediaType)).rsplit("/media-types/", 1)[1]
        path, _ = redirect(url)
        answer = send(live, "GET", urlsplit(path).path)
        assert answer.status == 200 and answer.media_type == media, url
        assert answer.headers["Content-Disposition"].endswith(f'filename="{url.rsplit("/", 1)[1]}"')
