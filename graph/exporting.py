"""Export the knowledge graph with its DCAT description: Turtle, TriG (named graphs kept),
JSON-LD and N-Triples (graph.formats.EXPORT_FORMATS). The same input gives byte-identical output."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph

from .formats import EXPORT_FORMATS, Format
from .named_queries import lookup
from .namespaces import DCAT, DCTERMS, FOAF, GRAPH, ID, PREFIXES, RDF, VCARD, XSD, bind_prefixes
from .store import Store, new_dataset

#: format name -> format, for `samsyn export --format`
FORMATS: dict[str, Format] = {fmt.name: fmt for fmt in EXPORT_FORMATS}

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


def latest_modified(store: Store) -> str | None:
    """The latest dcterms:modified date in samsyn's named graphs, if any."""
    latest = next(iter(lookup(store, "latest-modified")), None)
    return str(latest[0]) if latest and latest[0] is not None else None


def dcat_description(latest: str | None = None) -> Graph:
    """A DCAT description of the export, with DCAT-AP-SE's mandatory properties: catalog
    (title, description, publisher, dataset), dataset (title, description, publisher,
    contact point), distribution (access URL) and the recommended licence, format, dates.
    `latest`: the data's latest dcterms:modified date (the description's modified date)."""
    g = Graph(identifier=CATALOG_GRAPH)
    modified = Literal(max(ISSUED, latest or ISSUED), datatype=XSD.date)
    issued = Literal(ISSUED, datatype=XSD.date)

    def published(node: URIRef, title: tuple[str, str], description: tuple[str, str]) -> None:
        """What the catalog and the dataset both state: titles and descriptions (sv, en),
        publisher, licence, dates and languages."""
        for text, lang in ((title[0], "sv"), (title[1], "en")):
            g.add((node, DCTERMS.title, Literal(text, lang=lang)))
        for text, lang in ((description[0], "sv"), (description[1], "en")):
            g.add((node, DCTERMS.description, Literal(text, lang=lang)))
        g.add((node, DCTERMS.publisher, PUBLISHER))
        g.add((node, DCTERMS.license, LICENSE))
        g.add((node, DCTERMS.issued, issued))
        g.add((node, DCTERMS.modified, modified))
        for code in ("SWE", "ENG"):
            g.add((node, DCTERMS.language, URIRef(LANGUAGE + code)))

    g.add((PUBLISHER, RDF.type, FOAF.Agent))
    g.add((PUBLISHER, FOAF.name, Literal("samsyn", lang="sv")))
    g.add((PUBLISHER, FOAF.name, Literal("samsyn", lang="en")))
    g.add((PUBLISHER, DCTERMS.type, URIRef("http://purl.org/adms/publishertype/NonProfitOrganisation")))

    g.add((CATALOG, RDF.type, DCAT.Catalog))
    published(CATALOG, ("samsyn: katalog", "samsyn: catalogue"), (
        "Öppna data om hur kommuners och regioners internationella strategier knyter an till EU:s och regionala ramverk.",
        "Open data on how the international strategies of municipalities and regions tie into EU and regional frameworks."))
    g.add((CATALOG, FOAF.homepage, URIRef("https://w3id.org/samsyn/")))
    g.add((CATALOG, DCAT.dataset, DATASET))

    contact = ID["publisher/samsyn/contact"]
    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, VCARD.fn, Literal("samsyn")))
    g.add((contact, VCARD.hasEmail, URIRef("mailto:samsyn@w3id.org")))

    g.add((DATASET, RDF.type, DCAT.Dataset))
    published(DATASET, ("samsyn: strategisk samsyn i internationella strategier",
                        "samsyn: strategy alignment in international strategies"), (
        "Svenska kommuners och regioners internationella strategier som länkade data: mål, prioriterade områden, aktiviteter och partnerskap, och deras koppling till Europa 2020, EU:s strategi för Östersjöregionen och regionala strategier, med källtext och sida för varje påstående.",
        "The international strategies of Swedish municipalities and regions as linked data: goals, priority areas, activities and partnerships, and how they tie into Europe 2020, the EU Strategy for the Baltic Sea Region and regional strategies, with source text and page for every statement."))
    g.add((DATASET, DCAT.contactPoint, contact))
    g.add((DATASET, DCTERMS.identifier, Literal(str(DATASET))))
    g.add((DATASET, DCTERMS.spatial, URIRef("http://publications.europa.eu/resource/authority/country/SWE")))
    g.add((DATASET, DCAT.theme, URIRef("http://publications.europa.eu/resource/authority/data-theme/GOVE")))
    g.add((DATASET, DCAT.theme, URIRef("http://publications.europa.eu/resource/authority/data-theme/REGI")))
    g.add((DATASET, DCTERMS.conformsTo, URIRef("https://w3id.org/samsyn/ns")))
    for keyword_sv, keyword_en in (("internationell strategi", "international strategy"), ("Europa 2020", "Europe 2020"),
                                   ("Östersjöstrategin", "Baltic Sea strategy"), ("kommuner", "municipalities")):
        g.add((DATASET, DCAT.keyword, Literal(keyword_sv, lang="sv")))
        g.add((DATASET, DCAT.keyword, Literal(keyword_en, lang="en")))
    for name, fmt in sorted(FORMATS.items()):
        distribution = ID[f"dataset/samsyn/distribution/{name}"]
        url = URIRef(DOWNLOAD_BASE + fmt.suffix)
        g.add((DATASET, DCAT.distribution, distribution))
        g.add((distribution, RDF.type, DCAT.Distribution))
        g.add((distribution, DCTERMS.title, Literal(f"samsyn ({name})", lang="sv")))
        g.add((distribution, DCTERMS.title, Literal(f"samsyn ({name})", lang="en")))
        g.add((distribution, DCAT.accessURL, url))
        g.add((distribution, DCAT.downloadURL, url))
        g.add((distribution, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{fmt.media_type}")))
        g.add((distribution, DCTERMS["format"], URIRef(FILE_TYPE + fmt.file_type)))
        g.add((distribution, DCTERMS.license, LICENSE))
        g.add((distribution, DCTERMS.issued, issued))
        g.add((distribution, DCTERMS.modified, modified))
    return g


def export_dataset(dataset: Dataset, latest: str | None = None) -> Dataset:
    """The store's named graphs plus the catalog graph (`dcat_description(latest)`), as one Dataset."""
    out = new_dataset()
    # sorted, so serialisers that follow insertion order give stable bytes
    for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if isinstance(graph.identifier, URIRef) and len(graph) and graph.identifier != CATALOG_GRAPH:
            target = out.graph(graph.identifier)
            for triple in graph:
                target.add(triple)
    catalog = out.graph(CATALOG_GRAPH)
    for triple in dcat_description(latest):
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


def serialize(dataset: Dataset, fmt: str, latest: str | None = None) -> bytes:
    """The dataset and its DCAT description (`latest`: the data's latest modification) in one
    export format, in a stable byte order."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    full = export_dataset(dataset, latest)
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
        union = bind_prefixes(Graph())
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
    """The store's content and its DCAT description in one export format (FORMATS)."""
    return serialize(store.dataset(), fmt, latest_modified(store))


def dcat(store: Store, fmt: str) -> bytes:
    """The DCAT description alone (the catalog, the dataset and its distributions) in one
    export format (FORMATS)."""
    graph = bind_prefixes(dcat_description(latest_modified(store)))
    return graph.serialize(format=FORMATS[fmt].rdflib, encoding="utf-8")


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
