"""/downloads: the exports (graph.export: Turtle, TriG, JSON-LD, N-Triples) and the DCAT
description, each a file with its media type."""

from __future__ import annotations

from flask import Blueprint, abort, make_response

from .. import i18n
from ..web import knowledge, twin

bp = Blueprint("downloads", __name__)

#: file name -> (export format, media type, label)
FILES = {
    "samsyn.ttl": ("turtle", "text/turtle", "Turtle"),
    "samsyn.trig": ("trig", "application/trig", "TriG"),
    "samsyn.jsonld": ("json-ld", "application/ld+json", "JSON-LD"),
    "samsyn.nt": ("nt", "application/n-triples", "N-Triples"),
}
DCAT_FILES = {
    "dcat.ttl": ("turtle", "text/turtle", "Turtle"),
    "dcat.jsonld": ("json-ld", "application/ld+json", "JSON-LD"),
}


@bp.route("/downloads", defaults={"suffix": None})
@bp.route("/downloads<any('.json'):suffix>")
def index(suffix):
    from samsyn.graph.statistics import triples_per_graph
    k = knowledge()
    counts = k.cached("triples-per-graph", lambda: triples_per_graph(k.store))
    graphs = [{"iri": iri, "triples": triples} for iri, triples in sorted(counts.items())]
    data = {
        "exports": [{"file": name, "href": f"/downloads/{name}", "format": fmt, "mediaType": media, "label": label}
                    for name, (fmt, media, label) in FILES.items()],
        "dcat": [{"file": name, "href": f"/downloads/{name}", "format": fmt, "mediaType": media, "label": label}
                 for name, (fmt, media, label) in DCAT_FILES.items()],
        "graphs": graphs,
        "triples": sum(g["triples"] for g in graphs),
        "licence": "https://creativecommons.org/licenses/by/4.0/",
    }
    return twin("downloads.html", data, "/downloads", "/downloads.json", suffix)


@bp.route("/downloads/<name>")
def download(name: str):
    k = knowledge()
    if name in FILES:
        fmt, media, _ = FILES[name]
        body = k.export(fmt)
    elif name in DCAT_FILES:
        fmt, media, _ = DCAT_FILES[name]
        body = k.dcat(fmt)
    else:
        abort(404, i18n.word("error.notfound"))
    response = make_response(body)
    response.headers["Content-Type"] = f"{media}; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
