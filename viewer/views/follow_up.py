"""/id/ORG/follow-up/YEAR: the annual follow-up of one organisation (viewer/report.py's data,
what `samsyn report` prints), with its JSON twin, in the page's language; example data under a
banner; a link to the organisation's strategy periods compared where it has two strategies."""

from __future__ import annotations

from flask import Blueprint, abort

from samsyn.graph.analysis.follow_up import organisation_iri

from .. import i18n

from ..comparison import periods_link
from ..report import report_data, rule_findings, titles
from ..web import knowledge, twin

bp = Blueprint("follow_up", __name__)


@bp.route("/id/<org>/follow-up/<int:year>", defaults={"suffix": None})
@bp.route("/id/<org>/follow-up/<int:year><any('.json'):suffix>")
def page(org: str, year: int, suffix):
    store = knowledge().store
    try:
        iri = organisation_iri(store, org)
    except LookupError:
        abort(404)
    lang = i18n.current()
    path = f"/id/{org}/follow-up/{year}"
    return twin("follow_up.html", lambda: report_data(store, iri, year, rule_findings(store, lang), lang),
                path, path + ".json", suffix, cache=True, titles=titles(lang),
                periods=periods_link(knowledge(), iri))
