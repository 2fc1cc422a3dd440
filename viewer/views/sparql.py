"""/sparql: the SPARQL 1.1 Protocol endpoint (query operation only).

GET (and HEAD) ?query=, POST application/x-www-form-urlencoded (query=), POST
application/sparql-query (UTF-8). Exactly one query per request: two `query` parameters, or a
query in the body and another in the URL, get 400. The protocol's dataset, default-graph-uri and
named-graph-uri (repeatable), is honoured when it names samsyn's own graphs and refused with 400
otherwise, before anything is evaluated or fetched (graph.sparql_guard). Content negotiation by
Accept (graph.formats.negotiate: q-values, wildcards), or a `format=` / `output=` parameter, as
SPARQLWrapper and many endpoints send (json, xml, csv, tsv, turtle, ...): it overrides the
header, so a download link can name its format. Read-only: updates get 403. No outbound
requests: SERVICE and foreign FROM / FROM NAMED get 400 (graph.sparql_guard, as for `samsyn
query`). Every query runs in a killable process under the time limit (graph.executor); results
are capped and the cap is stated in response headers:

    Samsyn-Result-Limit: 10000       the cap in force
    Samsyn-Result-Count: 42          rows or triples in this response
    Samsyn-Result-Truncated: false   true when there were more

Without a query it describes itself (SPARQL 1.1 Service Description: its named graphs, among
them the DCAT description graph/catalog, and the default graph, their union) in Turtle, JSON-LD,
RDF/XML or N-Triples; a browser asking for HTML is sent to the query page.
"""

from __future__ import annotations

from flask import Blueprint, current_app, make_response, redirect, request
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, VOID, Namespace

from samsyn.graph.catalog import CATALOG
from samsyn.graph.formats import (GRAPH_FORMATS, HTML, JSON_LD, N_TRIPLES, RDF_XML, RESULT_FORMATS, TURTLE, Format,
                                  named, negotiate)
from samsyn.graph.results import write_graph
from samsyn.graph.statistics import triples_per_graph
from samsyn.graph.store import QueryDataset

from ..web import run_query, samsyn

bp = Blueprint("sparql", __name__)

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS_NS = "http://www.w3.org/ns/formats/"
#: what the service description is written in, the default first
DESCRIPTION_FORMATS: tuple[Format, ...] = (TURTLE, JSON_LD, RDF_XML, N_TRIPLES)
READ_ONLY = "this endpoint is read-only: SPARQL updates are refused"


def plain(status: int, message: str, **headers):
    response = make_response(message.rstrip("\n") + "\n", status)
    response.mimetype = "text/plain"
    for key, value in headers.items():
        response.headers[key.replace("_", "-")] = value
    return response


def _cors(response):
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = "Samsyn-Result-Limit, Samsyn-Result-Count, Samsyn-Result-Truncated"
    return response


def _forced_format() -> str | None:
    for key in ("format", "output", "results"):
        value = request.values.get(key)
        if value:
            return value
    return None


def _one_query(queries: list[str]):
    """(the query or None, None) or (None, a 400): the protocol allows one query per request."""
    if len(queries) > 1:
        return None, plain(400, f"the request carries {len(queries)} queries: send exactly one "
                                "(one query parameter, or one query in the body)")
    return (queries[0] if queries else None), None


def _read_request() -> tuple[str | None, object]:
    """(query text, None) or (None, an error response)."""
    if request.method in ("GET", "HEAD"):
        if "update" in request.args:
            return None, plain(403, READ_ONLY)
        return _one_query(request.args.getlist("query"))
    ctype = (request.mimetype or "").lower()
    if ctype == "application/x-www-form-urlencoded" or ctype == "multipart/form-data":
        if "update" in request.form:
            return None, plain(403, READ_ONLY)
        return _one_query(request.form.getlist("query") + request.args.getlist("query"))
    if ctype == "application/sparql-query":
        if "query" in request.args:
            return None, plain(400, "the request carries a query in its body and another in the URL's query "
                                    "parameter: send exactly one")
        charset = request.mimetype_params.get("charset", "utf-8").lower()
        if charset not in ("utf-8", "utf8"):
            return None, plain(415, f"the query is sent as {charset}: send it as UTF-8 (application/sparql-query; "
                                    "charset=utf-8)")
        try:
            return request.get_data().decode("utf-8"), None
        except UnicodeDecodeError as error:
            return None, plain(400, f"the query is not UTF-8 ({error.reason} at byte {error.start})")
    if ctype == "application/sparql-update":
        return None, plain(403, READ_ONLY)
    return None, plain(415, f"POST a query as application/x-www-form-urlencoded (query=...) or "
                            f"application/sparql-query, not {ctype or 'no content type'}")


def _dataset() -> QueryDataset | None:
    """The protocol's dataset, from the URL and a form body alike; None when it names none."""
    def named(parameter: str) -> tuple[str, ...]:
        return tuple(value.strip() for value in (*request.args.getlist(parameter), *request.form.getlist(parameter)))
    default, named_graphs = named("default-graph-uri"), named("named-graph-uri")
    return QueryDataset(default, named_graphs) if default or named_graphs else None


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS"])
def endpoint():
    if request.method == "OPTIONS":
        response = make_response("", 204)
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Content-Type, Accept"
        return _cors(response)
    text, error = _read_request()
    if error is not None:
        return _cors(error)
    if text is None:
        return _cors(service_description())
    forced = _forced_format()
    select_format, graph_format = _chosen(RESULT_FORMATS, forced), _chosen(GRAPH_FORMATS, forced)
    if forced and select_format is None and graph_format is None:
        return _cors(plain(400, f"unknown format {forced!r}: use one of {_names(RESULT_FORMATS)} (SELECT, ASK) or "
                                f"{_names(GRAPH_FORMATS)} (CONSTRUCT, DESCRIBE)"))
    outcome = run_query(text, select_format=select_format.name if select_format else None,
                        graph_format=graph_format.rdflib if graph_format else None, dataset=_dataset())
    limit_headers = {"Samsyn-Result-Limit": str(outcome.limit)}
    if outcome.status != 200:
        extra = {"Retry-After": str(outcome.retry_after)} if outcome.retry_after else {}
        return _cors(plain(outcome.status, outcome.message, **limit_headers, **extra))
    chosen = select_format if outcome.form in ("SELECT", "ASK") else graph_format
    response = make_response(outcome.body, 200)
    response.headers["Content-Type"] = chosen.media_type + "; charset=utf-8"
    response.headers.update(limit_headers)
    response.headers["Samsyn-Result-Count"] = str(outcome.count)
    response.headers["Samsyn-Result-Truncated"] = "true" if outcome.truncated else "false"
    if forced and request.values.get("download"):
        response.headers["Content-Disposition"] = f'attachment; filename="samsyn-results{chosen.suffix}"'
    return _cors(response)


def _chosen(offered: tuple[Format, ...], forced: str | None) -> Format | None:
    """The format a `format=` value names, else the one the Accept header prefers."""
    return named(forced, offered) if forced else negotiate(request.headers.get("Accept"), offered)


def _names(offered: tuple[Format, ...]) -> str:
    return ", ".join(fmt.name for fmt in offered)


def service_description():
    """A SPARQL 1.1 Service Description of this endpoint in the RDF syntax the Accept header
    prefers; a browser that asks for HTML by name goes to the query page."""
    chosen = negotiate(request.headers.get("Accept"), (*DESCRIPTION_FORMATS, HTML))
    if chosen is HTML:
        return redirect("/query")
    if chosen is None:
        return plain(406, f"the service description is offered as {', '.join(f.media_type for f in DESCRIPTION_FORMATS)}")
    response = make_response(write_graph(_description_graph(), chosen.rdflib))
    response.headers["Content-Type"] = chosen.media_type + "; charset=utf-8"
    return response


def _description_graph() -> Graph:
    """The service, its formats and its default dataset: every named graph (sd:NamedGraph, with
    its size) and the default graph, their union."""
    k = samsyn().knowledge
    g = Graph()
    g.bind("sd", SD)
    g.bind("void", VOID)
    endpoint = URIRef(request.host_url.rstrip("/") + "/sparql")
    service = BNode("service")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, endpoint))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    for fmt in (*RESULT_FORMATS, *GRAPH_FORMATS):
        g.add((service, SD.resultFormat, URIRef(FORMATS_NS + fmt.w3c)))
    g.add((service, RDFS.comment,
           Literal(f"Read-only. Time limit {current_app.config['QUERY_TIMEOUT']:g} s per query; at most "
                   f"{current_app.config['RESULT_LIMIT']} results. SERVICE, and FROM or default-graph-uri / "
                   "named-graph-uri naming other graphs, are refused.", lang="en")))
    g.add((service, RDFS.seeAlso, CATALOG))
    dataset = BNode("dataset")
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    counts = k.cached("triples-per-graph", lambda: triples_per_graph(k.store))
    default = BNode("default-graph")
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((default, RDFS.comment, Literal("The union of the named graphs.", lang="en")))
    for name in k.store.graph_names():
        described, graph = BNode(), BNode()
        g.add((dataset, SD.namedGraph, described))
        g.add((described, RDF.type, SD.NamedGraph))
        g.add((described, SD.name, URIRef(str(name))))
        g.add((described, SD.graph, graph))
        g.add((graph, RDF.type, SD.Graph))
        if str(name) in counts:
            g.add((graph, VOID.triples, Literal(counts[str(name)])))
    return g
