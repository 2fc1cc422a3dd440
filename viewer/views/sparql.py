"""/sparql: the SPARQL 1.1 Protocol endpoint (query operation only).

GET ?query=, POST application/x-www-form-urlencoded (query=), POST application/sparql-query.
Content negotiation by Accept (graph.formats.negotiate: q-values, wildcards), or a `format=` /
`output=` parameter, as SPARQLWrapper and many endpoints send (json, xml, csv, tsv, turtle, ...):
it overrides the header, so a download link can name its format. Read-only: updates get 403. No
outbound requests: SERVICE and foreign FROM / FROM NAMED get 400 (graph.sparql_guard, as for
`samsyn query`). Every query runs in a killable process under the time limit (graph.executor);
results are capped and the cap is stated in response headers:

    Samsyn-Result-Limit: 10000       the cap in force
    Samsyn-Result-Count: 42          rows or triples in this response
    Samsyn-Result-Truncated: false   true when there were more
"""

from __future__ import annotations

from flask import Blueprint, current_app, make_response, redirect, request
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import Namespace, RDF

from samsyn.graph.formats import GRAPH_FORMATS, HTML, RESULT_FORMATS, TURTLE, Format, named, negotiate

from ..web import run_query, samsyn

bp = Blueprint("sparql", __name__)

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS_NS = "http://www.w3.org/ns/formats/"


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


def _read_request() -> tuple[str | None, object]:
    """(query text, None) or (None, an error response)."""
    if request.method == "GET":
        if "update" in request.args:
            return None, plain(403, "this endpoint is read-only: SPARQL updates are refused")
        return request.args.get("query"), None
    ctype = (request.mimetype or "").lower()
    if ctype == "application/x-www-form-urlencoded" or ctype == "multipart/form-data":
        if "update" in request.form:
            return None, plain(403, "this endpoint is read-only: SPARQL updates are refused")
        return request.form.get("query"), None
    if ctype == "application/sparql-query":
        return request.get_data(as_text=True), None
    if ctype == "application/sparql-update":
        return None, plain(403, "this endpoint is read-only: SPARQL updates are refused")
    return None, plain(415, f"POST a query as application/x-www-form-urlencoded (query=...) or "
                            f"application/sparql-query, not {ctype or 'no content type'}")


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS"])
def endpoint():
    if request.method == "OPTIONS":
        response = make_response("", 204)
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Content-Type, Accept"
        return _cors(response)
    text, error = _read_request()
    if error is not None:
        return _cors(error)
    if text is None:
        if HTML.media_type in request.accept_mimetypes.values() \
                and negotiate(request.headers.get("Accept"), (HTML, TURTLE)) is HTML:
            return redirect("/query")
        return _cors(service_description())
    if request.values.getlist("default-graph-uri") or request.values.getlist("named-graph-uri"):
        return _cors(plain(400, "default-graph-uri and named-graph-uri are not supported: name the dataset's "
                                "own graphs with FROM / FROM NAMED in the query instead"))
    forced = _forced_format()
    select_format, graph_format = _chosen(RESULT_FORMATS, forced), _chosen(GRAPH_FORMATS, forced)
    if forced and select_format is None and graph_format is None:
        return _cors(plain(400, f"unknown format {forced!r}: use one of {_names(RESULT_FORMATS)} (SELECT, ASK) or "
                                f"{_names(GRAPH_FORMATS)} (CONSTRUCT, DESCRIBE)"))
    outcome = run_query(text, select_format=select_format.name if select_format else None,
                        graph_format=graph_format.rdflib if graph_format else None)
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
    """A SPARQL 1.1 Service Description of this endpoint, in Turtle."""
    k = samsyn().knowledge
    g = Graph()
    g.bind("sd", SD)
    endpoint = URIRef(request.host_url.rstrip("/") + "/sparql")
    service = BNode("service")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, endpoint))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    for fmt in (*RESULT_FORMATS, *GRAPH_FORMATS):
        g.add((service, SD.resultFormat, URIRef(FORMATS_NS + fmt.w3c)))
    dataset = BNode("dataset")
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    for name in k.store.graph_names():
        described = BNode()
        g.add((dataset, SD.namedGraph, described))
        g.add((described, SD.name, URIRef(str(name))))
    g.add((service, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"),
           Literal(f"Read-only. Time limit {current_app.config['QUERY_TIMEOUT']:g} s per query; at most "
                   f"{current_app.config['RESULT_LIMIT']} results. SERVICE and FROM naming other graphs are refused.", lang="en")))
    response = make_response(g.serialize(format=TURTLE.rdflib))
    response.mimetype = TURTLE.media_type
    return response
