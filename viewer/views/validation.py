"""/validate: the SHACL report (shapes.validate), grouped by severity and shape, messages in
Swedish or English, each finding linking to its entity."""

from __future__ import annotations

from flask import Blueprint

from samsyn.graph.analysis import source_of
from samsyn.graph.vocabulary import compact

from .. import i18n
from ..knowledge import entity_path
from ..web import knowledge, twin

bp = Blueprint("validation", __name__)


def _document(k, graph: str | None) -> dict:
    """The source document a finding's graph comes from: its title and source text, if known."""
    if not graph:
        return {"graphLabel": None, "source": None}
    source = source_of([graph], k.sources)
    title = (source.meta.get("title") if source else None) or compact(graph)
    return {"graphLabel": title, "source": f"/sources/{source.stem}" if source else None}


@bp.route("/validate", defaults={"suffix": None})
@bp.route("/validate<any('.json'):suffix>")
def report(suffix):
    lang = i18n.current()
    return twin("validate.html", lambda: _report_data(lang), "/validate", "/validate.json", suffix, cache=True)


def _report_data(lang: str) -> dict:
    k = knowledge()
    result = k.validation()
    groups = []
    for severity, shapes in result.grouped().items():
        shape_groups = []
        for shape, findings in shapes.items():
            shape_groups.append({
                "shape": shape,
                "name": findings[0].name(lang),
                "message": findings[0].text(lang),
                "findings": [{
                    "focus": f.focus_node, "label": f.label(lang), "page": entity_path(f.focus_node),
                    "message": f.text(lang), "sameMessage": f.text(lang) == findings[0].text(lang),
                    "path": f.path, "pathLabel": k.label(f.path, lang) if f.path else None,
                    "value": f.value, "graph": f.source_graph, **_document(k, f.source_graph),
                } for f in findings],
            })
        groups.append({"severity": severity, "count": sum(len(s["findings"]) for s in shape_groups),
                       "shapes": shape_groups})
    return {"conforms": result.conforms, "counts": result.counts(), "groups": groups, "report": result.to_json()}
