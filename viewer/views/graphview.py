"""/graph: the alignment graph (pyvis model, vis-network in the page as `window.network`),
filtered by organisation and framework, laid out on the server (viewer.layout)."""

from __future__ import annotations

from flask import Blueprint, current_app, request

from graph.namespaces import SAM

from .. import i18n
from ..knowledge import entity_path, term_value
from ..layout import network, select
from ..web import knowledge, twin

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


@bp.route("/graph", defaults={"suffix": None})
@bp.route("/graph<any('.json'):suffix>")
def alignment(suffix):
    from graph.traceability import layer_of

    k = knowledge()
    lang = i18n.current()
    full = k.drawable_graph()
    organisations = [o["iri"] for o in k.organisations()]
    frameworks = sorted({d["framework"] for _, d in full.nodes(data=True) if d.get("framework")},
                        key=lambda f: k.label(f, lang).casefold())
    chosen_orgs = {o for o in request.args.getlist("org") if o in organisations}
    chosen_fws = {f for f in request.args.getlist("framework") if f in frameworks}
    focus = request.args.get("focus")
    if focus and focus in full and not chosen_orgs and full.nodes[focus].get("organisation"):
        chosen_orgs = {full.nodes[focus]["organisation"]}
    sub = select(full, chosen_orgs or None, chosen_fws or None, set(frameworks))
    too_many = sub.number_of_nodes() > current_app.config["GRAPH_MAX_NODES"]
    if too_many:
        keep = sorted(sub.nodes, key=lambda n: (sub.nodes[n].get("kind") not in ("Flagship", "BalticObjective"), n))
        sub = sub.subgraph(keep[: current_app.config["GRAPH_MAX_NODES"]]).copy()
    drawn = network(sub, lang, lambda n: k.label(n, lang), lambda kind: i18n.word(f"kind.{kind}", lang),
                    lambda o: k.label(o, lang), _detail(k, lang), layer_of, focus=focus)
    seen_concepts = False
    for col in drawn["columns"]:  # left to right
        kinds = col.pop("kinds")
        if len(kinds) == 1 and kinds[0] in ("Activity", "PriorityArea", "Goal"):
            col["label"] = i18n.word(f"col.{kinds[0]}", lang)
        else:
            col["label"] = i18n.word("col.broader" if seen_concepts else "col.concepts", lang)
            col["concepts"] = seen_concepts = True
    data = {
        "filters": {
            "organisations": [{"iri": o, "label": k.label(o, lang), "selected": o in chosen_orgs} for o in organisations],
            "frameworks": [{"iri": f, "label": k.label(f, lang), "selected": f in chosen_fws} for f in frameworks],
        },
        "truncated": too_many,
        "counts": {"nodes": len(drawn["nodes"]), "edges": len(drawn["edges"])},
        **drawn,
    }
    return twin("graph.html", data, "/graph", "/graph.json", suffix)
