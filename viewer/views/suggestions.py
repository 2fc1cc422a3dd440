"""Suggested alignments in the viewer, always apart from what the documents assert and marked
"suggested, not stated in the document": a section on entity pages (`for_entity`), dashed edges
behind a toggle on the graph page (`graph_layer`), a switchable layer beside the coverage matrix
(`matrix_layer`), and /suggestions with its twins (.json, .csv, .ttl).

The suggestions are computed once per app (Knowledge.suggestions: they read only text), and so
is what they would add to reach (graph.text.suggested.added_reach). Nothing here changes a
coverage count, a gap or a trace."""

from __future__ import annotations

import tempfile
from collections import Counter, defaultdict
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlencode

from flask import Blueprint, abort, make_response, request

from samsyn.graph.formats import HTML, RESULTS_CSV, TURTLE  # RESULTS_CSV: for its media type, text/csv
from samsyn.graph.namespaces import ID, SAM
from samsyn.graph.text.suggest import (FALLBACK, METHOD, THRESHOLD, VERSION, Suggestion, suggestion_iri,
                                       suggestions_graph)
from samsyn.graph.text.suggested import added_reach, is_suggested, json_record, suggestions_csv
from samsyn.graph.workbook import workbook_with_alignment

from .. import i18n
from ..knowledge import entity_path
from ..web import knowledge, link_header, twin, with_query

bp = Blueprint("suggestions", __name__)

#: rows the /suggestions page shows (its JSON, CSV and Turtle carry all)
PAGE_ROWS = 500
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _index(k) -> dict[str, dict[str, list[Suggestion]]]:
    """The suggestions by entity (best first), by concept (best first) and by their own IRI, once per app."""
    def compute():
        by_entity: dict[str, list[Suggestion]] = defaultdict(list)
        by_concept: dict[str, list[Suggestion]] = defaultdict(list)
        for suggestion in k.suggestions():
            by_entity[suggestion.entity].append(suggestion)
            by_concept[suggestion.concept].append(suggestion)
        for found in by_concept.values():
            found.sort(key=lambda s: (-s.score, s.entity))
        by_iri = {str(suggestion_iri(s)): s for s in k.suggestions()}
        return {"entity": dict(by_entity), "concept": dict(by_concept), "iri": by_iri}
    return k.cached("suggestions:index", compute)


def _added(k) -> dict[str, dict[str, dict[str, int]]]:
    """Organisation -> concept -> what the suggestions would add to its reach (once per app)."""
    return k.cached("suggestions:added-reach", lambda: added_reach(k.drawable_graph(), k.suggestions()))


def _unstated_by_organisation(k) -> dict[str, Counter]:
    """Organisation -> concept -> how many suggestions the documents do not state (once per app):
    what the overview draws, per cluster."""
    def compute():
        found: dict[str, Counter] = defaultdict(Counter)
        for suggestion in k.suggestions():
            if not stated(k, suggestion):
                found[_organisation(k, suggestion.entity) or ""][suggestion.concept] += 1
        return dict(found)
    return k.cached("suggestions:unstated-by-organisation", compute)


def stated(k, suggestion: Suggestion) -> bool:
    """Whether the document also states the link (the suggester never reads it: this is its yardstick)."""
    graph = k.trace_graph()
    return graph.has_edge(suggestion.entity, suggestion.concept) and \
        graph.edges[suggestion.entity, suggestion.concept].get("relation") == "alignsWith"


def _organisation(k, entity: str) -> str | None:
    node = k.drawable_graph().nodes.get(entity)
    return node.get("organisation") if node else None


def _ref(k, iri: str, lang: str) -> dict:
    return {"iri": iri, "label": k.label(iri, lang), "kind": k.kind(iri), "page": entity_path(iri)}


def workbook_url(suggestion: Suggestion, lang: str) -> str:
    """Where the workbook with the suggestion taken in is downloaded (`workbook`)."""
    return "/suggestions/workbook.xlsx?" + urlencode({"entity": suggestion.entity, "concept": suggestion.concept,
                                                      "lang": lang})


def turtle_statement(suggestion: Suggestion) -> str:
    """The suggestion as the triple a document would state."""
    return f"@prefix sam: <{SAM}> .\n\n<{suggestion.entity}> sam:alignsWith <{suggestion.concept}> .\n"


def _method() -> dict:
    return {"method": METHOD, "version": VERSION, "threshold": THRESHOLD}


def _item(k, suggestion: Suggestion, lang: str, other: str) -> dict:
    """One suggestion for a page: the other end (`other`: "concept" or "entity"), score, evidence."""
    iri = suggestion.concept if other == "concept" else suggestion.entity
    item = {other: _ref(k, iri, lang), "score": suggestion.score,
            "evidence": [str(match) for match in suggestion.evidence], "stated": stated(k, suggestion)}
    if other == "concept":
        item["framework"] = {"iri": suggestion.framework, "label": k.label(suggestion.framework, lang)}
        if not item["stated"]:
            item["workbook"] = workbook_url(suggestion, lang)
            item["turtle"] = turtle_statement(suggestion)
    else:
        organisation = _organisation(k, suggestion.entity)
        item["organisation"] = _ref(k, organisation, lang) if organisation else None
    return item


def for_entity(iri: str, lang: str, limit: int) -> dict | None:
    """The entity page's section: for a goal, priority area or activity the concepts its text
    suggests; for a concept the goals, areas and activities whose text suggests it (at most
    `limit`, with the count); for a suggestion's own IRI (id/suggestion/...) that suggestion.
    None where there are none."""
    k = knowledge()
    index = _index(k)
    own = index["iri"].get(iri)
    if own is not None:
        return {"direction": "concept", "count": 1, "items": [_item(k, own, lang, "concept")],
                "entity": _ref(k, own.entity, lang), "all": "/suggestions?" + urlencode({"entity": own.entity}),
                "csv": "/suggestions.csv?" + urlencode({"entity": own.entity}),
                "turtle": "/suggestions.ttl?" + urlencode({"entity": own.entity}), **_method()}
    if iri in index["entity"]:
        # what the document does not state yet first: that is what a strategist can act on
        found, other = sorted(index["entity"][iri], key=lambda s: stated(k, s)), "concept"
        link = {"entity": iri}
    elif iri in index["concept"]:
        found, other = index["concept"][iri], "entity"
        link = {"concept": iri}
    else:
        return None
    return {"direction": other, "count": len(found), "items": [_item(k, s, lang, other) for s in found[:limit]],
            "fallback": other == "concept" and any(s.among == FALLBACK for s in found),
            "all": "/suggestions?" + urlencode(link), "csv": "/suggestions.csv?" + urlencode(link),
            "turtle": "/suggestions.ttl?" + urlencode(link), **_method()}


def suggestion_label(iri: str, lang: str) -> str | None:
    """A suggestion's name for its own page, "entity -> concept"; None for any other IRI."""
    k = knowledge()
    own = _index(k)["iri"].get(iri)
    return f"{k.label(own.entity, lang)} → {k.label(own.concept, lang)}" if own else None


def graph_layer(drawn: dict, lang: str) -> dict:
    """The suggested edges among the nodes the graph page draws, for its toggle: entity -> concept
    when drawn one by one, organisation -> concept (with how many) when aggregated. Links the
    document also states are left out: the solid edge is already there."""
    k = knowledge()
    ids = {node["id"] for node in drawn["nodes"]}
    edges: list[dict] = []
    label = i18n.word("suggest.graph_edge", lang)  # the edge's tooltip, as text
    hidden = 0  # suggestions of drawn entities whose concept this view does not draw
    if drawn["mode"] == "full":
        index = _index(k)["entity"]
        for entity in sorted(ids & index.keys()):
            for s in index[entity]:
                if stated(k, s):
                    continue
                if s.concept not in ids:
                    hidden += 1
                    continue
                edges.append({"from": entity, "to": s.concept, "score": s.score,
                              "title": f"{label}\n{s.score:.2f}: {s.evidence_text}"})
    else:
        # organisation -> the node standing for it: its own cluster, or the one of the others
        others = next((node["id"] for node in drawn["nodes"] if node["kind"] == "Others"), None)
        cluster = {}
        for c in drawn.get("clusters", []):
            if c["iri"]:
                cluster[c["iri"]] = c["iri"]
            else:
                cluster.update(dict.fromkeys(c.get("organisations", []), others))
        pairs: Counter = Counter()
        for organisation, concepts in _unstated_by_organisation(k).items():
            source = cluster.get(organisation)
            if source in ids:
                for concept, count in concepts.items():
                    if concept in ids:
                        pairs[(source, concept)] += count
        edges = [{"from": a, "to": b, "count": n, "label": str(n), "title": f"{label}\n{n}"}
                 for (a, b), n in sorted(pairs.items())]
    return {"edges": edges, "hidden": hidden, **_method()}


def matrix_layer(coverage: dict) -> dict:
    """Beside the coverage matrix (home page data), what the suggestions would add to each shown
    cell: concept -> organisation -> counts. The matrix's own rows are not touched."""
    added = _added(knowledge())
    organisations = [o["iri"] for o in coverage["organisations"]]
    concepts = [row["iri"] for section in ("flagships", "baltic") for row in coverage[section] if not row["heading"]]
    cells = {concept: {org: added[org][concept] for org in organisations if concept in added.get(org, {})}
             for concept in concepts}
    return {"cells": {concept: found for concept, found in cells.items() if found}, **_method()}


# --- taking a suggestion into the workbook ------------------------------------------------------

@bp.route("/suggestions/workbook.xlsx")
def workbook():
    """The workbook of the strategy that states the suggestion's entity, with the suggestion as an
    asserted alignment row, marked as taken from a suggestion (graph.workbook.workbook_with_alignment):
    one download, in the page's language. Nothing changes on the server: the /workbook page checks
    the file and, with the write token, publishes it as the organisation's source."""
    k = knowledge()
    lang = i18n.current()
    entity, concept = request.args.get("entity", ""), request.args.get("concept", "")
    suggestion = next((s for s in _index(k)["entity"].get(entity, []) if s.concept == concept), None)
    if suggestion is None:
        abort(404, i18n.word("suggest.no_such", lang))
    if stated(k, suggestion):
        abort(409, i18n.word("suggest.stated", lang))
    note = i18n.word("suggest.workbook_note", lang, method=suggestion.method, version=suggestion.version,
                     score=f"{suggestion.score:.2f}", evidence=suggestion.evidence_text, iri=suggestion_iri(suggestion),
                     date=datetime.now(timezone.utc).date().isoformat())
    organisation = _organisation(k, entity) or ""
    name = (organisation[len(str(ID)):] if organisation.startswith(str(ID)) else "") or "strategy"
    with tempfile.TemporaryDirectory(prefix="samsyn-take-") as scratch:
        try:
            path = workbook_with_alignment(k.store, entity, concept, Path(scratch) / f"{name}.xlsx", lang, note)
        except (LookupError, ValueError) as error:
            abort(409, str(error))
        body = path.read_bytes()
    response = make_response(body)
    response.mimetype = XLSX
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    response.headers["Cache-Control"] = "no-store"
    response.headers["Link"] = link_header("/workbook", HTML.media_type)
    return response


# --- /suggestions and its twins -----------------------------------------------------------------

def _chosen(k) -> list[Suggestion]:
    """The suggestions the query string asks for: of an entity, of a concept, of an organisation."""
    entity, concept, organisation = (request.args.get(name) for name in ("entity", "concept", "organisation"))
    return [s for s in k.suggestions()
            if (not entity or s.entity == entity) and (not concept or s.concept == concept)
            and (not organisation or _organisation(k, s.entity) == organisation)]


@bp.route("/suggestions", defaults={"suffix": None})
@bp.route("/suggestions<any('.json', '.csv', '.ttl'):suffix>")
def listing(suffix):
    """Every suggestion (or those of `entity`, `concept` or `organisation`), best first per entity."""
    k = knowledge()
    lang = i18n.current()
    if suffix in (".csv", ".ttl"):
        chosen = _chosen(k)
        if suffix == ".csv":
            body, fmt = suggestions_csv(chosen, lambda iri: k.label(iri, lang)), RESULTS_CSV
        else:
            body, fmt = suggestions_graph(chosen).serialize(format="turtle"), TURTLE
        response = make_response(body)
        response.mimetype = fmt.media_type
        response.headers["Link"] = link_header(with_query("/suggestions"), HTML.media_type)
        return response

    def data() -> dict:
        rows = []
        for s in _chosen(k):
            organisation = _organisation(k, s.entity)
            rows.append({**json_record(s, lambda iri: k.label(iri, lang)), "stated": stated(k, s),
                         "organisation": organisation, "organisationLabel": k.label(organisation, lang) if organisation else None,
                         "entityPage": entity_path(s.entity), "conceptPage": entity_path(s.concept),
                         "words": [str(match) for match in s.evidence]})
        built = any(is_suggested(name) for name in k.store.graph_names())
        return {"count": len(rows), "suggestions": rows, "built": built, **_method()}

    response = twin("suggestions.html", data, "/suggestions", "/suggestions.json", suffix, cache=True, shown=PAGE_ROWS,
                    csv_url=with_query("/suggestions.csv"), turtle_url=with_query("/suggestions.ttl"))
    if suffix is None:
        response.headers["Link"] += ", " + ", ".join(
            link_header(url, fmt.media_type) for url, fmt in ((with_query("/suggestions.csv"), RESULTS_CSV),
                                                              (with_query("/suggestions.ttl"), TURTLE)))
    return response
