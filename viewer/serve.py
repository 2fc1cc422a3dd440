"""Start the viewer: waitress (a production WSGI server) by default, Flask's reloader with
dev=True. The graph is built before the server listens, so the printed address answers at once."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from samsyn.graph.store import Store


def serve(store: Store, host: str = "127.0.0.1", port: int = 5000, sources: Sequence[str | Path] = (),
          dev: bool = False, threads: int = 8, query_timeout: float | None = None,
          write_token: str | None = None) -> None:
    """Serve the viewer and /sparql over a built store on host:port until interrupted. `sources`
    are the strategy files it was built from (their source texts are found beside them)."""
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
    from waitress import create_server

    start(app)  # before create_server starts waitress's threads
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
