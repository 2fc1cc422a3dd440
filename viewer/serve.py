"""Start the viewer: waitress (a production WSGI server) by default, Flask's reloader with
dev=True. The graph is built before the server listens, so the printed address answers at once."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def serve(host: str = "127.0.0.1", port: int = 5000, sources: Sequence[str] | None = None,
          store: str = "oxigraph", dev: bool = False, threads: int = 8,
          query_timeout: float | None = None) -> None:
    """Build the knowledge graph from `sources` (None: the bundled strategies) into `store` and
    serve the viewer and /sparql on host:port until interrupted. Raises graph.sources.SourceError
    for a bad source file (before anything listens)."""
    from . import create_app

    config = {"SOURCES": list(sources) if sources else None, "STORE": store}
    if query_timeout is not None:
        config["QUERY_TIMEOUT"] = float(query_timeout)
    shown = "localhost" if host in ("0.0.0.0", "::") else host
    shown = f"[{shown}]" if ":" in shown else shown
    address = f"http://{shown}:{port}/"
    if dev:
        # the reloader runs the app in a child process and restarts it when code changes
        os.environ.setdefault("FLASK_DEBUG", "1")
        app = create_app({**_env_config(), **config})
        if os.environ.get("WERKZEUG_RUN_MAIN") != "true":
            print(f"samsyn viewer at {address} (development server, reloading)", flush=True)
        app.run(host=host, port=port, debug=True, use_reloader=True, threaded=True)
        return
    from waitress import create_server

    app = create_app({**_env_config(), **config})
    server = create_server(app, host=host, port=port, threads=threads, ident="samsyn")
    print(f"samsyn viewer at {address}", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        sys.stdout.flush()


def _env_config() -> dict:
    """SAMSYN_QUERY_TIMEOUT=10 and the like, as create_app() reads them without test_config."""
    from flask import Config

    config = Config(os.getcwd())
    config.from_prefixed_env("SAMSYN")
    return dict(config)
