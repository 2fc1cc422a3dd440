"""Home: the organisations and their strategies, and the coverage matrix; a cell's list of what
reaches a concept (/reach)."""

from __future__ import annotations

from flask import Blueprint, abort, request

from .. import i18n
from ..knowledge import entity_path
from ..web import knowledge, twin

bp = Blueprint("home", __name__)


def _home_data(lang: str) -> dict:
    k = knowledge()
    organisations = []
    for org in k.organisations():
        organisations.append({
            "iri": org["iri"], "label": k.label(org["iri"], lang), "labels": k.label_pair(org["iri"]),
            "page": entity_path(org["iri"]),
            "strategies": [dict(s, label=k.label(s["iri"], lang), page=entity_path(s["iri"]),
                                adoptedByLabel=k.label(s["adoptedBy"], lang) if s["adoptedBy"] else None)
                           for s in org["strategies"]],
        })
    return {"lang": lang, "organisations": organisations, "coverage": k.matrix(lang)}


@bp.route("/", defaults={"suffix": None})
@bp.route("/index<any('.json'):suffix>")
def index(suffix):
    lang = i18n.current()
    return twin("home.html", _home_data(lang), "/", "/index.json", suffix)


@bp.route("/reach", defaults={"suffix": None})
@bp.route("/reach<any('.json'):suffix>")
def reach(suffix):
    """The goals, priority areas and activities of one organisation that reach one concept,
    each with its trace (the numbers in a coverage cell, one by one)."""
    k = knowledge()
    lang = i18n.current()
    organisation = request.args.get("organisation", "")
    concept = request.args.get("concept", "")
    if not organisation or not concept or not k.exists(organisation) or not k.exists(concept):
        abort(404, "organisation and concept must name an organisation and a framework concept in the graph")
    items = []
    import networkx as nx
    graph = k.trace_graph()
    via = {concept} | (set(nx.ancestors(graph, concept)) if concept in graph else set())

    def leads_here(path: list[str]) -> bool:  # ends at the concept or at a narrower one
        return path[-1] in via

    for iri in k.reaching(organisation, concept):
        items.append({
            "iri": iri, "kind": k.kind(iri), "label": k.label(iri, lang), "labels": k.label_pair(iri),
            "page": entity_path(iri),
            "traces": [[{"iri": n, "label": k.label(n, lang), "kind": k.kind(n), "page": entity_path(n)} for n in path]
                       for path in k.trace(iri) if leads_here(path)],
        })
    counts = {kind: sum(1 for i in items if i["kind"] == kind) for kind in ("Goal", "PriorityArea", "Activity")}
    data = {
        "organisation": {"iri": organisation, "label": k.label(organisation, lang), "page": entity_path(organisation)},
        "concept": {"iri": concept, "label": k.label(concept, lang), "kind": k.kind(concept), "page": entity_path(concept),
                    "broader": [{"iri": b, "label": k.label(b, lang), "page": entity_path(b)} for b in k.broader(concept)]},
        "counts": {"goals": counts["Goal"], "priorityAreas": counts["PriorityArea"], "activities": counts["Activity"]},
        "reaching": items,
    }
    return twin("reach.html", data, "/reach", "/reach.json", suffix)

