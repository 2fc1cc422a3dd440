"""/downloads: the export (graph.exporting: Turtle, TriG, JSON-LD, N-Triples) and the DCAT
description alone, each a file with its media type (graph.formats). A file's name without its
suffix (/downloads/samsyn, /downloads/dcat) answers in the format the Accept header prefers, and
406 when it accepts none. The DCAT description's download URLs
(https://w3id.org/samsyn/downloads/samsyn.ttl ..., graph.catalog) are these files."""

from __future__ import annotations

from flask import Blueprint, abort, make_response, request

from samsyn.graph.exporting import LICENSE
from samsyn.graph.formats import EXPORT_FORMATS, JSON_LD, TURTLE, Format, negotiate
from samsyn.graph.namespaces import GRAPH
from samsyn.graph.statistics import triples_per_graph

from .. import i18n
from ..web import knowledge, twin

bp = Blueprint("downloads", __name__)

#: what is offered, by file name without suffix: the whole export, the DCAT description alone
OFFERED: dict[str, tuple[Format, ...]] = {"samsyn": EXPORT_FORMATS, "dcat": (TURTLE, JSON_LD)}


def _listed(stem: str) -> list[dict]:
    return [{"file": stem + fmt.suffix, "href": f"/downloads/{stem}{fmt.suffix}", "format": fmt.name,
             "mediaType": fmt.media_type, "label": fmt.label} for fmt in OFFERED[stem]]


@bp.route("/downloads", defaults={"suffix": None})
@bp.route("/downloads<any('.json'):suffix>")
def index(suffix):
    k = knowledge()
    counts = k.cached("triples-per-graph", lambda: triples_per_graph(k.store))
    graphs = [{"iri": iri, "page": "/graph/" + iri[len(str(GRAPH)):], "triples": triples}
              for iri, triples in sorted(counts.items())]
    data = {
        "exports": _listed("samsyn"),
        "dcat": _listed("dcat"),
        "graphs": graphs,
        "triples": sum(g["triples"] for g in graphs),
        "licence": str(LICENSE),
    }
    return twin("downloads.html", data, "/downloads", "/downloads.json", suffix)


@bp.route("/downloads/<name>")
def download(name: str):
    stem, dot, suffix = name.partition(".")
    offered = OFFERED.get(stem)
    if offered is None:
        abort(404, i18n.word("error.notfound"))
    if dot:
        fmt = next((f for f in offered if f.suffix == dot + suffix), None)
        if fmt is None:
            abort(404, i18n.word("error.notfound"))
    else:
        fmt = negotiate(request.headers.get("Accept"), offered)
        if fmt is None:
            abort(406, f"{stem} is offered as {', '.join(f.media_type for f in offered)}")
    k = knowledge()
    body = k.export(fmt.name) if stem == "samsyn" else k.dcat(fmt.name)
    response = make_response(body)
    response.headers["Content-Type"] = f"{fmt.media_type}; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{stem}{fmt.suffix}"'
    return response
