"""Helpers the blueprints share: the page's machine-readable twin (a `.json` suffix or the
Accept header, with `Link: rel="alternate"` both ways), a person's query run for this request's
client, template globals, error pages."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from flask import Flask, current_app, g, jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException

from samsyn.graph.executor import Outcome
from samsyn.graph.formats import HTML, JSON, negotiate
from samsyn.graph.vocabulary import STRATEGY_KINDS, compact

from . import i18n
from .knowledge import entity_path


def samsyn():
    return current_app.extensions["samsyn"]


def knowledge():
    return samsyn().knowledge


#: characters of a request's path or message an error page repeats (a path can be 250 KB long)
ECHO_LIMIT = 300


def run_query(text: str, **options) -> Outcome:
    """Run a person's SPARQL through the app's executor (graph.executor.QueryExecutor.run, which
    takes `options`) as this request's client: refused at once when that client or the queue has
    its fill, stopped when the client goes away (waitress says so once `channel_request_lookahead`
    lets it read while the request runs: viewer.serve)."""
    return samsyn().executor.run(text, client=request.remote_addr or "",
                                 cancelled=request.environ.get("waitress.client_disconnected"), **options)


def shortened(text: str, limit: int = ECHO_LIMIT) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def wants_json(suffix: str | None) -> bool:
    """A `.json` suffix, or an Accept header preferring JSON to HTML (a tie goes to HTML)."""
    if suffix:
        return suffix == JSON.suffix
    return negotiate(request.headers.get("Accept"), (HTML, JSON)) is JSON


def with_query(path: str, **params) -> str:
    """`path` with the current query string, some parameters replaced (None removes)."""
    args = request.args.to_dict(flat=False)
    for key, value in params.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = value if isinstance(value, list) else [value]
    flat = [(k, v) for k, vs in args.items() for v in vs]
    return path + ("?" + urlencode(flat) if flat else "")


def link_header(url: str, media_type: str) -> str:
    return f'<{url}>; rel="alternate"; type="{media_type}"'


def twin(template: str, data: dict | Callable[[], dict], html_path: str, json_path: str, suffix: str | None,
         status: int = 200, cache: bool = False, **context):
    """Render the page or its JSON twin, each pointing at the other.

    `data` may be a function, called only when the body is not cached. With `cache`, the body is
    kept per path, query string, language and format (Knowledge.page): for pages whose data is
    computed from the whole graph, so a second visit costs a dictionary look-up."""
    html_url = with_query(html_path)
    json_url = with_query(json_path)
    as_json = wants_json(suffix)

    def body():
        page_data = data() if callable(data) else data
        if as_json:
            return current_app.json.dumps(page_data)  # what jsonify writes
        return render_template(template, data=page_data, json_url=json_url, **context)

    if cache:
        key = f"{request.path}?{request.query_string.decode('latin-1')}|{i18n.current()}|{'json' if as_json else 'html'}"
        text = knowledge().page(key, body)
    else:
        text = body()
    response = make_response(text, status)
    if as_json:
        response.mimetype = JSON.media_type
        response.headers["Link"] = link_header(html_url, HTML.media_type)
    else:
        response.headers["Link"] = link_header(json_url, JSON.media_type)
    return response


def lang_url(lang: str) -> str:
    return with_query(request.path, lang=lang)


def register_template_helpers(app: Flask) -> None:
    @app.context_processor
    def _globals():
        lang = i18n.current()
        k = knowledge()
        return {
            "lang": lang,
            "other_lang": i18n.other(lang),
            "t": lambda key, **values: i18n.word(key, lang, **values),
            "label": lambda iri: k.label(iri, lang),
            "label_pair": k.label_pair,
            "kind_of": k.kind,
            "entity_path": entity_path,
            "compact": compact,
            "strategy_kinds": STRATEGY_KINDS,
            "lang_url": lang_url,
            "with_query": with_query,
            "example_data": k.holds_example_data(),
        }

    @app.errorhandler(HTTPException)
    def _error(error: HTTPException):
        message = shortened(error.description or "")
        if request.path.startswith("/sparql"):
            response = make_response(f"{error.code} {error.name}: {message}\n", error.code)
            response.mimetype = "text/plain"
            return response
        data = {"error": error.code, "name": error.name, "message": message}
        lang = getattr(g, "lang", None) or i18n.DEFAULT_LANGUAGE
        g.lang = lang
        if wants_json(".json" if request.path.endswith(".json") else None):
            return make_response(jsonify(data), error.code)
        # the language switch repeats the path: not a path no page has
        switch = (lambda other: lang_url(other)) if len(request.full_path) <= ECHO_LIMIT else \
            (lambda other: "/?" + urlencode({"lang": other}))
        return make_response(render_template("error.html", data=data, lang_url=switch), error.code)
