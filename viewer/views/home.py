"""Home: the organisations and their strategies, and the coverage matrix; a cell's list of what
reaches a concept (/reach)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, request

from samsyn.graph.analysis import MatrixRow, traces_to
from samsyn.graph.vocabulary import COUNT_KEYS

from .. import i18n
from ..knowledge import entity_path
from ..web import knowledge, twin, with_query
from . import suggestions

bp = Blueprint("home", __name__)

#: the coverage matrix's sections (concept classes) as the page's JSON names them
SECTIONS = {"Flagship": "flagships", "BalticObjective": "baltic"}


def _matrix(lang: str, organisations: list[str]) -> dict:
    """The coverage matrix (graph.analysis.build_matrix) with labels and links, columns the given organisations."""
    k = knowledge()
    matrix = k.matrix(lang, organisations)

    def row(r: MatrixRow) -> dict:
        head = {"heading": r.heading, "iri": r.concept, "label": k.label(r.concept, lang), "path": entity_path(r.concept)}
        if r.heading:
            return head
        return {**head, "framework": r.framework, "level": r.level, "reachedBy": r.reached_by, "of": matrix.counted,
                "cells": [dict(cell, organisation=org) for org, cell in zip(matrix.organisations, r.cells)]}

    return {"organisations": [{"iri": o, "label": k.label(o, lang)} for o in matrix.organisations],
            **{name: [row(r) for r in matrix.sections[kind]] for kind, name in SECTIONS.items()}}


def _home_data(lang: str, page: int, per_page: int) -> dict:
    k = knowledge()
    everyone = k.organisations(lang)
    shown = everyone[(page - 1) * per_page: page * per_page]
    organisations = []
    for org in shown:
        organisations.append({
            "iri": org["iri"], "label": k.label(org["iri"], lang), "labels": k.label_pair(org["iri"]),
            "page": entity_path(org["iri"]),
            "strategies": [dict(s, label=k.label(s["iri"], lang), page=entity_path(s["iri"]),
                                adoptedByLabel=k.label(s["adoptedBy"], lang) if s["adoptedBy"] else None)
                           for s in org["strategies"]],
        })
    pages = max(1, -(-len(everyone) // per_page))
    return {
        "lang": lang,
        "pagination": {
            "page": page, "pages": pages, "perPage": per_page, "organisations": len(everyone),
            "first": (page - 1) * per_page + 1 if shown else 0, "last": (page - 1) * per_page + len(shown),
            "previous": with_query("/", page=str(page - 1) if page > 2 else None) if page > 1 else None,
            "next": with_query("/", page=str(page + 1)) if page < pages else None,
        },
        "organisations": organisations,
        "coverage": _matrix(lang, [o["iri"] for o in shown]),
    }


def _page_number(pages_of_organisations: int) -> int:
    raw = request.args.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= max(1, pages_of_organisations):
        abort(404, f"no page {raw!r} of organisations: pages run from 1 to {max(1, pages_of_organisations)}")
    return int(raw)


@bp.route("/", defaults={"suffix": None})
@bp.route("/index<any('.json'):suffix>")
def index(suffix):
    """The organisations and the coverage matrix, HOME_PAGE_SIZE organisations a page (a
    matrix of 311 columns is neither readable nor quick); each row counts all of them."""
    lang = i18n.current()
    per_page = current_app.config["HOME_PAGE_SIZE"]
    page = _page_number(-(-len(knowledge().organisations(lang)) // per_page))
    suggested = request.args.get("suggested") == "1"

    def data() -> dict:
        found = _home_data(lang, page, per_page)
        if suggested:  # a layer beside the matrix: its rows are the same with it on
            found["suggested"] = suggestions.matrix_layer(found["coverage"])
        return found
    return twin("home.html", data, "/", "/index.json", suffix, cache=True, suggested_on=suggested)


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
    return twin("reach.html", lambda: _reach_data(lang, organisation, concept), "/reach", "/reach.json", suffix,
                cache=True)


def _reach_data(lang: str, organisation: str, concept: str) -> dict:
    k = knowledge()
    traces = traces_to(k.trace_graph(), concept, k.reaching(organisation, concept))
    items = [{
        "iri": iri, "kind": k.kind(iri), "label": k.label(iri, lang), "labels": k.label_pair(iri),
        "page": entity_path(iri),
        "traces": [[{"iri": n, "label": k.label(n, lang), "kind": k.kind(n), "page": entity_path(n)} for n in path]
                   for path in paths],
    } for iri, paths in traces.items()]
    return {
        "organisation": {"iri": organisation, "label": k.label(organisation, lang), "page": entity_path(organisation)},
        "concept": {"iri": concept, "label": k.label(concept, lang), "kind": k.kind(concept), "page": entity_path(concept),
                    "broader": [{"iri": b, "label": k.label(b, lang), "page": entity_path(b)} for b in k.broader(concept)]},
        "counts": {key: sum(1 for i in items if i["kind"] == kind) for kind, key in COUNT_KEYS.items()},
        "reaching": items,
    }
