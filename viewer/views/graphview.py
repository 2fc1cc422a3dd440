"""/graph: the alignment graph (pyvis model, vis-network in the page as `window.network`),
filtered by organisation (`org`), framework (`framework`) and concept (`concept`: the concept,
its broader and narrower concepts and everything that reaches it), laid out on the server
(viewer.layout). A selection of more nodes than GRAPH_NODE_BUDGET is drawn aggregated by
organisation (graph.analysis.overview): one cluster per organisation, edges weighted by reach; a click on
a cluster or a concept drills down.

Each selection is computed once per language and kept as its JSON and the page's script
(Knowledge.kept: bounded in bytes, least recently used dropped first, as a visitor can ask for
any number of selections); `focus` only picks the node shown selected."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from flask import Blueprint, current_app, make_response, render_template, request
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from samsyn.graph.analysis import OTHERS, aggregate, concept_selection, concept_totals
from samsyn.graph.formats import HTML, JSON
from samsyn.graph.namespaces import SAM
from samsyn.graph.results import term_value
from samsyn.graph.traceability import is_concept
from samsyn.graph.vocabulary import is_strategy_kind

from .. import i18n
from ..knowledge import entity_path
from ..layout import network, overview_network, select
from ..web import knowledge, link_header, wants_json, with_query
from . import suggestions

bp = Blueprint("graph", __name__)


def _detail(k, lang):
    def detail(iri: str) -> dict:
        quotes = sorted(str(o) for o in k.objects(iri, SAM.sourceText))
        pages = sorted({p for p in (term_value(o) for o in k.objects(iri, SAM.sourcePage)) if isinstance(p, int)})
        org = None
        node = k.trace_graph().nodes.get(iri, {})
        if node.get("organisation"):
            org = k.label(node["organisation"], lang)
        return {"labels": k.label_pair(iri), "quote": quotes[0] if quotes else None, "quotes": len(quotes),
                "pages": pages, "page": entity_path(iri), "organisationLabel": org,
                "frameworkLabel": k.label(node["framework"], lang) if node.get("framework") else None}
    return detail


def graph_url(orgs=(), frameworks=(), concept: str | None = None) -> str:
    """/graph with a selection (deterministic: no request state, so it can be cached)."""
    params = [("org", o) for o in sorted(orgs)] + [("framework", f) for f in sorted(frameworks)]
    if concept:
        params.append(("concept", concept))
    return "/graph" + ("?" + urlencode(params) if params else "")


def _choices(k) -> dict:
    """The organisations and frameworks the filters offer (once per app)."""
    def compute():
        full = k.drawable_graph()
        return {"organisations": [o["iri"] for o in k.organisations()],
                "frameworks": sorted({d["framework"] for _, d in full.nodes(data=True) if d.get("framework")})}
    return k.cached("graphview:choices", compute)


def _count_line(counts: dict, lang: str) -> str:
    return " · ".join(f"{counts[key]} {i18n.word(word, lang)}" for key, word in
                      (("goals", "count.goals"), ("priorityAreas", "count.areas"), ("activities", "count.activities")))


def _compute(k, lang: str, budget: int, orgs: frozenset, fws: frozenset, concept: str | None) -> dict:
    """The JSON-ready data of one selection, without focus."""
    full = k.drawable_graph()
    choices = _choices(k)
    frameworks = sorted(choices["frameworks"], key=lambda f: k.label(f, lang).casefold())
    sub = select(full, set(orgs) or None, set(fws) or None, set(frameworks))
    if concept:
        sub = concept_selection(sub, concept)
    selected = sub.number_of_nodes()
    aggregated = selected > budget

    def kind_name(kind):
        return i18n.word(f"kind.{kind}", lang)

    clusters: list[dict] = []
    if aggregated:
        shown = sorted(orgs) if orgs else (None if concept else choices["organisations"])
        agg = aggregate(sub, budget, lambda o: k.label(o, lang), shown)
        others = agg.nodes[OTHERS]["organisations"] if OTHERS in agg else []
        totals = concept_totals(agg)
        detail = _detail(k, lang)

        def label(n):
            return i18n.word("graph.others", lang, n=len(others)) if n == OTHERS else k.label(n, lang)

        def describe(n):
            d = agg.nodes[n]
            if d["kind"] in ("Organisation", "Others"):
                info = {"members": d["members"], "reaching": d["reaching"], "concepts": d["concepts"],
                        "title": "\n".join([f"{kind_name(d['kind'])}: {label(n)}", _count_line(d["members"], lang),
                                            i18n.word("graph.cluster.reach", lang, n=d["reaching"], c=d["concepts"])])}
                if n == OTHERS:
                    info["organisations"] = others
                else:
                    info["page"] = entity_path(n)
                    # in the overview: that organisation's graph; under a concept: what of it reaches the concept
                    info["drill"] = graph_url([n], fws, concept)
                return info
            t = totals[n]
            info = detail(n)
            info.update(reachedBy=t, drill=graph_url(orgs, fws, n) if n != concept else None,
                        title="\n".join([f"{kind_name(d.get('kind') or 'Concept')}: {label(n)}",
                                         i18n.word("graph.concept.reach", lang, n=t["organisations"]),
                                         _count_line(t, lang)]))
            return info

        drawn = overview_network(agg, label, kind_name, describe)
        for e in drawn["edges"]:
            if e["relation"] == "reach":
                e["title"] = f"{label(e['from'])} → {label(e['to'])}\n{_count_line(e['counts'], lang)}"
        for n in drawn["nodes"]:
            if n["kind"] in ("Organisation", "Others"):
                clusters.append({"iri": None if n["id"] == OTHERS else n["id"], "label": n["fullLabel"],
                                 "kind": n["kind"], "drill": n.get("drill"), "page": n.get("page"),
                                 "members": n["members"], "reaching": n["reaching"], "concepts": n["concepts"],
                                 **({"organisations": n["organisations"]} if n["id"] == OTHERS else {})})
        clusters.sort(key=lambda c: (c["kind"] == "Others", c["label"].casefold()))
    else:
        drawn = network(sub, lang, lambda n: k.label(n, lang), kind_name, lambda o: k.label(o, lang),
                        _detail(k, lang))
        for n in drawn["nodes"]:  # a concept's panel offers the drill-down into it
            n["drill"] = graph_url(orgs, fws, n["id"]) if not is_strategy_kind(n["kind"]) and n["id"] != concept else None
    seen_concepts = False
    for col in drawn["columns"]:  # left to right
        kinds = col.pop("kinds")
        if len(kinds) == 1 and is_strategy_kind(kinds[0]):
            col["label"] = i18n.word(f"col.{kinds[0]}", lang)
        elif set(kinds) <= {"Organisation", "Others"}:
            col["label"] = i18n.word("col.Organisation", lang)
        else:
            col["label"] = i18n.word("col.broader" if seen_concepts else "col.concepts", lang)
            col["concepts"] = seen_concepts = True
    return {
        "filters": {
            "organisations": [{"iri": o, "label": k.label(o, lang), "selected": o in orgs}
                              for o in choices["organisations"]],
            "frameworks": [{"iri": f, "label": k.label(f, lang), "selected": f in fws} for f in frameworks],
        },
        "selection": {"organisations": sorted(orgs), "frameworks": sorted(fws), "concept": concept,
                      "conceptLabel": k.label(concept, lang) if concept else None},
        "mode": "overview" if aggregated else "full",
        "aggregated": aggregated,
        "budget": budget,
        "selected": selected,
        "counts": {"nodes": len(drawn["nodes"]), "edges": len(drawn["edges"])},
        "clusters": clusters,
        **drawn,
    }


def _serialised(data: dict, lang: str) -> tuple[bytes, Markup]:
    """The JSON twin's body, and what the page's script reads, HTML-safe: what is kept of a
    selection (its size in bytes is known; the page reads its data back from the JSON)."""
    dumps = current_app.json.dumps
    return dumps(data).encode("utf-8"), Markup(htmlsafe_json_dumps(_script_data(data, lang), dumps=dumps))


def _script_data(data: dict, lang: str) -> dict:
    """What the page's script reads (in <script type="application/json" id="graph-data">)."""
    return {"nodes": data["nodes"], "edges": data["edges"], "options": data["options"], "focus": data["focus"],
            "bands": data["bands"], "columns": data["columns"], "mode": data["mode"], "lang": lang,
            "words": {"pages": i18n.word("entity.pages", lang), "page": i18n.word("entity.page", lang),
                      "notrace": i18n.word("entity.notrace", lang)}}


@bp.route("/graph", defaults={"suffix": None})
@bp.route("/graph<any('.json'):suffix>")
def alignment(suffix):
    k = knowledge()
    lang = i18n.current()
    budget = int(current_app.config["GRAPH_NODE_BUDGET"])
    choices = _choices(k)
    full = k.drawable_graph()
    chosen_orgs = frozenset(o for o in request.args.getlist("org") if o in choices["organisations"])
    chosen_fws = frozenset(f for f in request.args.getlist("framework") if f in choices["frameworks"])
    concept = request.args.get("concept")
    concept = concept if concept and concept in full and is_concept(full, concept) else None
    focus = request.args.get("focus")
    if focus and focus in full and not chosen_orgs and full.nodes[focus].get("organisation"):
        chosen_orgs = frozenset({full.nodes[focus]["organisation"]})

    def compute():
        return _serialised(_compute(k, lang, budget, chosen_orgs, chosen_fws, concept), lang)

    key = json.dumps(["graphview", lang, budget, sorted(chosen_orgs), sorted(chosen_fws), concept])
    body, script = k.kept(key, compute)
    data = None
    if focus:
        data = json.loads(body)
        if any(n["id"] == focus for n in data["nodes"]):
            data["focus"] = focus
            body, script = _serialised(data, lang)

    html_url, json_url = with_query("/graph"), with_query("/graph.json")
    if wants_json(suffix):
        response = make_response(body)
        response.mimetype = JSON.media_type
        response.headers["Link"] = link_header(html_url, HTML.media_type)
        return response
    data = data if data is not None else json.loads(body)
    crumbs = []
    if chosen_orgs or concept:
        crumbs.append({"label": i18n.word("graph.crumb.all", lang),
                       "href": with_query("/graph", org=None, concept=None, focus=None)})
        if concept:
            crumbs.append({"label": data["selection"]["conceptLabel"],
                           "href": with_query("/graph", org=None, focus=None) if chosen_orgs else None,
                           "page": entity_path(concept)})
        for org in sorted(chosen_orgs, key=lambda o: k.label(o, lang).casefold()):
            crumbs.append({"label": k.label(org, lang), "href": None, "page": entity_path(org)})
    suggested = suggestions.graph_layer(data, lang)  # drawn apart, behind a switch that is off
    response = make_response(render_template(
        "graph.html", data=data, graph_script=script, crumbs=crumbs, json_url=json_url, suggested=suggested,
        suggested_script=Markup(htmlsafe_json_dumps(suggested, dumps=current_app.json.dumps))))
    response.headers["Link"] = link_header(json_url, JSON.media_type)
    return response
