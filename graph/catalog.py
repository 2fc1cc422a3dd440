"""The DCAT description of samsyn's dataset: the catalogue, the dataset, its publisher and
contact point, the distributions (one per export format) and the SPARQL endpoint as a data
service. Every build adds it to the store as the named graph graph/catalog (graph.inference),
so the endpoint, the entity pages and the export all see the same description.

It follows DCAT-AP-SE 2.0.0 (DIGG's RDForms templates, github.com/DIGGSweden/DCAT-AP-SE) and
validates against DCAT-AP 3.0.0's SHACL shapes with DIGG's Swedish additions
(tests/standards/dcat-ap-se): the catalogue's metadata under CC0 and the data under CC BY 4.0,
both with the `http://creativecommons.org/...` IRIs the Swedish profile lists; formats as EU
file-type IRIs with the IANA media type beside them; EU vocabularies for languages, themes,
access rights, frequency and country. Values whose class the profile's shapes check and that no
EU vocabulary types (licences, the location, the vocabulary the data conforms to, media types)
are typed here, as the RDForms templates' constraints type them.

Every IRI minted here dereferences on a deployment (docs/w3id/.htaccess): the resources under
id/ as entity pages, the download URLs under downloads/, the endpoint at sparql."""

from __future__ import annotations

from rdflib import Graph, Literal, Namespace, URIRef

from .formats import EXPORT_FORMATS
from .namespaces import DCAT, DCTERMS, FOAF, GRAPH, ID, RDF, RDFS, VCARD, XSD

#: the named graph the description is in, in the store and in the export
CATALOG_GRAPH = GRAPH["catalog"]

SITE = "https://w3id.org/samsyn/"
HOMEPAGE = URIRef(SITE)
VOCABULARY = URIRef(SITE + "ns")
ENDPOINT = URIRef(SITE + "sparql")
#: where the export's files are served (viewer /downloads/<stem><suffix>)
DOWNLOADS = SITE + "downloads/"

CATALOG = ID["catalog"]
DATASET = ID["dataset/samsyn"]
PERIOD = ID["dataset/samsyn/period"]
SERVICE = ID["dataset/samsyn/sparql"]
PUBLISHER = ID["publisher/samsyn"]
CONTACT = ID["publisher/samsyn/contact"]

#: the data's licence, as DCAT-AP-SE 2.0.0's licence choices write it
LICENSE = URIRef("http://creativecommons.org/licenses/by/4.0/")
#: the catalogue's own licence: DCAT-AP-SE requires CC0 on the catalogue
CATALOG_LICENSE = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")

DCATAP = Namespace("http://data.europa.eu/r5r/")
AUTHORITY = "http://publications.europa.eu/resource/authority/"
FILE_TYPE = Namespace(AUTHORITY + "file-type/")
LANGUAGE = Namespace(AUTHORITY + "language/")
COUNTRY = Namespace(AUTHORITY + "country/")
DATA_THEME = Namespace(AUTHORITY + "data-theme/")
THEMES = URIRef(AUTHORITY + "data-theme")
ACCESS_RIGHT = Namespace(AUTHORITY + "access-right/")
FREQUENCY = Namespace(AUTHORITY + "frequency/")
PUBLISHER_TYPE = Namespace("http://purl.org/adms/publishertype/")
MEDIA_TYPE = "https://www.iana.org/assignments/media-types/"

#: when the dataset was first published; modified comes from the data (dcterms:modified)
ISSUED = "2026-11-23"


def distribution_iri(fmt_name: str) -> URIRef:
    return ID[f"dataset/samsyn/distribution/{fmt_name}"]


def download_url(suffix: str) -> URIRef:
    """The download URL of the export in the format with this file suffix."""
    return URIRef(f"{DOWNLOADS}samsyn{suffix}")


def dcat_description(latest: str | None = None, period: tuple[str, str] | None = None) -> Graph:
    """The DCAT description. `latest`: the data's latest dcterms:modified date (the
    description's modified date); `period`: the first and last year the strategies cover
    (dct:temporal), when known."""
    g = Graph(identifier=CATALOG_GRAPH)
    g.bind("dcatap", DCATAP)
    modified = Literal(max(ISSUED, latest or ISSUED), datatype=XSD.date)
    issued = Literal(ISSUED, datatype=XSD.date)

    def both(node: URIRef, prop: URIRef, sv: str, en: str) -> None:
        g.add((node, prop, Literal(sv, lang="sv")))
        g.add((node, prop, Literal(en, lang="en")))

    def named(node: URIRef, kind: URIRef, sv: str, en: str) -> None:
        """A minted resource: its class and its label in both languages (the data contract)."""
        g.add((node, RDF.type, kind))
        both(node, RDFS.label, sv, en)

    def dated(node: URIRef) -> None:
        g.add((node, DCTERMS.issued, issued))
        g.add((node, DCTERMS.modified, modified))

    named(PUBLISHER, FOAF.Agent, "samsyn", "samsyn")
    both(PUBLISHER, FOAF.name, "samsyn", "samsyn")
    g.add((PUBLISHER, DCTERMS.type, PUBLISHER_TYPE.NonProfitOrganisation))

    named(CONTACT, VCARD.Organization, "samsyn: kontakt", "samsyn: contact")
    g.add((CONTACT, RDF.type, VCARD.Kind))
    g.add((CONTACT, VCARD.fn, Literal("samsyn")))
    g.add((CONTACT, VCARD.hasEmail, URIRef("mailto:samsyn@w3id.org")))

    named(CATALOG, DCAT.Catalog, "samsyn: katalog", "samsyn: catalogue")
    both(CATALOG, DCTERMS.title, "samsyn: katalog", "samsyn: catalogue")
    both(CATALOG, DCTERMS.description,
         "Öppna data om hur kommuners och regioners internationella strategier knyter an till EU:s och regionala ramverk.",
         "Open data on how the international strategies of municipalities and regions tie into EU and regional frameworks.")
    g.add((CATALOG, DCTERMS.publisher, PUBLISHER))
    g.add((CATALOG, DCTERMS.license, CATALOG_LICENSE))
    dated(CATALOG)
    g.add((CATALOG, FOAF.homepage, HOMEPAGE))
    g.add((CATALOG, DCTERMS.spatial, COUNTRY.SWE))
    g.add((CATALOG, DCAT.themeTaxonomy, THEMES))
    g.add((CATALOG, DCAT.dataset, DATASET))
    g.add((CATALOG, DCAT.service, SERVICE))

    named(DATASET, DCAT.Dataset, "samsyn: strategisk samsyn i internationella strategier",
          "samsyn: strategy alignment in international strategies")
    both(DATASET, DCTERMS.title, "samsyn: strategisk samsyn i internationella strategier",
         "samsyn: strategy alignment in international strategies")
    both(DATASET, DCTERMS.description,
         "Svenska kommuners och regioners internationella strategier som länkade data: mål, prioriterade områden, aktiviteter och partnerskap, och deras koppling till Europa 2020, EU:s strategi för Östersjöregionen och regionala strategier, med källtext och sida för varje påstående.",
         "The international strategies of Swedish municipalities and regions as linked data: goals, priority areas, activities and partnerships, and how they tie into Europe 2020, the EU Strategy for the Baltic Sea Region and regional strategies, with source text and page for every statement.")
    g.add((DATASET, DCTERMS.publisher, PUBLISHER))
    g.add((DATASET, DCAT.contactPoint, CONTACT))
    g.add((DATASET, DCTERMS.identifier, Literal(str(DATASET))))
    dated(DATASET)
    g.add((DATASET, DCAT.landingPage, HOMEPAGE))
    g.add((DATASET, DCTERMS.spatial, COUNTRY.SWE))
    g.add((DATASET, DCTERMS.accessRights, ACCESS_RIGHT.PUBLIC))
    g.add((DATASET, DCTERMS.accrualPeriodicity, FREQUENCY.IRREG))
    g.add((DATASET, DCAT.theme, DATA_THEME.GOVE))
    g.add((DATASET, DCAT.theme, DATA_THEME.REGI))
    g.add((DATASET, DCTERMS.conformsTo, VOCABULARY))
    for node in (CATALOG, DATASET):
        for code in ("SWE", "ENG"):
            g.add((node, DCTERMS.language, LANGUAGE[code]))
    for keyword_sv, keyword_en in (("internationell strategi", "international strategy"), ("Europa 2020", "Europe 2020"),
                                   ("Östersjöstrategin", "Baltic Sea strategy"), ("kommuner", "municipalities")):
        both(DATASET, DCAT.keyword, keyword_sv, keyword_en)
    if period:
        named(PERIOD, DCTERMS.PeriodOfTime, f"Strategiernas period {period[0]}–{period[1]}",
              f"The strategies' period {period[0]}–{period[1]}")
        g.add((PERIOD, DCAT.startDate, Literal(period[0], datatype=XSD.gYear)))
        g.add((PERIOD, DCAT.endDate, Literal(period[1], datatype=XSD.gYear)))
        g.add((DATASET, DCTERMS.temporal, PERIOD))

    for fmt in sorted(EXPORT_FORMATS, key=lambda f: f.name):
        distribution, url = distribution_iri(fmt.name), download_url(fmt.suffix)
        named(distribution, DCAT.Distribution, f"samsyn ({fmt.label})", f"samsyn ({fmt.label})")
        g.add((DATASET, DCAT.distribution, distribution))
        both(distribution, DCTERMS.title, f"samsyn ({fmt.label})", f"samsyn ({fmt.label})")
        both(distribution, DCTERMS.description,
             f"Hela kunskapsgrafen med denna DCAT-beskrivning som en fil i {fmt.label}.",
             f"The whole knowledge graph with this DCAT description, as one {fmt.label} file.")
        g.add((distribution, DCAT.accessURL, url))
        g.add((distribution, DCAT.downloadURL, url))
        media_type = URIRef(MEDIA_TYPE + fmt.media_type)
        g.add((distribution, DCAT.mediaType, media_type))
        g.add((media_type, RDF.type, DCTERMS.MediaType))
        g.add((distribution, DCTERMS["format"], FILE_TYPE[fmt.file_type]))
        g.add((distribution, DCTERMS.license, LICENSE))
        g.add((distribution, DCATAP.availability, DCATAP["availability/stable"]))
        dated(distribution)

    named(SERVICE, DCAT.DataService, "samsyn: SPARQL-ändpunkt", "samsyn: SPARQL endpoint")
    both(SERVICE, DCTERMS.title, "samsyn: SPARQL-ändpunkt", "samsyn: SPARQL endpoint")
    both(SERVICE, DCTERMS.description,
         "Fråga kunskapsgrafen med SPARQL 1.1 (protokollet, endast läsning).",
         "Query the knowledge graph with SPARQL 1.1 (the protocol, read-only).")
    g.add((SERVICE, DCAT.endpointURL, ENDPOINT))
    g.add((SERVICE, DCAT.endpointDescription, ENDPOINT))
    g.add((SERVICE, DCAT.servesDataset, DATASET))
    g.add((SERVICE, DCAT.contactPoint, CONTACT))
    g.add((SERVICE, DCTERMS.publisher, PUBLISHER))
    g.add((SERVICE, DCTERMS.license, LICENSE))
    g.add((SERVICE, DCTERMS.accessRights, ACCESS_RIGHT.PUBLIC))
    g.add((SERVICE, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))

    # the classes DCAT-AP's shapes check that no EU vocabulary gives these values
    for licence in (LICENSE, CATALOG_LICENSE):
        g.add((licence, RDF.type, DCTERMS.LicenseDocument))
    g.add((COUNTRY.SWE, RDF.type, DCTERMS.Location))
    for standard in (VOCABULARY, URIRef("https://www.w3.org/TR/sparql11-protocol/")):
        g.add((standard, RDF.type, DCTERMS.Standard))
    g.add((HOMEPAGE, RDF.type, FOAF.Document))
    return g
