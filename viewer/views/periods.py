"""/id/ORG/periods: an organisation's strategy periods compared (viewer/comparison.py's data,
what `samsyn compare` prints), with its JSON twin; `?before=IRI&after=IRI` picks a pair (the
latest by default); example data under a banner."""

from __future__ import annotations

from flask import Blueprint, abort, request

from samsyn.graph.analysis.follow_up import organisation_iri

from .. import i18n
from ..comparison import comparison_data
from ..web import knowledge, twin

bp = Blueprint("periods", __name__)


@bp.route("/id/<org>/periods", defaults={"suffix": None})
@bp.route("/id/<org>/periods<any('.json'):suffix>")
def page(org: str, suffix):
    store = knowledge().store
    try:
        iri = organisation_iri(store, org)
    except LookupError:
        abort(404)
    before, after = request.args.get("before") or None, request.args.get("after") or None
    lang = i18n.current()

    def data() -> dict:
        try:
            return comparison_data(store, iri, before, after, lang)
        except LookupError as error:
            if before or after:  # a strategy the organisation does not issue
                abort(404, description=str(error))
            return {"organisation": {"iri": iri, "label": knowledge().label(iri, lang)}, "pairs": [], "example": False}

    path = f"/id/{org}/periods"
    return twin("periods.html", data, path, path + ".json", suffix, cache=True)
