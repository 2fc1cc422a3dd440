"""Export the knowledge graph with its DCAT description: Turtle, TriG (named graphs kept),
JSON-LD and N-Triples. The same input gives byte-identical output."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph

from .namespaces import DCAT, DCTERMS, FOAF, GRAPH, ID, PREFIXES, RDF, VCARD, XSD
from .store import Store, new_dataset

#: format name -> (file suffix, IANA media type, EU file-type authority code)
FORMATS: dict[str, tuple[str, str, str]] = {
    "turtle": (".ttl", "text/turtle", "RDF_TURTLE"),
    "trig": (".trig", "application/trig", "RDF_TRIG"),
    "json-ld": (".jsonld", "application/ld+json", "JSON_LD"),
    "nt": (".nt", "application/n-triples", "RDF_N_TRIPLES"),
}

CATALOG_GRAPH = GRAPH["catalog"]
DOWNLOAD_BASE = "https://w3id.org/samsyn/download/samsyn"
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
PUBLISHER = ID["publisher/samsyn"]
CATALOG = ID["catalog"]
DATASET = ID["dataset/samsyn"]
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
#: when the dataset was first published; modified comes from the data (dcterms:modified)
ISSUED = "2026-11-23"


def latest_modified(dataset: Dataset) -> str | None:
    """The latest dcterms:modified date in the data, if any."""
    dates = [str(o) for o in dataset.objects(None, DCTERMS.modified) if isinstance(o, Literal)]
    return max(dates) if dates else None


def dcat_description(latest: str | None = None) -> Graph:
    """A DCAT description of the export, with DCAT-AP-SE's mandatory properties: catalog
    (title, description, publisher, dataset), dataset (title, description, publisher,
    contact point), distribution (access URL) and the recommended licence, format, dates.
    `latest`: the data's latest dcterms:modified date (the description's modified date)."""
    g = Graph(identifier=CATALOG_GRAPH)
    modified = Literal(max(ISSUED, latest or ISSUED), datatype=XSD.date)
    issued = Literal(ISSUED, datatype=XSD.date)

    g.add((PUBLISHER, RDF.type, FOAF.Agent))
    g.add((PUBLISHER, FOAF.name, Literal("samsyn", lang="sv")))
    g.add((PUBLISHER, FOAF.name, Literal("samsyn", lang="en")))
    g.add((PUBLISHER, DCTERMS.type, URIRef("http://purl.org/adms/publishertype/NonProfitOrganisation")))

    g.add((CATALOG, RDF.type, DCAT.Catalog))
    g.add((CATALOG, DCTERMS.title, Literal("samsyn: katalog", lang="sv")))
    g.add((CATALOG, DCTERMS.title, Literal("samsyn: catalogue", lang="en")))
    g.add((CATALOG, DCTERMS.description, Literal("Öppna data om hur kommuners och regioners internationella strategier knyter an till EU:s och regionala ramverk.", lang="sv")))
    g.add((CATALOG, DCTERMS.description, Literal("Open data on how the international strategies of municipalities and regions tie into EU and regional frameworks.", lang="en")))
    g.add((CATALOG, DCTERMS.publisher, PUBLISHER))
    g.add((CATALOG, DCTERMS.license, LICENSE))
    g.add((CATALOG, DCTERMS.issued, issued))
    g.add((CATALOG, DCTERMS.modified, modified))
    g.add((CATALOG, DCTERMS.language, URIRef(LANGUAGE + "SWE")))
    g.add((CATALOG, DCTERMS.language, URIRef(LANGUAGE + "ENG")))
    g.add((CATALOG, FOAF.homepage, URIRef("https://w3id.org/samsyn/")))
    g.add((CATALOG, DCAT.dataset, DATASET))

    contact = ID["publisher/samsyn/contact"]
    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, VCARD.fn, Literal("samsyn")))
    g.add((contact, VCARD.hasEmail, URIRef("mailto:samsyn@w3id.org")))

    g.add((DATASET, RDF.type, DCAT.Dataset))
    g.add((DATASET, DCTERMS.title, Literal("samsyn: strategisk samsyn i internationella strategier", lang="sv")))
    g.add((DATASET, DCTERMS.title, Literal("samsyn: strategy alignment in international strategies", lang="en")))
    g.add((DATASET, DCTERMS.description, Literal("Svenska kommuners och regioners internationella strategier som länkade data: mål, prioriterade områden, aktiviteter och partnerskap, och deras koppling till Europa 2020, EU:s strategi för Östersjöregionen och regionala strategier, med källtext och sida för varje påstående.", lang="sv")))
    g.add((DATASET, DCTERMS.description, Literal("The international strategies of Swedish municipalities and regions as linked data: goals, priority areas, activities and partnerships, and how they tie into Europe 2020, the EU Strategy for the Baltic Sea Region and regional strategies, with source text and page for every statement.", lang="en")))
    g.add((DATASET, DCTERMS.publisher, PUBLISHER))
    g.add((DATASET, DCAT.contactPoint, contact))
    g.add((DATASET, DCTERMS.license, LICENSE))
    g.add((DATASET, DCTERMS.identifier, Literal(str(DATASET))))
    g.add((DATASET, DCTERMS.issued, issued))
    g.add((DATASET, DCTERMS.modified, modified))
    g.add((DATASET, DCTERMS.language, URIRef(LANGUAGE + "SWE")))
    g.add((DATASET, DCTERMS.language, URIRef(LANGUAGE + "ENG")))
    g.add((DATASET, DCTERMS.spatial, URIRef("http://publications.europa.eu/resource/authority/country/SWE")))
    g.add((DATASET, DCAT.theme, URIRef("http://publications.europa.eu/resource/authority/data-theme/GOVE")))
    g.add((DATASET, DCAT.theme, URIRef("http://publications.europa.eu/resource/authority/data-theme/REGI")))
    g.add((DATASET, DCTERMS.conformsTo, URIRef("https://w3id.org/samsyn/ns")))
    for keyword_sv, keyword_en in (("internationell strategi", "international strategy"), ("Europa 2020", "Europe 2020"),
                                   ("Östersjöstrategin", "Baltic Sea strategy"), ("kommuner", "municipalities")):
        g.add((DATASET, DCAT.keyword, Literal(keyword_sv, lang="sv")))
        g.add((DATASET, DCAT.keyword, Literal(keyword_en, lang="en")))
    for name, (suffix, media_type, file_type) in sorted(FORMATS.items()):
        distribution = ID[f"dataset/samsyn/distribution/{name}"]
        url = URIRef(DOWNLOAD_BASE + suffix)
        g.add((DATASET, DCAT.distribution, distribution))
        g.add((distribution, RDF.type, DCAT.Distribution))
        g.add((distribution, DCTERMS.title, Literal(f"samsyn ({name})", lang="sv")))
        g.add((distribution, DCTERMS.title, Literal(f"samsyn ({name})", lang="en")))
        g.add((distribution, DCAT.accessURL, url))
        g.add((distribution, DCAT.downloadURL, url))
        g.add((distribution, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media_type}")))
        g.add((distribution, DCTERMS["format"], URIRef(FILE_TYPE + file_type)))
        g.add((distribution, DCTERMS.license, LICENSE))
        g.add((distribution, DCTERMS.issued, issued))
        g.add((distribution, DCTERMS.modified, modified))
    return g


def export_dataset(dataset: Dataset) -> Dataset:
    """The store's named graphs plus the catalog graph, as one Dataset."""
    out = new_dataset()
    # sorted, so serialisers that follow insertion order give stable bytes
    for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if isinstance(graph.identifier, URIRef) and len(graph) and graph.identifier != CATALOG_GRAPH:
            target = out.graph(graph.identifier)
            for triple in graph:
                target.add(triple)
    catalog = out.graph(CATALOG_GRAPH)
    for triple in dcat_description(latest_modified(dataset)):
        catalog.add(triple)
    return out


def _sorted_jsonld(data):
    """JSON-LD with every list of nodes sorted by @id, so the bytes are stable."""
    if isinstance(data, list):
        items = [_sorted_jsonld(x) for x in data]
        return sorted(items, key=lambda x: json.dumps(x, sort_keys=True, ensure_ascii=False))
    if isinstance(data, dict):
        return {k: _sorted_jsonld(v) for k, v in data.items()}
    return data


def serialize(dataset: Dataset, fmt: str) -> bytes:
    """Serialise in a stable byte order."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    full = export_dataset(dataset)
    if any(isinstance(n, BNode) for q in full.quads((None, None, None, None)) for n in q[:3]):
        # blank node labels differ between runs: canonicalise them (the contract mints none)
        canon = new_dataset()
        for graph in sorted(full.graphs(), key=lambda g: str(g.identifier)):
            target = canon.graph(graph.identifier)
            for triple in to_canonical_graph(graph):
                target.add(triple)
        full = canon
    if fmt == "nt":
        lines = {line for line in full.serialize(format="nt").splitlines() if line.strip()}
        return ("\n".join(sorted(lines)) + "\n").encode("utf-8")
    if fmt == "turtle":
        union = Graph()
        for prefix, namespace in PREFIXES.items():
            union.bind(prefix, namespace)
        for triple in full.triples((None, None, None)):
            union.add(triple)
        return union.serialize(format="turtle").encode("utf-8")
    if fmt == "trig":
        # rdflib writes graphs in hash order: write each graph alone, in IRI order
        prefixes: set[str] = set()
        bodies = []
        for graph in sorted(full.graphs(), key=lambda g: str(g.identifier)):
            if not len(graph) or not isinstance(graph.identifier, URIRef):
                continue
            single = new_dataset()
            target = single.graph(graph.identifier)
            for triple in graph:
                target.add(triple)
            text = single.serialize(format="trig")
            lines = text.splitlines()
            prefixes.update(line for line in lines if line.startswith("@prefix"))
            bodies.append("\n".join(line for line in lines if not line.startswith("@prefix")).strip())
        return ("\n".join(sorted(prefixes)) + "\n\n" + "\n\n".join(bodies) + "\n").encode("utf-8")
    context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    data = json.loads(full.serialize(format="json-ld", context=context, auto_compact=True))
    data = _sorted_jsonld(data)
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def export(store: Store, fmt: str) -> bytes:
    """The store's content and its DCAT description in one format."""
    return serialize(store.dataset(), fmt)


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: the target is never half written."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
