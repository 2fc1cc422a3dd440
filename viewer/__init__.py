"""The samsyn web viewer: a thin face over the library for strategists (coverage matrix,
alignment graph, entity pages, SHACL report) and analysts (SPARQL editor and endpoint).

`create_app()` builds the knowledge graph once (or takes a built store) and registers one
blueprint per concern; it starts nothing. A threaded server calls `start(app)` before it starts
its threads: that forks the query process (graph.executor) while it is safe to fork, then warms
the caches in the background. Without it (the test client, a single thread) the query process
is forked on the first query."""

from __future__ import annotations

import atexit
import os
import threading
from pathlib import Path

from flask import Flask, g, request

from samsyn.graph.building import open_for_reading
from samsyn.graph.executor import DEFAULT_TIMEOUT, QueryExecutor
from samsyn.graph.store import DEFAULT_STORE, Store
from samsyn.graph.documents import source_folders

from . import i18n
from .knowledge import Knowledge

DEFAULTS = {
    # strategy files or folders (None: the bundled strategies), as `samsyn serve --source`
    "SOURCES": None,
    # store spec, as `samsyn serve --store`
    "STORE": DEFAULT_STORE,
    # seconds a SPARQL query may run before it is stopped
    "QUERY_TIMEOUT": DEFAULT_TIMEOUT,
    # most rows (SELECT) or triples (CONSTRUCT, DESCRIBE) one query returns
    "RESULT_LIMIT": 10_000,
    # queries evaluated at once
    "QUERY_WORKERS": 4,
    # queries waiting for one of the QUERY_WORKERS (up to the time limit); more are answered 503
    # with Retry-After at once
    "QUERY_QUEUE": 4,
    # queries one client (one address; behind a proxy, see `samsyn serve --trusted-proxy`) may have
    # running or waiting; more are answered 503 with Retry-After at once (0: no limit)
    "QUERY_PER_CLIENT": 2,
    # address space one query may add, in bytes
    "QUERY_MEMORY": 2 << 30,
    # server threads no query can take (`samsyn serve` runs QUERY_WORKERS + QUERY_QUEUE + these):
    # pages never wait behind queries
    "PAGE_THREADS": 4,
    # bytes of rendered pages, graph selections and exports kept (least recently used dropped first)
    "CACHE_BYTES": 256 << 20,
    # extra folders holding <stem>.txt source texts (and sources.toml)
    "SOURCE_TEXT_DIRS": [],
    # compute coverage, traceability and validation in the background from start(app)
    "WARM": True,
    # most nodes the graph page draws as they are; a bigger selection is drawn aggregated by
    # organisation (viewer.overview), in at most this many nodes
    "GRAPH_NODE_BUDGET": 500,
    # most result rows the query page shows (its CSV and JSON carry all, up to RESULT_LIMIT)
    "QUERY_PAGE_ROWS": 500,
    # most items an entity page lists per list (who points at it, what reaches it); counts are whole
    "ENTITY_LIST_LIMIT": 100,
    # organisations per page of the home page's list and coverage matrix
    "HOME_PAGE_SIZE": 25,
    "JSON_SORT_KEYS": False,
}


class Samsyn:
    """What the blueprints share: the knowledge (store + cached views) and the query executor."""

    def __init__(self, knowledge: Knowledge, executor: QueryExecutor, warm: bool):
        self.knowledge = knowledge
        self.executor = executor
        self._warm = warm

    def start(self) -> None:
        """Fork the query process now, then warm the caches in a thread (once)."""
        self.executor.start()
        if self._warm:
            self._warm = False
            threading.Thread(target=self.knowledge.warm, name="samsyn-warm", daemon=True).start()

    def close(self) -> None:
        self.executor.close()


def _source_text_dirs(config) -> list[Path]:
    return [Path(d) for d in config["SOURCE_TEXT_DIRS"] or []] + source_folders(Path(s) for s in config["SOURCES"] or [])


def create_app(test_config: dict | None = None, store: Store | None = None) -> Flask:
    """The viewer over `store`, or over SOURCES built into STORE (the config) when none is given.
    Configured from SAMSYN_* environment variables, or from `test_config` alone when given.
    SOURCES also names where source texts are found beside the strategy files."""
    # root and instance paths given: Flask cannot derive them from a namespace package (`samsyn`)
    here = os.path.dirname(os.path.abspath(__file__))
    app = Flask(__name__, root_path=here, instance_path=os.path.join(os.getcwd(), "instance"))
    app.config.from_mapping(DEFAULTS)
    if test_config is None:
        app.config.from_prefixed_env("SAMSYN")
    else:
        app.config.from_mapping(test_config)
    app.json.sort_keys = False
    app.json.ensure_ascii = False

    if store is None:
        store = open_for_reading(app.config["STORE"], app.config["SOURCES"])
    knowledge = Knowledge(store, _source_text_dirs(app.config), cache_bytes=int(app.config["CACHE_BYTES"]))
    executor = QueryExecutor(store, timeout=app.config["QUERY_TIMEOUT"], limit=app.config["RESULT_LIMIT"],
                             workers=app.config["QUERY_WORKERS"], memory_bytes=app.config["QUERY_MEMORY"],
                             queue=app.config["QUERY_QUEUE"], per_client=app.config["QUERY_PER_CLIENT"])
    samsyn = Samsyn(knowledge, executor, warm=app.config["WARM"])
    app.extensions["samsyn"] = samsyn
    atexit.register(samsyn.close)

    from .views import (downloads, entity, follow_up, graphview, home, periods, query, search, sparql, status,
                        suggestions, validation, vocabulary, workbook)
    for module in (home, graphview, follow_up, periods, entity, vocabulary, validation, query, sparql, downloads, workbook,
                   search, suggestions, status):
        app.register_blueprint(module.bp)

    @app.before_request
    def _language():
        g.lang = i18n.choose_language()

    @app.after_request
    def _headers(response):
        asked = request.args.get("lang")
        if asked in i18n.LANGUAGES and request.cookies.get(i18n.COOKIE) != asked:
            response.set_cookie(i18n.COOKIE, asked, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
        # nothing but this server: no CDN, no inline script, no plug-ins, no framing
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.vary.add("Accept")
        response.vary.add("Cookie")
        return response

    from .web import register_template_helpers
    register_template_helpers(app)
    app.logger.debug("samsyn viewer ready (pid %s)", os.getpid())
    return app


def start(app: Flask) -> None:
    """Ready `app` for a threaded server; call it before the server starts its threads."""
    app.extensions["samsyn"].start()
