"""/query: the SPARQL editor. Saved queries (graph/queries/*.rq) one click away, results as a
table, the same results as CSV or JSON (/query.csv, /query.json), and a permalink (the page's
own URL) that reruns the query. Queries run through the same executor as /sparql and
`samsyn query` (graph.executor): same prefixes, time limit, cap and refusals."""

from __future__ import annotations

import json

from flask import Blueprint, current_app, make_response, request

from samsyn.graph import named_queries
from samsyn.graph.formats import RESULT_FORMATS, RESULTS_JSON, TURTLE
from samsyn.graph.vocabulary import compact

from .. import i18n
from ..knowledge import entity_path
from ..web import knowledge, run_query, twin, with_query

bp = Blueprint("query", __name__)

DEFAULT_QUERY = """PREFIX sam: <https://w3id.org/samsyn/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

SELECT ?goal ?label WHERE {
  ?goal a sam:Goal ; rdfs:label ?label .
  FILTER(LANG(?label) = "sv")
}
LIMIT 25
"""


def saved_queries() -> list[dict]:
    out = []
    for name in named_queries.query_names():
        q = named_queries.load_query(name)
        out.append({"name": name, "title": q.title, "description": q.description, "text": q.text,
                    "params": [{"name": p.name, "kind": p.kind, "required": p.required, "description": p.description}
                               for p in q.params]})
    return out


def _cell(term: dict | None, lang: str) -> dict | None:
    if term is None:
        return None
    if term["type"] == "uri":
        iri = term["value"]
        return {"iri": iri, "compact": compact(iri), "label": knowledge().label(iri, lang) if iri in knowledge().labels else None,
                "page": entity_path(iri)}
    return {"literal": term["value"], "language": term.get("xml:lang"), "datatype": term.get("datatype"),
            "bnode": term["type"] == "bnode"}


@bp.route("/query", defaults={"suffix": None})
@bp.route("/query<any('.json', '.csv', '.tsv'):suffix>")
def editor(suffix):
    lang = i18n.current()
    saved = saved_queries()
    by_name = {q["name"]: q for q in saved}
    name = request.args.get("name")
    chosen = by_name.get(name) if name else None
    text = request.args.get("query")
    if text is None and chosen:
        text = chosen["text"]
    params = {}
    error = None
    if chosen:
        for p in chosen["params"]:
            value = request.args.get(p["name"], "").strip()
            if value:
                params[p["name"]] = value
    bindings = {}
    if chosen and params:
        try:
            terms = named_queries.load_query(chosen["name"]).bindings(params)
            bindings = {k: v.n3() for k, v in terms.items()}
        except named_queries.QueryError as err:
            error = {"status": 400, "message": str(err)}
    missing = [p["name"] for p in (chosen["params"] if chosen else []) if p["required"] and p["name"] not in params]
    result = None
    outcome = None
    should_run = text is not None and not error and not missing
    if should_run:
        if suffix in (".csv", ".tsv"):
            table = next(fmt for fmt in RESULT_FORMATS if fmt.suffix == suffix)
            outcome = run_query(text, select_format=table.name, graph_format=TURTLE.rdflib, bindings=bindings)
            if outcome.status == 200:
                written = table if outcome.form in ("SELECT", "ASK") else TURTLE
                response = make_response(outcome.body)
                response.headers["Content-Type"] = written.media_type + "; charset=utf-8"
                response.headers["Content-Disposition"] = f'attachment; filename="samsyn-{name or "query"}{written.suffix}"'
                response.headers["Samsyn-Result-Limit"] = str(outcome.limit)
                response.headers["Samsyn-Result-Truncated"] = "true" if outcome.truncated else "false"
                return response
        else:
            outcome = run_query(text, select_format=RESULTS_JSON.name, graph_format=TURTLE.rdflib,
                                bindings=bindings)
        if outcome.status == 200:
            if outcome.form in ("SELECT", "ASK"):
                raw = json.loads(outcome.body)
                if outcome.form == "ASK":
                    result = {"kind": "ASK", "boolean": raw["boolean"]}
                else:
                    variables = raw["head"]["vars"]
                    # the page shows the first QUERY_PAGE_ROWS rows (a table of thousands is slow to
                    # render and to read); the JSON twin and the CSV carry them all
                    shown = raw["results"]["bindings"][: current_app.config["QUERY_PAGE_ROWS"]]
                    rows = [[_cell(b.get(v), lang) for v in variables] for b in shown]
                    result = {"kind": "SELECT", "vars": variables, "rows": rows, "raw": raw}
            else:
                result = {"kind": outcome.form, "turtle": outcome.body.decode("utf-8")}
            result.update(count=outcome.count, truncated=outcome.truncated, limit=outcome.limit,
                          elapsed=round(outcome.elapsed, 3))
        else:
            error = {"status": outcome.status, "message": outcome.message}
    elif missing:
        error = {"status": 400, "message": f"{', '.join(missing)}: " + i18n.word("query.params", lang).lower()}
    if suffix in (".csv", ".tsv") and error:
        response = make_response(error["message"] + "\n", error["status"])
        response.mimetype = "text/plain"
        return _retry_after(response, outcome)
    status = error["status"] if error else 200
    data = {
        "query": text,
        "name": chosen["name"] if chosen else None,
        "params": params,
        "saved": [{k: v for k, v in q.items()} for q in saved],
        "result": ({k: v for k, v in result.items() if k != "rows"} if result else None),
        "error": error,
        "limits": {"timeout": current_app.config["QUERY_TIMEOUT"], "results": current_app.config["RESULT_LIMIT"]},
    }
    if result and result["kind"] == "SELECT":
        data["result"] = {"kind": "SELECT", "count": result["count"], "truncated": result["truncated"],
                          "limit": result["limit"], "elapsed": result["elapsed"], "results": result["raw"]}
    page = twin("query.html", data, "/query", "/query.json", suffix, status=status,
                editor_text=text if text is not None else DEFAULT_QUERY, chosen=chosen, result=result,
                csv_url=with_query("/query.csv") if result and result["kind"] == "SELECT" else None,
                permalink=with_query("/query", lang=None) if text is not None else None)
    return _retry_after(page, outcome)


def _retry_after(response, outcome):
    """A refused query (samsyn busy) says when to ask again, as /sparql does."""
    if outcome is not None and outcome.retry_after:
        response.headers["Retry-After"] = str(outcome.retry_after)
    return response
