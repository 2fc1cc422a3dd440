"""Start the viewer: waitress (a production WSGI server) by default, Flask's reloader with
dev=True. The graph is built before the server listens, so the printed address answers at once.

How waitress is set up, and why (docs/deployment.md says the same for operators):

- threads: QUERY_WORKERS + QUERY_QUEUE + PAGE_THREADS. The executor admits at most QUERY_WORKERS
  running and QUERY_QUEUE waiting queries and refuses the rest at once, so PAGE_THREADS threads are
  always left for pages: pages never wait behind queries.
- `channel_request_lookahead`: waitress reads from a connection while its request runs, so it sees
  the client go and says so (`waitress.client_disconnected`); the executor then stops the query.
- `connection_limit` CONNECTION_LIMIT, idle connections closed after IDLE_TIMEOUT: a hundred idle
  connections (waitress' default limit) no longer lock everyone out. `asyncore_use_poll`, as
  select() cannot watch more than 1,024 descriptors.
- a request body of at most MAX_BODY (the only body samsyn takes is a SPARQL query), and a request
  with both Content-Length and Transfer-Encoding refused with 400 (RFC 9112 6.1: a request
  smuggling attempt, or a broken client).
- `--trusted-proxy`: behind a reverse proxy, the client's address (for the per-client query
  limit), scheme and host come from the proxy's X-Forwarded-* headers; from anyone else they are
  dropped.
- waitress logs "Task queue depth" for every request that finds no idle thread: at most one such
  line per QUEUE_LOG_INTERVAL seconds, with how many were left out."""

from __future__ import annotations

import logging
import os
import resource
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from samsyn.graph.store import Store

#: connections waitress keeps open at once (its default, 100, is easily reached by idle ones)
CONNECTION_LIMIT = 1000
#: seconds an idle connection is kept open, and how often waitress looks for them
IDLE_TIMEOUT = 30
CLEANUP_INTERVAL = 5
#: bytes a request body may have
MAX_BODY = 1 << 20
#: the X-Forwarded-* headers taken from a trusted proxy (what docs/deploy's nginx and Caddy set)
FORWARDED_HEADERS = {"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port"}
#: seconds between two "Task queue depth" lines in the log
QUEUE_LOG_INTERVAL = 10.0


def serve(store: Store, host: str = "127.0.0.1", port: int = 5000, sources: Sequence[str | Path] = (),
          dev: bool = False, query_timeout: float | None = None, write_token: str | None = None,
          trusted_proxy: str | None = None) -> None:
    """Serve the viewer and /sparql over a built store on host:port until interrupted. `sources`
    are the strategy files it was built from (their source texts are found beside them).
    `trusted_proxy`: the address of a reverse proxy whose X-Forwarded-* headers are believed."""
    from . import create_app, start

    config = {"SOURCES": [str(path) for path in sources] or None, "WRITE_TOKEN": write_token}
    if query_timeout is not None:
        config["QUERY_TIMEOUT"] = float(query_timeout)
    shown = "localhost" if host in ("0.0.0.0", "::") else host
    shown = f"[{shown}]" if ":" in shown else shown
    address = f"http://{shown}:{port}/"
    app = create_app({**_env_config(), **config}, store=store)
    if dev:
        # the reloader runs the app in a child process and restarts it when code changes
        os.environ.setdefault("FLASK_DEBUG", "1")
        if os.environ.get("WERKZEUG_RUN_MAIN") != "true":
            print(f"samsyn viewer at {address} (development server, reloading)", flush=True)
        else:
            start(app)
        app.run(host=host, port=port, debug=True, use_reloader=True, threaded=True)
        return

    start(app)  # before create_server starts waitress's threads
    threads = app.config["QUERY_WORKERS"] + app.config["QUERY_QUEUE"] + app.config["PAGE_THREADS"]
    server = waitress_server(app, host, port, threads, trusted_proxy)
    print(f"samsyn viewer at {address}", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        sys.stdout.flush()


def waitress_server(app, host: str, port: int, threads: int, trusted_proxy: str | None = None):
    """A waitress server for `app`, set up as the module's docstring says (not yet running)."""
    from waitress import create_server
    from waitress.channel import HTTPChannel
    from waitress.parser import HTTPRequestParser, ParsingError
    from waitress.server import BaseWSGIServer

    class Parser(HTTPRequestParser):
        def parse_header(self, header_plus):
            super().parse_header(header_plus)
            # waitress drops Transfer-Encoding once it has read it (self.chunked)
            if "CONTENT_LENGTH" in self.headers and (self.chunked or "TRANSFER_ENCODING" in self.headers):
                raise ParsingError("a request may not have both Content-Length and Transfer-Encoding")

    class Channel(HTTPChannel):
        parser_class = Parser

    _limit_queue_log()
    _allow_descriptors(CONNECTION_LIMIT + threads + 64)
    proxy = {"trusted_proxy": trusted_proxy, "trusted_proxy_count": 1, "trusted_proxy_headers": FORWARDED_HEADERS,
             "clear_untrusted_proxy_headers": True} if trusted_proxy else {"clear_untrusted_proxy_headers": True}
    listeners: dict = {}
    server = create_server(app, map=listeners, host=host, port=port, threads=threads, ident="samsyn",
                           channel_request_lookahead=1, connection_limit=CONNECTION_LIMIT,
                           channel_timeout=IDLE_TIMEOUT, cleanup_interval=CLEANUP_INTERVAL, asyncore_use_poll=True,
                           max_request_body_size=MAX_BODY, **proxy)
    for listener in listeners.values():
        if isinstance(listener, BaseWSGIServer):
            listener.channel_class = Channel
    return server


def _allow_descriptors(wanted: int) -> None:
    """Raise this process's open-file limit towards `wanted` (each connection is one), as far as
    the hard limit lets it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


class _EveryInterval(logging.Filter):
    """Lets one record through per `interval` seconds, saying how many it left out before it."""

    def __init__(self, interval: float):
        super().__init__()
        self.interval = interval
        self.last = float("-inf")
        self.left_out = 0

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        if now - self.last < self.interval:
            self.left_out += 1
            return False
        if self.left_out:
            record.msg = f"{record.msg} ({self.left_out} such lines left out in the last {now - self.last:.0f} s)"
        self.last, self.left_out = now, 0
        return True


def _limit_queue_log() -> None:
    queue_log = logging.getLogger("waitress.queue")
    if not any(isinstance(f, _EveryInterval) for f in queue_log.filters):
        queue_log.addFilter(_EveryInterval(QUEUE_LOG_INTERVAL))


def _env_config() -> dict:
    """SAMSYN_QUERY_TIMEOUT=10 and the like, as create_app() reads them without test_config."""
    from flask import Config

    config = Config(os.getcwd())
    config.from_prefixed_env("SAMSYN")
    return dict(config)
