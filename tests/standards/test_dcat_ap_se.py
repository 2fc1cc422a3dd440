"""samsyn's DCAT description as DIGG's validator sees it: DCAT-AP 3.0.0's SHACL shapes with the
Swedish additions (dcat-ap-se/, vendored with their licences) and the EU vocabulary values it
uses, checked by pyshacl; and against DCAT-AP-SE 2.0.0's RDForms templates' choices (licence,
access rights, availability, theme taxonomy, publisher type, media types) and recommended
properties.

The shapes give every download, access and endpoint URL the class rdfs:Resource, which any IRI
has under RDFS entailment and none has without it: the description is validated with RDFS
entailment (zero violations), and without it those are the only results (DIGG's validator lifts
the same ones with its overrides)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from samsyn.graph.catalog import CATALOG, DATASET, LICENSE, PUBLISHER, dcat_description
from samsyn.graph.exporting import description, latest_modified, strategy_period
from samsyn.graph.namespaces import DCAT, DCTERMS

HERE = Path(__file__).parent / "dcat-ap-se"
SH = "http://www.w3.org/ns/shacl#"
DCATAP = "http://data.europa.eu/r5r/"

# DCAT-AP-SE 2.0.0's choices, from its RDForms templates (github.com/DIGGSweden/DCAT-AP-SE, templates/)
#: commons/dcat:dcterms:cc-license-choices
LICENCE_CHOICES = {f"http://creativecommons.org/licenses/{kind}/4.0/" for kind in
                   ("by", "by-nc", "by-nc-nd", "by-nc-sa", "by-nd", "by-sa")} | \
    {"http://creativecommons.org/publicdomain/zero/1.0/"}
#: dcat:Catalog/dcat:dcterms:license_ca: "In Sweden we require the license on the catalog to be CC0-1.0"
CATALOG_LICENCE = "http://creativecommons.org/publicdomain/zero/1.0/"
#: commons/dcat:dcterms:accessRights
ACCESS_RIGHTS = {f"http://publications.europa.eu/resource/authority/access-right/{code}"
                 for code in ("NON_PUBLIC", "PUBLIC", "RESTRICTED")}
#: dcat:Distribution/dcatap:availability
AVAILABILITY = {f"{DCATAP}availability/{code}" for code in ("temporary", "experimental", "available", "stable")}
#: dcat:Catalog/dcat:themeTaxonomy_ca
THEME_TAXONOMY = "http://publications.europa.eu/resource/authority/data-theme"
#: dcat:foaf:Agent/adms:publishertype
PUBLISHER_TYPES = {f"http://purl.org/adms/publishertype/{kind}" for kind in (
    "Academia-ScientificOrganisation", "Company", "IndustryConsortium", "LocalAuthority", "NationalAuthority",
    "NonGovernmentalOrganisation", "NonProfitOrganisation", "PrivateIndividual(s)", "RegionalAuthority",
    "StandardisationBody", "SupraNationalAuthority")}
#: dcat:Distribution/dcat:format-group_di: the common media types, and the pattern for others
MEDIA_TYPES = {"text/csv", "text/csv+zip", "application/xml", "application/xml+zip", "application/json",
               "application/json+zip", "application/zip", "text/html", "application/vnd.ms-excel", "application/pdf",
               "text/plain", "application/n-triples", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
               "application/vnd.oasis.opendocument.spreadsheet", "application/rdf+xml", "application/sparql-query",
               "text/turtle"}
OTHER_MEDIA_TYPE = re.compile(r"^\w+\/[-.\w]+(?:\+[-.\w]+)?(\s*;\s*\w+=\w+)?$")
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(HERE / "dcat-ap-SHACL.ttl").parse(HERE / "dcat-ap-se-additions.ttl")


@pytest.fixture(scope="module")
def held(bundled_store) -> Graph:
    """The description the bundled build stored in graph/catalog."""
    return description(bundled_store)


def results(description_graph: Graph, shapes: Graph, inference: str) -> list[tuple[str, str, str, str]]:
    """(focus node, path, constraint component, value) of every violation."""
    data = Graph()
    for triple in description_graph:
        data.add(triple)
    data.parse(HERE / "eu-vocabularies.ttl")
    _, report, _ = validate(data, shacl_graph=shapes, inference=inference, advanced=True)
    found = report.query(f"""PREFIX sh: <{SH}>
        SELECT ?focus ?path ?component ?value WHERE {{
          ?result a sh:ValidationResult ; sh:resultSeverity sh:Violation ; sh:focusNode ?focus ;
                  sh:sourceConstraintComponent ?component .
          OPTIONAL {{ ?result sh:resultPath ?path }} OPTIONAL {{ ?result sh:value ?value }} }}""")
    return sorted(tuple("" if v is None else str(v) for v in row) for row in found)


def test_the_stored_description_is_the_description(bundled_store, held):
    made = dcat_description(latest_modified(bundled_store), strategy_period(bundled_store))
    assert set(held) == set(made)


def test_zero_violations_against_dcat_ap_and_the_swedish_additions(held, shapes):
    assert results(held, shapes, "rdfs") == []


def test_without_entailment_only_the_urls_lack_the_class_rdfs_resource(held, shapes):
    found = results(held, shapes, "none")
    assert found, "the shapes ask every URL to be an rdfs:Resource"
    assert {(path, component) for _, path, component, _ in found} <= {
        (str(DCAT[p]), SH + "ClassConstraintComponent")
        for p in ("accessURL", "downloadURL", "endpointURL", "endpointDescription")}


def test_the_shapes_find_what_is_missing(held, shapes):
    """The check can fail: a licence not typed, a distribution without its access URL, a
    catalogue without its licence (DIGG's addition) are violations."""
    broken = Graph()
    for s, p, o in held:
        if (p == RDF.type and o == DCTERMS.LicenseDocument) or p == DCAT.accessURL or \
                (s == CATALOG and p == DCTERMS.license):
            continue
        broken.add((s, p, o))
    components = {(path, component) for _, path, component, _ in results(broken, shapes, "rdfs")}
    assert (str(DCTERMS.license), SH + "ClassConstraintComponent") in components
    assert (str(DCAT.accessURL), SH + "MinCountConstraintComponent") in components
    assert (str(DCTERMS.license), SH + "MinCountConstraintComponent") in components


def test_the_swedish_profiles_choices(held):
    assert str(held.value(CATALOG, DCTERMS.license)) == CATALOG_LICENCE
    assert str(held.value(CATALOG, DCAT.themeTaxonomy)) == THEME_TAXONOMY
    assert str(held.value(PUBLISHER, DCTERMS.type)) in PUBLISHER_TYPES
    assert str(held.value(DATASET, DCTERMS.accessRights)) in ACCESS_RIGHTS
    assert str(LICENSE) in LICENCE_CHOICES and str(LICENSE).startswith("http://")
    distributions = list(held.objects(DATASET, DCAT.distribution))
    assert len(distributions) == 4
    for distribution in distributions:
        assert {str(o) for o in held.objects(distribution, DCTERMS.license)} == {str(LICENSE)}
        assert str(held.value(distribution, URIRef(DCATAP + "availability"))) in AVAILABILITY
        media = str(held.value(distribution, DCAT.mediaType)).rsplit("/media-types/", 1)[1]
        assert media in MEDIA_TYPES or OTHER_MEDIA_TYPE.match(media), media
        assert str(held.value(distribution, DCTERMS["format"])).startswith(FILE_TYPE)
        assert {d.language for d in held.objects(distribution, DCTERMS.description)} == {"sv", "en"}


def test_the_recommended_properties_are_there(held):
    assert held.value(CATALOG, DCTERMS.spatial) is not None
    assert held.value(DATASET, DCTERMS.spatial) is not None
    period = held.value(DATASET, DCTERMS.temporal)
    assert (period, RDF.type, DCTERMS.PeriodOfTime) in held
    start, end = held.value(period, DCAT.startDate), held.value(period, DCAT.endDate)
    assert isinstance(start, Literal) and isinstance(end, Literal) and str(start) <= str(end)
    assert (str(start), str(end)) == ("2013", "2020")  # Ronneby 2013-09 ... Kungsbacka 2014-2020
    for node in (CATALOG, DATASET, PUBLISHER):
        assert {label.language for label in held.objects(node, RDFS.label)} == {"sv", "en"}
